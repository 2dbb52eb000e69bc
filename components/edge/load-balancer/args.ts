/**
 * The contract of `LoadBalancer`: its arguments, in a file of their own so the naming rules
 * (`naming.ts`) validate them without importing the component class, which imports them.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../tags";

/** Arguments of the `LoadBalancer` component. */
export interface LoadBalancerArgs {
    /** Physical name prefix, e.g. `fraud-detector-prod` (ALB names are limited to 32 characters). */
    readonly namePrefix: string;
    /** The VPC. */
    readonly vpcId: pulumi.Input<string>;
    /** The public subnets, one per AZ. */
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The api tasks' security group: the ALB admits itself into it on `targetPort`. */
    readonly targetSecurityGroupId: pulumi.Input<string>;
    /** The port the api container listens on. */
    readonly targetPort: number;
    /** The path the target groups check. */
    readonly healthCheckPath: string;
    /** The API's DNS name; with it: ACM certificate, HTTPS listener, alias record. @default - HTTP only */
    readonly domainName?: string;
    /** The Route 53 public zone of `domainName`. */
    readonly hostedZoneName?: string;
    /** The bucket receiving the ALB's access logs (the stack's log bucket). */
    readonly accessLogBucket: pulumi.Input<string>;
    /** Deletion protection on the load balancer. */
    readonly deletionProtection: boolean;
    /** The stack's base tags. */
    readonly tags: Tags;
}
