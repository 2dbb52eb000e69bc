import type { PlanDocument, PlanResource } from "./contract";

/**
 * Following references between the resources of an offline plan. Inputs hold the mock ids and ARNs
 * of the resources they came from, and `options.propertyDependencies` the URNs; the tests, the
 * diagram and anything else that asks "what does this point at" read them through here.
 *
 * @module
 */

/** The resource whose mock id or ARN is `reference`: follows a reference between resources. */
export function resolveReference(plan: Pick<PlanDocument, "resources">, reference: unknown): PlanResource | undefined {
    return plan.resources.find((r) => r.custom && (r.id === reference || r.outputs.arn === reference));
}

/**
 * The resources `resource`'s input `property` came from (its property dependencies), only those of
 * `type` when given, in plan order. Known even where the value itself is not (a real preview).
 */
export function sourcesOf(
    plan: Pick<PlanDocument, "resources">,
    resource: PlanResource,
    property: string,
    type?: string,
): PlanResource[] {
    const urns = resource.options.propertyDependencies[property] ?? [];
    return plan.resources.filter((r) => urns.includes(r.urn) && (type === undefined || r.type === type));
}
