import { allowsOf, grantsOf } from "../../lib/relations/iam-graph";
import type { PlanResource } from "../engine/contract";
import { DiagramContext, sourcesIn } from "./architecture-context";
import type { ArchitectureEdge, ArchitectureNode } from "./architecture-model";

/**
 * IAM edges: what each ECS service's roles may do to the buckets and secrets on the diagram. The
 * task role is what the application itself may do ("reads", "writes"); the execution role is what
 * ECS does for it when a task starts, such as fetching its secrets ("reads at start"). Grants are
 * read with lib/relations' `grantsOf`, as the IAM policies read them, so inline, RolePolicy and
 * attached policies all count.
 *
 * @module
 */

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const ROLE = "aws:iam/role:Role";

/** The two roles of a task definition, and how their grants read on an edge. */
const ROLES: ReadonlyArray<{ readonly property: string; readonly suffix: string }> = [
    { property: "taskRoleArn", suffix: "" },
    { property: "executionRoleArn", suffix: " at start" },
];

/** Actions that only read; anything else (Put, Delete, Replicate, ...) writes. */
const READ_ACTION = /^(\*|Get|List|Describe|Head|Decrypt|BatchGet|Query|Scan|Select)/i;

/**
 * The node an ARN of an IAM statement names: one whose ARN it is, or whose objects it names
 * (`<bucket ARN>/*`). Wildcards across resources (`*`, `arn:aws:s3:::*`) name no node.
 */
export function nodeForArn(nodes: readonly ArchitectureNode[], arn: string): ArchitectureNode | undefined {
    return nodes.find((node) => node.arns.some((own) => own !== "" && (arn === own || arn.startsWith(`${own}/`))));
}

/** The edges of one service node from the grants of its task definition's roles. */
function serviceAccess(
    context: DiagramContext,
    nodes: readonly ArchitectureNode[],
    service: ArchitectureNode,
    resource: PlanResource,
): ArchitectureEdge[] {
    const task = sourcesIn(context, resource, "taskDefinition", TASK_DEFINITION)[0];
    const resources = [...context.linked.values()];
    const edges: ArchitectureEdge[] = [];
    for (const { property, suffix } of ROLES) {
        const role = task && sourcesIn(context, task, property, ROLE)[0];
        const linkedRole = role && context.linked.get(role.urn);
        if (!linkedRole) {
            continue;
        }
        const access = new Map<string, { actions: Set<string>; via: Set<string> }>();
        for (const grant of grantsOf(resources, linkedRole)) {
            for (const { statement } of grant.document ? allowsOf(grant.document) : []) {
                for (const arn of statement.resources) {
                    const target = nodeForArn(nodes, arn);
                    if (target === undefined || target.id === service.id) {
                        continue;
                    }
                    const entry = access.get(target.id) ?? { actions: new Set<string>(), via: new Set<string>() };
                    statement.actions.forEach((action) => entry.actions.add(action));
                    entry.via.add(grant.holder.urn);
                    access.set(target.id, entry);
                }
            }
        }
        for (const [to, { actions, via }] of access) {
            const verbs = [...actions].map((a) => (READ_ACTION.test(a.split(":").pop() ?? a) ? "reads" : "writes"));
            edges.push({
                from: service.id,
                to,
                kind: "iam",
                label: [...new Set(verbs)].sort().join(", ") + suffix,
                via: [...via].sort(),
            });
        }
    }
    return edges;
}

/** IAM edges of every ECS service node. */
export function accessEdges(context: DiagramContext, nodes: readonly ArchitectureNode[]): ArchitectureEdge[] {
    const byUrn = new Map(context.plan.resources.map((r) => [r.urn, r]));
    return nodes
        .filter((node) => node.kind === "ecs-service")
        .flatMap((node) => {
            const resource = byUrn.get(node.urns[0]);
            return resource ? serviceAccess(context, nodes, node, resource) : [];
        });
}
