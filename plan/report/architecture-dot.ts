import { compareText } from "./architecture-context";
import { bundleEdges, DotEdge, End } from "./architecture-bundles";
import type {
    ArchitectureCluster,
    ArchitectureGraph,
    ArchitectureNode,
    EdgeKind,
    NodeKind,
} from "./architecture-model";

/**
 * Draws an architecture graph as Graphviz DOT: clusters nested as the model nests them, node labels
 * with key settings, edge labels with ports or access, the URNs of each node as its tooltip.
 * The output depends on the graph alone and every list is sorted, so a plan always gives the same
 * text (and, through a pinned Graphviz, the same SVG).
 *
 * @module
 */

const NODE_STYLE: Readonly<Record<NodeKind, { shape: string; fill: string }>> = {
    internet: { shape: "ellipse", fill: "#ffffff" },
    "load-balancer": { shape: "box", fill: "#fde68a" },
    "nat-gateway": { shape: "box", fill: "#fef3c7" },
    bastion: { shape: "box", fill: "#fee2e2" },
    "ecs-service": { shape: "box", fill: "#dbeafe" },
    database: { shape: "cylinder", fill: "#dcfce7" },
    cache: { shape: "cylinder", fill: "#fce7f3" },
    "vpc-endpoint": { shape: "box", fill: "#ede9fe" },
    bucket: { shape: "folder", fill: "#ecfccb" },
    secret: { shape: "note", fill: "#f3f4f6" },
    topic: { shape: "box", fill: "#ffedd5" },
    alarms: { shape: "note", fill: "#fff7ed" },
};

/**
 * Edge styles. Alarm edges do not take part in ranking (`constraint=false`): otherwise the alarms
 * node, which points at the load balancer, would be laid out above the internet. Edges between the
 * VPC and the regional services carry `xlabel`s, placed after layout: a plain label is laid out as
 * a node of its own, which cannot sit inside the VPC's boxes, so the edge would loop around them.
 */
const EDGE_STYLE: Readonly<Record<EdgeKind, { readonly label: "label" | "xlabel"; readonly style: string }>> = {
    network: { label: "label", style: 'color="#1f2937"' },
    iam: { label: "xlabel", style: 'color="#2563eb", fontcolor="#2563eb", style=dashed' },
    monitors: {
        label: "xlabel",
        style: 'color="#9ca3af", fontcolor="#6b7280", style=dotted, constraint=false',
    },
    notifies: { label: "xlabel", style: 'color="#c2410c", fontcolor="#c2410c", style=dashed' },
};

/** Cluster outlines by depth: the VPC and the region bold, tiers shaded, AZs and groups dashed. */
const CLUSTER_STYLE = [
    'style="rounded,bold"; color="#475569";',
    'style="rounded,filled"; color="#cbd5e1"; fillcolor="#f8fafc";',
    'style="rounded,dashed"; color="#94a3b8";',
];

/** A DOT double-quoted string: backslashes and quotes escaped, line breaks as centred `\n`. */
export function quote(value: string): string {
    return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}

function nodeLine(node: ArchitectureNode, indent: string): string {
    const style = NODE_STYLE[node.kind];
    const label = [node.title, ...node.details].join("\n");
    return `${indent}${quote(node.id)} [label=${quote(label)}, shape=${style.shape}, fillcolor="${style.fill}", tooltip=${quote(node.urns.join("\n"))}];`;
}

function clusterLines(
    graph: ArchitectureGraph,
    cluster: ArchitectureCluster,
    depth: number,
    byCluster: ReadonlyMap<string | null, ArchitectureNode[]>,
): string[] {
    const indent = "    ".repeat(depth + 1);
    const children = graph.clusters.filter((c) => c.parent === cluster.id);
    return [
        `${indent}subgraph ${quote(`cluster_${cluster.id}`)} {`,
        `${indent}    label=${quote(cluster.label)}; ${CLUSTER_STYLE[Math.min(depth, CLUSTER_STYLE.length - 1)]}`,
        ...(byCluster.get(cluster.id) ?? []).map((node) => nodeLine(node, `${indent}    `)),
        ...children.flatMap((child) => clusterLines(graph, child, depth + 1, byCluster)),
        `${indent}}`,
    ];
}

