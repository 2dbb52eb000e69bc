/**
 * The readable form of the cost estimate: one row per priced quantity, the total, what is unpriced
 * and why, what depends on use, and every price's source as a numbered footnote, so each figure
 * can be traced to the page or API call it came from.
 */
import type { PlanCost } from "../engine/contract";
import { columns, usd } from "../../lib/text-layout";
import { costLines } from "./cost-lines";

/** Renders an evaluated estimate (see `estimateCost`). */
export function renderCost(cost: PlanCost): string {
    if (!cost.evaluated) return "Cost: not estimated";
    const view = costLines(cost);
    const rows = [
        ["Item", "Quantity/month", "Unit price (USD)", "USD/month"],
        ...view.priced.map((line) => [
            line.item.description,
            line.quantity,
            `${line.unitPrice} [${line.footnote}]`,
            line.monthly,
        ]),
        ...view.unpriced.map((line) => [line.label, line.quantity, `unpriced (${line.priceKey})`, "-"]),
    ];
    const lines = [
        `${view.heading}:`,
        ...columns(rows, 1).map((line) => `  ${line}`),
        `  Total of priced items: ${view.total}`,
    ];
    if (view.endpointNote) lines.push(`  ${view.endpointNote}`);
    if (view.budget) {
        lines.push(`  Budget: ${view.budget.limit}${view.budget.exceeded ? " - EXCEEDED by the estimate" : ""}`);
    }
    if (view.unpricedNote) lines.push(`  Unpriced: ${view.unpricedNote}`);
    if (view.usage.length > 0) lines.push(`  Not estimated (depends on use): ${view.usage.join("; ")}`);
    lines.push(
        "  Sources:",
        ...view.sources.map(({ source, asOf }, index) => `  [${index + 1}] ${source} (as of: ${asOf})`),
    );
    return lines.join("\n");
}

/** The warning `npm run plan` prints when the estimate exceeds the stack's budget, or undefined. */
export function budgetWarning(stack: string, cost: PlanCost): string | undefined {
    if (!cost.budget?.exceeded || cost.monthly === null) return undefined;
    return `warning: the ${stack} estimate of ${usd(cost.monthly)} USD/month exceeds its budget of ${usd(cost.budget.limit)} USD/month (fraud-detector:budget.monthlyLimitUsd)`;
}
