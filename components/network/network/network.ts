import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import type { NatGatewayStrategy, NetworkArgs } from "./args";
import { autoSubnetCidrs } from "./subnet-cidrs";
import { mergeTags } from "../../tags";

const NAT_STRATEGY: Record<NatGatewayStrategy, awsx.types.enums.ec2.NatGatewayStrategy> = {
    onePerAz: awsx.ec2.NatGatewayStrategy.OnePerAz,
    single: awsx.ec2.NatGatewayStrategy.Single,
    none: awsx.ec2.NatGatewayStrategy.None,
};

/**
 * Subnet tiers, per AZ: public for the ALB, NAT gateways and bastion; private for the ECS tasks
 * (a /20 leaves room for one ENI per Fargate task during blue/green); isolated, with no route to
 * the internet, for RDS and ElastiCache (the guide's `database_subnet_ids`).
 */
export const SUBNET_TIERS = [
    { type: awsx.ec2.SubnetType.Public, name: "public", cidrMask: 24 },
    { type: awsx.ec2.SubnetType.Private, name: "private", cidrMask: 20 },
    { type: awsx.ec2.SubnetType.Isolated, name: "isolated", cidrMask: 24 },
] as const;

/**
 * The platform's network: the guide's VPC with public, private and isolated subnets in each AZ,
 * NAT per stack, the default security group closed, and VPC flow logs to CloudWatch Logs.
 *
 * Creates: 1. an `awsx.ec2.Vpc` (subnets, route tables, internet gateway, NAT gateways with their
 * Elastic IPs); 2. the VPC's default security group, emptied of rules; 3. a flow-log log group,
 * 4. the role flow logs write with, 5. its policy, 6. the flow log (ALL traffic).
 *
 * Cost: each NAT gateway is billed by the hour and per GB processed (production runs two);
 * flow logs are billed per GB ingested into CloudWatch Logs.
 */
export class Network extends pulumi.ComponentResource {
    /** The VPC id. */
    public readonly vpcId: pulumi.Output<string>;
    /** The VPC's IPv4 range. */
    public readonly vpcCidrBlock: string;
    /** The AZs the subnets span, in order; subnet id lists follow the same order. */
    public readonly availabilityZones: readonly string[];
    /** Public subnet ids (ALB, NAT gateways, bastion), one per AZ. */
    public readonly publicSubnetIds: pulumi.Output<string[]>;
    /** Private subnet ids (ECS tasks, interface endpoints), one per AZ. */
    public readonly privateSubnetIds: pulumi.Output<string[]>;
    /** Isolated subnet ids (RDS, ElastiCache), one per AZ. */
    public readonly isolatedSubnetIds: pulumi.Output<string[]>;
    /** Route tables of the private subnets (the S3 gateway endpoint is added to them). */
    public readonly privateRouteTableIds: pulumi.Output<string[]>;
    /** Name of the log group receiving the VPC flow logs. */
    public readonly flowLogGroupName: pulumi.Output<string>;

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:network:Network", name, {}, opts);
        if (args.availabilityZones.length < 2) {
            throw new pulumi.ResourceError(
                `availabilityZones: ${args.availabilityZones.length} given; RDS and the ALB need at least two`,
                this,
            );
        }

        const vpc = this.createVpc(name, args);
        this.createClosedDefaultSecurityGroup(name, args, vpc.vpcId);
        const logGroup = this.createFlowLogs(name, args, vpc.vpcId);

