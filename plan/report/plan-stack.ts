import { join, resolve } from "path";
import { REGION } from "../../stacks";
import { RULES } from "../../policy/rules";
import type { PlanDocument } from "../engine/contract";
import { runEngine } from "../engine/engine";
import { applyOverride, readStackConfig, UsageError } from "../engine/stack-files";
import { estimateCost } from "../cost/estimate";
import { loadPriceTable } from "../cost/price-table";
import { resolveUsage } from "../cost/usage-assumptions";
import { judgePolicies } from "../policy/policy-phase";

/**
 * The whole plan of one stack, as `npm run plan` and `npm run diagram` print and draw it: the
 * program under the mocks, then the policy pack's verdict and the cost estimate over the result.
 *
 * @module
 */

/** The project root: where Pulumi.yaml and the stack files are. */
export const PROJECT_ROOT = resolve(__dirname, "..", "..");

/** Which stack to plan, and the `KEY=VALUE` overrides of its config. */
export interface StackToPlan {
    readonly stack: string;
    readonly overrides: readonly string[];
    /** `--usage KEY=VALUE`: cost usage assumptions to override (plan/cost/usage-assumptions.ts). */
    readonly usage?: readonly string[];
}

/**
 * Runs the program with stdout diverted to stderr, so that `--json` prints the document and nothing
 * else even when the program logs (`pulumi.log.info` and `console.log` write to stdout).
 */
async function withStdoutOnStderr<T>(work: () => Promise<T>): Promise<T> {
    const stdoutWrite = process.stdout.write.bind(process.stdout);
    process.stdout.write = process.stderr.write.bind(process.stderr);
    try {
        return await work();
    } finally {
        process.stdout.write = stdoutWrite;
    }
}

/**
 * Builds the plan of one stack: reads its files, applies overrides, runs the program under the
 * mocks, and runs the policy pack and the cost estimate over the result.
 */
export async function planStack(options: StackToPlan): Promise<PlanDocument> {
    let usage;
    try {
        usage = resolveUsage(options.usage ?? []);
    } catch (err) {
        throw new UsageError((err as Error).message);
    }
    let config = readStackConfig(PROJECT_ROOT, options.stack);
    for (const override of options.overrides) {
        config = applyOverride(config, override);
    }
    const plan = await withStdoutOnStderr(() =>
        runEngine({
            project: config.project,
            stack: options.stack,
            program: join(PROJECT_ROOT, "index.ts"),
            config: config.values,
            secretKeys: config.secretKeys,
        }),
    );
    return {
        ...plan,
        policy: { evaluated: true, violations: await judgePolicies(plan, RULES) },
        cost: estimateCost(plan.resources, loadPriceTable(REGION), usage),
    };
}
