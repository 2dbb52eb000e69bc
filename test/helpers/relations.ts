import type { PlanDocument, PlanResource } from "../../plan/contract";
import { sourcesOf } from "../../plan/references";

/** The resource whose URN `resource`'s input `property` came from, of `type` (the first, if several). */
export function sourceOf(
    plan: PlanDocument,
    resource: PlanResource,
    property: string,
    type?: string,
): PlanResource | undefined {
    return sourcesOf(plan, resource, property, type)[0];
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
