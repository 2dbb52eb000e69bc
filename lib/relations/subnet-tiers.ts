/**
 * The subnet tiers of awsx: its `subnetSpecs[].type`, and the `SubnetType` tag of the subnets it
 * makes. The data-tier policies judge where a subnet group's subnets come from by tier; the diagram
 * draws the VPC's subnets by tier.
 */
export type SubnetTier = "Public" | "Private" | "Isolated";
