/**
 * What each planned resource runs up per month, before prices: a list of meters (a price-table key
 * and a monthly quantity of its unit), read from the resources' inputs alone. Usage-driven charges
 * (traffic, storage that grows, log volume) have no quantity in a plan; they are listed as such
 * rather than guessed.
 */
import type { PlanResource } from "../engine/contract";
import { Metering } from "./meter-kit";
import { METERS } from "./resource-meters";

export type { Meter, Metering, UsageCharge } from "./meter-kit";

/** The meters and usage-driven charges of every resource of a plan. */
export function meterResources(resources: readonly PlanResource[]): Metering {
    const plan = { resources };
    const all = resources.map((resource) => METERS[resource.type]?.(resource, plan) ?? { meters: [], usage: [] });
    return { meters: all.flatMap((m) => m.meters), usage: all.flatMap((m) => m.usage) };
}
