import { Rule } from "../lib/rule";

/** The iam rules of security-rules.md. */
export const iamRules: readonly Rule[] = [];
