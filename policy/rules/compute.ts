import { Rule } from "../lib/rule";

/** The compute rules of security-rules.md. */
export const computeRules: readonly Rule[] = [];
