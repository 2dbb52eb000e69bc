/**
 * The monthly cost estimate of a plan: its resources' meters (`meters.ts`) times the committed
 * price table's on-demand list prices. A meter whose key has no price in the table is listed as
 * unpriced, never filled in from another region or a guess, and the estimate says how much of the
 * stack that leaves uncovered.
 */
import type { PlanCost, PlanCostItem, PlanResource } from "../engine/contract";
import { meterResources } from "./meters";
import { HOURS_PER_MONTH, PriceTable, pricesByKey } from "./price-table";

/** The type token of the budget whose limit the estimate is compared with. */
const BUDGET_TYPE = "aws:budgets/budget:Budget";

/** The type token of the stack's explicit AWS provider. */
const AWS_PROVIDER_TYPE = "pulumi:providers:aws";

/** Rounds to cents the way a bill does; sums are of unrounded items, rounded once. */
const cents = (usd: number): number => Math.round(usd * 100) / 100;

/** Prices the plan's resources with `table`. */
export function estimateCost(resources: readonly PlanResource[], table: PriceTable): PlanCost {
    const prices = pricesByKey(table);
    const { meters, usage } = meterResources(resources);
    let total = 0;
    const items: PlanCostItem[] = meters.map((meter) => {
        const price = prices.get(meter.priceKey);
        const unitPrice = price?.usd ?? null;
        const monthly = unitPrice === null ? null : meter.quantity * unitPrice;
        if (monthly !== null) total += monthly;
        return {
            ...meter,
            unit: price?.unit ?? null,
            unitPrice,
            monthly: monthly === null ? null : cents(monthly),
            source: unitPrice === null ? null : (price?.source ?? null),
            asOf: unitPrice === null ? null : (price?.asOf ?? null),
        };
    });
    const unpriced = items.filter((item) => item.monthly === null);
    const priced = items.length - unpriced.length;
    const monthly = priced === 0 ? null : cents(total);
    const endpoint = customEndpoint(resources);
    return {
        currency: "USD",
        evaluated: true,
        monthly,
        hoursPerMonth: HOURS_PER_MONTH,
        region: table.region,
        items,
        unpriced: {
            items: unpriced.length,
            share: items.length === 0 ? 0 : unpriced.length / items.length,
            keys: [...new Set(unpriced.map((item) => item.priceKey))].sort(),
        },
        usage,
        endpoint,
        budget: budgetCheck(resources, endpoint === null ? monthly : 0),
    };
}

/**
 * The endpoint the stack's AWS provider is pointed at instead of AWS (LocalStack for `local`), or
 * null. Such a stack is billed nothing by AWS; its estimate is what the same resources would cost.
 */
function customEndpoint(resources: readonly PlanResource[]): string | null {
    const provider = resources.find((resource) => resource.type === AWS_PROVIDER_TYPE);
    const endpoints = provider?.inputs.endpoints;
    // Provider inputs are JSON-encoded strings on the wire, as a real provider receives them.
    const parsed: unknown = typeof endpoints === "string" ? JSON.parse(endpoints) : endpoints;
    const first = Array.isArray(parsed) ? (parsed[0] as Record<string, unknown> | undefined) : undefined;
    const url = first && Object.values(first).find((value) => typeof value === "string");
    return typeof url === "string" ? url : null;
}

/**
 * The stack's budget limit (from the planned `aws.budgets.Budget`), and whether `billed` passes it
 * (what AWS bills: nothing for a stack on LocalStack).
 */
function budgetCheck(resources: readonly PlanResource[], billed: number | null): PlanCost["budget"] {
    const budget = resources.find((resource) => resource.type === BUDGET_TYPE);
    const limit = Number(budget?.inputs.limitAmount);
    if (budget === undefined || !Number.isFinite(limit)) return null;
    return { limit, exceeded: billed !== null && billed > limit };
}
