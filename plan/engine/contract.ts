import { z } from "zod";

/**
 * The offline plan document: the contract other tools and the tests rely on
 * (`architecture.md`, "The offline plan"). `npm run plan -- --json` prints exactly one of these,
 * and `npm run policy` refuses any file that does not match it before a rule runs.
 *
 * One schema serves both sides: the TypeScript types below are inferred from it, the engine's
 * writer is tested against it, and the policy runner validates what it reads with it. Objects
 * tolerate keys the schema does not name (a newer writer may add some) and drop them on reading,
 * except violations, which keep theirs: the verdict of another tool passes through untouched.
 */

/** A JSON object with any keys: inputs, outputs, stack outputs. */
const jsonObject = z.record(z.string(), z.unknown()).readonly();

/** A list of URNs. */
const urnList = z.array(z.string()).readonly();

/** Resource options as the engine received them. */
const planResourceOptionsSchema = z
    .object({
        /** `protect`: Pulumi refuses to delete the resource. */
        protect: z.boolean(),
        /** `retainOnDelete`: Pulumi forgets the resource on delete but leaves it in AWS. */
        retainOnDelete: z.boolean(),
        /**
         * `ignoreChanges`: input properties Pulumi leaves as they are in AWS once the resource
         * exists (what another owner, such as ECS, changes); `[]` for none. Optional on reading, so
         * a document written before it was recorded still parses.
         */
        ignoreChanges: z.array(z.string()).readonly().optional(),
        /** URNs this resource depends on, explicit `dependsOn` and input references alike (sorted). */
        dependsOn: urnList,
        /** The provider reference (`<provider urn>::<id>`), or null for components. */
        provider: z.string({ error: "a provider reference <urn>::<id>, or null" }).nullable(),
        /**
         * Input property to the URNs its value came from (beyond the contract's four options): what
         * CrossGuard hands stack policies as `propertyDependencies`, so relations can be followed
         * even where a value is unknown during a real preview. A document without it reads as `{}`.
         */
        propertyDependencies: z.record(z.string(), urnList).readonly().default({}),
    })
    .readonly();

/** One registered resource: a custom resource, a component or a provider. */
const planResourceSchema = z
    .object({
        /** The URN a real preview would show (recomputed from the full parent chain). */
        urn: z.string(),
        /** The type token, e.g. `aws:ec2/flowLog:FlowLog`. */
        type: z.string(),
        /** The logical name. */
        name: z.string(),
        /** The parent's URN; null only for the stack itself. */
        parent: z.string({ error: "a URN, or null" }).nullable(),
        /** True for resources a provider manages; false for components (awsx ones included). */
        custom: z.boolean(),
        /** The mock's id, or null for components. */
        id: z.string({ error: "a string, or null" }).nullable(),
        /** Inputs as registered, references resolved to mock values, secrets replaced by `[secret]`. */
        inputs: jsonObject,
        /** What the mock answered (inputs plus ids, ARNs, endpoints); for components, their registered outputs. */
        outputs: jsonObject,
        /** Resource options. */
        options: planResourceOptionsSchema,
    })
    .readonly();

/**
 * One policy violation. Keys beyond these are kept: the verdict of another tool passes through.
 */
const planViolationSchema = z
    .looseObject({
        /** The rule id (policy name). */
        policy: z.string(),
        /** `mandatory` or `advisory` (or `disabled`). */
        enforcementLevel: z.string(),
        /** The resource's URN, or null for stack-wide findings. */
        urn: z.string({ error: "a URN, or null" }).nullable(),
        /** What is wrong and what to set. */
        message: z.string(),
        /**
         * When a real deploy meets it: `preview` when `pulumi preview --policy-pack` of the stack's
         * first deploy reports it before anything changes; `up` when it rests on values unknown until
         * resources are created (ids, ARNs), so only `pulumi up` reports it, midway. Absent in plans
         * written before the field existed.
         */
        decidedAt: z.enum(["preview", "up"]).optional(),
    })
    .readonly();

/** The step of a real deploy that decides a violation: `pulumi preview`, or only `pulumi up`. */
export type DecidedAt = "preview" | "up";

