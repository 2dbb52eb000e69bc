import type { PlanDocument, PlanResource } from "../engine/contract";
import { LinkedPlanResource, linkedPlanResources } from "../engine/linked-plan";
import { sourcesOf } from "../../lib/relations/references";
import type { ArchitectureNode } from "./architecture-model";
import { ClusterRef, networkLayout, NetworkLayout } from "./architecture-network";

/**
 * What the node and edge builders of the diagram share: the plan, the VPC layout, the plan's
 * resources linked through property dependencies (so the security-group and IAM readers of
 * lib/relations, which the policy pack judges with too, can be reused), and small readers of input
 * values.
 *
 * @module
 */

/** A node before the graph builder has turned its cluster path into a cluster id. */
export interface PlacedNode extends Omit<ArchitectureNode, "cluster"> {
    /** The clusters it sits in, outermost first; empty at the top level. */
    readonly path: readonly ClusterRef[];
}

/** The plan read once for all builders. */
export interface DiagramContext {
    /** The plan drawn. */
    readonly plan: PlanDocument;
    /** Its VPC layout. */
    readonly layout: NetworkLayout;
    /** Its resources linked to each other, by URN. */
    readonly linked: ReadonlyMap<string, LinkedPlanResource>;
    /** The region the AWS provider targets, for the regional cluster's heading. */
    readonly region: string;
}

/** Reads a plan for the diagram builders. */
export function diagramContext(plan: PlanDocument): DiagramContext {
    const provider = plan.resources.find((r) => r.type === "pulumi:providers:aws");
    return {
        plan,
        layout: networkLayout(plan),
        linked: new Map(linkedPlanResources(plan).map((r) => [r.urn, r])),
        region: text(provider?.inputs.region),
    };
}

/** The resources of `type`, in plan order. */
export function ofType(context: DiagramContext, type: string): PlanResource[] {
    return context.plan.resources.filter((r) => r.type === type);
}

/** The resources `resource`'s input `property` came from, of `type` when given (lib/relations). */
export function sourcesIn(
    context: DiagramContext,
    resource: PlanResource,
    property: string,
    type?: string,
): PlanResource[] {
    const linked = context.linked.get(resource.urn);
    return linked ? sourcesOf(linked, property, type).map((source) => source.planned) : [];
}

/** A scalar input as text; empty for anything else, so a label never shows `undefined`. */
export function text(value: unknown): string {
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

/** The regional (outside the VPC) cluster path for a group of services, e.g. S3 or Secrets Manager. */
export function regionalPath(context: DiagramContext, group: ClusterRef): ClusterRef[] {
    const regional = { id: "regional", label: `Regional services${context.region ? ` (${context.region})` : ""}` };
    return [regional, group];
}

/** "AZs: ca-central-1a, ca-central-1b" for a resource that spans AZs; nothing when none are known. */
export function azLine(azs: readonly string[]): string[] {
    return azs.length === 0 ? [] : [`${azs.length === 1 ? "AZ" : "AZs"}: ${azs.join(", ")}`];
}

/** Orders strings by code unit, not by locale, so the diagram is the same on every machine. */
export function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** A node that stands for one plan resource: its logical name as id, its URN, and its ARN for IAM matching. */
export function resourceNode(
    resource: PlanResource,
    node: Pick<PlacedNode, "kind" | "title" | "details" | "path">,
): PlacedNode {
    return { id: resource.name, ...node, urns: [resource.urn], arns: [text(resource.outputs.arn)] };
}
