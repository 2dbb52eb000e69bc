/**
 * The one tagging mechanism. Every taggable resource gets its tags from `mergeTags`, called with
 * the stack's base tags first, then the component's, then the resource's own, so a later layer can
 * add to but never silently drop the cost-allocation tags. Tags are set on each resource itself
 * (not only as provider `defaultTags`) so that the plan, the policy pack and AWS all see them.
 */

/** Resource tags: tag key to value. */
export type Tags = Readonly<Record<string, string>>;

/** The tags every resource of the stack carries (guide: Cost Monitoring, cost-allocation tags). */
export function baseTags(project: string, environment: string): Tags {
    return { Project: project, Environment: environment, ManagedBy: "pulumi" };
}

/**
 * Merges tag layers in order (base, component, resource). The base keys `Project`, `Environment`
 * and `ManagedBy` cannot be overridden by a later layer: they identify the stack for billing and
 * for the policy pack, so a child that tries is a bug, reported at once.
 */
export function mergeTags(base: Tags, ...layers: ReadonlyArray<Tags | undefined>): Record<string, string> {
    const merged: Record<string, string> = { ...base };
    for (const layer of layers) {
        for (const [key, value] of Object.entries(layer ?? {})) {
            if (key in base && base[key] !== value) {
                throw new Error(`tag ${key} is set by the stack to "${base[key]}" and cannot be changed to "${value}"`);
            }
            merged[key] = value;
        }
    }
    return merged;
}
