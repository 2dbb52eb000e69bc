import type { PlanDocument, PlanResource, PlanViolation } from "../../../plan/engine/contract";

/** One resource of a fixture plan, named without the stack's prefix. */
export interface FixtureResource {
    readonly type: string;
    /** The logical name without the prefix, e.g. `database-instance`. */
    readonly name: string;
    /** The parent's name without the prefix; the root component when absent. */
    readonly parent?: string;
    /** False for components. */
    readonly custom?: boolean;
    readonly id?: string;
    readonly inputs?: Record<string, unknown>;
    readonly outputs?: Record<string, unknown>;
    readonly protect?: boolean;
}

const PLATFORM = "fraud-detector:platform:Platform";

/**
 * A plan of `stack` as the engine would record it, for the diff's pure tests: the stack resource
 * (named `fraud-detector-<stack>`, as Pulumi names it), the root component named `prefix`, and
 * `resources` named `<prefix>-<name>` under it.
 */
export function fixturePlan(stack: string, prefix: string, resources: readonly FixtureResource[]): PlanDocument {
    const urnOf = (type: string, name: string) => `urn:pulumi:${stack}::fraud-detector::${type}::${name}`;
    const stackUrn = urnOf("pulumi:pulumi:Stack", `fraud-detector-${stack}`);
    const rootUrn = urnOf(PLATFORM, prefix);
    const urns = new Map(resources.map((r) => [r.name, urnOf(r.type, `${prefix}-${r.name}`)]));
    const planned = (
        type: string,
        name: string,
        parent: string | null,
        custom: boolean,
        r?: FixtureResource,
    ): PlanResource => ({
        urn: urnOf(type, name),
        type,
        name,
        parent,
        custom,
        id: custom ? (r?.id ?? `${name}-id`) : null,
        inputs: r?.inputs ?? {},
        outputs: r?.outputs ?? r?.inputs ?? {},
        options: {
            protect: r?.protect ?? false,
            retainOnDelete: false,
            dependsOn: [],
            provider: null,
            propertyDependencies: {},
        },
    });
    return {
        project: "fraud-detector",
        stack,
        resources: [
            planned("pulumi:pulumi:Stack", `fraud-detector-${stack}`, null, false),
            planned(PLATFORM, prefix, stackUrn, false),
            ...resources.map((r) =>
                planned(
                    r.type,
                    `${prefix}-${r.name}`,
                    r.parent ? (urns.get(r.parent) ?? rootUrn) : rootUrn,
                    r.custom ?? true,
                    r,
                ),
            ),
        ],
        outputs: {},
        policy: { evaluated: true, violations: [] },
        cost: { currency: "USD", evaluated: true, monthly: null, items: [] },
    };
}

/** A violation of `policy` at `level`. */
export function violation(policy: string, level: "mandatory" | "advisory"): PlanViolation {
    return { policy, enforcementLevel: level, urn: null, message: `${policy} is violated` };
}
