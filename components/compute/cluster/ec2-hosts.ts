import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterArgs } from "./args";
import { createInstanceProfile } from "../../security/instance-profile";
import { mergeTags, Tags } from "../../tags";

/** What the EC2 hosts of a cluster need from the `Cluster` component's arguments. */
export type Ec2HostsArgs = Pick<
    ClusterArgs,
    | "clusterName"
    | "instanceType"
    | "instanceCount"
    | "maxInstanceCount"
    | "vpcId"
    | "subnetIds"
    | "kmsKeyArn"
    | "tags"
    | "roleBoundaryArn"
>;

/** AWS's public parameter naming the current ECS-optimized Amazon Linux 2023 AMI (x86_64, for t3). */
const ECS_AMI_PARAMETER = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";
/** The AWS managed policies of an ECS container instance: the ECS agent, and Session Manager. */
const HOST_POLICY_ARNS = {
    ecs: "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
    ssm: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
} as const;
/** Root device of the Amazon Linux 2023 AMIs, and the size of the ECS-optimized AMI's snapshot. */
const ROOT_DEVICE = "/dev/xvda";
const ROOT_VOLUME_GB = 30;
/** The only port the hosts dial out on: ECS, ECR, CloudWatch Logs and Session Manager endpoints. */
const HTTPS_PORT = 443;

/** What `createEc2Hosts` made that others use. */
export interface Ec2Hosts {
    /** The Auto Scaling group, which the capacity provider scales. */
    readonly group: aws.autoscaling.Group;
    /**
     * The hosts' security group. On EC2 capacity the ECS agent on the host pulls images, fetches
     * secrets and ships logs, so the interface endpoints must admit this group.
     */
    readonly securityGroup: aws.ec2.SecurityGroup;
}

/**
 * The EC2 hosts of a cluster, from security group to Auto Scaling group, in dependency order. Every
 * resource is a child of `parent` (the `Cluster` component) and named after `name`, the component's
 * name; the capacity provider over the returned group stays with the component.
 */
export function createEc2Hosts(parent: pulumi.ComponentResource, name: string, args: Ec2HostsArgs): Ec2Hosts {
    const securityGroup = createHostSecurityGroup(parent, name, args);
    const profile = createHostProfile(parent, name, args);
    const template = createLaunchTemplate(parent, name, args, securityGroup, profile);
    return { group: createAutoScalingGroup(parent, name, args, template), securityGroup };
}

/** No ingress at all; egress only tcp/443, to the AWS endpoints the agent and SSM talk to. */
export function createHostSecurityGroup(
    parent: pulumi.ComponentResource,
    name: string,
    args: Ec2HostsArgs,
): aws.ec2.SecurityGroup {
    const group = new aws.ec2.SecurityGroup(
        `${name}-hosts-sg`,
        {
            vpcId: args.vpcId,
            description: `ECS hosts of ${args.clusterName}: no ingress, HTTPS out only`,
            tags: mergeTags(args.tags, { Name: `${args.clusterName}-hosts`, Role: "ecs-host" }),
        },
        { parent },
    );
    new aws.vpc.SecurityGroupEgressRule(
        `${name}-hosts-https-out`,
        {
            securityGroupId: group.id,
            cidrIpv4: "0.0.0.0/0",
            ipProtocol: "tcp",
            fromPort: HTTPS_PORT,
            toPort: HTTPS_PORT,
            description: "HTTPS to ECS, ECR, CloudWatch Logs and Session Manager",
            tags: mergeTags(args.tags),
        },
        { parent },
    );
    return group;
}

/** The host role, trusted by EC2, with the ECS agent's and Session Manager's policies, and its profile. */
export function createHostProfile(
    parent: pulumi.ComponentResource,
    name: string,
    args: Ec2HostsArgs,
): aws.iam.InstanceProfile {
    return createInstanceProfile(parent, {
        roleName: `${name}-host-role`,
        profileName: `${name}-host-profile`,
        description: `ECS container instances of ${args.clusterName}`,
        roleBoundaryArn: args.roleBoundaryArn,
        managedPolicies: Object.fromEntries(
            Object.entries(HOST_POLICY_ARNS).map(([key, policyArn]) => [`${name}-host-${key}`, policyArn]),
        ),
        tags: args.tags,
    });
}

