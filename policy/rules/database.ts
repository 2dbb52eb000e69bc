import { Rule } from "../lib/rule";

/** The database rules of security-rules.md. */
export const databaseRules: readonly Rule[] = [];
