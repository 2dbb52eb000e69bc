import { Rule } from "../lib/rule";

/** The secrets-kms rules of security-rules.md. */
export const secretsKmsRules: readonly Rule[] = [];
