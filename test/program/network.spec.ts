import { strict as assert } from "assert";
import { tagsOf } from "../../lib/relations/resources";
import { TAGGABLE } from "../../policy/lib/taggable";
import { onlyOf, planOf, resolveReference, resourcesOf, STACKS } from "../helpers/plan";
import { named } from "../helpers/relations";

/** What the guide and the profiles give each stack's network. */
const EXPECTED = {
    production: { nat: "OnePerAz", retention: 365, prefix: "fraud-detector-prod" },
    staging: { nat: "Single", retention: 30, prefix: "fraud-detector-staging" },
    local: { nat: "None", retention: 7, prefix: "fraud-detector-local" },
} as const;

function parsePolicy(policy: unknown): { Statement: Array<Record<string, unknown>> } {
    assert.equal(typeof policy, "string");
    return JSON.parse(policy as string) as { Statement: Array<Record<string, unknown>> };
}

describe("Network", () => {
    for (const stack of STACKS) {
        describe(`in ${stack}`, () => {
            const expected = EXPECTED[stack];

            it("is the guide's VPC: 10.0.0.0/16 over ca-central-1a and ca-central-1b, DNS on", () => {
                const vpc = onlyOf(planOf(stack), "awsx:ec2:Vpc");
                assert.equal(vpc.inputs.cidrBlock, "10.0.0.0/16");
                assert.deepEqual(vpc.inputs.availabilityZoneNames, ["ca-central-1a", "ca-central-1b"]);
                assert.equal(vpc.inputs.enableDnsHostnames, true);
                assert.equal(vpc.inputs.enableDnsSupport, true);
            });

            it("has public /24, private /20 and isolated /24 subnets in each AZ", () => {
                const vpc = onlyOf(planOf(stack), "awsx:ec2:Vpc");
                const specs = vpc.inputs.subnetSpecs as Array<{ type: string; cidrMask: number }>;
                assert.deepEqual(
                    specs.map((s) => [s.type, s.cidrMask]),
                    [
                        ["Public", 24],
                        ["Private", 20],
                        ["Isolated", 24],
                    ],
                );
                assert.equal(vpc.inputs.subnetStrategy, "Auto");
            });

            it(`uses the NAT strategy ${expected.nat}`, () => {
                const vpc = onlyOf(planOf(stack), "awsx:ec2:Vpc");
                assert.deepEqual(vpc.inputs.natGateways, { strategy: expected.nat });
            });

            it("exports one subnet id per AZ and tier", () => {
                const outputs = planOf(stack).outputs;
                for (const key of ["publicSubnetIds", "privateSubnetIds", "isolatedSubnetIds"]) {
                    const ids = outputs[key] as string[];
                    assert.equal(ids.length, 2, key);
                    ids.forEach((id) => assert.match(id, /^subnet-[0-9a-f]{17}$/));
                }
            });

            it("closes the VPC's default security group: no ingress, no egress", () => {
                const plan = planOf(stack);
                const sg = onlyOf(plan, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
                assert.equal(sg.inputs.vpcId, onlyOf(plan, "awsx:ec2:Vpc").outputs.vpcId);
                assert.deepEqual([sg.inputs.ingress, sg.inputs.egress], [[], []]);
            });

            it("sends ALL traffic of the VPC to the flow-log group, through the flow-log role", () => {
                const plan = planOf(stack);
                const flowLog = onlyOf(plan, "aws:ec2/flowLog:FlowLog");
                assert.equal(flowLog.inputs.vpcId, onlyOf(plan, "awsx:ec2:Vpc").outputs.vpcId);
                assert.equal(flowLog.inputs.trafficType, "ALL");
                assert.equal(flowLog.inputs.logDestinationType, "cloud-watch-logs");
                assert.equal(
                    resolveReference(plan, flowLog.inputs.logDestination)?.type,
                    "aws:cloudwatch/logGroup:LogGroup",
                );
                assert.equal(resolveReference(plan, flowLog.inputs.iamRoleArn)?.type, "aws:iam/role:Role");
            });

            it(`keeps flow logs ${expected.retention} days in /vpc/${expected.prefix}/flow-logs`, () => {
                const group = named(planOf(stack), "aws:cloudwatch/logGroup:LogGroup", "-flow-logs");
                assert.equal(group.inputs.name, `/vpc/${expected.prefix}/flow-logs`);
                assert.equal(group.inputs.retentionInDays, expected.retention);
            });

            it("lets only VPC Flow Logs of this account assume the flow-log role", () => {
                const role = named(planOf(stack), "aws:iam/role:Role", "-flow-logs-role");
                assert.deepEqual(parsePolicy(role.inputs.assumeRolePolicy).Statement, [
                    {
                        Effect: "Allow",
                        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                        Action: "sts:AssumeRole",
                        Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
                    },
                ]);
            });

            it("lets the flow-log role write only to its own log group", () => {
                const plan = planOf(stack);
                const policy = named(plan, "aws:iam/rolePolicy:RolePolicy", "-flow-logs-policy");
                const group = named(plan, "aws:cloudwatch/logGroup:LogGroup", "-flow-logs");
                assert.equal(resolveReference(plan, policy.inputs.role)?.type, "aws:iam/role:Role");
                assert.deepEqual(parsePolicy(policy.inputs.policy).Statement, [
                    {
                        Effect: "Allow",
                        Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                        Resource: [group.outputs.arn, `${String(group.outputs.arn)}:*`],
                    },
                ]);
            });

            it("tags every taggable resource with Project, Environment and ManagedBy", () => {
                const plan = planOf(stack);
                // Only the types AWS can tag (the policy pack's list, read from @pulumi/aws).
                const taggable = plan.resources.filter((r) => TAGGABLE.has(r.type));
                assert.ok(taggable.length >= 20);
                for (const resource of taggable) {
                    // tagsOf reads both forms: maps, and Auto Scaling groups' lists of {key, value}.
                    const tags = tagsOf(resource.inputs);
                    assert.deepEqual(
                        { Project: tags.Project, Environment: tags.Environment, ManagedBy: tags.ManagedBy },
                        { Project: "fraud-detector", Environment: stack, ManagedBy: "pulumi" },
                        resource.urn,
                    );
                }
            });

            it("creates every AWS resource through the stack's own provider, pinned to ca-central-1", () => {
                const plan = planOf(stack);
                const provider = onlyOf(plan, "pulumi:providers:aws");
                assert.equal(provider.inputs.region, "ca-central-1");
                const others = plan.resources.filter((r) => r.custom && r.type.startsWith("aws:"));
                for (const resource of others) {
                    assert.equal(resource.options.provider, `${provider.urn}::${String(provider.id)}`, resource.urn);
                }
                assert.equal(resourcesOf(plan, "pulumi:providers:aws").length, 1);
            });
        });
    }

    it("points the local provider at LocalStack and only the local one", () => {
        const endpoints = (stack: string) => onlyOf(planOf(stack), "pulumi:providers:aws").inputs.endpoints;
        const local = JSON.parse(endpoints("local") as string) as Array<Record<string, string>>;
        assert.deepEqual(new Set(Object.values(local[0])), new Set(["http://localhost:4566"]));
        assert.equal(endpoints("staging"), undefined);
        assert.equal(endpoints("production"), undefined);
    });
});
