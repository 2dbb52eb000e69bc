import { strict as assert } from "assert";
import { PlanResource } from "../../plan/engine/contract";
import { messagesOf, resource, stackTags, violationsOf } from "./harness";

/** The compliant awsx VPC of the guide. */
function vpcProps(): Record<string, unknown> {
    return {
        cidrBlock: "10.0.0.0/16",
        availabilityZoneNames: ["ca-central-1a", "ca-central-1b"],
        subnetSpecs: [{ type: "Public" }, { type: "Private" }, { type: "Isolated" }],
        tags: stackTags(),
    };
}

const vpc = (props: Record<string, unknown> = vpcProps()) => resource("awsx:ec2:Vpc", props, { custom: false });

describe("policy: network", () => {
    describe("vpc-layout", () => {
        it("passes the guide's VPC", async () => assert.deepEqual(await messagesOf([vpc()], "vpc-layout"), []));

        it("rejects another CIDR", async () =>
            assert.deepEqual(await messagesOf([vpc({ ...vpcProps(), cidrBlock: "10.1.0.0/16" })], "vpc-layout"), [
                'cidrBlock is "10.1.0.0/16"; set cidrBlock: "10.0.0.0/16"',
            ]));

        it("rejects awsx's default of three AZs", async () =>
            assert.deepEqual(
                await messagesOf([vpc({ ...vpcProps(), availabilityZoneNames: undefined })], "vpc-layout"),
                [
                    'availabilityZoneNames is unset; set availabilityZoneNames: ["ca-central-1a", "ca-central-1b"] (awsx takes three AZs by default)',
                ],
            ));

        it("rejects a VPC without an isolated tier for the data stores", async () =>
            assert.deepEqual(
                await messagesOf(
                    [vpc({ ...vpcProps(), subnetSpecs: [{ type: "Public" }, { type: "Private" }] })],
                    "vpc-layout",
                ),
                ["subnetSpecs lack the Isolated tier; declare Public, Private and Isolated subnets"],
            ));

        it("rejects a private subnet that hands out public IPs (seen in a real preview of awsx's children)", async () => {
            const subnet = resource("aws:ec2/subnet:Subnet", {
                mapPublicIpOnLaunch: true,
                tags: { ...stackTags(), SubnetType: "Private" },
            });
            const found = await violationsOf([subnet], "vpc-layout");
            assert.deepEqual(
                found.map((v) => [v.enforcementLevel, v.message]),
                [["mandatory", 'a "Private" subnet maps public IPs on launch; set mapPublicIpOnLaunch: false']],
            );
        });

        it("reports a local VPC's layout problems as advisory", async () => {
            const found = await violationsOf(
                [vpc({ ...vpcProps(), cidrBlock: "10.9.0.0/16", tags: stackTags("local") })],
                "vpc-layout",
            );
            assert.deepEqual(
                found.map((v) => v.enforcementLevel),
                ["advisory"],
            );
        });
    });

    describe("vpc-flow-logs", () => {
        const flowLog = (of: PlanResource, props: Record<string, unknown> = {}) =>
            resource(
                "aws:ec2/flowLog:FlowLog",
                {
                    trafficType: "ALL",
                    logDestinationType: "cloud-watch-logs",
                    logDestination: "arn:log",
                    iamRoleArn: "arn:role",
                    tags: stackTags(),
                    ...props,
                },
                { from: { vpcId: [of] } },
            );

        it("passes a VPC with a flow log of ALL traffic to CloudWatch Logs", async () => {
            const v = vpc();
            assert.deepEqual(await messagesOf([v, flowLog(v)], "vpc-flow-logs"), []);
        });

        it("rejects a VPC without a flow log", async () => {
            const v = vpc();
            assert.deepEqual(await messagesOf([v], "vpc-flow-logs"), [
                `no flow log is attached to Vpc ${v.name}; add an aws.ec2.FlowLog with vpcId of this VPC and trafficType "ALL"`,
            ]);
        });

        it("rejects a flow log of accepted traffic only", async () => {
            const v = vpc();
            assert.deepEqual(await messagesOf([v, flowLog(v, { trafficType: "ACCEPT" })], "vpc-flow-logs"), [
                'trafficType is "ACCEPT"; set trafficType: "ALL"',
            ]);
        });

        it("rejects CloudWatch delivery without a role", async () => {
            const v = vpc();
            assert.deepEqual(await messagesOf([v, flowLog(v, { iamRoleArn: undefined })], "vpc-flow-logs"), [
                "iamRoleArn is unset; CloudWatch Logs delivery needs a role vpc-flow-logs.amazonaws.com can assume",
            ]);
        });

        it("does not count a flow log attached to another VPC", async () => {
            const [a, b] = [vpc(), vpc()];
            assert.equal((await messagesOf([a, b, flowLog(a)], "vpc-flow-logs")).length, 1);
        });
    });

    describe("vpc-default-sg-closed", () => {
        const defaultGroup = (of: PlanResource, props: Record<string, unknown>) =>
            resource(
                "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                { ...props, tags: stackTags() },
                { from: { vpcId: [of] } },
            );

        it("passes a managed default group with no rules", async () => {
            const v = vpc();
            assert.deepEqual(
                await messagesOf([v, defaultGroup(v, { ingress: [], egress: [] })], "vpc-default-sg-closed"),
                [],
            );
        });

        it("rejects a VPC whose default group is left unmanaged", async () => {
            const v = vpc();
            assert.deepEqual(await messagesOf([v], "vpc-default-sg-closed"), [
                `the default security group of Vpc ${v.name} is not managed; add an aws.ec2.DefaultSecurityGroup for it with ingress: [] and egress: []`,
            ]);
        });

        it("rejects a default group that keeps a rule", async () => {
            const v = vpc();
            const open = defaultGroup(v, {
                ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }],
                egress: [],
            });
            assert.deepEqual(await messagesOf([v, open], "vpc-default-sg-closed"), [
                "the default security group keeps 1 ingress and 0 egress rules; set ingress: [] and egress: []",
            ]);
        });
    });

    describe("vpc-private-endpoints", () => {
        const task = () => resource("aws:ecs/taskDefinition:TaskDefinition", { tags: stackTags() });
        const endpoint = (service: string, type: string) =>
            resource("aws:ec2/vpcEndpoint:VpcEndpoint", {
                serviceName: `com.amazonaws.ca-central-1.${service}`,
                vpcEndpointType: type,
                tags: stackTags(),
            });

        it("passes tasks with all five endpoints", async () => {
            const endpoints = [
                endpoint("ecr.api", "Interface"),
                endpoint("ecr.dkr", "Interface"),
                endpoint("logs", "Interface"),
                endpoint("secretsmanager", "Interface"),
                endpoint("s3", "Gateway"),
            ];
            assert.deepEqual(await messagesOf([task(), ...endpoints], "vpc-private-endpoints"), []);
        });

        it("advises the missing endpoints when tasks exist", async () => {
            const found = await violationsOf([task(), endpoint("s3", "Gateway")], "vpc-private-endpoints");
            assert.deepEqual(
                found.map((v) => [v.enforcementLevel, v.message]),
                [
                    [
                        "advisory",
                        "no VPC endpoint for ecr.api (Interface), ecr.dkr (Interface), logs (Interface), secretsmanager (Interface); add them so tasks reach AWS without the NAT",
                    ],
                ],
            );
        });

        it("asks for nothing before the application tier exists", async () =>
            assert.deepEqual(await messagesOf([vpc()], "vpc-private-endpoints"), []));
    });

    describe("bedrock-private-path", () => {
        const task = (env = "production") =>
            resource("aws:ecs/taskDefinition:TaskDefinition", { containerDefinitions: "[]", tags: stackTags(env) });
        const endpoint = (props: Record<string, unknown> = {}) =>
            resource("aws:ec2/vpcEndpoint:VpcEndpoint", {
                serviceName: "com.amazonaws.ca-central-1.bedrock-runtime",
                vpcEndpointType: "Interface",
                subnetIds: ["subnet-a", "subnet-b"],
                securityGroupIds: ["sg-endpoint"],
                privateDnsEnabled: true,
                tags: stackTags(),
                ...props,
            });

        it("passes production tasks with a private, two-AZ Bedrock endpoint", async () =>
            assert.deepEqual(await messagesOf([task(), endpoint()], "bedrock-private-path"), []));

        it("rejects production tasks without a Bedrock endpoint", async () => {
            const found = await violationsOf([task()], "bedrock-private-path");
            assert.deepEqual(
                found.map((v) => [v.enforcementLevel, v.message]),
                [
                    [
                        "mandatory",
                        "no VPC endpoint for com.amazonaws.ca-central-1.bedrock-runtime; add an Interface endpoint in the private subnets with its own security group and privateDnsEnabled: true",
                    ],
                ],
            );
        });

        it("rejects an endpoint in one AZ only", async () =>
            assert.deepEqual(
                await messagesOf([task(), endpoint({ subnetIds: ["subnet-a"] })], "bedrock-private-path"),
                ["subnetIds holds 1 subnet(s); place it in the private subnets of both AZs"],
            ));

        it("accepts an endpoint without private DNS when the tasks use its vpce- URL", async () => {
            const t = resource("aws:ecs/taskDefinition:TaskDefinition", {
                containerDefinitions: JSON.stringify([
                    {
                        environment: [
                            {
                                name: "BEDROCK_ENDPOINT_URL",
                                value: "https://vpce-0abc.bedrock-runtime.ca-central-1.vpce.amazonaws.com",
                            },
                        ],
                    },
                ]),
                tags: stackTags(),
            });
            assert.deepEqual(await messagesOf([t, endpoint({ privateDnsEnabled: false })], "bedrock-private-path"), []);
        });

        it("expects no endpoint in local, where Bedrock is mocked", async () =>
            assert.deepEqual(await messagesOf([task("local")], "bedrock-private-path"), []));
    });

    describe("bedrock-endpoint-policy", () => {
        const haiku = "arn:aws:bedrock:ca-central-1::foundation-model/anthropic.claude-3-haiku-*";
        const endpoint = (policy: unknown) =>
            resource("aws:ec2/vpcEndpoint:VpcEndpoint", {
                serviceName: "com.amazonaws.ca-central-1.bedrock-runtime",
                policy,
                tags: stackTags(),
            });
        const document = (action: string, target: string) =>
            JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: action, Resource: target }] });

        it("passes a policy admitting only InvokeModel on Claude 3 Haiku", async () =>
            assert.deepEqual(
                await messagesOf([endpoint(document("bedrock:InvokeModel", haiku))], "bedrock-endpoint-policy"),
                [],
            ));

        it("advises against an endpoint without a policy", async () => {
            const found = await violationsOf([endpoint(undefined)], "bedrock-endpoint-policy");
            assert.deepEqual(
                found.map((v) => v.enforcementLevel),
                ["advisory"],
            );
        });

        it("passes the configured model in place of the guide's (bedrock.modelId)", async () => {
            const haiku45 = "arn:aws:bedrock:ca-central-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0";
            assert.deepEqual(
                await messagesOf([endpoint(document("bedrock:InvokeModel", haiku45))], "bedrock-endpoint-policy"),
                [],
            );
        });

        it("advises against every model being reachable", async () =>
            assert.deepEqual(await messagesOf([endpoint(document("bedrock:*", "*"))], "bedrock-endpoint-policy"), [
                "the endpoint policy allows bedrock:* on *; allow only bedrock:InvokeModel on arn:aws:bedrock:ca-central-1::foundation-model/<bedrock.modelId>",
            ]));

        it("advises against a model of another region", async () => {
            const usEast = haiku.replace("ca-central-1", "us-east-1");
            assert.deepEqual(
                await messagesOf([endpoint(document("bedrock:InvokeModel", usEast))], "bedrock-endpoint-policy"),
                [
                    `the endpoint policy allows bedrock:InvokeModel on ${usEast}; allow only bedrock:InvokeModel on arn:aws:bedrock:ca-central-1::foundation-model/<bedrock.modelId>`,
                ],
            );
        });
    });
});