/** The policy verdict over the plan. */
const planPolicySchema = z
    .object({
        /** Whether a policy pack was run over this plan. */
        evaluated: z.boolean().default(false),
        /** Every violation, mandatory ones first. */
        violations: z.array(planViolationSchema).readonly(),
    })
    .readonly();

/** One line of the cost estimate: a fixed monthly quantity of one priced unit. */
const planCostItemSchema = z
    .object({
        /** URN of the resource priced. */
        urn: z.string(),
        /** What is priced, e.g. `fraud-api: 3 tasks x 0.5 vCPU`. */
        description: z.string(),
        /** The price-table key, e.g. `fargate.vcpu_hour`. */
        priceKey: z.string(),
        /** Units per month. */
        quantity: z.number(),
        /** The unit the price is per, e.g. `vCPU-hour`; null when the table has no such key. */
        unit: z.string({ error: "a string, or null" }).nullable(),
        /** The table's price per unit in USD, or null when no ca-central-1 price is known. */
        unitPrice: z.number({ error: "a number, or null" }).nullable(),
        /** Monthly cost in USD (quantity x unit price), or null when unpriced. */
        monthly: z.number({ error: "a number, or null" }).nullable(),
        /** Where the unit price came from, and its date; null when unpriced. */
        source: z.string({ error: "a string, or null" }).nullable(),
        /** What the source says about its date; null when unpriced. */
        asOf: z.string({ error: "a string, or null" }).nullable(),
        /** `price-list` (a Price List figure) or `approximation` (flagged, totalled apart); null when unpriced. */
        basis: z.enum(["price-list", "approximation"]).nullable().optional(),
        /** The component the resource belongs to, e.g. `database` (the root's own resources: `platform`). */
        component: z.string().optional(),
        /** The usage assumption the quantity rests on, e.g. `natGbPerGateway`; null when read from the plan. */
        assumption: z.string().nullable().optional(),
    })
    .readonly();

/** One component's share of the estimate. */
const planCostSubtotalSchema = z
    .object({
        /** The component, as items name it. */
        component: z.string(),
        /** Its priced items' sum, approximations included. */
        monthly: z.number(),
        /** The part of `monthly` that is flagged approximations. */
        approximated: z.number(),
    })
    .readonly();

/** A usage assumption as the estimate applied it. */
const planCostAssumptionSchema = z
    .object({
        /** Its key, as `--usage` names it. */
        key: z.string(),
        /** The value used. */
        value: z.number(),
        /** Its unit. */
        unit: z.string(),
        /** What it is a quantity of. */
        description: z.string(),
        /** Whether the value was overridden for this run. */
        overridden: z.boolean(),
    })
    .readonly();

/** A charge that depends on use (traffic, growth), listed but never priced. */
const planUsageChargeSchema = z
    .object({
        /** URN of the resource that runs it up. */
        urn: z.string(),
        /** What is charged by use. */
        description: z.string(),
    })
    .readonly();

/** The monthly cost estimate. */
const planCostSchema = z
    .object({
        /** Always `USD`. */
        currency: z.literal("USD"),
        /** Whether the estimate was computed. */
        evaluated: z.boolean().default(false),
        /**
         * Sum of the priced items, approximations included (a lower bound when `unpriced.items` > 0),
         * or null when nothing was priced.
         */
        monthly: z.number({ error: "a number, or null" }).nullable(),
        /** The part of `monthly` priced from the Price List, and the flagged approximations apart. */
        bases: z
            .object({
                sourced: z.number(),
                approximated: z.number(),
                approximatedShare: z.number(),
                /** Each flagged approximation: its key, figure, what it adds up to, and its stated basis. */
                approximations: z
                    .array(
                        z
                            .object({
                                priceKey: z.string(),
                                unitPrice: z.number(),
                                unit: z.string(),
                                monthly: z.number(),
                                share: z.number(),
                                basis: z.string(),
                            })
                            .readonly(),
                    )
                    .readonly(),
            })
            .readonly()
            .optional(),
        /** The estimate per component, largest first; they add up to `monthly`. */
        subtotals: z.array(planCostSubtotalSchema).readonly().optional(),
        /** The usage assumptions the usage-driven items rest on. */
        assumptions: z.array(planCostAssumptionSchema).readonly().optional(),
        /** Hours in the month priced (730). */
        hoursPerMonth: z.number().optional(),
        /** The region whose price table was used. */
        region: z.string().optional(),
        /** Priced and unpriced items. */
        items: z.array(planCostItemSchema).readonly(),
        /** What the estimate could not price: how many items, and their share of all items. */
        unpriced: z
            .object({ items: z.number(), share: z.number(), keys: z.array(z.string()).readonly() })
            .readonly()
            .optional(),
        /** Usage-driven charges the estimate leaves out. */
        usage: z.array(planUsageChargeSchema).readonly().optional(),
        /** The endpoint the AWS provider targets instead of AWS (LocalStack), or null: then AWS bills nothing. */
        endpoint: z.string({ error: "a URL, or null" }).nullable().optional(),
        /** The stack's AWS Budgets monthly limit, and whether the priced sum exceeds it. */
        budget: z
            .object({ limit: z.number(), exceeded: z.boolean() }, { error: "an object { limit, exceeded }, or null" })
            .readonly()
            .nullable()
            .optional(),
    })
    .readonly();

