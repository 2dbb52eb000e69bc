import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SESSION_MANAGER } from "../../facts/aws/session-manager";
import { POSTGRES_PORT } from "../data/database";
import { createInstanceProfile } from "../security/instance-profile";
import { mergeTags, Tags } from "../tags";

/** Arguments of the `Bastion` component. */
export interface BastionArgs {
    /** Physical name prefix, e.g. `fraud-detector-prod` (the instance is `<prefix>-bastion`). */
    readonly namePrefix: string;
    /** The VPC. */
    readonly vpcId: pulumi.Input<string>;
    /** The VPC's range: the bastion may reach PostgreSQL anywhere inside it. */
    readonly vpcCidrBlock: string;
    /**
     * The private subnet the bastion sits in. Its route to the internet must be a NAT gateway: the
     * instance has no public IP, and the SSM agent reaches Session Manager through the NAT.
     */
    readonly subnetId: pulumi.Input<string>;
    /** EC2 instance type. */
    readonly instanceType: string;
    /** The customer-managed key for the root volume. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The stack's base tags. */
    readonly tags: Tags;
    /** The stack's permissions boundary (`RoleBoundary`), carried by every role created here. */
    readonly roleBoundaryArn: pulumi.Input<string>;
}

/** AWS's public parameter naming the latest Amazon Linux 2023 AMI; its image ships the SSM agent. */
const AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
/** The AWS managed policy the SSM agent needs to register and to carry sessions, and nothing more. */
const SSM_CORE_POLICY_ARN = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
/** HTTPS: the SSM agent dials Session Manager on it (facts/aws/session-manager.ts). */
const HTTPS_PORT = SESSION_MANAGER.port;

/**
 * The guide's bastion: one Amazon Linux 2023 instance in a private subnet, without a public IP,
 * managed through AWS Systems Manager. It has no SSH key and its security group admits nothing:
 * admins open a Session Manager session, which the SSM agent dials out for over tcp/443, through
 * the private subnet's NAT gateway (the guide draws the bastion in the public subnet; a public IP
 * would only add an address the internet can probe, and Session Manager needs none).
 *
 * Creates: 1. a security group (`Role=bastion`) with no ingress and two egress rules, tcp/443 to
 * the internet (Session Manager through the NAT, package mirrors) and tcp/5432 to the VPC (the database), 2. an
 * instance role trusted only by EC2 in this account, with `AmazonSSMManagedInstanceCore` attached,
 * and its instance profile, 3. the instance: IMDSv2 only, root volume encrypted with the stack's
 * key, detailed monitoring, and no public IP.
 *
 * Use:
 * ```sh
 * aws ssm start-session --target <instanceId>
 * # PostgreSQL on localhost:5432, forwarded through the bastion to the database:
 * aws ssm start-session --target <instanceId> \
 *   --document-name AWS-StartPortForwardingSessionToRemoteHost \
 *   --parameters '{"host":["<database address>"],"portNumber":["5432"],"localPortNumber":["5432"]}'
 * ```
 * The database's security group must admit this group's id (`securityGroupId`) on 5432.
 *
 * The AMI is read at each `pulumi up`: a newer Amazon Linux release replaces the instance, which
 * holds no state.
 *
 * Cost, per month in ca-central-1 for the profiles' t3.micro: about USD 8.50 of instance hours,
 * USD 0.70 for the 8 GB gp3 root volume and about USD 2 for the detailed-monitoring metrics.
 * Session Manager itself is free; its few kilobytes per session cross the NAT gateway the stack
 * already runs. The `ssm`, `ssmmessages` and `ec2messages` interface endpoints would be the other
 * way out, but each is billed per AZ-hour whatever the traffic, for a host used a few times a month.
 */
export class Bastion extends pulumi.ComponentResource {
    /** The bastion's security group (the database admits it on 5432). */
    public readonly securityGroupId: pulumi.Output<string>;
    /** The instance id, for `aws ssm start-session --target`. */
    public readonly instanceId: pulumi.Output<string>;

    constructor(name: string, args: BastionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:network:Bastion", name, {}, opts);
        const securityGroup = this.createSecurityGroup(name, args);
        const profile = this.createInstanceProfile(name, args);
        const instance = this.createInstance(name, args, securityGroup, profile);

        this.securityGroupId = securityGroup.id;
        this.instanceId = instance.id;
        this.registerOutputs({ securityGroupId: this.securityGroupId, instanceId: this.instanceId });
    }

    /** No ingress at all; egress only to Session Manager (443) and the database (5432 in the VPC). */
    private createSecurityGroup(name: string, args: BastionArgs): aws.ec2.SecurityGroup {
        const group = new aws.ec2.SecurityGroup(
            `${name}-sg`,
            {
                vpcId: args.vpcId,
                description: `Bastion ${args.namePrefix}: no ingress, Session Manager only`,
                tags: mergeTags(args.tags, { Name: `${args.namePrefix}-bastion`, Role: "bastion" }),
            },
            { parent: this },
        );
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-https-out`,
            {
                securityGroupId: group.id,
                cidrIpv4: "0.0.0.0/0",
                ipProtocol: "tcp",
                fromPort: HTTPS_PORT,
                toPort: HTTPS_PORT,
                description: "HTTPS to Session Manager and the package mirrors",
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-postgres-out`,
            {
                securityGroupId: group.id,
                cidrIpv4: args.vpcCidrBlock,
                ipProtocol: "tcp",
                fromPort: POSTGRES_PORT,
                toPort: POSTGRES_PORT,
                description: "PostgreSQL in the VPC, for port forwarding to the database",
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        return group;
    }

    /** Session Manager only: the role holds AmazonSSMManagedInstanceCore and nothing else. */
    private createInstanceProfile(name: string, args: BastionArgs): aws.iam.InstanceProfile {
        return createInstanceProfile(this, {
            roleName: `${name}-role`,
            profileName: `${name}-profile`,
            description: `Session Manager access to the bastion of ${args.namePrefix}`,
            roleBoundaryArn: args.roleBoundaryArn,
            managedPolicies: { [`${name}-ssm-core`]: SSM_CORE_POLICY_ARN },
            tags: args.tags,
        });
    }

    private createInstance(
        name: string,
        args: BastionArgs,
        securityGroup: aws.ec2.SecurityGroup,
        profile: aws.iam.InstanceProfile,
    ): aws.ec2.Instance {
        const ami = aws.ssm.getParameterOutput({ name: AMI_PARAMETER }, { parent: this });
        const physicalName = `${args.namePrefix}-bastion`;
        return new aws.ec2.Instance(
            `${name}-instance`,
            {
                // `insecureValue`: an AMI id is public, and `value` would be masked as a secret.
                ami: ami.insecureValue,
                instanceType: args.instanceType,
                subnetId: args.subnetId,
                vpcSecurityGroupIds: [securityGroup.id],
                // Session Manager goes out through the NAT gateway: nothing has to reach in.
                associatePublicIpAddress: false,
                iamInstanceProfile: profile.name,
                metadataOptions: {
                    httpEndpoint: "enabled",
                    httpTokens: "required",
                    httpPutResponseHopLimit: 1,
                },
                rootBlockDevice: {
                    encrypted: true,
                    kmsKeyId: args.kmsKeyArn,
                    volumeType: "gp3",
                    deleteOnTermination: true,
                    tags: mergeTags(args.tags, { Name: physicalName }),
                },
                monitoring: true,
                tags: mergeTags(args.tags, { Name: physicalName, Role: "bastion" }),
            },
            { parent: this },
        );
    }
}
