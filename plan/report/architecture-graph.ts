import type { PlanDocument } from "../engine/contract";
import { compareText, diagramContext, PlacedNode } from "./architecture-context";
import { accessEdges } from "./architecture-edges-access";
import { alarmEdges } from "./architecture-edges-alarms";
import { networkEdges } from "./architecture-edges-network";
import type { ArchitectureCluster, ArchitectureEdge, ArchitectureGraph, ArchitectureNode } from "./architecture-model";
import { cacheNodes, databaseNodes, serviceNodes } from "./architecture-nodes-app";
import { bastionNodes, endpointNodes, internetNodes, loadBalancerNodes, natNodes } from "./architecture-nodes-network";
import { alarmNodes, bucketNodes, secretNodes, topicNodes } from "./architecture-nodes-regional";

/**
 * Builds the architecture diagram's model from a plan: a node for the internet, the load balancer,
 * each NAT gateway, the bastion, each ECS service, RDS instance, Redis group, VPC endpoint, bucket,
 * secret and topic, and one for the alarms; clusters for the VPC's tiers and AZs and for the
 * regional services; edges for the relations the plan states (security-group rules, IAM grants,
 * alarm dimensions and actions). Pure: the same plan gives the same graph, every list sorted.
 *
 * @module
 */

/**
 * The node builders, in the order nodes claim URNs: the first node that stands for a URN is the one
 * edges attach to, so the internet claims the VPC before the NAT gateways, and an RDS instance's
 * own node before the node of the master secret RDS manages for it.
 */
const BUILDERS = [
    internetNodes,
    natNodes,
    loadBalancerNodes,
    bastionNodes,
    serviceNodes,
    endpointNodes,
    databaseNodes,
    cacheNodes,
    bucketNodes,
    secretNodes,
    topicNodes,
    alarmNodes,
];

/** The cluster tree of the nodes' paths, parents before children, in the order the builders first name them. */
function clustersOf(placed: readonly PlacedNode[]): ArchitectureCluster[] {
    const clusters = new Map<string, ArchitectureCluster>();
    for (const { path } of placed) {
        path.forEach((ref, i) => {
            if (!clusters.has(ref.id)) {
                clusters.set(ref.id, { ...ref, parent: i === 0 ? null : path[i - 1].id });
            }
        });
    }
    return [...clusters.values()];
}

function compareEdges(a: ArchitectureEdge, b: ArchitectureEdge): number {
    return (
        compareText(a.from, b.from) ||
        compareText(a.to, b.to) ||
        compareText(a.kind, b.kind) ||
        compareText(a.label, b.label)
    );
}

/** The architecture graph of a plan. Throws when two nodes would share an id (a builder bug). */
export function buildArchitectureGraph(plan: PlanDocument): ArchitectureGraph {
    const context = diagramContext(plan);
    const placed = BUILDERS.flatMap((build) => build(context));
    const owners = new Map<string, string>();
    const ids = new Set<string>();
    for (const node of placed) {
        if (ids.has(node.id)) {
            throw new Error(`two diagram nodes have the id ${node.id}`);
        }
        ids.add(node.id);
        node.urns.forEach((urn) => owners.has(urn) || owners.set(urn, node.id));
    }
    const nodeOf = (urn: string) => owners.get(urn);
    const nodes: ArchitectureNode[] = placed
        .map(({ path, ...node }) => ({ ...node, cluster: path.length > 0 ? path[path.length - 1].id : null }))
        .sort((a, b) => compareText(a.id, b.id));
    const internet = placed.find((n) => n.kind === "internet")?.id ?? "internet";
    const edges = [
        ...networkEdges(context, nodeOf, internet),
        ...accessEdges(context, nodes),
        ...alarmEdges(context, nodes, nodeOf),
    ].sort(compareEdges);
    return { stack: plan.stack, clusters: clustersOf(placed), nodes, edges };
}
