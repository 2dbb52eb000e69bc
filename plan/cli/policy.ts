import { parseArgs } from "util";
import type { PlanViolation } from "../engine/contract";
import { EXIT } from "../engine/exit-status";
import { PlanFileError } from "../engine/read-plan";
import { judgePlanFile } from "../policy/judge-plan-file";
import { PolicyCrash } from "../policy/policy-runner";
import { renderViolations } from "../policy/render-violations";

const USAGE = "usage: npm run policy -- <plan.json> [--json]";

/**
 * `npm run policy -- plan.json [--json]`: runs the policy pack over any plan file, so the pack can
 * be tried on plans the program would never produce. The file is checked against the plan contract
 * before any rule runs. Exit 1 on a mandatory violation and for nothing else; 2, with one line on
 * stderr, on bad usage, an unreadable or malformed plan, or a rule that fails on the document.
 */
export async function main(argv: string[]): Promise<number> {
    let file: string;
    let json: boolean;
    try {
        const parsed = parseArgs({
            args: argv,
            options: { json: { type: "boolean", default: false } },
            allowPositionals: true,
        });
        if (parsed.positionals.length !== 1) {
            throw new Error("expected exactly one plan file");
        }
        file = parsed.positionals[0];
        json = parsed.values.json ?? false;
    } catch (err) {
        process.stderr.write(`${(err as Error).message.split("\n")[0]}; ${USAGE}\n`);
        return EXIT.badInput;
    }
    let violations: PlanViolation[];
    try {
        violations = await judgePlanFile(file);
    } catch (err) {
        if (!(err instanceof PlanFileError || err instanceof PolicyCrash)) {
            throw err;
        }
        // Exit 1 says "a mandatory violation"; a document the pack cannot judge is not one.
        process.stderr.write(`${err.message.split("\n")[0]}\n`);
        return EXIT.badInput;
    }
    process.stdout.write(json ? JSON.stringify({ violations }, null, 2) + "\n" : renderViolations(violations) + "\n");
    return violations.some((v) => v.enforcementLevel === "mandatory") ? EXIT.mandatoryViolation : EXIT.ok;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (err: unknown) => {
            // A defect of the runner itself: one line, and never 1, which would read as a violation.
            process.stderr.write(`policy runner failed: ${String((err as Error)?.message ?? err).split("\n")[0]}\n`);
            process.exitCode = EXIT.programFailed;
        },
    );
}
