import { strict as assert } from "assert";
import type { PlanDocument } from "../../plan/engine/contract";
import { planOf, resourcesOf, runPlanCli } from "../helpers/plan";

// One setting, fraud-detector:bedrock.modelId, names the Bedrock model: the task roles' grant, the
// Bedrock endpoint's policy and what the policy pack holds them to all follow it.

const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const GUIDE_MODEL = "arn:aws:bedrock:ca-central-1::foundation-model/anthropic.claude-3-haiku-*";
const HAIKU_45_ID = "anthropic.claude-haiku-4-5-20251001-v1:0";
const HAIKU_45 = `arn:aws:bedrock:ca-central-1::foundation-model/${HAIKU_45_ID}`;
const OVERRIDE = [`fraud-detector:bedrock.modelId=${HAIKU_45_ID}`];

interface Statement {
    Action: string[];
    Resource: string[] | string;
}

/** Each task policy's bedrock:InvokeModel resources, by policy name. */
function invokeGrants(plan: PlanDocument): Record<string, unknown> {
    return Object.fromEntries(
        resourcesOf(plan, ROLE_POLICY)
            .filter((p) => p.name.endsWith("-task-policy"))
            .map((p) => [
                p.name.replace(/^fraud-detector-[a-z]+-/, ""),
                (JSON.parse(String(p.inputs.policy)) as { Statement: Statement[] }).Statement.filter((s) =>
                    s.Action.includes("bedrock:InvokeModel"),
                ).flatMap((s) => s.Resource),
            ]),
    );
}

/** The resources the Bedrock endpoint's policy admits. */
function endpointModels(plan: PlanDocument): unknown[] {
    return resourcesOf(plan, ENDPOINT)
        .filter((e) => String(e.inputs.serviceName).endsWith(".bedrock-runtime"))
        .flatMap((e) => (JSON.parse(String(e.inputs.policy)) as { Statement: Statement[] }).Statement)
        .flatMap((s) => s.Resource);
}

/**
 * The pack's findings on the Bedrock grants (local's task roles also hold the ECS Exec channels,
 * an accepted advisory of iam-task-role-per-guide that is not about the model).
 */
function bedrockViolations(plan: PlanDocument): string[] {
    return plan.policy.violations
        .filter(
            (v) =>
                v.policy === "bedrock-endpoint-policy" ||
                (v.policy === "iam-task-role-per-guide" && v.message.includes('bedrock:InvokeModel" on')),
        )
        .map((v) => v.message);
}

describe("the Bedrock model setting (bedrock.modelId)", () => {
    describe("in production", () => {
        it("grants the guide's Claude 3 Haiku by default, to the api and the worker, and the endpoint admits only it", () => {
            const plan = planOf("production");
            assert.deepEqual(invokeGrants(plan), {
                "fraud-api-task-policy": [GUIDE_MODEL],
                "fraud-worker-task-policy": [GUIDE_MODEL],
                "fraud-ml-task-policy": [],
            });
            assert.deepEqual(endpointModels(plan), [GUIDE_MODEL]);
            assert.deepEqual(bedrockViolations(plan), []);
        });

        it("moves the task roles, the endpoint policy and the pack to the configured model together", () => {
            const plan = planOf("production", OVERRIDE);
            assert.deepEqual(invokeGrants(plan), {
                "fraud-api-task-policy": [HAIKU_45],
                "fraud-worker-task-policy": [HAIKU_45],
                "fraud-ml-task-policy": [],
            });
            assert.deepEqual(endpointModels(plan), [HAIKU_45]);
            assert.deepEqual(bedrockViolations(plan), []);
        });
    });

    describe("in local (no endpoint: Bedrock is mocked)", () => {
        it("moves the task roles to the configured model, and the pack accepts it", () => {
            const plan = planOf("local", OVERRIDE);
            assert.deepEqual(invokeGrants(plan), {
                "fraud-api-task-policy": [HAIKU_45],
                "fraud-worker-task-policy": [HAIKU_45],
                "fraud-ml-task-policy": [],
            });
            assert.deepEqual(endpointModels(plan), []);
            assert.deepEqual(bedrockViolations(plan), []);
        });
    });

    it("refuses an inference profile in one line", () => {
        const run = runPlanCli([
            "--stack",
            "staging",
            "--config",
            "fraud-detector:bedrock.modelId=global.anthropic.claude-haiku-4-5-20251001-v1:0",
        ]);
        assert.equal(run.status, 2);
        assert.match(
            run.stderr,
            /^fraud-detector:bedrock\.modelId: "global\.anthropic\.claude-haiku-4-5-20251001-v1:0" is not allowed; expected a Bedrock foundation-model ID such as anthropic\.claude-3-haiku-20240307-v1:0, or a prefix of one ending in \* \(anthropic\.claude-3-haiku-\*\); not an inference profile \(us\., eu\., global\.\)$/m,
        );
    });

    it("refuses a value that is no model ID", () => {
        const run = runPlanCli(["--stack", "staging", "--config", "fraud-detector:bedrock.modelId=claude-haiku"]);
        assert.equal(run.status, 2);
        assert.match(
            run.stderr,
            /^fraud-detector:bedrock\.modelId: "claude-haiku" is not allowed; expected a Bedrock/m,
        );
    });
});
