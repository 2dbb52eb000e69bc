/** The policy verdicts and cost estimates of two plans, side by side. */
import type { PlanCost, PlanPolicy } from "../engine/contract";
import type { CostDiff, PolicyCounts, PolicyDiff, RuleChange } from "./contract";

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

/** The two estimates' priced monthly totals and the change between them. */
export function diffCost(from: PlanCost, to: PlanCost): CostDiff {
    const total = (cost: PlanCost) => (cost.evaluated ? cost.monthly : null);
    const [before, after] = [total(from), total(to)];
    // Rounded to cents like the totals, so 1161.44 - 188.45 reads 972.99, not 972.9900000000001.
    const change = before === null || after === null ? null : Math.round((after - before) * 100) / 100;
    return { currency: "USD", from: before, to: after, change };
}
