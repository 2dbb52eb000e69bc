import { strict as assert } from "assert";
import type { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { onlyOf, planOf, resourcesOf } from "../helpers/plan";
import { dependentsOf, named, sourceOf } from "../helpers/relations";

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

/** The interface endpoints (the S3 gateway endpoint has no subnets, groups or DNS of its own). */
function interfaceEndpoints(plan: PlanDocument): PlanResource[] {
    return resourcesOf(plan, ENDPOINT).filter((e) => e.inputs.vpcEndpointType === "Interface");
}
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const COMPONENT = "fraud-detector:network:VpcEndpoints";

/** The guide's Bedrock model (Security Hardening › IAM Roles), the only one the endpoint passes. */
const HAIKU_ARN = "arn:aws:bedrock:ca-central-1::foundation-model/anthropic.claude-3-haiku-*";

/** The interface endpoints of the stacks with `network.interfaceEndpoints` on. */
const SERVICE_NAMES = [
    "com.amazonaws.ca-central-1.bedrock-runtime",
    "com.amazonaws.ca-central-1.ecr.api",
    "com.amazonaws.ca-central-1.ecr.dkr",
    "com.amazonaws.ca-central-1.logs",
    "com.amazonaws.ca-central-1.secretsmanager",
];

/** The one security group every endpoint of `plan` is attached to; fails when they differ. */
function endpointGroupOf(plan: PlanDocument): PlanResource {
    const groups = new Set(
        interfaceEndpoints(plan).map((endpoint) => sourceOf(plan, endpoint, "securityGroupIds", SECURITY_GROUP)),
    );
    assert.equal(groups.size, 1, "the endpoints do not share one security group");
    const [group] = groups;
    assert.ok(group, "the endpoints have no security group of this program");
    return group;
}

// What these tests cannot prove: that AWS accepts the endpoints (the services exist in
// ca-central-1, private DNS is allowed in this VPC) or that the apps reach Bedrock through them.
describe("VpcEndpoints", () => {
    for (const stack of ["staging", "production"] as const) {
        describe(`in ${stack}`, () => {
            it("has exactly the five interface endpoints: bedrock-runtime, ecr.api, ecr.dkr, logs, secretsmanager", () => {
                const endpoints = interfaceEndpoints(planOf(stack));
                assert.deepEqual(endpoints.map((e) => e.inputs.serviceName).sort(), SERVICE_NAMES);
                assert.deepEqual(
                    endpoints.map((e) => e.inputs.vpcEndpointType),
                    SERVICE_NAMES.map(() => "Interface"),
                );
            });

            it("turns private DNS on for every endpoint", () => {
                const endpoints = interfaceEndpoints(planOf(stack));
                assert.deepEqual(
                    endpoints.map((e) => e.inputs.privateDnsEnabled),
                    SERVICE_NAMES.map(() => true),
                );
            });

            it("places every endpoint in the stack's VPC and its private subnets", () => {
                const plan = planOf(stack);
                for (const endpoint of interfaceEndpoints(plan)) {
                    assert.equal(endpoint.inputs.vpcId, plan.outputs.vpcId, endpoint.name);
                    assert.deepEqual(endpoint.inputs.subnetIds, plan.outputs.privateSubnetIds, endpoint.name);
                }
            });

            it("attaches only the endpoint security group, tagged Role=endpoint, to every endpoint", () => {
                const plan = planOf(stack);
                const group = endpointGroupOf(plan);
                assert.equal(group.inputs.vpcId, plan.outputs.vpcId);
                assert.equal((group.inputs.tags as Record<string, string>).Role, "endpoint");
                for (const endpoint of interfaceEndpoints(plan)) {
                    assert.deepEqual(endpoint.inputs.securityGroupIds, [group.id], endpoint.name);
                }
            });

            it("admits only tcp/443 from the three application security groups (and staging's EC2 hosts), through standalone rules", () => {
                const plan = planOf(stack);
                const group = endpointGroupOf(plan);
                assert.deepEqual([group.inputs.ingress, group.inputs.egress], [undefined, undefined]);
                const rules = dependentsOf(plan, INGRESS_RULE, "securityGroupId", group);
                assert.deepEqual(
                    rules.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]),
                    rules.map(() => ["tcp", 443, 443, undefined]),
                );
                assert.deepEqual(
                    rules.map((r) => r.inputs.referencedSecurityGroupId).sort(),
                    [
                        ...Object.values(plan.outputs.serviceSecurityGroupIds as Record<string, string>),
                        // On EC2 capacity the hosts' ECS agent pulls images, reads secrets and ships logs.
                        ...resourcesOf(plan, SECURITY_GROUP)
                            .filter((g) => (g.inputs.tags as Record<string, string>).Role === "ecs-host")
                            .map((g) => g.id),
                    ].sort(),
                );
                assert.equal(rules.length, stack === "staging" ? 4 : 3);
            });

            it("lets the Bedrock endpoint pass only bedrock:InvokeModel on Claude 3 Haiku", () => {
                const bedrock = named(planOf(stack), ENDPOINT, "-endpoints-bedrock-runtime");
                assert.equal(typeof bedrock.inputs.policy, "string");
                assert.deepEqual(JSON.parse(bedrock.inputs.policy as string), {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: "*",
                            Action: ["bedrock:InvokeModel"],
                            Resource: [HAIKU_ARN],
                        },
                    ],
                });
            });

            it("gives BEDROCK_ENDPOINT_URL as https:// and the Bedrock endpoint's own vpce- DNS name", () => {
                const plan = planOf(stack);
                const bedrock = named(plan, ENDPOINT, "-endpoints-bedrock-runtime");
                const dnsName = (bedrock.outputs.dnsEntries as Array<{ dnsName: string }>)[0].dnsName;
                assert.match(dnsName, /^vpce-[0-9a-f-]+\.bedrock-runtime\.ca-central-1\.vpce\.amazonaws\.com$/);
                assert.equal(onlyOf(plan, COMPONENT).outputs.bedrockEndpointUrl, `https://${dnsName}`);
            });

            it("exposes the endpoint security group as securityGroupId", () => {
                const plan = planOf(stack);
                assert.equal(onlyOf(plan, COMPONENT).outputs.securityGroupId, endpointGroupOf(plan).id);
            });

            it("passes the policy pack with no mandatory violation", () => {
                const policy = planOf(stack).policy;
                assert.equal(policy.evaluated, true);
                assert.deepEqual(
                    policy.violations.filter((v) => v.enforcementLevel === "mandatory"),
                    [],
                );
            });
        });
    }

    describe("in local", () => {
        it("has no VPC endpoint and no endpoint security group", () => {
            const plan = planOf("local");
            assert.equal(resourcesOf(plan, ENDPOINT).length, 0);
            assert.equal(resourcesOf(plan, COMPONENT).length, 0);
            assert.equal(
                resourcesOf(plan, SECURITY_GROUP).filter(
                    (g) => (g.inputs.tags as Record<string, string> | undefined)?.Role === "endpoint",
                ).length,
                0,
            );
        });
    });
    for (const stack of ["staging", "production"]) {
        it(`adds the S3 gateway endpoint to the private route tables in ${stack}`, () => {
            const plan = planOf(stack);
            const gateways = resourcesOf(plan, ENDPOINT).filter((e) => e.inputs.vpcEndpointType === "Gateway");
            assert.deepEqual(
                gateways.map((g) => g.inputs.serviceName),
                ["com.amazonaws.ca-central-1.s3"],
            );
            const tables = gateways[0].inputs.routeTableIds as string[];
            assert.equal(tables.length, 2);
            tables.forEach((id) => assert.match(id, /^rtb-[0-9a-f]{17}$/));
            assert.equal(gateways[0].inputs.vpcId, plan.outputs.vpcId);
        });
    }
});
