import { strict as assert } from "assert";
import { Network } from "../../../components/network/network/network";
import { NetworkArgs } from "../../../components/network/network/args";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
/** The guide's production VPC: 10.0.0.0/16 over ca-central-1a and -1b, a NAT gateway per AZ. */
const PRODUCTION: NetworkArgs = {
    cidrBlock: "10.0.0.0/16",
    availabilityZones: ["ca-central-1a", "ca-central-1b"],
    natGateways: "onePerAz",
    flowLogRetentionDays: 365,
    logsKmsKeyArn: "arn:aws:kms:ca-central-1:111122223333:key/data",
    deletionProtection: true,
    namePrefix: "fraud-detector-prod",
    tags: TAGS,
    roleBoundaryArn: "arn:aws:iam::111122223333:policy/boundaries/fraud-detector-prod-role-boundary",
};

const build = (args: NetworkArgs) => () => new Network("net", args);

describe("components/network Network (built in-process)", () => {
    const cases = [
        { title: "production: a NAT gateway per AZ", args: PRODUCTION, natGateways: 2, strategy: "OnePerAz" },
        {
            title: "staging: one NAT gateway",
            args: { ...PRODUCTION, natGateways: "single", namePrefix: "fraud-detector-staging" },
            natGateways: 1,
            strategy: "Single",
        },
        {
            title: "local: no NAT gateway",
            args: { ...PRODUCTION, natGateways: "none", namePrefix: "fraud-detector-local", deletionProtection: false },
            natGateways: 0,
            strategy: "None",
        },
    ] as const;
    for (const c of cases) {
        describe(c.title, () => {
            const built = builtOnce(build(c.args));

            it("creates the awsx VPC, a closed default group and flow logs with a bounded role", async () => {
                const { children, parentName, child } = await built();
                assert.deepEqual(
                    children
                        .filter((r) => parentName(r) === "net")
                        .map((r) => `${r.type} ${r.name}`)
                        .sort(),
                    [
                        "aws:cloudwatch/logGroup:LogGroup net-flow-logs",
                        "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup net-default-sg",
                        "aws:ec2/flowLog:FlowLog net-flow-log",
                        "aws:iam/role:Role net-flow-logs-role",
                        "aws:iam/rolePolicy:RolePolicy net-flow-logs-policy",
                        "awsx:ec2:Vpc net-vpc",
                    ],
                );
                const closed = child("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "net-default-sg").inputs;
                assert.deepEqual([closed.ingress, closed.egress], [[], []]);
                const logs = child("aws:cloudwatch/logGroup:LogGroup", "net-flow-logs").inputs;
                assert.deepEqual(
                    [logs.name, logs.retentionInDays, logs.deletionProtectionEnabled],
                    [`/vpc/${c.args.namePrefix}/flow-logs`, 365, c.args.deletionProtection],
                );
                assert.equal(
                    child("aws:iam/role:Role", "net-flow-logs-role").inputs.permissionsBoundary,
                    PRODUCTION.roleBoundaryArn,
                );
                const flowLog = child("aws:ec2/flowLog:FlowLog", "net-flow-log").inputs;
                assert.deepEqual([flowLog.trafficType, flowLog.maxAggregationInterval], ["ALL", 60]);
            });

            it(`asks awsx for the guide's subnets and ${c.natGateways} NAT gateway(s)`, async () => {
                const { child, ofType } = await built();
                const vpc = child("awsx:ec2:Vpc", "net-vpc").inputs;
                assert.deepEqual(vpc.natGateways, { strategy: c.strategy });
                assert.deepEqual(vpc.availabilityZoneNames, ["ca-central-1a", "ca-central-1b"]);
                assert.deepEqual(
                    ofType("aws:ec2/subnet:Subnet").map((s) => `${s.name} ${String(s.inputs.cidrBlock)}`),
                    [
                        "net-vpc-public-1 10.0.0.0/24",
                        "net-vpc-private-1 10.0.16.0/20",
                        "net-vpc-isolated-1 10.0.32.0/24",
                        "net-vpc-public-2 10.0.128.0/24",
                        "net-vpc-private-2 10.0.144.0/20",
                        "net-vpc-isolated-2 10.0.160.0/24",
                    ],
                );
                assert.equal(ofType("aws:ec2/natGateway:NatGateway").length, c.natGateways);
            });

            it("outputs two subnets per tier and the flow-log group", async () => {
                const { outputs } = await built();
                for (const tier of ["publicSubnetIds", "privateSubnetIds", "isolatedSubnetIds"]) {
                    assert.equal((outputs[tier] as string[]).length, 2, tier);
                }
                assert.equal(outputs.flowLogGroupName, `/vpc/${c.args.namePrefix}/flow-logs`);
                assert.equal(outputs.vpcCidrBlock, "10.0.0.0/16");
            });
        });
    }

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<NetworkArgs>[] = [
        [
            "a single AZ",
            { availabilityZones: ["ca-central-1a"] },
            "availabilityZones: 1 given; RDS and the ALB need at least two",
        ],
        ["a CIDR block that is not one", { cidrBlock: "10.0.0/16" }, "10.0.0/16 is not an IPv4 CIDR block"],
        [
            "a VPC too small for the subnets",
            { cidrBlock: "10.0.0.0/22" },
            "the subnets need 4608 addresses per AZ; 10.0.0.0/22 over 2 AZs gives each AZ 512",
        ],
        [
            "stack tags that would lose a subnet's Tier",
            { tags: { ...TAGS, Tier: "shared" } },
            'tag Tier is set by the stack to "shared" and cannot be changed to "public"',
        ],
        [
            "stack tags that would lose the VPC's Name",
            { tags: { ...TAGS, Name: "shared" } },
            'tag Name is set by the stack to "shared" and cannot be changed to "fraud-detector-prod-vpc"',
        ],
    ];
    refusesEach(build, PRODUCTION, ARGUMENT_ERRORS);
});
