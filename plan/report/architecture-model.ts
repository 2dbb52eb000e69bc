/**
 * The architecture diagram's model: what `buildArchitectureGraph` reads out of a plan and
 * `architectureDot` draws. Kept apart from both so the tests can assert relations on the model
 * without parsing a drawing.
 *
 * @module
 */

/** What a node stands for. */
export type NodeKind =
    | "internet"
    | "load-balancer"
    | "nat-gateway"
    | "bastion"
    | "ecs-service"
    | "database"
    | "cache"
    | "vpc-endpoint"
    | "bucket"
    | "secret"
    | "topic"
    | "alarms";

/**
 * What an edge means: `network` a security-group rule that admits traffic (to the internet for
 * egress rules to 0.0.0.0/0); `iam` a role's grant on a bucket or secret; `monitors` alarms on a
 * resource's metrics; `notifies` alarm actions or event subscriptions that publish to a topic.
 */
export type EdgeKind = "network" | "iam" | "monitors" | "notifies";

/** A box around nodes: a subnet tier, an AZ, the ECS cluster, a group of regional services. */
export interface ArchitectureCluster {
    /** Unique among clusters, stable across runs (DOT draws it as `cluster_<id>`). */
    readonly id: string;
    /** The heading drawn on the box. */
    readonly label: string;
    /** The enclosing cluster's id, or null at the top level. */
    readonly parent: string | null;
}

/** One box of the diagram. */
export interface ArchitectureNode {
    /** Unique, stable: the logical name of the resource drawn, or a fixed name (`internet`, `nat-<az>`, `alarms`). */
    readonly id: string;
    /** What it stands for. */
    readonly kind: NodeKind;
    /** The first line of the label, e.g. the ECS service name. */
    readonly title: string;
    /** Further label lines: key settings (instance class, task size x count, AZs). */
    readonly details: readonly string[];
    /** The innermost cluster it sits in, or null for the top level (the internet). */
    readonly cluster: string | null;
    /**
     * URNs of the plan resources it stands for: a NAT gateway node, the gateway and its Elastic IP;
     * the internet, the internet gateway (the awsx VPC's URN in a plan without awsx's children).
     */
    readonly urns: readonly string[];
    /** ARNs it answers to, which IAM statements name (a bucket's objects match by prefix). */
    readonly arns: readonly string[];
}

/** One relation between two nodes, found in the plan. */
export interface ArchitectureEdge {
    /** The node id traffic, access or notification comes from. */
    readonly from: string;
    /** The node id it goes to. */
    readonly to: string;
    /** What it means. */
    readonly kind: EdgeKind;
    /** Drawn on the edge: `:8080`, `:80, :443`, `reads`, `4 alarms`. */
    readonly label: string;
    /** URNs of the resources that establish it (security-group rules, role policies, alarms). */
    readonly via: readonly string[];
}

/** The whole diagram of one stack, every list in a stable order. */
export interface ArchitectureGraph {
    /** The stack drawn. */
    readonly stack: string;
    /** Clusters, parents before children. */
    readonly clusters: readonly ArchitectureCluster[];
    /** Nodes, by id. */
    readonly nodes: readonly ArchitectureNode[];
    /** Edges, by from, to, kind and label. */
    readonly edges: readonly ArchitectureEdge[];
}