function endLine(end: End, side: "tail" | "head"): { node: string; attribute: string } {
    return "cluster" in end
        ? { node: end.anchor, attribute: `l${side}=${quote(`cluster_${end.cluster}`)}` }
        : { node: end.node, attribute: "" };
}

/**
 * Egress to the internet does not rank it: the internet is drawn on top, above the load balancer it
 * sends traffic to, and an edge from the services up to it would otherwise pull it below them.
 */
function edgeLine(edge: DotEdge, kinds: ReadonlyMap<string, NodeKind>): string {
    const tail = endLine(edge.from, "tail");
    const head = endLine(edge.to, "head");
    const style = EDGE_STYLE[edge.kind];
    const toInternet = kinds.get(head.node) === "internet" && !style.style.includes("constraint");
    const attributes = [
        `${style.label}=${quote(edge.label)}`,
        style.style,
        toInternet ? "constraint=false" : "",
        tail.attribute,
        head.attribute,
    ];
    return `    ${quote(tail.node)} -> ${quote(head.node)} [${attributes.filter(Boolean).join(", ")}];`;
}

/**
 * Invisible edges that stack the top-level boxes in model order (the VPC, then the regional
 * services): from the first node of the previous box's last inner box (the deepest tier) to every
 * node of the next box. Without them the regional services share ranks with the data tier and
 * the page grows twice as wide.
 */
function stackingLines(graph: ArchitectureGraph, byCluster: ReadonlyMap<string | null, ArchitectureNode[]>): string[] {
    const tops = graph.clusters.filter((c) => c.parent === null);
    const descendants = (id: string): ArchitectureNode[] => [
        ...(byCluster.get(id) ?? []),
        ...graph.clusters.filter((c) => c.parent === id).flatMap((c) => descendants(c.id)),
    ];
    return tops.slice(1).flatMap((top, i) => {
        const inner = graph.clusters.filter((c) => c.parent === tops[i].id && descendants(c.id).length > 0);
        const anchor = descendants(inner.length > 0 ? inner[inner.length - 1].id : tops[i].id)[0];
        return anchor
            ? descendants(top.id).map((node) => `    ${quote(anchor.id)} -> ${quote(node.id)} [style=invis];`)
            : [];
    });
}

/** The DOT text of an architecture graph. */
export function architectureDot(graph: ArchitectureGraph): string {
    const kinds = new Map(graph.nodes.map((node) => [node.id, node.kind]));
    const byCluster = new Map<string | null, ArchitectureNode[]>();
    for (const node of [...graph.nodes].sort((a, b) => compareText(a.id, b.id))) {
        byCluster.set(node.cluster, [...(byCluster.get(node.cluster) ?? []), node]);
    }
    const title = `fraud-detector ${graph.stack}: drawn from the offline plan (npm run diagram)`;
    return [
        `digraph ${quote(`architecture-${graph.stack}`)} {`,
        `    graph [label=${quote(title)}, labelloc=t, fontname="Helvetica", fontsize=14, rankdir=TB, compound=true, nodesep=0.3, ranksep=0.55];`,
        '    node [fontname="Helvetica", fontsize=10, style="rounded,filled", margin="0.2,0.08"];',
        '    edge [fontname="Helvetica", fontsize=9, arrowsize=0.7];',
        ...(byCluster.get(null) ?? []).map((node) => nodeLine(node, "    ")),
        ...graph.clusters
            .filter((c) => c.parent === null)
            .flatMap((cluster) => clusterLines(graph, cluster, 0, byCluster)),
        ...bundleEdges(graph).map((edge) => edgeLine(edge, kinds)),
        ...stackingLines(graph, byCluster),
        "}",
        "",
    ].join("\n");
}
