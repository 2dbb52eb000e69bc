import { Rule } from "../lib/rule";

/** The storage rules of security-rules.md. */
export const storageRules: readonly Rule[] = [];
