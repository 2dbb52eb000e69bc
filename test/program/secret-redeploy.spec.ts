import { strict as assert } from "assert";
import type { PlanResource } from "../../plan/engine/contract";
import { GUIDE_PREFIX, planOf, resourcesOf } from "../helpers/plan";
import { named, sourceOf } from "../helpers/relations";

const RULE = "aws:cloudwatch/eventRule:EventRule";
const TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const MACHINE = "aws:sfn/stateMachine:StateMachine";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ACCOUNT = "111122223333";

/** A JSON input of the plan, parsed. */
const json = (value: unknown) => JSON.parse(String(value)) as Record<string, unknown>;

/** The logical names of the resources an input of `resource` came from. */
const sourcesNamed = (plan: ReturnType<typeof planOf>, resource: PlanResource, property: string) =>
    (resource.options.propertyDependencies[property] ?? [])
        .map((urn) => plan.resources.find((r) => r.urn === urn)!.name)
        .sort();

describe("SecretRedeploy", () => {
    for (const stack of ["staging", "production"] as const) {
        const prefix = GUIDE_PREFIX[stack];
        describe(`in ${stack}`, () => {
            it("redeploys on RDS's RotationSucceeded of the stack's own master secret, and on nothing else", () => {
                const plan = planOf(stack);
                const rule = named(plan, RULE, "secret-redeploy-rotated");
                assert.equal(rule.inputs.name, `${prefix}-secret-rotated`);
                const pattern = json(rule.inputs.eventPattern);
                const detail = pattern.detail as Record<string, Record<string, string[]> | string[]>;
                assert.deepEqual(
                    [pattern.source, pattern["detail-type"], detail.eventSource, detail.eventName],
                    [
                        ["aws.secretsmanager"],
                        ["AWS Service Event via CloudTrail"],
                        ["secretsmanager.amazonaws.com"],
                        ["RotationSucceeded"],
                    ],
                );
                const secretIds = (detail.additionalEventData as Record<string, string[]>).SecretId;
                assert.equal(secretIds.length, 1);
                assert.match(secretIds[0], /^arn:aws:secretsmanager:ca-central-1:\d+:secret:rds!db-/);
                assert.deepEqual(sourcesNamed(plan, rule, "eventPattern"), [`${prefix}-database-instance`]);
            });

            it("redeploys when pulumi up writes a secret the services read: app-key, hmac-keys, redis", () => {
                const plan = planOf(stack);
                const rule = named(plan, RULE, "secret-redeploy-written");
                const pattern = json(rule.inputs.eventPattern);
                const detail = pattern.detail as Record<string, unknown>;
                assert.deepEqual(
                    [pattern["detail-type"], detail.eventName],
                    [["AWS API Call via CloudTrail"], ["PutSecretValue", "UpdateSecret"]],
                );
                const short = stack === "production" ? "prod" : stack;
                assert.deepEqual(
                    ((detail.responseElements as Record<string, string[]>).arn ?? []).map((arn) =>
                        arn.replace(/-[0-9a-f]+$/, ""),
                    ),
                    ["app-key", "hmac-keys", "redis"].map(
                        (s) => `arn:aws:secretsmanager:ca-central-1:${ACCOUNT}:secret:fraud-detector/${short}/${s}`,
                    ),
                );
                assert.deepEqual(sourcesNamed(plan, rule, "eventPattern"), [
                    `${prefix}-secrets-app-key`,
                    `${prefix}-secrets-hmac-keys`,
                    `${prefix}-secrets-redis`,
                ]);
            });

            it("targets both rules at the redeploy state machine, through the events role", () => {
                const plan = planOf(stack);
                const targets = resourcesOf(plan, TARGET);
                assert.deepEqual(targets.map((t) => t.name).sort(), [
                    `${prefix}-secret-redeploy-rotated`,
                    `${prefix}-secret-redeploy-written`,
                ]);
                for (const target of targets) {
                    assert.equal(sourceOf(plan, target, "arn")?.name, `${prefix}-secret-redeploy-machine`);
                    assert.equal(sourceOf(plan, target, "roleArn")?.name, `${prefix}-secret-redeploy-events`);
                    assert.equal(target.inputs.targetId, "secret-redeploy");
                }
            });

            it("forces new deployments of fraud-api and fraud-worker in the stack's cluster, never fraud-ml", () => {
                const machine = named(planOf(stack), MACHINE, "secret-redeploy-machine");
                assert.deepEqual([machine.inputs.name, machine.inputs.type], [`${prefix}-secret-redeploy`, "STANDARD"]);
                const states = json(machine.inputs.definition).States as Record<string, Record<string, unknown>>;
                assert.deepEqual(
                    Object.values(states).map((s) => [s.Resource, s.Parameters]),
                    ["fraud-api", "fraud-worker"].map((service) => [
                        "arn:aws:states:::aws-sdk:ecs:updateService",
                        { Cluster: prefix, Service: service, ForceNewDeployment: true },
                    ]),
                );
            });

            it("lets the state machine's role do one thing: ecs:UpdateService on those two services", () => {
                const plan = planOf(stack);
                const role = named(plan, ROLE, "secret-redeploy-machine");
                const trust = json(role.inputs.assumeRolePolicy).Statement as unknown[];
                assert.deepEqual(trust, [
                    {
                        Effect: "Allow",
                        Principal: { Service: "states.amazonaws.com" },
                        Action: "sts:AssumeRole",
                        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
                    },
                ]);
                const policies = resourcesOf(plan, ROLE_POLICY).filter(
                    (p) => sourceOf(plan, p, "role")?.urn === role.urn,
                );
                assert.equal(policies.length, 1);
                assert.deepEqual(json(policies[0].inputs.policy).Statement, [
                    {
                        Sid: "RedeployServicesThatReadSecrets",
                        Effect: "Allow",
                        Action: "ecs:UpdateService",
                        Resource: ["fraud-api", "fraud-worker"].map(
                            (s) => `arn:aws:ecs:ca-central-1:${ACCOUNT}:service/${prefix}/${s}`,
                        ),
                    },
                ]);
            });

            it("lets the events role do one thing: states:StartExecution on the redeploy state machine", () => {
                const plan = planOf(stack);
                const role = named(plan, ROLE, "secret-redeploy-events");
                assert.deepEqual(
                    (json(role.inputs.assumeRolePolicy).Statement as Array<{ Principal: unknown }>).map(
                        (s) => s.Principal,
                    ),
                    [{ Service: "events.amazonaws.com" }],
                );
                const policies = resourcesOf(plan, ROLE_POLICY).filter(
                    (p) => sourceOf(plan, p, "role")?.urn === role.urn,
                );
                assert.equal(policies.length, 1);
                const statements = json(policies[0].inputs.policy).Statement as Array<Record<string, unknown>>;
                assert.deepEqual(
                    statements.map((s) => [s.Effect, s.Action]),
                    [["Allow", "states:StartExecution"]],
                );
                assert.equal(sourceOf(plan, policies[0], "policy")?.name, `${prefix}-secret-redeploy-machine`);
            });
        });
    }

    it("is absent from local, where RDS does not rotate and the stack stays within LocalStack's coverage", () => {
        const plan = planOf("local");
        assert.deepEqual(
            [RULE, TARGET, MACHINE].map((type) => resourcesOf(plan, type).length),
            [0, 0, 0],
        );
    });

    it("is absent from a stack that turns it off", () => {
        const plan = planOf("staging", ["fraud-detector:secretRotation.redeployServices=false"]);
        assert.deepEqual(
            [RULE, TARGET, MACHINE].map((type) => resourcesOf(plan, type).length),
            [0, 0, 0],
        );
    });
});
