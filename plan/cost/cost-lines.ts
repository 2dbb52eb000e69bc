/**
 * The cost estimate laid out for a reader, once, for every renderer (the plan's text and the HTML
 * report): priced rows largest first with numbered source footnotes, flagged approximations marked
 * `≈` and listed with their basis, subtotals per component, the usage assumptions, unpriced items
 * grouped by price key, and the sentences about the totals, the budget, the endpoint and what is
 * left out.
 */
import type { PlanCost, PlanCostItem } from "../engine/contract";
import { usd } from "../../lib/text-layout";
const quantity = (value: number): string => value.toLocaleString("en-US", { maximumFractionDigits: 2 });
const percent = (share: number): string => `${Math.round(share * 100)}%`;
const quantityWithUnit = (amount: number, unit: string | null): string => `${quantity(amount)} ${unit ?? ""}`.trimEnd();

/** One priced item, formatted. */
export interface PricedLine {
    /** The item as the estimate has it. */
    readonly item: PlanCostItem;
    /** Units per month with the unit, e.g. `1,095 vCPU-hour`. */
    readonly quantity: string;
    /** The unit price and what it is per, e.g. `0.04456 / vCPU-hour`. */
    readonly unitPrice: string;
    /** USD per month, e.g. `48.79`. */
    readonly monthly: string;
    /** The number of its source in `CostLines.sources`, from 1. */
    readonly footnote: number;
    /** Whether the unit figure is a flagged approximation rather than a Price List price. */
    readonly approximate: boolean;
}

/** One component's share, formatted. */
export interface SubtotalLine {
    /** The component, e.g. `database`. */
    readonly component: string;
    /** USD/month, e.g. `423.12`. */
    readonly monthly: string;
    /** Of which flagged approximations, e.g. `28.56`, or `-` for none. */
    readonly approximated: string;
    /** Its share of the total, e.g. `32%`. */
    readonly share: string;
}

/** One flagged approximation, formatted. */
export interface ApproximationLine {
    /** The price key, e.g. `nat_gateway.hour`. */
    readonly priceKey: string;
    /** The figure and its unit, e.g. `≈ 0.05 / hour`. */
    readonly figure: string;
    /** What it adds up to, USD/month. */
    readonly monthly: string;
    /** Its share of the total, e.g. `6%`. */
    readonly share: string;
    /** The basis the price table states. */
    readonly basis: string;
}

/** One usage assumption, formatted. */
export interface AssumptionLine {
    /** Its key, as `--usage` names it. */
    readonly key: string;
    /** Value and unit, e.g. `100 GB a month per NAT gateway`. */
    readonly value: string;
    /** What it is a quantity of. */
    readonly description: string;
    /** Whether this run overrode the default. */
    readonly overridden: boolean;
}

/** The unpriced items of one price key: the estimate cannot rank them, so it shows how much of each. */
export interface UnpricedLine {
    /** The item's description, or `N x <price key>` for several. */
    readonly label: string;
    /** Their summed quantity with the unit. */
    readonly quantity: string;
    /** The price key the table has no price for. */
    readonly priceKey: string;
}

/** A price source, as footnoted. */
export interface CostSource {
    /** Where the price came from: a URL, possibly followed by words. */
    readonly source: string;
    /** What the source says about its date. */
    readonly asOf: string;
}

/** An evaluated estimate laid out for reading. */
export interface CostLines {
    /** `Cost estimate (<region>, on-demand list prices, <hours> hours a month)`. */
    readonly heading: string;
    /** Priced items, largest monthly amount first. */
    readonly priced: readonly PricedLine[];
    /** Unpriced items, one line per price key. */
    readonly unpriced: readonly UnpricedLine[];
    /** The sources the footnotes number, in order of first use. */
    readonly sources: readonly CostSource[];
    /** The total of priced items, e.g. `1,161.44 USD/month (a lower bound: see unpriced)`. */
    readonly total: string;
    /** How the total splits: Price List prices and flagged approximations, or null for an older plan. */
    readonly bases: { readonly sourced: string; readonly approximated: string; readonly share: string } | null;
    /** The estimate per component, largest first. */
    readonly subtotals: readonly SubtotalLine[];
    /** The flagged approximations, largest first. */
    readonly approximations: readonly ApproximationLine[];
    /** The usage assumptions applied. */
    readonly assumptions: readonly AssumptionLine[];
    /** The budget limit, e.g. `3,000.00 USD/month`, and whether the estimate exceeds it; null without a budget. */
    readonly budget: { readonly limit: string; readonly exceeded: boolean } | null;
    /** That the stack targets an emulator and AWS bills nothing, or null. */
    readonly endpointNote: string | null;
    /** How many items are unpriced and which keys, or null when everything is priced. */
    readonly unpricedNote: string | null;
    /** The kinds of usage-based charges left out, each once. */
    readonly usage: readonly string[];
}

