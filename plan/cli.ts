import { mkdirSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { parseArgs } from "util";
import { ConfigError, REGION } from "../stacks";
import { PlanDocument } from "./contract";
import { RULES } from "../policy/rules";
import { runEngine } from "./engine";
import { estimateCost } from "./cost/estimate";
import { loadPriceTable } from "./cost/price-table";
import { budgetWarning } from "./cost/render-cost";
import { evaluatePolicies } from "./policy-runner";
import { renderPlan } from "./render";
import { applyOverride, readStackConfig, UsageError } from "./stack-files";

/** Exit statuses of the plan CLI (architecture.md, "The offline plan"). */
export const EXIT = {
    ok: 0,
    mandatoryViolation: 1,
    badInput: 2,
    programFailed: 3,
} as const;

const USAGE = "usage: npm run plan -- --stack <local|staging|production> [--json] [--out DIR] [--config KEY=VALUE ...]";

/** The project root: where Pulumi.yaml and the stack files are. */
const ROOT = resolve(__dirname, "..");

interface PlanOptions {
    readonly stack: string;
    readonly json: boolean;
    readonly out?: string;
    readonly overrides: readonly string[];
}

function parseOptions(argv: string[]): PlanOptions {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            options: {
                stack: { type: "string" },
                json: { type: "boolean", default: false },
                out: { type: "string" },
                config: { type: "string", multiple: true, default: [] },
            },
            strict: true,
            allowPositionals: false,
        });
    } catch (err) {
        throw new UsageError(`${(err as Error).message.split("\n")[0]}; ${USAGE}`);
    }
    const { stack, json, out, config } = parsed.values;
    if (!stack) {
        throw new UsageError(`--stack is required; ${USAGE}`);
    }
    return { stack, json: json ?? false, out, overrides: config ?? [] };
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
 * mocks, and runs the policy pack over the result.
 */
export async function planStack(options: PlanOptions): Promise<PlanDocument> {
    let config = readStackConfig(ROOT, options.stack);
    for (const override of options.overrides) {
        config = applyOverride(config, override);
    }
    const plan = await withStdoutOnStderr(() =>
        runEngine({
            project: config.project,
            stack: options.stack,
            program: join(ROOT, "index.ts"),
            config: config.values,
            secretKeys: config.secretKeys,
        }),
    );
    return {
        ...plan,
        policy: { evaluated: true, violations: await evaluatePolicies(plan, RULES) },
        cost: estimateCost(plan.resources, loadPriceTable(REGION)),
    };
}

/** The CLI: parses arguments, plans, prints, and returns the exit status. Never throws. */
export async function main(argv: string[]): Promise<number> {
    try {
        const options = parseOptions(argv);
        const plan = await planStack(options);
        const json = JSON.stringify(plan, null, 2) + "\n";
        if (options.out) {
            mkdirSync(options.out, { recursive: true });
            writeFileSync(join(options.out, "plan.json"), json);
        }
        process.stdout.write(options.json ? json : renderPlan(plan));
        const overBudget = budgetWarning(options.stack, plan.cost);
        if (overBudget) process.stderr.write(`${overBudget}\n`);
        const mandatory = plan.policy.violations.some((v) => v.enforcementLevel === "mandatory");
        return mandatory ? EXIT.mandatoryViolation : EXIT.ok;
    } catch (err) {
        if (err instanceof UsageError || err instanceof ConfigError) {
            process.stderr.write(`${err.message}\n`);
            return EXIT.badInput;
        }
        process.stderr.write(`the program failed: ${err instanceof Error ? err.message : JSON.stringify(err)}\n`);
        return EXIT.programFailed;
    }
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
