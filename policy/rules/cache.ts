import { Rule } from "../lib/rule";

/** The cache rules of security-rules.md. */
export const cacheRules: readonly Rule[] = [];
