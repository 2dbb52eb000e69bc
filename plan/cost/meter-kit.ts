/**
 * The building blocks of the cost meters: what a meter is, and reading plan inputs safely.
 * References between resources are followed with `lib/relations/references.ts`, as everywhere else.
 */
import type { PlanDocument, PlanResource } from "../engine/contract";
import { HOURS_PER_MONTH } from "./price-table";
import type { Usage, UsageKey } from "./usage-assumptions";

/** A fixed monthly quantity of one priced unit, run up by one resource. */
export interface Meter {
    /** URN of the resource that runs it up. */
    readonly urn: string;
    /** What is metered, e.g. `fraud-api: 3 tasks x 0.5 vCPU`. */
    readonly description: string;
    /** The price-table key, e.g. `fargate.vcpu_hour`. */
    readonly priceKey: string;
    /** Units per month (hours are 730 a month). */
    readonly quantity: number;
    /** The usage assumption the quantity rests on (`usage-assumptions.ts`), when it is not read from the plan. */
    readonly assumption?: UsageKey;
}

/** A charge that depends on use, so a plan cannot size it. */
export interface UsageCharge {
    /** URN of the resource that runs it up. */
    readonly urn: string;
    /** What is charged by use, e.g. `NAT gateway data processed`. */
    readonly description: string;
}

/** Everything the plan's resources run up: sized meters and usage-driven charges. */
export interface Metering {
    /** Fixed monthly quantities, priced by the estimate. */
    readonly meters: readonly Meter[];
    /** Charges by use, listed but not priced. */
    readonly usage: readonly UsageCharge[];
}

/** `db.r5.large` → `db_r5_large`: the price-table spelling of an instance class. */
export const keyPart = (value: string): string => value.replace(/[.-]/g, "_");

/** The value if it is a string. */
export const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
/** The value as a finite number (numeric strings included), if it is one. */
export const num = (value: unknown): number | undefined => {
    const parsed = typeof value === "string" ? Number(value) : value;
    return typeof parsed === "number" && Number.isFinite(parsed) ? parsed : undefined;
};
/** The value if it is an array, else an empty one. */
export const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

/**
 * The meter of one resource type: what one resource runs up a month. `plan` is there to follow the
 * resource's references (a service's task definition, a group's launch template); `usage` sizes the
 * charges a plan cannot (traffic, stored data).
 */
export type MeterFn = (resource: PlanResource, plan: Pick<PlanDocument, "resources">, usage: Usage) => Metering;

/** A meter of `count` units around the clock: `count` x 730 hours. */
export const hours = (urn: string, description: string, priceKey: string, count: number): Meter => ({
    urn,
    description,
    priceKey,
    quantity: count * HOURS_PER_MONTH,
});

/** Usage-driven charges of one resource. */
export const usage = (urn: string, ...descriptions: string[]): UsageCharge[] =>
    descriptions.map((description) => ({ urn, description }));

/** A meter sized by a usage assumption: `perResource` units of it (`usage[key]` scaled by the caller). */
export const assumed = (
    urn: string,
    description: string,
    priceKey: string,
    quantity: number,
    assumption: UsageKey,
): Meter => ({ urn, description, priceKey, quantity, assumption });
