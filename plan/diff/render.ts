/**
 * The readable form of a diff: per component a table `resource | setting | <from> | <to>` and the
 * resources only one stack has, then the policy verdicts, the cost totals with each component's
 * subtotal in both stacks, and a summary line. It
 * shows what the JSON form holds, nothing more, so the two can be checked against each other.
 */
import { columns, usd } from "../../lib/text-layout";
import type { ComponentDiff, CostDiff, DiffValue, PlanDiff, PolicyCounts, PolicyDiff } from "./contract";

/** A setting's value in a table cell: `-` when unset, a list comma-separated (`none` when empty). */
export function formatValue(value: DiffValue): string {
    if (value === null) return "-";
    if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(formatValue).join(", ");
    return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function renderComponent(diff: PlanDiff, component: ComponentDiff): string[] {
    const lines = [`${component.component} (${component.type})`];
    if (component.changes.length > 0) {
        const rows = [
            ["resource", "setting", diff.from, diff.to],
            ...component.changes.map((c) => [c.resource, c.setting, formatValue(c.from), formatValue(c.to)]),
        ];
        lines.push(...columns(rows, 0).map((line) => `  ${line}`));
    }
    for (const [stack, resources] of Object.entries(component.onlyIn)) {
        if (resources.length === 0) continue;
        lines.push(`  only in ${stack}:`);
        lines.push(
            ...columns(
                resources.map((r) => [r.resource, r.type]),
                0,
            ).map((line) => `    ${line}`),
        );
    }
    return lines;
}

const counts = (c: PolicyCounts | null): string =>
    c === null ? "not evaluated" : `${c.mandatory} mandatory, ${c.advisory} advisory`;

function renderPolicy(diff: PlanDiff, policy: PolicyDiff): string[] {
    const lines = [`Policy: ${diff.from} ${counts(policy.from)}; ${diff.to} ${counts(policy.to)}`];
    if (policy.rules.length > 0) {
        const rows = [
            ["rule", "level", diff.from, diff.to],
            ...policy.rules.map((r) => [r.policy, r.enforcementLevel, String(r.from), String(r.to)]),
        ];
        lines.push(...columns(rows, 2).map((line) => `  ${line}`));
    }
    return lines;
}

const monthly = (total: number | null): string => (total === null ? "not estimated" : `${usd(total)} USD/month`);

const signed = (change: number): string => `${change >= 0 ? "+" : "-"}${usd(Math.abs(change))}`;

function renderCostTotals(diff: PlanDiff, cost: CostDiff): string[] {
    const change = cost.change === null ? "" : ` (${signed(cost.change)})`;
    const lines = [`Cost estimate: ${diff.from} ${monthly(cost.from)}; ${diff.to} ${monthly(cost.to)}${change}`];
    if (cost.components.length > 0) {
        const amount = (value: number | null) => (value === null ? "-" : usd(value));
        const rows = [
            ["component", diff.from, diff.to, "change"],
            ...cost.components.map((c) => [c.component, amount(c.from), amount(c.to), signed(c.change)]),
        ];
        lines.push(...columns(rows, 3).map((line) => `  ${line}`));
    }
    return lines;
}

/** The one-line summary: how much differs, where, and the verdicts and totals. */
export function summarize(diff: PlanDiff): string {
    const settings = diff.components.reduce((sum, c) => sum + c.changes.length, 0);
    const changed = diff.components.filter((c) => c.changes.length > 0).length;
    const only = (stack: string) => diff.components.reduce((sum, c) => sum + (c.onlyIn[stack]?.length ?? 0), 0);
    const verdict = (c: PolicyCounts | null) => (c === null ? "?" : `${c.mandatory}/${c.advisory}`);
    const total = (value: number | null) => (value === null ? "?" : usd(value));
    return [
        `Summary: ${settings} setting(s) differ in ${changed} component(s)`,
        `${only(diff.from)} resource(s) only in ${diff.from}, ${only(diff.to)} only in ${diff.to}`,
        `violations (mandatory/advisory) ${verdict(diff.policy.from)} → ${verdict(diff.policy.to)}`,
        `cost ${total(diff.cost.from)} → ${total(diff.cost.to)} USD/month`,
    ].join("; ");
}

/** Renders a diff (see `diffPlans`) as text. */
export function renderDiff(diff: PlanDiff): string {
    const lines = [
        `Diff of ${diff.from} → ${diff.to}: the offline plans of both stacks, curated settings only (ids, ARNs, names and tags ignored).`,
        "",
    ];
    for (const component of diff.components) {
        lines.push(...renderComponent(diff, component), "");
    }
    if (diff.components.length === 0) {
        lines.push("No component differs in a curated setting or in its resources.", "");
    }
    lines.push(...renderPolicy(diff, diff.policy), ...renderCostTotals(diff, diff.cost), "", summarize(diff));
    return lines.join("\n") + "\n";
}
