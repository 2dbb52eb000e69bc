import type { LinkedResource, Props } from "./resource-shape";

/**
 * Small readers of resources and their inputs that the policy rules and the relation readers share:
 * by type, values as lists, tags, and how a value or a resource is named in a message.
 *
 * @module
 */

/** Resources of any of `types`. */
export function ofType<R extends { readonly type: string }>(resources: readonly R[], ...types: string[]): R[] {
    return resources.filter((r) => types.includes(r.type));
}

/** A value as a list: undefined is empty, a single value a list of one. */
export function asList<T>(value: T | readonly T[] | undefined | null): T[] {
    if (value === undefined || value === null) {
        return [];
    }
    return Array.isArray(value) ? [...(value as T[])] : [value as T];
}

/**
 * The resource's tags as a map, or an empty object. Auto Scaling groups take a list of
 * `{ key, value, propagateAtLaunch }` instead of a map; both read the same here.
 */
export function tagsOf(props: Props): Record<string, unknown> {
    const tags = props.tags;
    if (Array.isArray(tags)) {
        return Object.fromEntries(
            tags
                .filter((t): t is { key: string; value: unknown } => typeof (t as { key?: unknown })?.key === "string")
                .map((t) => [t.key, t.value]),
        );
    }
    return tags !== null && typeof tags === "object" ? (tags as Record<string, unknown>) : {};
}

/** Renders a found value for a violation message. */
export function shown(value: unknown): string {
    return value === undefined ? "unset" : JSON.stringify(value);
}

/** A short name for messages: `SecurityGroup api`. */
export function label(resource: Pick<LinkedResource, "type" | "name">): string {
    return `${resource.type.split(":").pop() ?? resource.type} ${resource.name}`;
}

/**
 * The value the offline plan shows for a masked secret (`SECRET_PLACEHOLDER` in plan/engine/document.ts):
 * unknown, never a literal. Copied rather than imported because the plan engine sits above lib/,
 * which imports only facts/.
 */
export const MASKED = "[secret]";
