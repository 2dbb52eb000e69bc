/**
 * Which component each resource's cost belongs to: the nearest ancestor that is one of the
 * program's own components (`fraud-detector:<area>:<Name>`), named as the diff names it, without the
 * stack's prefix (`database`, `network`). awsx's VPC children so land in `network`, and resources
 * of the root component itself in `platform`.
 */
import type { PlanResource } from "../engine/contract";

/** The root component: its name is the prefix of every other logical name. */
const PLATFORM_TYPE = "fraud-detector:platform:Platform";

/** The type prefix of the program's own components. */
const OWN_COMPONENT = "fraud-detector:";

/** A function from a resource's URN to its component's name. */
export function componentsOf(resources: readonly PlanResource[]): (urn: string) => string {
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    const prefix = resources.find((resource) => resource.type === PLATFORM_TYPE)?.name;
    const short = (name: string): string =>
        prefix !== undefined && name.startsWith(`${prefix}-`) ? name.slice(prefix.length + 1) : name;
    return (urn) => {
        let current = byUrn.get(urn);
        current = current?.parent ? byUrn.get(current.parent) : undefined;
        while (current !== undefined) {
            if (current.type === PLATFORM_TYPE) return "platform";
            if (current.type.startsWith(OWN_COMPONENT)) return short(current.name);
            current = current.parent ? byUrn.get(current.parent) : undefined;
        }
        return "platform";
    };
}
