import { Rule } from "../lib/rule";
import { accessRules } from "./access";
import { cacheRules } from "./cache";
import { computeRules } from "./compute";
import { dataLossRules } from "./data-loss";
import { databaseRules } from "./database";
import { iamRules } from "./iam";
import { nameRules } from "./names";
import { networkRules } from "./network";
import { observabilityRules } from "./observability";
import { orderingRules } from "./ordering";
import { secretsKmsRules } from "./secrets-kms";
import { securityGroupRules } from "./security-groups";
import { storageRules } from "./storage";
import { taggingRules } from "./tagging";

/** The rules by resource family (one file each), in the order security-rules.md lists them. */
export const FAMILIES: Readonly<Record<string, readonly Rule[]>> = {
    tagging: taggingRules,
    "data-loss": dataLossRules,
    network: [...networkRules, ...securityGroupRules],
    compute: computeRules,
    database: databaseRules,
    cache: cacheRules,
    storage: storageRules,
    iam: iamRules,
    "secrets-kms": secretsKmsRules,
    access: accessRules,
    observability: observabilityRules,
    names: nameRules,
    ordering: orderingRules,
};

/** Every rule of the pack. */
export const RULES: readonly Rule[] = Object.values(FAMILIES).flat();
