import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { join } from "path";
import { PlanDocument } from "../../plan/engine/contract";
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

describe("plan/engine/engine", () => {
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
                "the offline plan has no answer for data source aws:ec2/getAmi:getAmi; add one to plan/engine/mock-aws.ts",
        });
    });

    describe("physical names, as pulumi-aws's Check gives them", () => {
        const byName = (plan: PlanDocument, name: string) => plan.resources.find((r) => r.name === name);
        // One engine run (about 5 s) for the three cases of the same program.
        let planned: PlanDocument | undefined;
        const autoNamed = () => (planned ??= engineOver("auto-named.ts"));

        it("puts the auto-name into the inputs, as a real preview shows it: the logical name, - and 7 hex digits", () => {
            const group = byName(autoNamed(), "fd-test-blue");
            assert.match(String(group?.inputs.name), /^fd-test-blue-[0-9a-f]{7}$/);
            assert.equal(group?.inputs.name, group?.outputs.name);
        });

        it("lowercases the logical name where the provider does (bucket names)", () =>
            assert.match(
                String(byName(autoNamed(), "Mixed-Case-Models")?.inputs.bucket),
                /^mixed-case-models-[0-9a-f]{7}$/,
            ));

        it("keeps a given name, and leaves a prefixed name out of the inputs (Terraform picks it at create)", () => {
            const plan = autoNamed();
            assert.equal(byName(plan, "given")?.inputs.bucket, "fraud-detector-test-given");
            const prefixed = byName(plan, "prefixed");
            assert.equal(prefixed?.inputs.name, undefined);
            assert.match(String(prefixed?.outputs.name), /^fdt-[0-9a-f]{26}$/);
        });

        it("fails the plan, as the bridge fails a preview, when the auto-name cannot fit the provider's limit", () =>
            assert.deepEqual(engineOver("long-target-group.ts"), {
                error: "ProgramError",
                message:
                    "failed to register new resource fraud-detector-prod-alb-blue [aws:lb/targetGroup:TargetGroup]: could not make instance of 'aws:lb/targetGroup:TargetGroup': name 'fraud-detector-prod-alb-blue-' plus 7 random chars is longer than maximum length 32",
            }));
    });
});
