import { Rule } from "../lib/rule";

/** The network rules of security-rules.md. */
export const networkRules: readonly Rule[] = [];
