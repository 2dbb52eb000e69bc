import TAGGABLE_TYPES from "./taggable-types.json";

/**
 * The resource types that take tags: every @pulumi/aws type whose Args have `tags` (generated from
 * the installed SDK by `npm run policy:taggable`), plus awsx's VPC, which passes them to its children.
 */
export const TAGGABLE: ReadonlySet<string> = new Set<string>([...TAGGABLE_TYPES, "awsx:ec2:Vpc"]);
