/**
 * The readable form of the cost estimate: one row per priced quantity, the total, what is unpriced
 * and why, what depends on use, and every price's source as a numbered footnote, so each figure
 * can be traced to the page or API call it came from.
 */
import type { PlanCost, PlanCostItem } from "../contract";
import { columns, usd } from "../text-layout";

const quantity = (value: number): string => value.toLocaleString("en-US", { maximumFractionDigits: 2 });
const percent = (share: number): string => `${Math.round(share * 100)}%`;

/**
 * Unpriced items, one row per price key: the estimate cannot rank them by cost, so it shows how
 * much of each unit the stack runs up and which resources do.
 */
function unpricedRows(items: readonly PlanCostItem[]): string[][] {
    const byKey = new Map<string, PlanCostItem[]>();
    for (const item of items.filter((i) => i.monthly === null)) {
        byKey.set(item.priceKey, [...(byKey.get(item.priceKey) ?? []), item]);
    }
    return [...byKey.entries()].map(([key, group]) => [
        group.length === 1 ? group[0].description : `${group.length} x ${key}`,
        `${quantity(group.reduce((sum, item) => sum + item.quantity, 0))} ${group[0].unit ?? ""}`.trimEnd(),
        `unpriced (${key})`,
        "-",
    ]);
}

/** The unit price, per what, and the footnote of its source. */
function priceCell(item: PlanCostItem, footnote: (source: string) => number): string {
    return `${item.unitPrice} / ${item.unit} [${footnote(`${item.source} (as of: ${item.asOf})`)}]`;
}

/** Renders an evaluated estimate (see `estimateCost`). */
export function renderCost(cost: PlanCost): string {
    if (!cost.evaluated) return "Cost: not estimated";
    const sources: string[] = [];
    const footnote = (source: string): number => {
        const index = sources.indexOf(source);
        return index >= 0 ? index + 1 : sources.push(source);
    };
    const priced = cost.items
        .filter((item) => item.monthly !== null)
        .sort((a, b) => (b.monthly ?? 0) - (a.monthly ?? 0));
    const rows = [
        ["Item", "Quantity/month", "Unit price (USD)", "USD/month"],
        ...priced.map((item) => [
            item.description,
            `${quantity(item.quantity)} ${item.unit ?? ""}`.trimEnd(),
            priceCell(item, footnote),
            usd(item.monthly ?? 0),
        ]),
        ...unpricedRows(cost.items),
    ];
    const unpriced = cost.unpriced ?? { items: 0, share: 0, keys: [] };
    const total = cost.monthly === null ? "nothing priced" : `${usd(cost.monthly)} USD/month`;
    const lines = [
        `Cost estimate (${cost.region}, on-demand list prices, ${cost.hoursPerMonth} hours a month):`,
        ...columns(rows, 1).map((line) => `  ${line}`),
        `  Total of priced items: ${total}${unpriced.items > 0 ? " (a lower bound: see unpriced)" : ""}`,
    ];
    if (cost.endpoint) {
        lines.push(
            `  This stack targets ${cost.endpoint}, not AWS: nothing is billed; the figures are what the same resources would cost in ${cost.region}.`,
        );
    }
    if (cost.budget) {
        lines.push(
            `  Budget: ${usd(cost.budget.limit)} USD/month${cost.budget.exceeded ? " - EXCEEDED by the estimate" : ""}`,
        );
    }
    if (unpriced.items > 0) {
        lines.push(
            `  Unpriced: ${unpriced.items} of ${cost.items.length} items (${percent(unpriced.share)}) have no ca-central-1 price in the table: ${unpriced.keys.join(", ")}`,
        );
    }
    if ((cost.usage ?? []).length > 0) {
        const kinds = [...new Set((cost.usage ?? []).map((charge) => charge.description))];
        lines.push(`  Not estimated (depends on use): ${kinds.join("; ")}`);
    }
    lines.push("  Sources:", ...sources.map((source, index) => `  [${index + 1}] ${source}`));
    return lines.join("\n");
}

/** The warning `npm run plan` prints when the estimate exceeds the stack's budget, or undefined. */
export function budgetWarning(stack: string, cost: PlanCost): string | undefined {
    if (!cost.budget?.exceeded || cost.monthly === null) return undefined;
    return `warning: the ${stack} estimate of ${usd(cost.monthly)} USD/month exceeds its budget of ${usd(cost.budget.limit)} USD/month (fraud-detector:budget.monthlyLimitUsd)`;
}
