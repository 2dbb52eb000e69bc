/**
 * How resources of two stacks are matched: by type and by logical name without the stack's prefix.
 * Every logical name is `<prefix>-<rest>` (`fraud-detector-prod-database-instance`), the prefix
 * being the root component's own name, so `database-instance` of staging is the same resource as
 * `database-instance` of production.
 */
import type { PlanDocument, PlanResource } from "../engine/contract";

/** The root component: its name is the prefix of every other logical name. */
const PLATFORM_TYPE = "fraud-detector:platform:Platform";

/** The stack resource: named `<project>-<stack>`, not after the prefix, and compared by nobody. */
const STACK_TYPE = "pulumi:pulumi:Stack";

/** One resource of a plan, with the names it is matched and reported by. */
export interface MatchedEntry {
    /** The resource as planned. */
    readonly resource: PlanResource;
    /** The logical name without the prefix; the root component's is `platform`. */
    readonly name: string;
    /** Type and name: equal keys in two plans are the same resource. */
    readonly key: string;
    /**
     * The key of the component the resource is reported under: its nearest component ancestor
     * (awsx's route under its subnet is reported under the awsx VPC), or itself for the root.
     */
    readonly section: string;
}

/** A plan indexed for matching against another. */
export interface IndexedPlan {
    /** The plan. */
    readonly plan: PlanDocument;
    /** Every resource but the stack, in registration order. */
    readonly entries: readonly MatchedEntry[];
    /** The entries by key. */
    readonly byKey: ReadonlyMap<string, MatchedEntry>;
    /** Ids and ARNs of the plan's resources, to the logical name of the resource they identify. */
    readonly references: ReadonlyMap<string, string>;
}

/** The name prefix of the plan's resources: the root component's name (`fraud-detector-prod`). */
function namePrefix(plan: PlanDocument): string {
    const roots = plan.resources.filter((resource) => resource.type === PLATFORM_TYPE);
    if (roots.length !== 1) {
        throw new Error(
            `cannot tell the name prefix of ${plan.stack}: expected one ${PLATFORM_TYPE}, found ${roots.length}`,
        );
    }
    return roots[0].name;
}

/** Indexes `plan` for matching: names without the prefix, sections, references. */
export function indexPlan(plan: PlanDocument): IndexedPlan {
    const prefix = namePrefix(plan);
    // The root component is named the prefix itself; it is called after its role instead of "".
    const nameOf = (resource: PlanResource): string =>
        resource.name === prefix
            ? "platform"
            : resource.name.startsWith(`${prefix}-`)
              ? resource.name.slice(prefix.length + 1)
              : resource.name;
    const keyOf = (resource: PlanResource): string => `${resource.type}::${nameOf(resource)}`;
    const byUrn = new Map(plan.resources.map((resource) => [resource.urn, resource]));

    const entries: MatchedEntry[] = [];
    const references = new Map<string, string>();
    for (const resource of plan.resources) {
        if (resource.type === STACK_TYPE) continue;
        let parent = resource.parent === null ? undefined : byUrn.get(resource.parent);
        while (parent?.custom === true) {
            parent = parent.parent === null ? undefined : byUrn.get(parent.parent);
        }
        const section = parent === undefined || parent.type === STACK_TYPE ? resource : parent;
        entries.push({ resource, name: nameOf(resource), key: keyOf(resource), section: keyOf(section) });
        for (const reference of [resource.id, resource.outputs.arn]) {
            if (typeof reference === "string" && reference !== "") references.set(reference, nameOf(resource));
        }
    }
    return { plan, entries, byKey: new Map(entries.map((entry) => [entry.key, entry])), references };
}
