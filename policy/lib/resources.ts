import { PolicyResource } from "@pulumi/policy";
import type { Props } from "./rule";

/** Resources of any of `types`. */
export function ofType(resources: readonly PolicyResource[], ...types: string[]): PolicyResource[] {
    return resources.filter((r) => types.includes(r.type));
}

/**
 * True when `resource`'s input `property` came from `target`: through the engine's property
 * dependencies, which are known even when the value itself is not yet (a real preview of new
 * resources), and which the offline plan records too.
 */
export function refersTo(resource: PolicyResource, property: string, target: PolicyResource): boolean {
    return (resource.propertyDependencies[property] ?? []).some((dep) => dep.urn === target.urn);
}

/** The resources `resource`'s input `property` came from. */
export function sourcesOf(resource: PolicyResource, property: string): PolicyResource[] {
    return [...(resource.propertyDependencies[property] ?? [])];
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
export function label(resource: PolicyResource): string {
    return `${resource.type.split(":").pop() ?? resource.type} ${resource.name}`;
}

/**
 * The value the offline plan shows for a masked secret (`SECRET_PLACEHOLDER` in plan/document.ts):
 * unknown, never a literal. Copied rather than imported because the pack is loaded on its own from
 * policy/ and keeps to its own files.
 */
export const MASKED = "[secret]";
