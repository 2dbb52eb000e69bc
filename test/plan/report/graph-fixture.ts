import type {
    ArchitectureEdge,
    ArchitectureGraph,
    ArchitectureNode,
    NodeKind,
} from "../../../plan/report/architecture-model";

/** A node of the small hand-made graph the DOT and bundling specs draw. */
export function node(id: string, kind: NodeKind, cluster: string | null): ArchitectureNode {
    return { id, kind, title: id, details: [], cluster, urns: [`urn:${id}`], arns: [] };
}

/** An edge of the fixture graph, with no `via`. */
export function edge(
    from: string,
    to: string,
    label: string,
    kind: ArchitectureEdge["kind"] = "network",
): ArchitectureEdge {
    return { from, to, kind, label, via: [] };
}

/** The fixture graph: two services in an ECS box, two endpoints in theirs, a database and the internet outside. */
export function graphWith(edges: ArchitectureEdge[]): ArchitectureGraph {
    return {
        stack: "test",
        clusters: [
            { id: "vpc", label: "VPC", parent: null },
            { id: "ecs", label: "ECS", parent: "vpc" },
            { id: "endpoints", label: "Endpoints", parent: "vpc" },
        ],
        nodes: [
            node("api", "ecs-service", "ecs"),
            node("db", "database", "vpc"),
            node("ecr", "vpc-endpoint", "endpoints"),
            node("internet", "internet", null),
            node("logs", "vpc-endpoint", "endpoints"),
            node("worker", "ecs-service", "ecs"),
        ],
        edges,
    };
}
