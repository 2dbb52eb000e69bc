import { strict as assert } from "assert";
import { VpcEndpoints, VpcEndpointsArgs } from "../../../components/network/vpc-endpoints";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
const HAIKU = "arn:aws:bedrock:ca-central-1::foundation-model/anthropic.claude-3-haiku-*";
/** Production on Fargate: the three services reach the endpoints. */
const FARGATE: VpcEndpointsArgs = {
    vpcId: "vpc-1",
    subnetIds: ["subnet-private-a", "subnet-private-b"],
    routeTableIds: ["rtb-private-a", "rtb-private-b"],
    clientSecurityGroupIds: { api: "sg-api", worker: "sg-worker", mlService: "sg-ml" },
    region: "ca-central-1",
    bedrockModelArn: HAIKU,
    tags: TAGS,
};
/** Staging on EC2 capacity: the hosts' agent reaches them too. */
const EC2: VpcEndpointsArgs = {
    ...FARGATE,
    clientSecurityGroupIds: { ...FARGATE.clientSecurityGroupIds, hosts: "sg-hosts" },
};

const INTERFACES = ["bedrock-runtime", "ecr-api", "ecr-dkr", "logs", "secretsmanager"];
const build = (args: VpcEndpointsArgs) => () => new VpcEndpoints("endpoints", args);
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

describe("components/network VpcEndpoints (built in-process)", () => {
    const cases = [
        { title: "on Fargate: 443 from the three services", args: FARGATE, clients: ["api", "worker", "mlService"] },
        {
            title: "on EC2 capacity: 443 from the hosts too",
            args: EC2,
            clients: ["api", "worker", "mlService", "hosts"],
        },
    ];
    for (const c of cases) {
        describe(c.title, () => {
            const built = builtOnce(build(c.args));

            it("creates the guarded group, five interface endpoints and the S3 gateway", async () => {
                const { children, parentName } = await built();
                assert.deepEqual(
                    children.map((r) => `${r.type} ${r.name}`).sort(),
                    [
                        "aws:ec2/securityGroup:SecurityGroup endpoints-sg",
                        `${ENDPOINT} endpoints-s3`,
                        ...INTERFACES.map((service) => `${ENDPOINT} endpoints-${service}`),
                        ...c.clients.map(
                            (client) =>
                                `aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule endpoints-from-${client}`,
                        ),
                    ].sort(),
                );
                assert.ok(children.every((r) => parentName(r) === "endpoints"));
            });

            it("makes the interface endpoints private-DNS in the private subnets, the S3 one a gateway on the route tables", async () => {
                const { child } = await built();
                for (const service of INTERFACES) {
                    const endpoint = child(ENDPOINT, `endpoints-${service}`).inputs;
                    assert.deepEqual(
                        [
                            endpoint.serviceName,
                            endpoint.vpcEndpointType,
                            endpoint.privateDnsEnabled,
                            endpoint.subnetIds,
                        ],
                        [
                            `com.amazonaws.ca-central-1.${service.replace("ecr-", "ecr.")}`,
                            "Interface",
                            true,
                            ["subnet-private-a", "subnet-private-b"],
                        ],
                    );
                }
                const s3 = child(ENDPOINT, "endpoints-s3").inputs;
                assert.deepEqual(
                    [s3.serviceName, s3.vpcEndpointType, s3.routeTableIds],
                    ["com.amazonaws.ca-central-1.s3", "Gateway", ["rtb-private-a", "rtb-private-b"]],
                );
            });

            it("lets the Bedrock endpoint invoke only the stack's model, and outputs its URL", async () => {
                const { child, outputs } = await built();
                const policy = JSON.parse(
                    String(child(ENDPOINT, "endpoints-bedrock-runtime").inputs.policy),
                ) as unknown;
                assert.deepEqual(policy, {
                    Version: "2012-10-17",
                    Statement: [
                        { Effect: "Allow", Principal: "*", Action: ["bedrock:InvokeModel"], Resource: [HAIKU] },
                    ],
                });
                assert.equal(child(ENDPOINT, "endpoints-logs").inputs.policy, undefined);
                assert.match(String(outputs.bedrockEndpointUrl), /^https:\/\/.*bedrock-runtime/);
            });
        });
    }

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<VpcEndpointsArgs>[] = [
        [
            "stack tags that would lose the group's Name",
            { tags: { ...TAGS, Name: "shared" } },
            'tag Name is set by the stack to "shared" and cannot be changed to "endpoints"',
        ],
        [
            "stack tags that would lose the group's Role",
            { tags: { ...TAGS, Role: "shared" } },
            'tag Role is set by the stack to "shared" and cannot be changed to "endpoint"',
        ],
    ];
    refusesEach(build, FARGATE, ARGUMENT_ERRORS);
});
