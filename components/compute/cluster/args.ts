/**
 * The contract of `Cluster`: its arguments, in a file of their own so the EC2 hosts' helper
 * (`ec2-hosts.ts`) reads them without importing the component class, which imports it.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../tags";

/** Arguments of the `Cluster` component. */
export interface ClusterArgs {
    /** The cluster's name, the guide's `fraud-detector-prod`. */
    readonly clusterName: string;
    /** Where tasks run: Fargate, or EC2 hosts behind a capacity provider (staging's 2 x t3.medium). */
    readonly capacity: "fargate" | "ec2";
    /** EC2 instance type of the hosts (`ec2` capacity only). */
    readonly instanceType: string;
    /** Number of EC2 hosts in steady state (`ec2` capacity only): the group's minimum and initial size. */
    readonly instanceCount: number;
    /**
     * The most EC2 hosts managed scaling may run (`ec2` capacity only), at least `instanceCount`:
     * room for a deploy, which runs new tasks beside the old ones.
     */
    readonly maxInstanceCount: number;
    /** The VPC. */
    readonly vpcId: pulumi.Input<string>;
    /** The private subnets the EC2 hosts run in, one per AZ. */
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The customer-managed key for the hosts' EBS volumes. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The stack's base tags. */
    readonly tags: Tags;
    /** The stack's permissions boundary (`RoleBoundary`), carried by every role created here. */
    readonly roleBoundaryArn: pulumi.Input<string>;
}
