import { strict as assert } from "assert";
import { judgePolicies } from "../../plan/policy/policy-phase";
import { RULES } from "../../policy/rules";
import { planOf } from "../helpers/plan";
import { planWith, resource, stackTags } from "./harness";

const rule = (id: string) => RULES.filter((r) => r.name === id);

describe("preview versus up: when a real deploy meets each violation", () => {
    const vpc = resource("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16", tags: stackTags() }, { name: "main-vpc" });

    it("a resource rule over known inputs is caught by pulumi preview", async () => {
        const subnet = resource(
            "aws:ec2/subnet:Subnet",
            { vpcId: "main-vpc-id", mapPublicIpOnLaunch: true, tags: { ...stackTags(), SubnetType: "Private" } },
            { from: { vpcId: [vpc] } },
        );
        const found = await judgePolicies(planWith([vpc, subnet]), rule("vpc-layout"));
        assert.deepEqual(
            found.map((v) => [v.enforcementLevel, v.decidedAt, v.message]),
            [["mandatory", "preview", 'a "Private" subnet maps public IPs on launch; set mapPublicIpOnLaunch: false']],
        );
    });

    it("a check that reads an ARN of a resource not yet created decides only at pulumi up; the rule's other checks still at preview", async () => {
        const group = resource("aws:cloudwatch/logGroup:LogGroup", { tags: stackTags() }, { name: "flow-group" });
        const log = resource(
            "aws:ec2/flowLog:FlowLog",
            {
                vpcId: "main-vpc-id",
                trafficType: "ACCEPT",
                logDestinationType: "cloud-watch-logs",
                logDestination: "arn:aws:logs:ca-central-1:111122223333:log-group:flow-group-id",
                tags: stackTags(),
            },
            { from: { vpcId: [vpc], logDestination: [group] } },
        );
        const found = await judgePolicies(planWith([vpc, group, log]), rule("vpc-flow-logs"));
        // trafficType is the flow log's own (issue #11); the missing role is judged only once the
        // destination it follows is known.
        assert.deepEqual(
            found.map((v) => [v.enforcementLevel, v.decidedAt, v.message]),
            [
                ["mandatory", "preview", 'trafficType is "ACCEPT"; set trafficType: "ALL"'],
                [
                    "mandatory",
                    "up",
                    "iamRoleArn is unset; CloudWatch Logs delivery needs a role vpc-flow-logs.amazonaws.com can assume",
                ],
            ],
        );
    });

    it("says nothing when nothing is violated", async () =>
        assert.deepEqual(await judgePolicies(planWith([vpc]), rule("vpc-layout")), []));

    it("marks every violation of a real stack's plan, and the task definitions' rule as up: their container definitions embed values created in the same deploy (image repository URLs, secret ARNs)", () => {
        const violations = planOf("production").policy.violations;
        assert.ok(violations.length > 0);
        assert.ok(violations.every((v) => v.decidedAt === "preview" || v.decidedAt === "up"));
        const tasks = violations.filter((v) => v.policy === "ecs-container-least-privilege");
        assert.deepEqual(
            tasks.map((v) => v.decidedAt),
            ["up", "up"],
        );
    });
});
