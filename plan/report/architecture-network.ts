import type { PlanDocument, PlanResource } from "../engine/contract";
import type { SubnetTier } from "../../lib/relations/subnet-tiers";
import type { ArchitectureCluster } from "./architecture-model";

/**
 * The VPC as the diagram needs it: which tier and AZ each subnet id belongs to, and where the NAT
 * gateways are. It reads awsx's children as a real preview shows them (the subnets with their
 * `SubnetType` tag and AZ, the NAT gateways and the internet gateway); for a plan without them
 * (one written before the plan held them) it falls back to the component's inputs and outputs.
 *
 * @module
 */

/** A cluster a node sits in, as a path element: the graph builder turns paths into the cluster tree. */
export type ClusterRef = Omit<ArchitectureCluster, "parent">;

/** Where a resource sits in the VPC, read from the subnets it names. */
export interface Placement {
    /** The subnet tier, or undefined when the subnets are not the VPC's (or there are none). */
    readonly tier: SubnetTier | undefined;
    /** The AZs the subnets cover, in the VPC's AZ order. */
    readonly azs: readonly string[];
}

/** The VPC's layout. */
export interface NetworkLayout {
    /** The awsx VPC component, if the stack has one. */
    readonly vpc: PlanResource | undefined;
    /** The VPC's AZs, in order. */
    readonly azs: readonly string[];
    /** The AZs that get a NAT gateway: those of the NAT gateways' subnets, else from `natGateways.strategy`. */
    readonly natAzs: readonly string[];
    /** The NAT gateways in the plan (awsx's children), in plan order. */
    readonly natGateways: readonly PlanResource[];
    /** The internet gateway in the plan (awsx's child), if any. */
    readonly internetGateway: PlanResource | undefined;
    /** Where the given subnet ids sit. */
    placement(subnetIds: unknown): Placement;
    /**
     * The cluster path of a tier, and of one AZ of it when `az` is given; just the VPC's when the
     * tier is unknown (subnets that are not the VPC's, or none), since the resource is still in it.
     */
    pathOf(tier?: SubnetTier, az?: string): ClusterRef[];
}

const AWSX_VPC = "awsx:ec2:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
const NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";
const INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";
const TIERS: readonly SubnetTier[] = ["Public", "Private", "Isolated"];
const TIER_OUTPUTS: ReadonlyArray<readonly [SubnetTier, string]> = [
    ["Public", "publicSubnetIds"],
    ["Private", "privateSubnetIds"],
    ["Isolated", "isolatedSubnetIds"],
];

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * The AZs with a NAT gateway. awsx's default strategy is one per AZ; `Single` puts the one gateway
 * in the first AZ's public subnet.
 */
function natAzsOf(vpc: PlanResource, azs: readonly string[]): string[] {
    const strategy = (vpc.inputs.natGateways as { strategy?: unknown } | undefined)?.strategy ?? "OnePerAz";
    if (strategy === "OnePerAz") {
        return [...azs];
    }
    return strategy === "Single" ? azs.slice(0, 1) : [];
}

/** A tier's heading, with the size of its subnets from the VPC's subnet specs. */
function tierLabel(vpc: PlanResource | undefined, tier: SubnetTier): string {
    const specs = (vpc?.inputs.subnetSpecs ?? []) as Array<{ type?: unknown; cidrMask?: unknown }>;
    const mask = specs.find((s) => s.type === tier)?.cidrMask;
    return `${tier} subnets${typeof mask === "number" ? ` (/${mask} per AZ)` : ""}`;
}

/** The subnets the plan holds (awsx's children), by id: tier from awsx's `SubnetType` tag, and AZ. */
function subnetChildren(plan: PlanDocument): Map<string, { tier: SubnetTier; az: string | undefined }> {
    const subnets = new Map<string, { tier: SubnetTier; az: string | undefined }>();
    for (const subnet of plan.resources.filter((r) => r.type === SUBNET && r.id !== null)) {
        const tier = (subnet.inputs.tags as Record<string, unknown> | undefined)?.SubnetType;
        const az = subnet.inputs.availabilityZone;
        if (TIERS.includes(tier as SubnetTier)) {
            subnets.set(String(subnet.id), { tier: tier as SubnetTier, az: typeof az === "string" ? az : undefined });
        }
    }
    return subnets;
}

/** The subnets as the component's outputs name them, when the plan holds no subnet children. */
function subnetOutputs(
    vpc: PlanResource | undefined,
    azs: readonly string[],
): Map<string, { tier: SubnetTier; az: string | undefined }> {
    const subnets = new Map<string, { tier: SubnetTier; az: string | undefined }>();
    for (const [tier, output] of TIER_OUTPUTS) {
        const ids = strings(vpc?.outputs[output]);
        // awsx makes one subnet per spec and AZ, AZ by AZ, so with one spec per tier subnet i is in AZ i.
        ids.forEach((id, i) => subnets.set(id, { tier, az: ids.length === azs.length ? azs[i] : undefined }));
    }
    return subnets;
}

/** Reads the VPC layout out of a plan. */
export function networkLayout(plan: PlanDocument): NetworkLayout {
    const vpc = plan.resources.find((r) => r.type === AWSX_VPC);
    const azs = strings(vpc?.outputs.availabilityZoneNames ?? vpc?.inputs.availabilityZoneNames);
    const children = subnetChildren(plan);
    const subnets = children.size > 0 ? children : subnetOutputs(vpc, azs);
    const natGateways = plan.resources.filter((r) => r.type === NAT_GATEWAY);
    const natAzs =
        natGateways.length > 0 || children.size > 0
            ? azs.filter((az) => natGateways.some((nat) => subnets.get(String(nat.inputs.subnetId))?.az === az))
            : vpc
              ? natAzsOf(vpc, azs)
              : [];
    const cidr = vpc?.inputs.cidrBlock;
    const vpcCluster: ClusterRef = { id: "vpc", label: typeof cidr === "string" ? `VPC ${cidr}` : "VPC" };
    return {
        vpc,
        azs,
        natAzs,
        natGateways,
        internetGateway: plan.resources.find((r) => r.type === INTERNET_GATEWAY),
        placement(subnetIds) {
            const found = strings(Array.isArray(subnetIds) ? subnetIds : [subnetIds]).map((id) => subnets.get(id));
            const tiers = new Set(found.map((f) => f?.tier));
            const covered = new Set(found.map((f) => f?.az));
            return {
                tier: tiers.size === 1 ? found[0]?.tier : undefined,
                azs: azs.filter((az) => covered.has(az)),
            };
        },
        pathOf(tier, az) {
            if (tier === undefined) {
                return [vpcCluster];
            }
            const tierCluster = { id: tier.toLowerCase(), label: tierLabel(vpc, tier) };
            const path = [vpcCluster, tierCluster];
            return az ? [...path, { id: `${tierCluster.id}-${az}`, label: az }] : path;
        },
    };
}
