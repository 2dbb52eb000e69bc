/**
 * The contract of `Network`: its arguments and the NAT strategy they name, beside the subnet
 * maths, so that neither imports the component class.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../tags";

/** How many NAT gateways the VPC gets; the names follow awsx's `NatGatewayStrategy`. */
export type NatGatewayStrategy = "onePerAz" | "single" | "none";

/** Arguments of the `Network` component. */
export interface NetworkArgs {
    /** The VPC's IPv4 range, a private /16 to /24 (guide: `10.0.0.0/16`). */
    readonly cidrBlock: string;
    /** The AZs to span, at least two (guide: `ca-central-1a`, `ca-central-1b`). */
    readonly availabilityZones: readonly string[];
    /** NAT gateways: one per AZ (production), a single shared one (staging) or none (local). */
    readonly natGateways: NatGatewayStrategy;
    /** How long VPC flow logs are kept, in days (a value CloudWatch Logs accepts). */
    readonly flowLogRetentionDays: number;
    /** Customer key for the flow-log group. @default - CloudWatch Logs' own encryption */
    readonly logsKmsKeyArn?: pulumi.Input<string>;
    /** Deletion protection on the flow-log group (audit evidence). */
    readonly deletionProtection: boolean;
    /** Prefix of physical names, e.g. `fraud-detector-prod`. */
    readonly namePrefix: string;
    /** The stack's base tags; merged into every child's tags. */
    readonly tags: Tags;
    /** The stack's permissions boundary (`RoleBoundary`), carried by every role created here. */
    readonly roleBoundaryArn: pulumi.Input<string>;
}
