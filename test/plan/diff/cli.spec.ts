import { strict as assert } from "assert";
import type { PlanDiff } from "../../../plan/diff/contract";
import { diffPlans } from "../../../plan/diff/compare";
import { formatValue, renderDiff } from "../../../plan/diff/render";
import { planOf, runPlanCli } from "../../helpers/plan";

/** The lines on stderr, without npm's own warnings. */
const stderrLines = (stderr: string): string[] =>
    stderr.split("\n").filter((line) => line !== "" && !line.startsWith("npm warn"));

describe("plan CLI --diff", () => {
    describe("staging production", () => {
        const json = runPlanCli(["--diff", "staging", "production", "--json"]);
        // The other spelling of the same request: each stack after its own --diff.
        const text = runPlanCli(["--diff", "staging", "--diff", "production"]);

        it("exits 0 and prints one JSON document: the diff of the two stacks' own plans", () => {
            assert.equal(json.status, 0, json.stderr);
            assert.deepEqual(JSON.parse(json.stdout) as PlanDiff, diffPlans(planOf("staging"), planOf("production")));
        });

        it("prints the same content readably, with --diff A --diff B", () => {
            assert.equal(text.status, 0, text.stderr);
            assert.equal(text.stdout, renderDiff(JSON.parse(json.stdout) as PlanDiff));
        });

        it("shows every change of the JSON form as a row: resource, setting, staging's value, production's", () => {
            const rows = text.stdout.split("\n").map((line) => line.trim().split(/ {2,}/));
            const diff = JSON.parse(json.stdout) as PlanDiff;
            const changes = diff.components.flatMap((c) => c.changes);
            assert.ok(changes.length >= 6, `changes: ${changes.length}`);
            for (const c of changes) {
                const row = [c.resource, c.setting, formatValue(c.from), formatValue(c.to)];
                assert.ok(
                    rows.some((cells) => JSON.stringify(cells) === JSON.stringify(row)),
                    row.join(" | "),
                );
            }
            assert.ok(
                rows.some((cells) => cells.join(" ") === "database-instance instanceClass db.t3.small db.r5.large"),
            );
        });

        it("writes nothing on stderr", () => {
            assert.deepEqual([stderrLines(json.stderr), stderrLines(text.stderr)], [[], []]);
        });
    });

    // Bad usage: exit 2, one line on stderr, nothing on stdout, and nothing planned.
    const badUsage: Array<[string, string[], RegExp]> = [
        [
            "an unknown stack",
            ["--diff", "staging", "qa"],
            /^no stack file Pulumi\.qa\.yaml; stacks with a file: local, production, staging$/,
        ],
        [
            "the same stack twice",
            ["--diff", "production", "production"],
            /^--diff compares two different stacks; got production twice$/,
        ],
        [
            "a missing second stack",
            ["--diff", "staging"],
            /^--diff takes two stacks, FROM and TO; got 1; usage: npm run plan -- /,
        ],
        [
            "a third stack",
            ["--diff", "local", "staging", "production"],
            /^--diff takes two stacks, FROM and TO; got 3; usage: /,
        ],
        [
            "--stack with --diff",
            ["--diff", "staging", "production", "--stack", "local"],
            /^--stack does not go with --diff; usage: /,
        ],
        [
            "--config with --diff",
            ["--diff", "staging", "production", "--config", "fraud-detector:database.multiAz=false"],
            /^--config does not go with --diff; usage: /,
        ],
        [
            "--usage with --diff",
            ["--diff", "staging", "production", "--usage", "natGbPerGateway=5"],
            /^--usage does not go with --diff; usage: /,
        ],
        [
            "a stack name without --diff",
            ["--stack", "staging", "production"],
            /^unexpected argument production; usage: /,
        ],
    ];
    for (const [what, args, message] of badUsage) {
        it(`rejects ${what}: exit 2, one line, no stack trace`, () => {
            const run = runPlanCli(args);
            assert.equal(run.status, 2);
            assert.equal(run.stdout, "");
            const lines = stderrLines(run.stderr);
            assert.equal(lines.length, 1, run.stderr);
            assert.match(lines[0], message);
        });
    }

    it("names --diff in the usage line", () => {
        assert.match(runPlanCli([]).stderr, /usage: npm run plan -- --stack .* \| --diff FROM TO \[--json\]/);
    });
});
