import { sourcesOf } from "../../lib/relations/references";
import type { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { LinkedPlanResource, linkedPlanResources } from "../../plan/engine/linked-plan";

/** Each plan's linked resources by URN, linked once per plan. */
const linkedByPlan = new WeakMap<PlanDocument, ReadonlyMap<string, LinkedPlanResource>>();

/** The resource whose URN `resource`'s input `property` came from, of `type` (the first, if several). */
export function sourceOf(
    plan: PlanDocument,
    resource: PlanResource,
    property: string,
    type?: string,
): PlanResource | undefined {
    let linked = linkedByPlan.get(plan);
    if (linked === undefined) {
        linked = new Map(linkedPlanResources(plan).map((r) => [r.urn, r]));
        linkedByPlan.set(plan, linked);
    }
    const own = linked.get(resource.urn);
    return own && sourcesOf(own, property, type)[0]?.planned;
}

/** The resources of `type` whose input `property` came from `target`. */
export function dependentsOf(plan: PlanDocument, type: string, property: string, target: PlanResource): PlanResource[] {
    return plan.resources.filter(
        (r) => r.type === type && (r.options.propertyDependencies[property] ?? []).includes(target.urn),
    );
}

/** The resource of `type` whose logical name ends with `suffix`. */
export function named(plan: PlanDocument, type: string, suffix: string): PlanResource {
    const found = plan.resources.filter((r) => r.type === type && r.name.endsWith(suffix));
    if (found.length !== 1) {
        throw new Error(`expected one ${type} named *${suffix}, found ${found.length}`);
    }
    return found[0];
}
