import {
    EnforcementLevel,
    Policies,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { PlanDocument, PlanResource, PlanViolation } from "../engine/contract";
import { linkPlan } from "../engine/linked-plan";

// The analyzer's unknown-value proxy: exported by @pulumi/policy 1.21, its typings left out (proxy.d.ts is empty).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy, UnknownValueError } = require("@pulumi/policy") as {
    unknownCheckingProxy: <T extends object>(props: T) => T;
    UnknownValueError: new (...args: never[]) => Error;
};

/**
 * Runs a CrossGuard policy pack over an offline plan, handing each policy what the Pulumi analyzer
 * would (@pulumi/policy 1.21, server.js): type, props (the inputs), urn, name, opts, provider,
 * isType/asType, getConfig, notApplicable; for stack policies the resources with parent,
 * dependencies and property dependencies filled in. A rule cannot tell this run from a preview.
 */

/**
 * A policy that threw on the document: named with the resource it was judging, so that a runner
 * that cannot judge a document says so instead of passing it or dying with a stack trace.
 */
export class PolicyCrash extends Error {
    constructor(policy: string, urn: string | undefined, cause: unknown) {
        const reason = String((cause as Error)?.message ?? cause).split("\n")[0];
        super(`policy ${policy} failed ${urn ? `on ${urn}` : "on the stack"}: ${reason}`);
    }
}

/** Thrown by `notApplicable`, as the analyzer does; the policy is then skipped for that resource. */
class NotApplicableError extends Error {}

function throwNotApplicable(reason?: string): never {
    throw new NotApplicableError(reason ?? "Policy does not apply");
}

/** `isType` as the analyzer implements it: by the class's `__pulumiType`. */
function isTypeOf(type: string, resourceClass: unknown): boolean {
    const pulumiType = (resourceClass as { __pulumiType?: unknown } | undefined)?.__pulumiType;
    return typeof pulumiType === "string" && pulumiType === type;
}

/**
 * The options a policy sees. `retainOnDelete` is not in @pulumi/policy's `PolicyResourceOptions`
 * and a real preview never carries it; the offline plan knows it, so it is added for the rules
 * that can use it when present (`stateful-resources-protected`).
 */
function optionsOf(resource: PlanResource): PolicyResourceOptions & { retainOnDelete: boolean } {
    return {
        protect: resource.options.protect,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...(resource.parent ? { parent: resource.parent } : {}),
        retainOnDelete: resource.options.retainOnDelete,
    };
}

function providerOf(resource: PlanResource, byUrn: ReadonlyMap<string, PlanResource>) {
    const ref = resource.options.provider;
    if (!ref) {
        return undefined;
    }
    const provider = byUrn.get(ref.slice(0, ref.lastIndexOf("::")));
    return provider
        ? { type: provider.type, props: provider.inputs, urn: provider.urn, name: provider.name }
        : undefined;
}

/** What the analyzer's `reportViolation` does: a message string, or an object with its own level. */
function violationCollector(
    policy: { name: string; description: string },
    level: EnforcementLevel,
    into: PlanViolation[],
): ReportViolation {
    const collect = (message: unknown, urn?: string): void => {
        if (message !== null && typeof message === "object") {
            const info = message as { message?: string; urn?: string; enforcementLevel?: EnforcementLevel };
            into.push({
                policy: policy.name,
                enforcementLevel: info.enforcementLevel ?? level,
                urn: info.urn ?? null,
                message: info.message ?? policy.description,
            });
        } else {
            into.push({
                policy: policy.name,
                enforcementLevel: level,
                urn: urn ?? null,
                message:
                    typeof message === "string" && message !== ""
                        ? `${policy.description}\n${message}`
                        : policy.description,
            });
        }
    };
    return collect;
}

/**
 * Stack-policy resources, linked to their parents and dependencies as the analyzer links them
 * (plan/engine/linked-plan.ts).
 */
