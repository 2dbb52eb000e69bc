import { readFileSync } from "fs";
import { parseArgs } from "util";
import { RULES } from "../policy/rules";
import { EXIT } from "./cli";
import { PlanDocument } from "./contract";
import { judgePolicies } from "./policy-phase";
import { renderViolations } from "./render-violations";

const USAGE = "usage: npm run policy -- <plan.json> [--json]";

/**
 * `npm run policy -- plan.json [--json]`: runs the policy pack over any plan file, so the pack can
 * be tried on plans the program would never produce. Exit 1 on a mandatory violation, 2 on bad
 * usage or an unreadable plan.
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
    let plan: PlanDocument;
    try {
        plan = JSON.parse(readFileSync(file, "utf8")) as PlanDocument;
        if (!Array.isArray(plan.resources)) {
            throw new Error("it has no resources list");
        }
    } catch (err) {
        process.stderr.write(`${file}: not a plan document (${(err as Error).message.split("\n")[0]}); ${USAGE}\n`);
        return EXIT.badInput;
    }
    const violations = await judgePolicies(plan, RULES);
    process.stdout.write(json ? JSON.stringify({ violations }, null, 2) + "\n" : renderViolations(violations) + "\n");
    return violations.some((v) => v.enforcementLevel === "mandatory") ? EXIT.mandatoryViolation : EXIT.ok;
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
