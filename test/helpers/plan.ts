import { spawnSync } from "child_process";
import { join } from "path";
import type { PlanDocument, PlanResource } from "../../plan/engine/contract";

/** The project root. */
export const ROOT = join(__dirname, "..", "..");

/** The loader `npm run plan` runs TypeScript with (plan/engine/ts-hook.cjs); child processes use it too. */
export const TS_LOADER = join(ROOT, "plan", "engine", "ts-hook.cjs");

/** What one run of the plan CLI printed and how it exited. */
export interface CliRun {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/**
 * Runs the plan CLI in a child process, exactly as `npm run plan` does (one stack per process: the
 * Pulumi runtime is global state), and returns what it printed.
 */
export function runPlanCli(args: readonly string[]): CliRun {
    const result = spawnSync(process.execPath, ["-r", TS_LOADER, join(ROOT, "plan", "cli", "plan.ts"), ...args], {
        cwd: ROOT,
        encoding: "utf8",
    });
    return {
        status: result.status,
        stdout: result.stdout,
        stderr: result.stderr,
    };
}

/** What the plan CLI exits with when a mandatory policy is violated somewhere in the stack. */
const EXIT_MANDATORY_VIOLATION = 1;

const cache = new Map<string, { readonly status: number | null; readonly plan: PlanDocument }>();

/** One memoized run of `--stack S --json`: the exit status with the plan; other failures throw. */
function plannedRun(stack: string, overrides: readonly string[]): { status: number | null; plan: PlanDocument } {
    const key = JSON.stringify([stack, overrides]);
    const cached = cache.get(key);
    if (cached) {
        return cached;
    }
    const run = runPlanCli(["--stack", stack, "--json", ...overrides.flatMap((o) => ["--config", o])]);
    if (run.status !== 0 && run.status !== EXIT_MANDATORY_VIOLATION) {
        throw new Error(`plan of ${stack} exited ${run.status}: ${run.stderr}`);
    }
    const planned = { status: run.status, plan: JSON.parse(run.stdout) as PlanDocument };
    cache.set(key, planned);
    return planned;
}

/** The JSON plan of `stack` with `--config` overrides; memoized, since each run costs a second or two. */
export function planOf(stack: string, overrides: readonly string[] = []): PlanDocument {
    const { status, plan } = plannedRun(stack, overrides);
    if (status !== 0) {
        const mandatory = plan.policy.violations.filter((v) => v.enforcementLevel === "mandatory");
        throw new Error(`plan of ${stack} exited ${status}: ${mandatory.map((v) => v.message).join("; ")}`);
    }
    return plan;
}

/**
 * The plan of `stack` even when a mandatory policy is violated somewhere in it (exit 1), for
 * component tests that judge their own resources and findings, not the whole stack's. Shares
 * `planOf`'s memo.
 */
export function planAllowingViolations(stack: string, overrides: readonly string[] = []): PlanDocument {
    return plannedRun(stack, overrides).plan;
}

/** Every resource of `type` in the plan. */
export function resourcesOf(plan: PlanDocument, type: string): PlanResource[] {
    return plan.resources.filter((r) => r.type === type);
}

/** The one resource of `type`; fails when there is not exactly one. */
export function onlyOf(plan: PlanDocument, type: string): PlanResource {
    const found = resourcesOf(plan, type);
    if (found.length !== 1) {
        throw new Error(`expected exactly one ${type}, found ${found.length}`);
    }
    return found[0];
}

/** The resource whose mock id or ARN is `reference` (lib/relations/references.ts, shared with the diagram). */
export { resolveReference } from "../../lib/relations/references";

/** The stacks with a stack file. */
export const STACKS = ["local", "staging", "production"] as const;

/**
 * The guide's name prefix of each stack's physical resources, stated here once as the tests'
 * expectation (the program derives it in stacks/resolve.ts; the tests must not read it from there).
 */
export const GUIDE_PREFIX: Readonly<Record<(typeof STACKS)[number], string>> = {
    production: "fraud-detector-prod",
    staging: "fraud-detector-staging",
    local: "fraud-detector-local",
};
