import type { ResourceNameRule } from "./resource-name-types";
import { NAMED_RESOURCES } from "./resource-names-named";
import { UNNAMED_RESOURCES } from "./resource-names-unnamed";

export type { AutoNameRule, ForbiddenForm, NamePrefixRule, ResourceNameRule } from "./resource-name-types";

/**
 * What AWS accepts as the physical name of every AWS resource type the program creates, by type
 * token: the name input, its length, characters and case, the forms AWS refuses, how pulumi-aws
 * auto-names it and the limit of its prefix input, each with its source. A type whose token is not
 * here has not been looked up yet; a test fails when a stack plans one.
 */
export const RESOURCE_NAMES: Readonly<Record<string, ResourceNameRule>> = {
    ...NAMED_RESOURCES,
    ...UNNAMED_RESOURCES,
};