export function policyResources(plan: PlanDocument, options: RunOptions = {}): PolicyResource[] {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    return linkPlan(plan, (r) => {
        // The analyzer hands props behind a proxy that throws on reading an unknown value.
        const props = (options.unknowns ? unknownCheckingProxy(r.inputs) : r.inputs) as Record<string, unknown>;
        return {
            type: r.type,
            props,
            urn: r.urn,
            name: r.name,
            opts: optionsOf(r),
            provider: providerOf(r, byUrn),
            dependencies: [],
            propertyDependencies: {},
            isType: (resourceClass: unknown) => isTypeOf(r.type, resourceClass),
            asType: (resourceClass: unknown) => (isTypeOf(r.type, resourceClass) ? props : undefined),
        } as unknown as PolicyResource;
    });
}

const LEVEL_ORDER: Readonly<Record<string, number>> = { mandatory: 0, advisory: 1 };

/** How to run the pack. */
export interface RunOptions {
    /**
     * The plan holds values unknown at preview (the engine's unknown sentinel): hand props behind
     * @pulumi/policy's `unknownCheckingProxy` and skip a policy that reads one, for that resource
     * (a resource policy) or altogether (a stack policy), as the analyzer does during a preview
     * (@pulumi/policy 1.21 server.js: "can't run policy ... during preview", reported as advisory).
     */
    readonly unknowns?: boolean;
}

/**
 * Runs one validation, swallowing what the analyzer swallows: not-applicable, and unknowns in a
 * preview. Anything else stops the run as a `PolicyCrash` naming the policy and the resource.
 */
async function runValidation(
    run: () => unknown,
    options: RunOptions,
    policy: string,
    urn: string | undefined,
): Promise<void> {
    try {
        await run();
    } catch (err) {
        const skipped =
            err instanceof NotApplicableError || (options.unknowns === true && err instanceof UnknownValueError);
        if (!skipped) {
            throw new PolicyCrash(policy, urn, err);
        }
    }
}

/**
 * Evaluates every policy over the plan and returns the violations, mandatory first, then by
 * policy and URN. A policy's `disabled` level skips it, as in the analyzer. A policy that throws
 * (other than `notApplicable`) stops the run with a `PolicyCrash`: no verdict is better than a
 * verdict that skipped a rule.
 */
export async function evaluatePolicies(
    plan: PlanDocument,
    policies: ReadonlyArray<Policies[number]>,
    options: RunOptions = {},
): Promise<PlanViolation[]> {
    const violations: PlanViolation[] = [];
    const resources = policyResources(plan, options);
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    for (const policy of policies) {
        const level = policy.enforcementLevel ?? "advisory";
        if (level === "disabled") {
            continue;
        }
        const report = violationCollector(policy, level === "remediate" ? "mandatory" : level, violations);
        const resourcePolicy = policy as ResourceValidationPolicy;
        if (resourcePolicy.validateResource) {
            const validations = Array.isArray(resourcePolicy.validateResource)
                ? resourcePolicy.validateResource
                : [resourcePolicy.validateResource];
            for (const resource of resources) {
                const plan = byUrn.get(resource.urn) as PlanResource;
                const args: ResourceValidationArgs = {
                    type: resource.type,
                    props: resource.props,
                    urn: resource.urn,
                    name: resource.name,
                    opts: resource.opts,
                    provider: providerOf(plan, byUrn),
                    stackTags: new Map(),
                    isType: (resourceClass: unknown) => isTypeOf(resource.type, resourceClass),
                    asType: ((resourceClass: unknown) =>
                        isTypeOf(resource.type, resourceClass)
                            ? resource.props
                            : undefined) as ResourceValidationArgs["asType"],
                    getConfig: <T extends object>() => ({}) as T,
                    notApplicable: throwNotApplicable,
                };
                for (const validation of validations) {
                    await runValidation(() => validation(args, report), options, policy.name, resource.urn);
                }
            }
        }
        const stackPolicy = policy as StackValidationPolicy;
        if (stackPolicy.validateStack) {
            const args: StackValidationArgs = {
                resources,
                getConfig: <T extends object>() => ({}) as T,
                stackTags: new Map(),
                notApplicable: throwNotApplicable,
            };
            await runValidation(() => stackPolicy.validateStack(args, report), options, policy.name, undefined);
        }
    }
    return violations.sort(
        (a, b) =>
            (LEVEL_ORDER[a.enforcementLevel] ?? 2) - (LEVEL_ORDER[b.enforcementLevel] ?? 2) ||
            a.policy.localeCompare(b.policy) ||
            (a.urn ?? "").localeCompare(b.urn ?? ""),
    );
}
