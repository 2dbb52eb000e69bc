/**
 * The contract of `ApplicationService`: its arguments and the small types they use. A file of its
 * own so the component's helpers (settings, validation, task roles) and its callers import the
 * types without importing the component class, which imports those helpers.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../tags";
import type { ContainerSettings } from "./task-container";

/** How a service's tasks get capacity. */
export type ServiceCapacity =
    | { readonly kind: "fargate" | "fargateSpot" }
    | { readonly kind: "ec2"; readonly providerName: pulumi.Input<string> };

/** ECS native blue/green for a service behind the load balancer. */
export interface BlueGreen {
    /** The target group live traffic goes to. */
    readonly blueTargetGroupArn: pulumi.Input<string>;
    /** The target group a deployment fills before the switch. */
    readonly greenTargetGroupArn: pulumi.Input<string>;
    /** The listener rule ECS moves between the two. */
    readonly productionListenerRuleArn: pulumi.Input<string>;
    /** Alarms that roll a deployment back while it bakes: the new revision's server errors and unhealthy targets. */
    readonly rollbackAlarmNames: readonly string[];
}

/**
 * Arguments of the `ApplicationService` component: its one container (`ContainerSettings`: the
 * service name, image, port, user, command, health check, environment and secrets), then the rest.
 */
export interface ApplicationServiceArgs extends ContainerSettings {
    /** The cluster's ARN. */
    readonly clusterArn: pulumi.Input<string>;
    /** The cluster's name (autoscaling's resource id is `service/<cluster>/<service>`). */
    readonly clusterName: string;
    /** Fargate, Fargate Spot, or the cluster's EC2 capacity provider. */
    readonly capacity: ServiceCapacity;
    /** Task CPU units and memory (MiB). */
    readonly cpu: number;
    readonly memory: number;
    /** Tasks at deploy time, and the autoscaling range and CPU target (%). */
    readonly desiredCount: number;
    readonly minCount: number;
    readonly maxCount: number;
    readonly cpuTarget: number;
    /** The image's ECR repository: the execution role may pull from it and no other. */
    readonly repositoryArn: pulumi.Input<string>;
    /** The secret ARNs (without JSON keys) the execution role may read: exactly the ones above. */
    readonly secretArns: readonly pulumi.Input<string>[];
    /** The key the secrets and the log group are encrypted with. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** What the task role may do (IAM statements); none gives the task no permissions. */
    readonly taskPolicyStatements: readonly unknown[];
    /** The private subnets. */
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The service's security group. */
    readonly securityGroupId: pulumi.Input<string>;
    /** Service Connect: the namespace, and the name this service answers to (`fraud-ml`), if any. */
    readonly serviceConnect: { readonly namespaceArn: pulumi.Input<string>; readonly expose?: string };
    /** Retention of `/ecs/<name>`, in days. */
    readonly logRetentionDays: number;
    /** ECS Exec into running tasks. */
    readonly execEnabled: boolean;
    /** Deletion protection on `/ecs/<name>` (audit evidence in production). */
    readonly logDeletionProtection: boolean;
    /** Blue/green behind the load balancer (the api). @default - rolling deployments, not behind the ALB */
    readonly blueGreen?: BlueGreen;
    /** The stack's base tags. */
    readonly tags: Tags;
    /** The stack's permissions boundary (`RoleBoundary`), carried by every role created here. */
    readonly roleBoundaryArn: pulumi.Input<string>;
}
