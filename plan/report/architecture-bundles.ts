import { compareText } from "./architecture-context";
import type { ArchitectureGraph, EdgeKind } from "./architecture-model";

/**
 * Bundles the model's edges for drawing: when one node has the same relation (kind and label) with
 * every node of a cluster, one edge to the cluster's box stands for them all (Graphviz `lhead`),
 * and likewise from a cluster (`ltail`). Three services reaching five endpoints on 443 are fifteen
 * edges in the model and one arrow on the page. Only whole clusters are bundled, so an arrow to a
 * box never claims a relation with a node inside it that the model does not have.
 *
 * @module
 */

/** One end of a drawn edge: a node, or a cluster drawn through one of its nodes (the anchor). */
export type End = { readonly node: string } | { readonly cluster: string; readonly anchor: string };

/** An edge as drawn. */
export interface DotEdge {
    /** Where it starts. */
    readonly from: End;
    /** Where it ends. */
    readonly to: End;
    /** What it means. */
    readonly kind: EdgeKind;
    /** Its label. */
    readonly label: string;
}

function keyOf(end: End): string {
    return "cluster" in end ? `cluster:${end.cluster}` : `node:${end.node}`;
}

/** The node ids inside each cluster, nested clusters included, sorted. */
function membersOf(graph: ArchitectureGraph): Map<string, string[]> {
    const parents = new Map(graph.clusters.map((c) => [c.id, c.parent]));
    const members = new Map<string, string[]>(graph.clusters.map((c) => [c.id, []]));
    for (const node of graph.nodes) {
        for (let cluster = node.cluster; cluster !== null; cluster = parents.get(cluster) ?? null) {
            members.get(cluster)?.push(node.id);
        }
    }
    members.forEach((ids) => ids.sort(compareText));
    return members;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
    const groups = new Map<string, T[]>();
    items.forEach((item) => groups.set(key(item), [...(groups.get(key(item)) ?? []), item]));
    return [...groups.values()];
}

/** The edges to draw for the graph, bundled where a whole cluster shares a relation; sorted. */
export function bundleEdges(graph: ArchitectureGraph): DotEdge[] {
    const members = membersOf(graph);
    const nodesOf = (end: End) => ("cluster" in end ? (members.get(end.cluster) ?? []) : [end.node]);
    // Outermost clusters first (the model lists parents before children), so the biggest box wins.
    const cover = (nodes: readonly string[], other: End): End[] => {
        const left = new Set(nodes);
        const excluded = new Set(nodesOf(other));
        const ends: End[] = [];
        for (const { id } of graph.clusters) {
            const inside = members.get(id) ?? [];
            if (inside.length >= 2 && inside.every((n) => left.has(n)) && !inside.some((n) => excluded.has(n))) {
                ends.push({ cluster: id, anchor: inside[0] });
                inside.forEach((n) => left.delete(n));
            }
        }
        return [...ends, ...[...left].sort(compareText).map((node) => ({ node }))];
    };
    const fromNodes = groupBy(graph.edges, (e) => `${e.kind}\u0000${e.label}\u0000${e.from}`).flatMap((group) => {
        const from: End = { node: group[0].from };
        return cover(
            group.map((e) => e.to),
            from,
        ).map((to) => ({ from, to, kind: group[0].kind, label: group[0].label }));
    });
    const bundled = groupBy(fromNodes, (e) => `${e.kind}\u0000${e.label}\u0000${keyOf(e.to)}`).flatMap((group) =>
        cover(
            group.flatMap((e) => nodesOf(e.from)),
            group[0].to,
        ).map((from) => ({ ...group[0], from })),
    );
    return bundled.sort(
        (a, b) =>
            compareText(keyOf(a.from), keyOf(b.from)) ||
            compareText(keyOf(a.to), keyOf(b.to)) ||
            compareText(a.kind, b.kind) ||
            compareText(a.label, b.label),
    );
}
