import { Rule } from "../lib/rule";

/** The observability rules of security-rules.md. */
export const observabilityRules: readonly Rule[] = [];
