/**
 * Exit statuses of the plan CLI (architecture.md, "The offline plan"), in a module of their own so
 * that the CLI and what it runs in child processes read them from one place.
 */
export const EXIT = {
    ok: 0,
    mandatoryViolation: 1,
    badInput: 2,
    programFailed: 3,
} as const;
