/** The policy verdicts and cost estimates of two plans, side by side. */
import type { PlanCost, PlanPolicy } from "../engine/contract";
import type { ComponentCostChange, CostDiff, PolicyCounts, PolicyDiff, RuleChange } from "./contract";

/** How often one rule is violated at one level. */
interface RuleCount {
    readonly policy: string;
    readonly enforcementLevel: string;
    readonly count: number;
}

/** Violations counted by rule and level, keyed `rule level`. */
function violationsByRule(policy: PlanPolicy): Map<string, RuleCount> {
    const rules = new Map<string, RuleCount>();
    for (const { policy: rule, enforcementLevel } of policy.violations) {
        const key = `${rule} ${enforcementLevel}`;
        rules.set(key, { policy: rule, enforcementLevel, count: (rules.get(key)?.count ?? 0) + 1 });
    }
    return rules;
}

function countsOf(policy: PlanPolicy): PolicyCounts | null {
    if (!policy.evaluated) return null;
    const count = (level: string) => policy.violations.filter((v) => v.enforcementLevel === level).length;
    return { mandatory: count("mandatory"), advisory: count("advisory") };
}

/** The two verdicts' counts, and each rule violated a different number of times. */
export function diffPolicy(from: PlanPolicy, to: PlanPolicy): PolicyDiff {
    const before = violationsByRule(from);
    const after = violationsByRule(to);
    const rules: RuleChange[] = [];
    for (const [key, rule] of new Map([...after, ...before])) {
        const change = {
            policy: rule.policy,
            enforcementLevel: rule.enforcementLevel,
            from: before.get(key)?.count ?? 0,
            to: after.get(key)?.count ?? 0,
        };
        if (change.from !== change.to) rules.push(change);
    }
    rules.sort((a, b) => a.policy.localeCompare(b.policy) || a.enforcementLevel.localeCompare(b.enforcementLevel));
    return { from: countsOf(from), to: countsOf(to), rules };
}

/** Rounded to cents like the totals, so 1161.44 - 188.45 reads 972.99, not 972.9900000000001. */
const cents = (usd: number): number => Math.round(usd * 100) / 100;

/** The two estimates' priced monthly totals, the change between them, and each component's subtotals. */
export function diffCost(from: PlanCost, to: PlanCost): CostDiff {
    const total = (cost: PlanCost) => (cost.evaluated ? cost.monthly : null);
    const [before, after] = [total(from), total(to)];
    const change = before === null || after === null ? null : cents(after - before);
    return { currency: "USD", from: before, to: after, change, components: diffSubtotals(from, to) };
}

/** Each component of either estimate, with its subtotal in both, the largest change first. */
function diffSubtotals(from: PlanCost, to: PlanCost): ComponentCostChange[] {
    const subtotals = (cost: PlanCost) =>
        new Map((cost.evaluated ? (cost.subtotals ?? []) : []).map((sub) => [sub.component, sub.monthly]));
    const [before, after] = [subtotals(from), subtotals(to)];
    return [...new Set([...before.keys(), ...after.keys()])]
        .map((component) => {
            const [a, b] = [before.get(component) ?? null, after.get(component) ?? null];
            return { component, from: a, to: b, change: cents((b ?? 0) - (a ?? 0)) };
        })
        .sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || x.component.localeCompare(y.component));
}