/** The ECS-optimized AMI, IMDSv2 only, no public IP, an encrypted root volume, detailed monitoring. */
export function createLaunchTemplate(
    parent: pulumi.ComponentResource,
    name: string,
    args: Ec2HostsArgs,
    securityGroup: aws.ec2.SecurityGroup,
    profile: aws.iam.InstanceProfile,
): aws.ec2.LaunchTemplate {
    const ami = aws.ssm.getParameterOutput({ name: ECS_AMI_PARAMETER }, { parent });
    const hostTags = mergeTags(args.tags, { Name: `${args.clusterName}-host`, Role: "ecs-host" });
    return new aws.ec2.LaunchTemplate(
        `${name}-hosts`,
        {
            description: `ECS hosts of ${args.clusterName}`,
            // `insecureValue`: an AMI id is public, and `value` would be masked as a secret.
            imageId: ami.insecureValue,
            instanceType: args.instanceType,
            iamInstanceProfile: { arn: profile.arn },
            metadataOptions: {
                httpEndpoint: "enabled",
                httpTokens: "required",
                // Two hops, as AWS documents for ECS container instances: a container's request
                // crosses the docker bridge first. awsvpc tasks are kept off IMDS altogether by
                // ECS_AWSVPC_BLOCK_IMDS in the user data and use their task role instead.
                httpPutResponseHopLimit: 2,
            },
            blockDeviceMappings: [
                {
                    deviceName: ROOT_DEVICE,
                    ebs: {
                        encrypted: "true",
                        kmsKeyId: args.kmsKeyArn,
                        volumeType: "gp3",
                        volumeSize: ROOT_VOLUME_GB,
                        deleteOnTermination: "true",
                    },
                },
            ],
            networkInterfaces: [
                {
                    deviceIndex: 0,
                    associatePublicIpAddress: "false",
                    securityGroups: [securityGroup.id],
                    deleteOnTermination: "true",
                },
            ],
            monitoring: { enabled: true },
            userData: Buffer.from(hostUserData(args.clusterName)).toString("base64"),
            updateDefaultVersion: true,
            tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({
                resourceType,
                tags: hostTags,
            })),
            tags: mergeTags(args.tags, { Name: `${args.clusterName}-hosts` }),
        },
        { parent },
    );
}

/**
 * `instanceCount` to `maxInstanceCount` hosts over the private subnets, on the template's latest
 * version. The capacity provider's managed scaling sets the desired size between the two.
 */
export function createAutoScalingGroup(
    parent: pulumi.ComponentResource,
    name: string,
    args: Ec2HostsArgs,
    template: aws.ec2.LaunchTemplate,
): aws.autoscaling.Group {
    const tags: Tags = mergeTags(args.tags, { Name: `${args.clusterName}-host` });
    return new aws.autoscaling.Group(
        `${name}-hosts`,
        {
            vpcZoneIdentifiers: args.subnetIds,
            minSize: args.instanceCount,
            // Room for a deploy: ECS starts the new tasks beside the old, one network interface each.
            maxSize: args.maxInstanceCount,
            desiredCapacity: args.instanceCount,
            // A pinned version: a new AMI shows in the diff and rolls out through the refresh below.
            launchTemplate: { id: template.id, version: template.latestVersion.apply(String) },
            instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 50 } },
            healthCheckType: "EC2",
            protectFromScaleIn: false,
            tags: [
                ...Object.entries(tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
                // ECS sets this tag on groups it scales; declaring it keeps it out of the drift.
                { key: "AmazonECSManaged", value: "true", propagateAtLaunch: true },
            ],
        },
        // Managed scaling moves the desired size; a later `pulumi up` must not reset it mid-deploy.
        { parent, ignoreChanges: ["desiredCapacity"] },
    );
}

/** The hosts' boot script: join the cluster, and keep awsvpc tasks away from the host's credentials. */
export function hostUserData(clusterName: string): string {
    return [
        "#!/bin/bash",
        "cat >> /etc/ecs/ecs.config <<'EOF'",
        `ECS_CLUSTER=${clusterName}`,
        // Tasks take their own role's credentials from the agent, never the host role's from IMDS.
        "ECS_AWSVPC_BLOCK_IMDS=true",
        "EOF",
        "",
    ].join("\n");
}
