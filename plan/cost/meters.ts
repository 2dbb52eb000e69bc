/**
 * What each planned resource runs up per month, before prices: a list of meters (a price-table key
 * and a monthly quantity of its unit), read from the resources' inputs alone. Usage-driven charges
 * (traffic, stored data, log volume) have no quantity in a plan: they are sized by the stated
 * usage assumptions (`usage-assumptions.ts`), and the few left (free allowances, monitoring extras)
 * are listed as not estimated.
 */
import type { PlanResource } from "../engine/contract";
import { Metering } from "./meter-kit";
import { METERS } from "./resource-meters";
import { DEFAULT_USAGE, type Usage } from "./usage-assumptions";

export type { Meter, Metering, UsageCharge } from "./meter-kit";

/** The meters and usage-driven charges of every resource of a plan, usage-driven ones sized by `usage`. */
export function meterResources(resources: readonly PlanResource[], usage: Usage = DEFAULT_USAGE): Metering {
    const plan = { resources };
    const all = resources.map(
        (resource) => METERS[resource.type]?.(resource, plan, usage) ?? { meters: [], usage: [] },
    );
    return { meters: all.flatMap((m) => m.meters), usage: all.flatMap((m) => m.usage) };
}
