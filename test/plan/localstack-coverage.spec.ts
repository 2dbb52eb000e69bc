import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import { LOCAL_STACK_LOCALSTACK, LOCALSTACK_COVERAGE } from "../../facts/localstack-coverage";
import { endpointProblems, localstackCoverageProblems, serviceOfType } from "../../plan/policy/localstack-coverage";
import { onlyOf, planOf, ROOT, STACKS } from "../helpers/plan";

// The local stack deploys to LocalStack: these tests hold its plan to what LocalStack's plan emulates
// (facts/localstack-coverage.ts). They read LocalStack's published coverage, not a running LocalStack:
// that every call succeeds there only a `pulumi up` against it shows.

const typesOf = (stack: string): string[] => planOf(stack).resources.map((r) => r.type);

/** The `endpoints` keys of the local stack's explicit AWS provider. */
function localEndpointKeys(): string[] {
    const endpoints = onlyOf(planOf("local"), "pulumi:providers:aws").inputs.endpoints;
    const list = (typeof endpoints === "string" ? JSON.parse(endpoints) : endpoints) as Record<string, string>[];
    return list.flatMap((entry) => Object.keys(entry));
}

describe("LocalStack coverage of the local stack", () => {
    it("needs LocalStack's Ultimate plan, from its authenticated image with LOCALSTACK_AUTH_TOKEN", () =>
        assert.deepEqual(LOCAL_STACK_LOCALSTACK, {
            plan: "Ultimate",
            image: "localstack/localstack-pro",
            authTokenVariable: "LOCALSTACK_AUTH_TOKEN",
            source: "https://docs.localstack.cloud/getting-started/auth-token/",
        }));

    it("calls exactly these AWS APIs", () => {
        const services = new Set(typesOf("local").flatMap((type) => serviceOfType(type)?.service ?? []));
        assert.deepEqual([...services].sort(), [
            "application-autoscaling",
            "cloudwatch",
            "ec2",
            "ecr",
            "ecs",
            "elasticache",
            "elbv2",
            "iam",
            "kms",
            "logs",
            "rds",
            "s3",
            "secretsmanager",
            "servicediscovery",
            "sns",
            "ssm",
        ]);
    });

    it("creates only types of services the Ultimate plan emulates", () =>
        assert.deepEqual(localstackCoverageProblems(typesOf("local"), "Ultimate"), []));

    it("would need Ultimate: on Base, Cloud Map (Service Connect's namespace) is missing", () =>
        assert.deepEqual(localstackCoverageProblems(typesOf("local"), "Base"), [
            "aws:servicediscovery/httpNamespace:HttpNamespace: calls servicediscovery, which LocalStack emulates only from its Ultimate plan (https://docs.localstack.cloud/api-coverage/v1/services/servicediscovery.md), so Base cannot create it; turn it off in the local profile (stacks/profiles.ts)",
        ]));

    it("rejects a budget: no LocalStack plan emulates AWS Budgets", () =>
        assert.deepEqual(localstackCoverageProblems([...typesOf("local"), "aws:budgets/budget:Budget"], "Ultimate"), [
            "aws:budgets/budget:Budget: calls budgets, which no LocalStack plan emulates (https://docs.localstack.cloud/api-coverage/v1/index.md), so Ultimate cannot create it; turn it off in the local profile (stacks/profiles.ts)",
        ]));

    it("rejects a type no row maps to an AWS API", () =>
        assert.deepEqual(localstackCoverageProblems(["aws:sqs/queue:Queue"], "Ultimate"), [
            "aws:sqs/queue:Queue: no row says which AWS API it calls; add one to facts/aws/resource-services.ts, with its source",
        ]));

    it("maps CloudWatch log groups to CloudWatch Logs and alarms to CloudWatch", () =>
        assert.deepEqual(
            [
                "aws:cloudwatch/logGroup:LogGroup",
                "aws:cloudwatch/metricAlarm:MetricAlarm",
                "aws:lb/listener:Listener",
            ].map((type) => serviceOfType(type)?.service),
            ["logs", "cloudwatch", "elbv2"],
        ));

    it("maps the redeploy's event rules and targets to EventBridge and its state machine to Step Functions", () =>
        assert.deepEqual(
            [
                "aws:cloudwatch/eventRule:EventRule",
                "aws:cloudwatch/eventTarget:EventTarget",
                "aws:sfn/stateMachine:StateMachine",
            ].map((type) => [serviceOfType(type)?.service, serviceOfType(type)?.endpointKeys]),
            [
                ["events", ["events", "eventbridge", "cloudwatchevents"]],
                ["events", ["events", "eventbridge", "cloudwatchevents"]],
                ["stepfunctions", ["sfn", "stepfunctions"]],
            ],
        ));

    it("knows the AWS API of every type any stack plans", () => {
        const unmapped = STACKS.flatMap((stack) => typesOf(stack)).filter((type) => serviceOfType(type) === undefined);
        assert.deepEqual([...new Set(unmapped)], []);
    });

    it("is listed in the README, each API with its plan, as the facts and the local plan give them", () => {
        // Line breaks are the editor's: read the README as one line of words.
        const readme = readFileSync(join(ROOT, "README.md"), "utf8").replace(/\s+/g, " ");
        const paragraph =
            readme.split("local plan calls these AWS APIs")[1]?.split("No plan emulates AWS Budgets")[0] ?? "";
        const documented = [...paragraph.matchAll(/`([a-z0-9-]+)` \((\w+)\)/g)].map((m) => `${m[1]} ${m[2]}`);
        const planned = [...new Set(typesOf("local").flatMap((type) => serviceOfType(type)?.service ?? []))]
            .sort()
            .map((service) => `${service} ${LOCALSTACK_COVERAGE.find((row) => row.service === service)?.minimumPlan}`);
        assert.ok(documented.length > 0, "the README's list of the local plan's AWS APIs is missing");
        assert.deepEqual(documented, planned);
    });

    describe("the local provider's endpoints", () => {
        it("send every AWS API the local plan calls to LocalStack", () =>
            assert.deepEqual(endpointProblems(typesOf("local"), localEndpointKeys()), []));

        it("reject a provider that leaves the load balancer API on AWS", () =>
            assert.deepEqual(
                endpointProblems(
                    typesOf("local"),
                    localEndpointKeys().filter((key) => key !== "elbv2"),
                ),
                [
                    "elbv2: the local provider's endpoints redirect none of elbv2, elasticloadbalancingv2; add elbv2 to LOCALSTACK_SERVICES (components/aws-provider.ts)",
                ],
            ));
    });
});
