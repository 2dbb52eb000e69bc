/**
 * The contract of `Observability`: its arguments, in a file of their own so the alarm table and
 * the dashboard body read them without importing the component class, which imports both.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../tags";

/** Arguments of the `Observability` component. */
export interface ObservabilityArgs {
    /** The environment's title in names: `Production` gives the guide's `FraudDetector-Production`. */
    readonly environmentTitle: string;
    /** Whether this is production: the guide's alarm names are used as they are only there. */
    readonly production: boolean;
    /** The stack's region, for the dashboard's widgets. */
    readonly region: string;
    /** Who is paged (`fraud-detector:alerts.email`). */
    readonly alertEmail: string;
    /** The customer-managed key the alarm topic is encrypted with. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The ALB's ARN suffix (the `LoadBalancer` dimension). */
    readonly loadBalancerArnSuffix: pulumi.Input<string>;
    /** The ARN suffixes of the api's blue and green target groups (the `TargetGroup` dimension). */
    readonly targetGroupArnSuffixes: readonly pulumi.Input<string>[];
    /** The ECS cluster's name. */
    readonly clusterName: string;
    /** The services (physical names) and the task count each should run. */
    readonly services: Readonly<Record<string, { readonly desiredCount: number }>>;
    /** The RDS instance identifier. */
    readonly databaseIdentifier: string;
    /** The RDS instance, for its event subscription. */
    readonly databaseArn: pulumi.Input<string>;
    /** The replication group id. */
    readonly cacheReplicationGroupId: string;
    /** Nodes in the Redis group (primary plus replicas): replication lag is watched when above 1. */
    readonly cacheNodeCount: number;
    /** The stack's base tags. */
    readonly tags: Tags;
}
