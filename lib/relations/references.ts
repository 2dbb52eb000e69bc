import type { Linked } from "./resource-shape";

/**
 * Following references between resources: the one resolver the policy pack, the plan's report and
 * the tests share. Relations are read from property dependencies (which input came from which
 * resource), known even where the value itself is not (a real preview); a value alone (a mock id or
 * ARN in an offline plan) is matched by {@link resolveReference}.
 *
 * @module
 */

/**
 * The resources `resource`'s input `property` came from (its property dependencies), only those of
 * `type` when given, in the order recorded.
 */
export function sourcesOf<R extends Linked<R>>(resource: R, property: string, type?: string): R[] {
    return (resource.propertyDependencies[property] ?? []).filter((r) => type === undefined || r.type === type);
}

/** True when `resource`'s input `property` came from `target` (see {@link sourcesOf}). */
export function refersTo<R extends Linked<R>>(
    resource: R,
    property: string,
    target: { readonly urn: string },
): boolean {
    return (resource.propertyDependencies[property] ?? []).some((source) => source.urn === target.urn);
}

/** A resource as an offline plan records it once created: its id and outputs. */
export interface IdentifiedResource {
    /** True for resources a provider manages, which have ids; false for components. */
    readonly custom: boolean;
    /** The id, or null for components. */
    readonly id: string | null;
    /** The outputs, the ARN among them. */
    readonly outputs: Readonly<Record<string, unknown>>;
}

/** The resource whose id or ARN is `reference`: follows a reference given as a value. */
export function resolveReference<R extends IdentifiedResource>(
    plan: { readonly resources: readonly R[] },
    reference: unknown,
): R | undefined {
    return plan.resources.find((r) => r.custom && (r.id === reference || r.outputs.arn === reference));
}
