import type { PlanDocument, PlanResource } from "./contract";
import { nameInputOf } from "./mock-names";

/**
 * The plan as a first `pulumi preview` of the stack hands it to the policy pack: every input that
 * carries a value a provider computes only when the resource is created (an id, an ARN, an
 * endpoint) is unknown. The offline plan knows those values (the mocks made them up), so this
 * view puts the engine's unknown back where a preview would have it.
 *
 * @module
 */

/**
 * The engine's wire value for an unknown (`@pulumi/pulumi/runtime/rpc`, `unknownValue`), which
 * @pulumi/policy's proxy recognises as an unknown string (`proxy.js`, `unknownStringValue`).
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Made-up values shorter than this (`default`, `1`) could match by chance, so they are not traced. */
const MIN_TRACED_LENGTH = 8;

/** Every string leaf of `value`. */
function leaves(value: unknown, into: string[] = []): string[] {
    if (typeof value === "string") {
        into.push(value);
    } else if (Array.isArray(value)) {
        value.forEach((item) => leaves(item, into));
    } else if (value !== null && typeof value === "object") {
        Object.values(value).forEach((item) => leaves(item, into));
    }
    return into;
}

/**
 * What a resource's creation computes: its id, and the outputs it was not given, except the
 * auto-generated physical name (known at preview). For a component, the outputs a remote one
 * returns (awsx's vpcId and subnet ids are its children's ids).
 */
function computedValues(resource: PlanResource): string[] {
    // The provider fills the physical name in at Check, so it is known at preview (plan/engine/mock-names.ts).
    const nameProperty = nameInputOf(resource.type);
    const computed = Object.entries(resource.outputs)
        .filter(([key]) => !(key in resource.inputs) && key !== nameProperty)
        .flatMap(([, value]) => leaves(value));
    return [...(resource.custom && resource.id ? [resource.id] : []), ...computed].filter(
        (value) => value.length >= MIN_TRACED_LENGTH,
    );
}

/** `value` with every string leaf that holds one of `computed` replaced by the unknown. */
function withUnknowns(value: unknown, computed: readonly string[]): unknown {
    if (typeof value === "string") {
        return computed.some((c) => value.includes(c)) ? UNKNOWN : value;
    }
    if (Array.isArray(value)) {
        return value.map((item) => withUnknowns(item, computed));
    }
    if (value !== null && typeof value === "object") {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withUnknowns(item, computed)]));
    }
    return value;
}

/**
 * The plan with the inputs a first preview cannot know replaced by the unknown: an input whose
 * value came from other resources (its property dependencies) and holds something their creation
 * computes. A string that embeds such a value (an ARN in a policy document) is unknown whole, as
 * `pulumi.interpolate` and `jsonStringify` make it.
 *
 * Limit: an element of a list is unknown on its own, as when the list is written out in the
 * program; a list built by an `apply` would be unknown whole, and a rule that only counts it
 * decides here but not in a real preview.
 */
export function previewView(plan: PlanDocument): PlanDocument {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const computedOf = new Map(plan.resources.map((r) => [r.urn, computedValues(r)]));
    const resources = plan.resources.map((resource) => {
        const inputs = Object.fromEntries(
            Object.entries(resource.inputs).map(([key, value]) => {
                const sources = resource.options.propertyDependencies[key] ?? [];
                const computed = sources.filter((urn) => byUrn.has(urn)).flatMap((urn) => computedOf.get(urn) ?? []);
                return [key, computed.length === 0 ? value : withUnknowns(value, computed)];
            }),
        );
        return { ...resource, inputs };
    });
    return { ...plan, resources };
}
