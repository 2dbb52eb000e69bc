import { Rule } from "../lib/rule";
import { cacheRules } from "./cache";
import { computeRules } from "./compute";
import { dataLossRules } from "./data-loss";
import { databaseRules } from "./database";
import { iamRules } from "./iam";
import { networkRules } from "./network";
import { observabilityRules } from "./observability";
import { secretsKmsRules } from "./secrets-kms";
import { storageRules } from "./storage";
import { taggingRules } from "./tagging";

/** Every rule of the pack, by resource family, in the order security-rules.md lists them. */
export const RULES: readonly Rule[] = [
    ...taggingRules,
    ...dataLossRules,
    ...networkRules,
    ...computeRules,
    ...databaseRules,
    ...cacheRules,
    ...storageRules,
    ...iamRules,
    ...secretsKmsRules,
    ...observabilityRules,
];