/**
 * Every URN a resource names (parent, dependencies, property dependencies, provider) must be a
 * resource of the document: a relation to nothing would let a rule that follows it see nothing and
 * pass. Adds one issue per dangling URN, at its path.
 */
function checkReferences(
    document: { readonly resources: readonly PlanResource[] },
    ctx: z.core.$RefinementCtx<unknown>,
): void {
    const urns = new Set(document.resources.map((r) => r.urn));
    const dangling = (path: PropertyKey[], urn: string | null) => {
        if (urn !== null && !urns.has(urn)) {
            ctx.addIssue({ code: "custom", path, input: urn, message: "the URN of a resource in this document" });
        }
    };
    document.resources.forEach((resource, i) => {
        const at = ["resources", i];
        dangling([...at, "parent"], resource.parent);
        resource.options.dependsOn.forEach((urn, j) => dangling([...at, "options", "dependsOn", j], urn));
        for (const [property, list] of Object.entries(resource.options.propertyDependencies)) {
            list.forEach((urn, j) => dangling([...at, "options", "propertyDependencies", property, j], urn));
        }
        const provider = resource.options.provider;
        if (provider !== null) {
            const split = provider.lastIndexOf("::");
            dangling([...at, "options", "provider"], split < 0 ? provider : provider.slice(0, split));
        }
    });
}

/** The whole plan of one stack: the schema every plan document is checked against. */
export const planDocumentSchema = z
    .object({
        /** The Pulumi project, `fraud-detector`. */
        project: z.string(),
        /** The stack planned. */
        stack: z.string(),
        /** Every registered resource, in registration order. */
        resources: z.array(planResourceSchema).readonly(),
        /** The stack outputs `index.ts` exports. */
        outputs: jsonObject,
        /** The policy verdict. */
        policy: planPolicySchema,
        /** The monthly cost estimate. */
        cost: planCostSchema,
    })
    .superRefine(checkReferences)
    .readonly();

/** Resource options as the engine received them. */
export type PlanResourceOptions = z.infer<typeof planResourceOptionsSchema>;

/** One registered resource: a custom resource, a component or a provider. */
export type PlanResource = z.infer<typeof planResourceSchema>;

/** One policy violation. */
export type PlanViolation = z.infer<typeof planViolationSchema>;

/** The policy verdict over the plan. */
export type PlanPolicy = z.infer<typeof planPolicySchema>;

/** One line of the cost estimate: a fixed monthly quantity of one priced unit. */
export type PlanCostItem = z.infer<typeof planCostItemSchema>;

/** One component's share of the estimate. */
export type PlanCostSubtotal = z.infer<typeof planCostSubtotalSchema>;

/** A usage assumption as the estimate applied it. */
export type PlanCostAssumption = z.infer<typeof planCostAssumptionSchema>;

/** A charge that depends on use (traffic, growth), listed but never priced. */
export type PlanUsageCharge = z.infer<typeof planUsageChargeSchema>;

/** The monthly cost estimate. */
export type PlanCost = z.infer<typeof planCostSchema>;

/** The whole plan of one stack. */
export type PlanDocument = z.infer<typeof planDocumentSchema>;
