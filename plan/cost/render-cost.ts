/**
 * The readable form of the cost estimate: one row per priced quantity (approximations marked `≈`),
 * the subtotal of each component, the total split into Price List prices and flagged
 * approximations, each approximation's basis, the usage assumptions, what is unpriced or left out,
 * and every figure's source as a numbered footnote, so each can be traced to where it came from.
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
    if (view.bases) {
        lines.push(
            `    of which Price List prices: ${view.bases.sourced}`,
            `    of which flagged approximations (≈, not prices): ${view.bases.approximated} (${view.bases.share} of the total)`,
        );
    }
    if (view.subtotals.length > 0) {
        const subtotalRows = [
            ["Component", "USD/month", "of which ≈", "Share"],
            ...view.subtotals.map((sub) => [sub.component, sub.monthly, sub.approximated, sub.share]),
        ];
        lines.push("  Subtotals per component:", ...columns(subtotalRows, 3).map((line) => `    ${line}`));
    }
    if (view.endpointNote) lines.push(`  ${view.endpointNote}`);
    if (view.budget) {
        lines.push(`  Budget: ${view.budget.limit}${view.budget.exceeded ? " - EXCEEDED by the estimate" : ""}`);
    }
    if (view.unpricedNote) lines.push(`  Unpriced: ${view.unpricedNote}`);
    if (view.approximations.length > 0) {
        lines.push("  Flagged approximations (no ca-central-1 Price List record found; basis as stated):");
        for (const a of view.approximations) {
            lines.push(`    ≈ ${a.priceKey} ${a.figure.slice(2)}: ${a.monthly} USD/month (${a.share}). ${a.basis}`);
        }
    }
    if (view.assumptions.length > 0) {
        lines.push("  Usage assumptions (override with --usage KEY=VALUE):");
        for (const a of view.assumptions) {
            lines.push(`    ${a.key} = ${a.value}${a.overridden ? " (overridden)" : ""}: ${a.description}`);
        }
    }
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
