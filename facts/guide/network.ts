/**
 * The deployment guide's network (Production Infrastructure, module "vpc"; Infrastructure
 * Architecture's diagram), and how many NAT gateways each environment runs.
 */

/** The VPC's range (`cidr_block`). */
export const GUIDE_VPC_CIDR = "10.0.0.0/16";

/** The two AZs the VPC spans (`availability_zones`). */
export const GUIDE_AVAILABILITY_ZONES = ["ca-central-1a", "ca-central-1b"] as const;

/** How many NAT gateways an environment runs: one in each AZ, one for both, or none. */
export type NatGatewayCount = "onePerAz" | "single" | "none";

/**
 * NAT gateways per environment. The guide's diagram shows one NAT GW in the public subnet: staging
 * keeps that single gateway. Production runs one per AZ (ours: a single gateway is a single point
 * of failure for every private task), and local none (a workstation stack on LocalStack).
 */
export const NAT_GATEWAYS = {
    local: "none",
    staging: "single",
    production: "onePerAz",
} as const satisfies Record<string, NatGatewayCount>;
