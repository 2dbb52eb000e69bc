import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterArgs } from "./args";
import { createEc2Hosts } from "./ec2-hosts";
import { mergeTags } from "../../tags";

/** The Fargate capacity providers AWS defines; every cluster may use them. */
const FARGATE_PROVIDERS = ["FARGATE", "FARGATE_SPOT"];
/** ECS cluster names: letters, digits, hyphens and underscores, at most 255 characters. */
const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * The ECS cluster of a stack (`fraud-detector-prod`, `-staging`, `-local`), with Container Insights
 * on, and the capacity its tasks run on.
 *
 * Creates, for `fargate` capacity (production, and local on the smallest tasks): 1. the cluster,
 * 2. its capacity providers FARGATE and FARGATE_SPOT, FARGATE being the default strategy.
 *
 * For `ec2` capacity (staging's 2 x t3.medium) also: 3. a security group for the hosts
 * (`Role=ecs-host`) that admits nothing and lets out only tcp/443 (tasks run in awsvpc mode, each
 * behind its own group), 4. a host role trusted by EC2, with `AmazonEC2ContainerServiceforEC2Role`
 * and `AmazonSSMManagedInstanceCore`, and its instance profile, 5. a launch template: the
 * ECS-optimized Amazon Linux 2023 AMI, IMDSv2 only, no public IP, root volume encrypted with the
 * stack's key, detailed monitoring, user data that only names the cluster, 6. an Auto Scaling group
 * of `instanceCount` to `maxInstanceCount` hosts over the private subnets, 7. an ECS capacity
 * provider over that group (managed scaling at 100 % target, managed draining), registered on the
 * cluster and made its default strategy; FARGATE and FARGATE_SPOT stay available beside it.
 * Managed scaling owns the group's size: it adds hosts while tasks wait for capacity (a deploy
 * runs the new tasks beside the old ones, each with its own network interface) and removes them
 * once they are empty, never below `instanceCount` nor above `maxInstanceCount`.
 *
 * The AMI is read at each `pulumi up`: a newer ECS-optimized release adds a launch template version
 * and the group's instance refresh replaces the hosts one at a time (ECS drains each first).
 *
 * Cost, per month in ca-central-1: Container Insights bills its metrics as custom CloudWatch
 * metrics plus the performance log events it ingests, a few USD per service and task family. The
 * `ec2` capacity adds 2 x t3.medium instance hours, about USD 68 on demand (more if sustained CPU
 * above the t3 baseline spends surplus credits), about USD 5 for the two 30 GB gp3 root volumes and
 * about USD 4 of detailed-monitoring metrics, plus the hours of the hosts a deploy adds for as
 * long as it runs (about USD 0.05 per t3.medium-hour). Fargate tasks are billed by the services, not here.
 */
export class Cluster extends pulumi.ComponentResource {
    /** The cluster's name. */
    public readonly clusterName: pulumi.Output<string>;
    /** The cluster's ARN. */
    public readonly clusterArn: pulumi.Output<string>;
    /** The Cloud Map namespace Service Connect names services in (`fraud-ml` resolves there). */
    public readonly serviceConnectNamespaceArn: pulumi.Output<string>;
    /**
     * The EC2 capacity provider's name, when the cluster has EC2 hosts. It resolves only once the
     * provider is registered on the cluster, so services that name it in a strategy wait for that.
     */
    public readonly ec2CapacityProviderName?: pulumi.Output<string>;
    /** The EC2 hosts' security group, when the cluster has EC2 hosts (the endpoints must admit it). */
    public readonly hostSecurityGroupId?: pulumi.Output<string>;

    constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:compute:Cluster", name, {}, opts);
        this.validate(args);
        // Service Connect: tasks reach the ml-service as http://fraud-ml:8000 inside this namespace.
        const namespace = new aws.servicediscovery.HttpNamespace(
            `${name}-namespace`,
            {
                name: `${args.clusterName}.internal`,
                description: `Service Connect of ${args.clusterName}`,
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        const cluster = this.createCluster(name, args, namespace);
        const hosts = args.capacity === "ec2" ? createEc2Hosts(this, name, args) : undefined;
        const provider = hosts ? this.createEc2Capacity(name, args, hosts.group) : undefined;
        const registration = this.registerCapacityProviders(name, cluster, provider);
        this.hostSecurityGroupId = hosts?.securityGroup.id;

        this.clusterName = cluster.name;
        this.clusterArn = cluster.arn;
        this.serviceConnectNamespaceArn = namespace.arn;
        if (provider) {
            this.ec2CapacityProviderName = pulumi
                .all([provider.name, registration.id])
                .apply(([providerName]) => providerName);
        }
        this.registerOutputs({
            clusterName: this.clusterName,
            clusterArn: this.clusterArn,
            serviceConnectNamespaceArn: this.serviceConnectNamespaceArn,
            ec2CapacityProviderName: this.ec2CapacityProviderName,
            hostSecurityGroupId: this.hostSecurityGroupId,
        });
    }

    private validate(args: ClusterArgs): void {
        if (!CLUSTER_NAME.test(args.clusterName)) {
            throw new pulumi.ResourceError(
                `clusterName is "${args.clusterName}"; an ECS cluster name has 1 to 255 letters, digits, hyphens or underscores`,
                this,
            );
        }
        if (args.capacity === "ec2" && (!Number.isInteger(args.instanceCount) || args.instanceCount < 1)) {
            throw new pulumi.ResourceError(
                `cluster.instanceCount is ${args.instanceCount}; EC2 capacity needs a whole number of hosts, at least 1`,
                this,
            );
        }
        if (
            args.capacity === "ec2" &&
            (!Number.isInteger(args.maxInstanceCount) || args.maxInstanceCount < args.instanceCount)
        ) {
            throw new pulumi.ResourceError(
                `cluster.maxInstanceCount is ${args.maxInstanceCount}; EC2 capacity may grow to a whole number of hosts, at least instanceCount (${args.instanceCount})`,
                this,
            );
        }
    }

    private createCluster(
        name: string,
        args: ClusterArgs,
        namespace: aws.servicediscovery.HttpNamespace,
    ): aws.ecs.Cluster {
        return new aws.ecs.Cluster(
            name,
            {
                name: args.clusterName,
                settings: [{ name: "containerInsights", value: "enabled" }],
                serviceConnectDefaults: { namespace: namespace.arn },
                tags: mergeTags(args.tags, { Name: args.clusterName }),
            },
            { parent: this },
        );
    }

    /** The capacity provider over the hosts' Auto Scaling group (made by ./ec2-hosts). */
    private createEc2Capacity(name: string, args: ClusterArgs, group: aws.autoscaling.Group): aws.ecs.CapacityProvider {
        return new aws.ecs.CapacityProvider(
            `${name}-ec2`,
            {
                autoScalingGroupProvider: {
                    autoScalingGroupArn: group.arn,
                    managedScaling: { status: "ENABLED", targetCapacity: 100 },
                    // Termination protection would need protectFromScaleIn on the group; draining
                    // moves tasks off a host before the group (or an instance refresh) stops it.
                    managedTerminationProtection: "DISABLED",
                    managedDraining: "ENABLED",
                },
                tags: mergeTags(args.tags, { Name: `${args.clusterName}-ec2` }),
            },
            { parent: this },
        );
    }

    /** FARGATE and FARGATE_SPOT always; the EC2 provider too when there is one, as the default. */
    private registerCapacityProviders(
        name: string,
        cluster: aws.ecs.Cluster,
        provider: aws.ecs.CapacityProvider | undefined,
    ): aws.ecs.ClusterCapacityProviders {
        const defaultProvider = provider ? provider.name : pulumi.output("FARGATE");
        return new aws.ecs.ClusterCapacityProviders(
            `${name}-capacity`,
            {
                clusterName: cluster.name,
                capacityProviders: provider ? [...FARGATE_PROVIDERS, provider.name] : FARGATE_PROVIDERS,
                defaultCapacityProviderStrategies: [{ capacityProvider: defaultProvider, weight: 1, base: 0 }],
            },
            { parent: this },
        );
    }
}
