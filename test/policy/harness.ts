import { PlanDocument, PlanResource, PlanViolation } from "../../plan/engine/contract";
import { evaluatePolicies } from "../../plan/policy/policy-runner";
import { RULES } from "../../policy/rules";

/** The tags every compliant fixture carries, for `environment`. */
export function stackTags(environment = "production"): Record<string, string> {
    return { Project: "fraud-detector", Environment: environment, ManagedBy: "pulumi" };
}

/** Options of a fixture resource. */
export interface FixtureOptions {
    /** Logical name; defaults to a name derived from the type and a counter. */
    readonly name?: string;
    readonly protect?: boolean;
    readonly retainOnDelete?: boolean;
    /** Input property -> the fixtures its value came from (CrossGuard's propertyDependencies). */
    readonly from?: Readonly<Record<string, readonly PlanResource[]>>;
    /** False for components. */
    readonly custom?: boolean;
}

let counter = 0;

/**
 * A resource as the offline plan records it, for policy tests: `props` are its inputs. Relations
 * are given with `from`, the way the engine records where an input came from.
 */
export function resource(type: string, props: Record<string, unknown>, options: FixtureOptions = {}): PlanResource {
    const name = options.name ?? `${type.split(":").pop()?.toLowerCase() ?? "r"}-${++counter}`;
    const from = options.from ?? {};
    return {
        urn: `urn:pulumi:test::fraud-detector::${type}::${name}`,
        type,
        name,
        parent: null,
        custom: options.custom ?? true,
        id: options.custom === false ? null : `${name}-id`,
        inputs: props,
        outputs: props,
        options: {
            protect: options.protect ?? false,
            retainOnDelete: options.retainOnDelete ?? false,
            dependsOn: Object.values(from).flatMap((deps) => deps.map((d) => d.urn)),
            provider: null,
            propertyDependencies: Object.fromEntries(
                Object.entries(from).map(([key, deps]) => [key, deps.map((d) => d.urn)]),
            ),
        },
    };
}

/** A plan made of `resources` only. */
export function planWith(resources: readonly PlanResource[]): PlanDocument {
    return {
        project: "fraud-detector",
        stack: "test",
        resources: [...resources],
        outputs: {},
        policy: { evaluated: false, violations: [] },
        cost: { currency: "USD", evaluated: false, monthly: null, items: [] },
    };
}

/** The violations of rule `ruleId` (every rule when omitted) over a plan made of `resources`. */
export async function violationsOf(resources: readonly PlanResource[], ruleId?: string): Promise<PlanViolation[]> {
    const rules = ruleId === undefined ? RULES : RULES.filter((rule) => rule.name === ruleId);
    if (ruleId !== undefined && rules.length !== 1) {
        throw new Error(`no rule ${ruleId} in the pack`);
    }
    return evaluatePolicies(planWith(resources), rules);
}

/** The messages of `ruleId`'s violations over `resources`. */
export async function messagesOf(resources: readonly PlanResource[], ruleId: string): Promise<string[]> {
    return (await violationsOf(resources, ruleId)).map((v) => v.message);
}

/** `[level, message]` of each of `ruleId`'s violations over `resources`, to assert the level too. */
export async function levelsOf(resources: readonly PlanResource[], ruleId: string): Promise<string[][]> {
    return (await violationsOf(resources, ruleId)).map((v) => [v.enforcementLevel, v.message]);
}
