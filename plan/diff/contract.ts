/**
 * The diff of two stacks' plans: the contract of `npm run plan -- --diff FROM TO --json`, which
 * prints exactly one of these. Resources and components are named by their logical name without
 * the stack's prefix (`database-instance`, not `fraud-detector-prod-database-instance`), so the
 * same thing has the same name in both stacks.
 */

/** A JSON value as a setting holds it: ids and ARNs of the plan's own resources replaced by their logical names. */
export type DiffValue = string | number | boolean | null | readonly DiffValue[] | { readonly [key: string]: DiffValue };

/** A resource of one stack, named so it reads the same in both stacks. */
export interface DiffResource {
    /** The logical name without the stack's prefix, e.g. `cluster-hosts`. */
    readonly resource: string;
    /** The type token, e.g. `aws:autoscaling/group:Group`. */
    readonly type: string;
}

/** One curated setting (`plan/diff/settings.ts`) that differs between two matched resources. */
export interface SettingChange extends DiffResource {
    /** The setting's name in the curated table, e.g. `instanceClass` or `natGateways.strategy`. */
    readonly setting: string;
    /** Its value in the `from` stack; null when unset. */
    readonly from: DiffValue;
    /** Its value in the `to` stack; null when unset. */
    readonly to: DiffValue;
}

/** What differs inside one component: its direct children and the component itself. */
export interface ComponentDiff {
    /** The component's logical name without the prefix; the root component (named the prefix itself) is `platform`. */
    readonly component: string;
    /** The component's type token, e.g. `fraud-detector:data:Database`. */
    readonly type: string;
    /** Settings that differ, in the order the `from` stack registers its resources. */
    readonly changes: readonly SettingChange[];
    /** Resources that only one stack has, keyed by stack name; both stacks are always keys. */
    readonly onlyIn: Readonly<Record<string, readonly DiffResource[]>>;
}

/** Violations of one stack's plan by enforcement level. */
export interface PolicyCounts {
    /** Mandatory violations: `npm run plan` exits 1 on any. */
    readonly mandatory: number;
    /** Advisory violations. */
    readonly advisory: number;
}

/** A policy rule that a different number of resources violate in the two stacks. */
export interface RuleChange {
    /** The rule id, e.g. `cache-high-availability`. */
    readonly policy: string;
    /** `mandatory` or `advisory` (or `disabled`). */
    readonly enforcementLevel: string;
    /** Violations in the `from` stack. */
    readonly from: number;
    /** Violations in the `to` stack. */
    readonly to: number;
}

/** The two policy verdicts side by side. */
export interface PolicyDiff {
    /** The `from` stack's counts, or null when its plan was not evaluated. */
    readonly from: PolicyCounts | null;
    /** The `to` stack's counts, or null when its plan was not evaluated. */
    readonly to: PolicyCounts | null;
    /** Rules violated a different number of times, sorted by rule id then level. */
    readonly rules: readonly RuleChange[];
}

/** One component's cost estimate in the two stacks (`plan.cost.subtotals`). */
export interface ComponentCostChange {
    /** The component, as the estimate names it, e.g. `database`. */
    readonly component: string;
    /** Its subtotal in the `from` stack; null when that stack has none of its priced items. */
    readonly from: number | null;
    /** Its subtotal in the `to` stack; null likewise. */
    readonly to: number | null;
    /** `to` minus `from` (a missing side counting 0), rounded to cents. */
    readonly change: number;
}

/** The two monthly cost estimates side by side (`plan.cost.monthly`). */
export interface CostDiff {
    /** Always `USD`. */
    readonly currency: "USD";
    /** The `from` stack's priced total per month, or null when it was not estimated or nothing was priced. */
    readonly from: number | null;
    /** The `to` stack's priced total per month, or null likewise. */
    readonly to: number | null;
    /** `to` minus `from`, rounded to cents; null when either is null. */
    readonly change: number | null;
    /** Each component's subtotal in both stacks, largest change first; empty when neither plan has subtotals. */
    readonly components: readonly ComponentCostChange[];
}

/** The whole diff of two stacks. */
export interface PlanDiff {
    /** The stack compared from, e.g. `staging`. */
    readonly from: string;
    /** The stack compared to, e.g. `production`. */
    readonly to: string;
    /** Components with a change or a resource only one stack has, in registration order; the others are left out. */
    readonly components: readonly ComponentDiff[];
    /** The policy verdicts. */
    readonly policy: PolicyDiff;
    /** The cost estimate totals. */
    readonly cost: CostDiff;
}