/** Lays out an evaluated estimate (see `estimateCost`); check `cost.evaluated` first. */
export function costLines(cost: PlanCost): CostLines {
    const sources: CostSource[] = [];
    const footnote = (item: PlanCostItem): number => {
        const source = { source: item.source ?? "", asOf: item.asOf ?? "" };
        const index = sources.findIndex((s) => s.source === source.source && s.asOf === source.asOf);
        return index >= 0 ? index + 1 : sources.push(source);
    };
    const priced = cost.items
        .filter((item) => item.monthly !== null)
        .sort((a, b) => (b.monthly ?? 0) - (a.monthly ?? 0))
        .map((item) => ({
            item,
            quantity: quantityWithUnit(item.quantity, item.unit),
            unitPrice: `${item.basis === "approximation" ? "≈ " : ""}${item.unitPrice} / ${item.unit}`,
            monthly: usd(item.monthly ?? 0),
            footnote: footnote(item),
            approximate: item.basis === "approximation",
        }));
    const total = cost.monthly ?? 0;
    const shareOf = (monthly: number): string => percent(total === 0 ? 0 : monthly / total);
    const unpricedGroups = new Map<string, PlanCostItem[]>();
    for (const item of cost.items.filter((i) => i.monthly === null)) {
        unpricedGroups.set(item.priceKey, [...(unpricedGroups.get(item.priceKey) ?? []), item]);
    }
    const unpriced = cost.unpriced ?? { items: 0, share: 0, keys: [] };
    return {
        heading: `Cost estimate (${cost.region}, on-demand list prices, ${cost.hoursPerMonth} hours a month)`,
        priced,
        unpriced: [...unpricedGroups.entries()].map(([priceKey, group]) => ({
            label: group.length === 1 ? group[0].description : `${group.length} x ${priceKey}`,
            quantity: quantityWithUnit(
                group.reduce((sum, item) => sum + item.quantity, 0),
                group[0].unit,
            ),
            priceKey,
        })),
        sources,
        total:
            (cost.monthly === null ? "nothing priced" : `${usd(cost.monthly)} USD/month`) +
            (unpriced.items > 0 ? " (a lower bound: see unpriced)" : ""),
        bases: cost.bases
            ? {
                  sourced: `${usd(cost.bases.sourced)} USD/month`,
                  approximated: `${usd(cost.bases.approximated)} USD/month`,
                  share: percent(cost.bases.approximatedShare),
              }
            : null,
        subtotals: (cost.subtotals ?? []).map((sub) => ({
            component: sub.component,
            monthly: usd(sub.monthly),
            approximated: sub.approximated === 0 ? "-" : usd(sub.approximated),
            share: shareOf(sub.monthly),
        })),
        approximations: (cost.bases?.approximations ?? []).map((a) => ({
            priceKey: a.priceKey,
            figure: `≈ ${a.unitPrice} / ${a.unit}`,
            monthly: usd(a.monthly),
            share: percent(a.share),
            // The section's heading already says these are approximations, not prices.
            basis: a.basis.replace(/^APPROXIMATION, not a price: .*?Basis: /s, "Basis: "),
        })),
        assumptions: (cost.assumptions ?? []).map((a) => ({
            key: a.key,
            value: `${quantity(a.value)} ${a.unit}`,
            description: a.description,
            overridden: a.overridden,
        })),
        budget: cost.budget ? { limit: `${usd(cost.budget.limit)} USD/month`, exceeded: cost.budget.exceeded } : null,
        endpointNote: cost.endpoint
            ? `This stack targets ${cost.endpoint}, not AWS: nothing is billed; the figures are what the same resources would cost in ${cost.region}.`
            : null,
        unpricedNote:
            unpriced.items > 0
                ? `${unpriced.items} of ${cost.items.length} items (${percent(unpriced.share)}) have no ca-central-1 price in the table: ${unpriced.keys.join(", ")}`
                : null,
        usage: [...new Set((cost.usage ?? []).map((charge) => charge.description))],
    };
}
