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
}

/** The policy verdict over the plan. */
export interface PlanPolicy {
    /** Whether a policy pack was run over this plan (false until the pack exists). */
    readonly evaluated: boolean;
    /** Every violation, mandatory ones first. */
    readonly violations: readonly PlanViolation[];
}

/** One line of the cost estimate. */
export interface PlanCostItem {
    /** URN of the resource priced. */
    readonly urn: string;
    /** What is priced, e.g. `NAT gateway hours`. */
    readonly description: string;
    /** Monthly cost in USD, or null when no ca-central-1 price is known. */
    readonly monthly: number | null;
}

/** The monthly cost estimate. */
export interface PlanCost {
    /** Always `USD`. */
    readonly currency: "USD";
    /** Whether the estimate was computed (false until the price table exists). */
    readonly evaluated: boolean;
    /** Sum of the priced items, or null when nothing was priced. */
    readonly monthly: number | null;
    /** Priced and unpriced items. */
    readonly items: readonly PlanCostItem[];
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
