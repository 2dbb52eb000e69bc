import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { join } from "path";
import { PlanDocument } from "../../plan/contract";
import { ROOT, TS_LOADER } from "../helpers/plan";

/** Runs the mock engine over a fixture program in its own process (the runtime is global state). */
function engineOver(fixture: string): PlanDocument & { error?: string; message?: string } {
    const run = spawnSync(
        process.execPath,
        ["-r", TS_LOADER, join(__dirname, "fixtures", "run-engine.ts"), join(__dirname, "fixtures", fixture)],
        { cwd: ROOT, encoding: "utf8" },
    );
    return JSON.parse(run.stdout) as PlanDocument & { error?: string; message?: string };
}

describe("plan/engine", () => {
    it("waits for resources registered late, from inside an apply and a timer", () => {
        const plan = engineOver("late-registration.ts");
        assert.deepEqual(
            plan.resources.filter((r) => r.type === "aws:cloudwatch/logGroup:LogGroup").map((r) => r.name),
            ["early", "late"],
        );
        assert.deepEqual(plan.outputs, { early: "/early" });
    });

    it("fails the plan when a data source has no mock answer, naming the token", () => {
        assert.deepEqual(engineOver("unknown-data-source.ts"), {
            error: "ProgramError",
            message:
                "the offline plan has no answer for data source aws:ec2/getAmi:getAmi; add one to plan/mock-aws.ts",
        });
    });
});
