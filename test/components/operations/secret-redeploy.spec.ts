import { strict as assert } from "assert";
import { SecretRedeploy, SecretRedeployArgs } from "../../../components/operations/secret-redeploy";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
const SERVICE_ARN = (service: string) => `arn:aws:ecs:ca-central-1:111122223333:service/fraud-detector-prod/${service}`;
const SECRET = (name: string) => `arn:aws:secretsmanager:ca-central-1:111122223333:secret:${name}`;
/** Production: the api and the worker read secrets. */
const PRODUCTION: SecretRedeployArgs = {
    namePrefix: "fraud-detector-prod",
    clusterName: "fraud-detector-prod",
    services: { "fraud-api": SERVICE_ARN("fraud-api"), "fraud-worker": SERVICE_ARN("fraud-worker") },
    rotatedSecretArns: [SECRET("rds-master")],
    writtenSecretArns: [SECRET("app-key"), SECRET("hmac-keys"), SECRET("redis")],
    tags: TAGS,
    roleBoundaryArn: "arn:aws:iam::111122223333:policy/boundaries/fraud-detector-prod-role-boundary",
};

const build = (args: SecretRedeployArgs) => () => new SecretRedeploy("redeploy", args);

interface StateMachineDefinition {
    StartAt: string;
    States: Record<string, { Parameters: { Service: string }; Next?: string; End?: boolean }>;
}

describe("components/operations SecretRedeploy (built in-process)", () => {
    const cases = [
        {
            title: "two services, redeployed one after the other",
            args: PRODUCTION,
            services: ["fraud-api", "fraud-worker"],
        },
        {
            title: "one service",
            args: { ...PRODUCTION, services: { "fraud-api": SERVICE_ARN("fraud-api") } },
            services: ["fraud-api"],
        },
    ];
    for (const c of cases) {
        describe(c.title, () => {
            const built = builtOnce(build(c.args));

            it("creates the machine and its bounded role, the events role, two rules and their targets", async () => {
                const { children, parentName, ofType } = await built();
                assert.deepEqual(children.map((r) => `${r.type} ${r.name}`).sort(), [
                    "aws:cloudwatch/eventRule:EventRule redeploy-rotated",
                    "aws:cloudwatch/eventRule:EventRule redeploy-written",
                    "aws:cloudwatch/eventTarget:EventTarget redeploy-rotated",
                    "aws:cloudwatch/eventTarget:EventTarget redeploy-written",
                    "aws:iam/role:Role redeploy-events",
                    "aws:iam/role:Role redeploy-machine",
                    "aws:iam/rolePolicy:RolePolicy redeploy-events",
                    "aws:iam/rolePolicy:RolePolicy redeploy-machine",
                    "aws:sfn/stateMachine:StateMachine redeploy-machine",
                ]);
                assert.ok(children.every((r) => parentName(r) === "redeploy"));
                for (const role of ofType("aws:iam/role:Role")) {
                    assert.equal(role.inputs.permissionsBoundary, PRODUCTION.roleBoundaryArn);
                }
            });

            it("forces a new deployment of each service in turn, and may update only those", async () => {
                const { child } = await built();
                const machine = child("aws:sfn/stateMachine:StateMachine", "redeploy-machine");
                assert.equal(machine.inputs.name, "fraud-detector-prod-secret-redeploy");
                const definition = JSON.parse(String(machine.inputs.definition)) as StateMachineDefinition;
                assert.equal(definition.StartAt, `Redeploy ${c.services[0]}`);
                assert.deepEqual(
                    Object.values(definition.States).map((s) => [s.Parameters.Service, s.Next ?? "end"]),
                    c.services.map((s, i) => [s, i + 1 < c.services.length ? `Redeploy ${c.services[i + 1]}` : "end"]),
                );
                const policy = JSON.parse(
                    String(child("aws:iam/rolePolicy:RolePolicy", "redeploy-machine").inputs.policy),
                ) as {
                    Statement: { Action: string; Resource: string[] }[];
                };
                assert.deepEqual(policy.Statement[0].Resource, c.services.map(SERVICE_ARN));
            });

            it("starts it on RDS's rotation of the master secret and on a write of the others", async () => {
                const { child, outputs } = await built();
                const rotated = child("aws:cloudwatch/eventRule:EventRule", "redeploy-rotated").inputs;
                const written = child("aws:cloudwatch/eventRule:EventRule", "redeploy-written").inputs;
                assert.deepEqual(
                    [rotated.name, written.name],
                    ["fraud-detector-prod-secret-rotated", "fraud-detector-prod-secret-written"],
                );
                const pattern = (rule: Record<string, unknown>) =>
                    JSON.parse(String(rule.eventPattern)) as { detail: Record<string, unknown> };
                assert.deepEqual(pattern(rotated).detail.additionalEventData, { SecretId: [SECRET("rds-master")] });
                assert.deepEqual(pattern(written).detail.responseElements, {
                    arn: [SECRET("app-key"), SECRET("hmac-keys"), SECRET("redis")],
                });
                assert.deepEqual(outputs.ruleNames, [
                    "fraud-detector-prod-secret-rotated",
                    "fraud-detector-prod-secret-written",
                ]);
            });
        });
    }

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<SecretRedeployArgs>[] = [
        [
            "stack tags that would lose the machine's Name",
            { tags: { ...TAGS, Name: "shared" } },
            'tag Name is set by the stack to "shared" and cannot be changed to "fraud-detector-prod-secret-redeploy"',
        ],
    ];
    refusesEach(build, PRODUCTION, ARGUMENT_ERRORS);
});