        this.vpcId = vpc.vpcId;
        this.vpcCidrBlock = args.cidrBlock;
        this.availabilityZones = [...args.availabilityZones];
        this.publicSubnetIds = vpc.publicSubnetIds;
        this.privateSubnetIds = vpc.privateSubnetIds;
        this.isolatedSubnetIds = vpc.isolatedSubnetIds;
        this.flowLogGroupName = logGroup.name;
        // awsx tags every route table with its subnet's type; the VPC component does not export the
        // tables' ids, so they are looked up (after the VPC exists, or unknown during a first preview).
        this.privateRouteTableIds = aws.ec2
            .getRouteTablesOutput(
                { vpcId: vpc.vpcId, filters: [{ name: "tag:SubnetType", values: ["Private"] }] },
                { parent: this },
            )
            .apply((result) => result.ids);
        this.registerOutputs({
            vpcId: this.vpcId,
            vpcCidrBlock: this.vpcCidrBlock,
            availabilityZones: this.availabilityZones,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
            isolatedSubnetIds: this.isolatedSubnetIds,
            flowLogGroupName: this.flowLogGroupName,
        });
    }

    private createVpc(name: string, args: NetworkArgs): awsx.ec2.Vpc {
        // The ranges `Auto` would pick, given explicitly: the plan then shows every subnet's range, and
        // a VPC created before they were explicit keeps its subnets.
        const cidrs = autoSubnetCidrs(
            args.cidrBlock,
            args.availabilityZones.length,
            SUBNET_TIERS.map((tier) => tier.cidrMask),
        );
        return new awsx.ec2.Vpc(
            `${name}-vpc`,
            {
                cidrBlock: args.cidrBlock,
                // Named AZs, not a count: awsx would otherwise pick three (the guide uses two).
                availabilityZoneNames: [...args.availabilityZones],
                subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
                subnetSpecs: SUBNET_TIERS.map((tier, index) => ({
                    type: tier.type,
                    name: tier.name,
                    cidrMask: tier.cidrMask,
                    cidrBlocks: cidrs[index],
                    tags: mergeTags(args.tags, { Tier: tier.name }),
                })),
                natGateways: { strategy: NAT_STRATEGY[args.natGateways] },
                enableDnsHostnames: true,
                enableDnsSupport: true,
                tags: mergeTags(args.tags, { Name: `${args.namePrefix}-vpc` }),
            },
            { parent: this },
        );
    }

    /** FSBP EC2.2: the default group must admit nothing, so nothing can use it by accident. */
    private createClosedDefaultSecurityGroup(name: string, args: NetworkArgs, vpcId: pulumi.Input<string>): void {
        new aws.ec2.DefaultSecurityGroup(
            `${name}-default-sg`,
            {
                vpcId,
                ingress: [],
                egress: [],
                tags: mergeTags(args.tags, {
                    Name: `${args.namePrefix}-default-closed`,
                }),
            },
            { parent: this },
        );
    }

    private createFlowLogs(name: string, args: NetworkArgs, vpcId: pulumi.Input<string>): aws.cloudwatch.LogGroup {
        const logGroup = new aws.cloudwatch.LogGroup(
            `${name}-flow-logs`,
            {
                name: `/vpc/${args.namePrefix}/flow-logs`,
                retentionInDays: args.flowLogRetentionDays,
                kmsKeyId: args.logsKmsKeyArn,
                deletionProtectionEnabled: args.deletionProtection,
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        const account = aws.getCallerIdentityOutput({}, { parent: this });
        const role = new aws.iam.Role(
            `${name}-flow-logs-role`,
            {
                description: "Lets VPC Flow Logs deliver to the flow-log group",
                assumeRolePolicy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
                            Action: "sts:AssumeRole",
                            // Confused-deputy guard: only flow logs of this account may use the role.
                            Condition: {
                                StringEquals: { "aws:SourceAccount": account.accountId },
                            },
                        },
                    ],
                }),
                permissionsBoundary: args.roleBoundaryArn,
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        new aws.iam.RolePolicy(
            `${name}-flow-logs-policy`,
            {
                role: role.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                            Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
                        },
                    ],
                }),
            },
            { parent: this },
        );
        new aws.ec2.FlowLog(
            `${name}-flow-log`,
            {
                vpcId,
                trafficType: "ALL",
                logDestinationType: "cloud-watch-logs",
                logDestination: logGroup.arn,
                iamRoleArn: role.arn,
                maxAggregationInterval: 60,
                tags: mergeTags(args.tags, { Name: `${args.namePrefix}-flow-log` }),
            },
            { parent: this },
        );
        return logGroup;
    }
}
