/**
 * The offline plan document: the contract other tools and the tests rely on
 * (`architecture.md`, "The offline plan"). `npm run plan -- --json` prints exactly one of these.
 */

/** Resource options as the engine received them. */
export interface PlanResourceOptions {
    /** `protect`: Pulumi refuses to delete the resource. */
    readonly protect: boolean;
    /** `retainOnDelete`: Pulumi forgets the resource on delete but leaves it in AWS. */
    readonly retainOnDelete: boolean;
    /** URNs this resource depends on, explicit `dependsOn` and input references alike (sorted). */
    readonly dependsOn: readonly string[];
    /** The provider reference (`<provider urn>::<id>`), or null for components. */
    readonly provider: string | null;
    /**
     * Input property to the URNs its value came from (beyond the contract's four options): what
     * CrossGuard hands stack policies as `propertyDependencies`, so relations can be followed
     * even where a value is unknown during a real preview.
     */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** One registered resource: a custom resource, a component or a provider. */
export interface PlanResource {
    /** The URN a real preview would show (recomputed from the full parent chain). */
    readonly urn: string;
    /** The type token, e.g. `aws:ec2/flowLog:FlowLog`. */
    readonly type: string;
    /** The logical name. */
    readonly name: string;
    /** The parent's URN; null only for the stack itself. */
    readonly parent: string | null;
    /** True for resources a provider manages; false for components (awsx ones included). */
    readonly custom: boolean;
    /** The mock's id, or null for components. */
    readonly id: string | null;
    /** Inputs as registered, references resolved to mock values, secrets replaced by `[secret]`. */
    readonly inputs: Readonly<Record<string, unknown>>;
    /** What the mock answered (inputs plus ids, ARNs, endpoints); for components, their registered outputs. */
    readonly outputs: Readonly<Record<string, unknown>>;
    /** Resource options. */
    readonly options: PlanResourceOptions;
}

/** One policy violation. */
export interface PlanViolation {
    /** The rule id (policy name). */
    readonly policy: string;
    /** `mandatory` or `advisory` (or `disabled`). */
    readonly enforcementLevel: string;
    /** The resource's URN, or null for stack-wide findings. */
    readonly urn: string | null;
    /** What is wrong and what to set. */
    readonly message: string;
    /**
     * When a real deploy meets it: `preview` when `pulumi preview --policy-pack` of the stack's
     * first deploy reports it before anything changes; `up` when it rests on values unknown until
     * resources are created (ids, ARNs), so only `pulumi up` reports it, midway. Absent in plans
     * written before the field existed.
     */
    readonly decidedAt?: DecidedAt;
}

/** The step of a real deploy that decides a violation: `pulumi preview`, or only `pulumi up`. */
export type DecidedAt = "preview" | "up";

/** The policy verdict over the plan. */
export interface PlanPolicy {
    /** Whether a policy pack was run over this plan (false until the pack exists). */
    readonly evaluated: boolean;
    /** Every violation, mandatory ones first. */
    readonly violations: readonly PlanViolation[];
}

/** One line of the cost estimate: a fixed monthly quantity of one priced unit. */
export interface PlanCostItem {
    /** URN of the resource priced. */
    readonly urn: string;
    /** What is priced, e.g. `fraud-api: 3 tasks x 0.5 vCPU`. */
    readonly description: string;
    /** The price-table key, e.g. `fargate.vcpu_hour`. */
    readonly priceKey: string;
    /** Units per month. */
    readonly quantity: number;
    /** The unit the price is per, e.g. `vCPU-hour`; null when the table has no such key. */
    readonly unit: string | null;
    /** The table's price per unit in USD, or null when no ca-central-1 price is known. */
    readonly unitPrice: number | null;
    /** Monthly cost in USD (quantity x unit price), or null when unpriced. */
    readonly monthly: number | null;
    /** Where the unit price came from, and its date; null when unpriced. */
    readonly source: string | null;
    /** What the source says about its date; null when unpriced. */
    readonly asOf: string | null;
}

/** A charge that depends on use (traffic, growth), listed but never priced. */
export interface PlanUsageCharge {
    /** URN of the resource that runs it up. */
    readonly urn: string;
    /** What is charged by use. */
    readonly description: string;
}

/** The monthly cost estimate. */
export interface PlanCost {
    /** Always `USD`. */
    readonly currency: "USD";
    /** Whether the estimate was computed. */
    readonly evaluated: boolean;
    /** Sum of the priced items (a lower bound when `unpriced.items` > 0), or null when nothing was priced. */
    readonly monthly: number | null;
    /** Hours in the month priced (730). */
    readonly hoursPerMonth?: number;
    /** The region whose price table was used. */
    readonly region?: string;
    /** Priced and unpriced items. */
    readonly items: readonly PlanCostItem[];
    /** What the estimate could not price: how many items, and their share of all items. */
    readonly unpriced?: { readonly items: number; readonly share: number; readonly keys: readonly string[] };
    /** Usage-driven charges the estimate leaves out. */
    readonly usage?: readonly PlanUsageCharge[];
    /** The endpoint the AWS provider targets instead of AWS (LocalStack), or null: then AWS bills nothing. */
    readonly endpoint?: string | null;
    /** The stack's AWS Budgets monthly limit, and whether the priced sum exceeds it. */
    readonly budget?: { readonly limit: number; readonly exceeded: boolean } | null;
}

/** The whole plan of one stack. */
export interface PlanDocument {
    /** The Pulumi project, `fraud-detector`. */
    readonly project: string;
    /** The stack planned. */
    readonly stack: string;
    /** Every registered resource, in registration order. */
    readonly resources: readonly PlanResource[];
    /** The stack outputs `index.ts` exports. */
    readonly outputs: Readonly<Record<string, unknown>>;
    /** The policy verdict. */
    readonly policy: PlanPolicy;
    /** The monthly cost estimate. */
    readonly cost: PlanCost;
}
