import { parseArgs } from "util";
import { ConfigError } from "../../stacks";
import { budgetWarning } from "../cost/render-cost";
import { diffStacks } from "../diff/diff-stacks";
import { renderDiff } from "../diff/render";
import { EXIT } from "../engine/exit-status";
import { readStackConfig, UsageError } from "../engine/stack-files";
import { planStack, PROJECT_ROOT, StackToPlan } from "../report/plan-stack";
import { writeReport } from "../report/write-report";
import { renderPlan } from "./render";

const USAGE =
    "usage: npm run plan -- --stack <local|staging|production> [--json] [--out DIR] [--config KEY=VALUE ...] [--usage KEY=VALUE ...]" +
    " | --diff FROM TO [--json]";

/** `--stack S`: one stack's plan, printed, as JSON, and written as a report to `--out`. */
interface PlanOptions extends StackToPlan {
    readonly json: boolean;
    readonly out?: string;
}

/** `--diff FROM TO`: the two stacks to compare, each planned as its stack file stands. */
interface DiffOptions {
    readonly from: string;
    readonly to: string;
    readonly json: boolean;
}

function parseOptions(argv: string[]): PlanOptions | DiffOptions {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            options: {
                stack: { type: "string" },
                // A switch, with the stacks as positionals: `--diff A B` and `--diff A --diff B` both
                // parse to the positionals [A, B], in the order given, FROM then TO.
                diff: { type: "boolean", default: false },
                json: { type: "boolean", default: false },
                out: { type: "string" },
                config: { type: "string", multiple: true, default: [] },
                usage: { type: "string", multiple: true, default: [] },
            },
            strict: true,
            allowPositionals: true,
        });
    } catch (err) {
        throw new UsageError(`${(err as Error).message.split("\n")[0]}; ${USAGE}`);
    }
    const { stack, diff, json, out, config, usage } = parsed.values;
    const { positionals } = parsed;
    if (diff) {
        const planFlags = {
            "--stack": stack,
            "--out": out,
            "--config": config?.length ? config : undefined,
            "--usage": usage?.length ? usage : undefined,
        };
        return parseDiff(positionals, planFlags, json ?? false);
    }
    if (positionals.length > 0) {
        throw new UsageError(`unexpected argument ${positionals[0]}; ${USAGE}`);
    }
    if (!stack) {
        throw new UsageError(`--stack is required; ${USAGE}`);
    }
    return { stack, json: json ?? false, out, overrides: config ?? [], usage: usage ?? [] };
}

/** Checks `--diff`'s stacks before anything is planned: two, different, each with a stack file. */
function parseDiff(stacks: readonly string[], planFlags: Record<string, unknown>, json: boolean): DiffOptions {
    // --stack, --out, --config and --usage shape one stack's plan; a diff plans each stack as its file stands.
    const planFlag = Object.keys(planFlags).find((flag) => planFlags[flag] !== undefined);
    if (planFlag) {
        throw new UsageError(`${planFlag} does not go with --diff; ${USAGE}`);
    }
    if (stacks.length !== 2) {
        throw new UsageError(`--diff takes two stacks, FROM and TO; got ${stacks.length}; ${USAGE}`);
    }
    const [from, to] = stacks;
    if (from === to) {
        throw new UsageError(`--diff compares two different stacks; got ${from} twice`);
    }
    for (const stack of stacks) readStackConfig(PROJECT_ROOT, stack);
    return { from, to, json };
}

/** `--diff`: prints what differs. Exit 0 once both are planned: a diff informs, each stack's plan is the gate. */
async function runDiff(options: DiffOptions): Promise<number> {
    const diff = await diffStacks(options.from, options.to);
    process.stdout.write(options.json ? JSON.stringify(diff, null, 2) + "\n" : renderDiff(diff));
    return EXIT.ok;
}

/** The CLI: parses arguments, plans (or diffs), prints, and returns the exit status. Never throws. */
export async function main(argv: string[]): Promise<number> {
    try {
        const options = parseOptions(argv);
        if ("from" in options) {
            return await runDiff(options);
        }
        const plan = await planStack(options);
        const json = JSON.stringify(plan, null, 2) + "\n";
        if (options.out) {
            await writeReport(options.out, plan, json);
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
