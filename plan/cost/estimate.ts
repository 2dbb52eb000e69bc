/**
 * The monthly cost estimate of a plan: its resources' meters (`meters.ts`) times the committed
 * price table's on-demand list prices. A meter whose key has no figure in the table is listed as
 * unpriced, never filled in silently; a figure the table flags as an approximation is kept apart
 * from the Price List prices in the totals, so the estimate says how much of it rests on what.
 */
import type { PlanCost, PlanCostItem, PlanCostSubtotal, PlanResource } from "../engine/contract";
import { componentsOf } from "./components";
import { meterResources } from "./meters";
import { HOURS_PER_MONTH, type PriceItem, PriceTable, pricesByKey } from "./price-table";
import { DEFAULT_USAGE, USAGE_ASSUMPTIONS, type Usage, type UsageKey } from "./usage-assumptions";

/** The type token of the budget whose limit the estimate is compared with. */
const BUDGET_TYPE = "aws:budgets/budget:Budget";

/** The type token of the stack's explicit AWS provider. */
const AWS_PROVIDER_TYPE = "pulumi:providers:aws";

/** Rounds to cents the way a bill does; sums are of unrounded items, rounded once. */
const cents = (usd: number): number => Math.round(usd * 100) / 100;

/** Prices the plan's resources with `table`, sizing usage-driven charges by `usage`. */
export function estimateCost(
    resources: readonly PlanResource[],
    table: PriceTable,
    usage: Usage = DEFAULT_USAGE,
): PlanCost {
    const prices = pricesByKey(table);
    const componentOf = componentsOf(resources);
    const metering = meterResources(resources, usage);
    let total = 0;
    let approximated = 0;
    const subtotals = new Map<string, { monthly: number; approximated: number }>();
    const items: PlanCostItem[] = metering.meters.map((meter) => {
        const price = prices.get(meter.priceKey);
        const unitPrice = price?.usd ?? null;
        const monthly = unitPrice === null ? null : meter.quantity * unitPrice;
        const basis = unitPrice === null ? null : (price?.basis ?? null);
        const component = componentOf(meter.urn);
        if (monthly !== null) {
            const flagged = basis === "approximation" ? monthly : 0;
            total += monthly;
            approximated += flagged;
            const sub = subtotals.get(component) ?? { monthly: 0, approximated: 0 };
            subtotals.set(component, { monthly: sub.monthly + monthly, approximated: sub.approximated + flagged });
        }
        const { assumption, ...measured } = meter;
        return {
            ...measured,
            unit: price?.unit ?? null,
            unitPrice,
            monthly: monthly === null ? null : cents(monthly),
            source: unitPrice === null ? null : (price?.source ?? null),
            asOf: unitPrice === null ? null : (price?.asOf ?? null),
            basis,
            component,
            assumption: assumption ?? null,
        };
    });
    const unpriced = items.filter((item) => item.monthly === null);
    const flaggedItems = items.filter((item) => item.basis === "approximation");
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
        bases: {
            sourced: cents(total - approximated),
            approximated: cents(approximated),
            approximatedShare: total === 0 ? 0 : approximated / total,
            approximations: approximationsOf(flaggedItems, prices, total),
        },
        subtotals: subtotalsOf(subtotals),
        assumptions: assumptionsOf(usage),
        usage: metering.usage,
        endpoint,
        budget: budgetCheck(resources, endpoint === null ? monthly : 0),
    };
}

/**
 * The components' sums, largest first, in cents. Each is rounded once from its unrounded items, so
 * together they may differ from the total by a cent or two of rounding, never more.
 */
function subtotalsOf(sums: ReadonlyMap<string, { monthly: number; approximated: number }>): PlanCostSubtotal[] {
    return [...sums.entries()]
        .map(([component, sum]) => ({ component, monthly: cents(sum.monthly), approximated: cents(sum.approximated) }))
        .sort((a, b) => b.monthly - a.monthly || a.component.localeCompare(b.component));
}

/** The flagged approximations by price key, largest first, each with its basis as the table states it. */
function approximationsOf(
    items: readonly PlanCostItem[],
    prices: ReadonlyMap<string, PriceItem>,
    total: number,
): NonNullable<PlanCost["bases"]>["approximations"] {
    const sums = new Map<string, number>();
    for (const item of items) sums.set(item.priceKey, (sums.get(item.priceKey) ?? 0) + (item.monthly ?? 0));
    return [...sums.entries()]
        .map(([priceKey, monthly]) => {
            const price = prices.get(priceKey)!;
            return {
                priceKey,
                unitPrice: price.usd ?? 0,
                unit: price.unit,
                monthly: cents(monthly),
                share: total === 0 ? 0 : monthly / total,
                basis: price.note,
            };
        })
        .sort((a, b) => b.monthly - a.monthly || a.priceKey.localeCompare(b.priceKey));
}

/** The assumptions as applied: every one, with its value and whether it differs from the default. */
function assumptionsOf(usage: Usage): PlanCost["assumptions"] {
    return (Object.keys(USAGE_ASSUMPTIONS) as UsageKey[]).map((key) => ({
        key,
        value: usage[key],
        unit: USAGE_ASSUMPTIONS[key].unit,
        description: USAGE_ASSUMPTIONS[key].description,
        overridden: usage[key] !== DEFAULT_USAGE[key],
    }));
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
