import type { Linked } from "../../lib/relations/resource-shape";
import type { PlanDocument, PlanResource } from "./contract";

/**
 * A plan's resources linked to each other as the Pulumi analyzer links the resources it hands a
 * stack policy: each holds its parent, its dependencies and, per input property, the resources the
 * value came from. The policy runner builds the pack's `PolicyResource`s with it, and the report
 * and the tests follow references with lib/relations over the same links.
 *
 * @module
 */

/** What `linkPlan` fills in on each resource `make` built. */
export interface Linkable<Self> extends Linked<Self> {
    parent?: Self;
    dependencies: Self[];
    propertyDependencies: Record<string, Self[]>;
}

/**
 * Builds one `L` per plan resource with `make` (links left empty), then fills in its parent,
 * dependencies and property dependencies from the URNs the plan records, in the plan's order;
 * URNs of no resource of the plan are dropped.
 */
export function linkPlan<L extends Linkable<L>>(
    plan: Pick<PlanDocument, "resources">,
    make: (resource: PlanResource) => L,
): L[] {
    const linked = new Map<string, L>(plan.resources.map((r) => [r.urn, make(r)]));
    const find = (urn: string) => linked.get(urn);
    for (const r of plan.resources) {
        const resource = linked.get(r.urn) as L;
        if (r.parent && linked.has(r.parent)) {
            resource.parent = linked.get(r.parent);
        }
        resource.dependencies = r.options.dependsOn.map(find).filter((d): d is L => d !== undefined);
        for (const [key, urns] of Object.entries(r.options.propertyDependencies ?? {})) {
            resource.propertyDependencies[key] = urns.map(find).filter((d): d is L => d !== undefined);
        }
    }
    return [...linked.values()];
}

/** A plan resource with its links: the relation readers' shape, and the resource as planned. */
export interface LinkedPlanResource extends Linkable<LinkedPlanResource> {
    /** The resource as the plan records it. */
    readonly planned: PlanResource;
}

/** The plan's resources linked (see {@link linkPlan}), each keeping its planned form. */
export function linkedPlanResources(plan: Pick<PlanDocument, "resources">): LinkedPlanResource[] {
    return linkPlan(plan, (r) => ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: r.inputs,
        planned: r,
        dependencies: [],
        propertyDependencies: {},
    }));
}
