import {
    EnforcementLevel,
    PolicyResource,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { tagsOf } from "../../lib/relations/resources";
import type { Props } from "../../lib/relations/resource-shape";
import { TAGGABLE } from "./taggable";

/**
 * How a rule is enforced (security-rules.md, "How to read the table"): `security` rules are
 * mandatory in production and staging; `resilience` rules (availability and disaster recovery, the
 * table's †) are mandatory in production only; `advisory` rules never block. Every such rule is
 * advisory in local. `aws` rules state what AWS itself refuses (a name over its limit, a key policy
 * that shuts out a service, capacity that cannot hold a deploy): the deploy fails whatever the
 * environment, so they are mandatory in every stack, local included.
 */
export type RuleKind = "security" | "resilience" | "advisory" | "aws";

/** The environments the Environment tag may name. */
export type RuleEnvironment = "local" | "staging" | "production";

const LEVELS: Readonly<Record<RuleKind, Readonly<Record<RuleEnvironment, EnforcementLevel>>>> = {
    security: { production: "mandatory", staging: "mandatory", local: "advisory" },
    resilience: { production: "mandatory", staging: "advisory", local: "advisory" },
    advisory: { production: "advisory", staging: "advisory", local: "advisory" },
    aws: { production: "mandatory", staging: "mandatory", local: "mandatory" },
};

/** The enforcement level of a rule of `kind` for a resource of `environment`. */
export function levelFor(kind: RuleKind, environment: RuleEnvironment): EnforcementLevel {
    return LEVELS[kind][environment];
}

/**
 * The environment a resource belongs to, from its own `Environment` tag. A resource without a
 * valid one is judged as production, the strictest (and is itself a `tags-required` violation).
 */
export function environmentOf(props: Props): RuleEnvironment {
    return validEnvironment(tagsOf(props).Environment) ?? "production";
}

function validEnvironment(value: unknown): RuleEnvironment | undefined {
    return value === "local" || value === "staging" || value === "production" ? value : undefined;
}

/**
 * The environment whose enforcement applies to a resource. A tagged resource goes by its tag, and a
 * taggable one without a valid tag is judged as production. A type AWS cannot tag (a role policy,
 * a topic subscription, a dashboard) goes by the stack it is in, read from its URN
 * (`urn:pulumi:<stack>::...`) when the stack is named after an environment, else production.
 */
export function enforcementEnvironment(resource: { type: string; props: Props; urn: string }): RuleEnvironment {
    const tagged = validEnvironment(tagsOf(resource.props).Environment);
    if (tagged !== undefined || TAGGABLE.has(resource.type)) {
        return tagged ?? "production";
    }
    return validEnvironment(/^urn:pulumi:([^:]+)::/.exec(resource.urn)?.[1]) ?? "production";
}

/**
 * The stack's environment for findings that concern no single resource: the Environment most of
 * its resources carry, production when none does.
 */
export function stackEnvironment(resources: readonly PolicyResource[]): RuleEnvironment {
    const counts = new Map<RuleEnvironment, number>();
    for (const resource of resources) {
        const env = validEnvironment(tagsOf(resource.props as Props).Environment);
        if (env !== undefined) {
            counts.set(env, (counts.get(env) ?? 0) + 1);
        }
    }
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    return ranked[0]?.[0] ?? "production";
}

/**
 * Reports one violation at the level its resource's environment calls for. @pulumi/policy 1.21's
 * analyzer accepts an object in place of the message and takes its `enforcementLevel` over the
 * policy's own (`makeReportViolationFun` in its server.js; test/policy/pack.spec.ts guards this),
 * which is how one rule can block in production and only warn in local.
 */
function reportAt(report: ReportViolation, level: EnforcementLevel, message: string, urn: string | undefined): void {
    (report as unknown as (violation: { message: string; urn?: string; enforcementLevel: EnforcementLevel }) => void)({
        message,
        urn,
        enforcementLevel: level,
    });
}

/** What every rule declares: its id (the policy name), what it protects, and how it is enforced. */
export interface RuleSpec {
    /** The rule id of security-rules.md, used as the policy name. */
    readonly id: string;
    /** What the rule protects, in one or two sentences. */
    readonly description: string;
    /** How the rule is enforced per environment. */
    readonly kind: RuleKind;
}

/** A rule over single resources of some types. */
export interface ResourceRuleSpec extends RuleSpec {
    /** The type tokens the rule judges, or a test of the token; other resources are skipped. */
    readonly types: readonly string[] | ((type: string) => boolean);
    /**
     * The problems of one resource, each a message that says what is wrong, what was found and
     * which property to set to what. Nothing returned means compliant.
     */
    check(props: Props, args: ResourceValidationArgs): readonly string[];
}

/** One problem a stack rule found. */
export interface Finding {
    /** The resource the problem is on (its Environment sets the level), or undefined for the stack. */
    readonly resource?: PolicyResource;
    /** What is wrong, what was found, and what to set. */
    readonly message: string;
}

/**
 * The part of a stack rule that needs no other resource. It runs as the policy's
 * `validateResource`, so `pulumi preview --policy-pack` decides it even when the stack pass is
 * skipped because some other resource's id is still unknown (issue #11).
 */
export interface ResourceCheck {
    /** The type tokens the part judges, or a test of the token; other resources are skipped. */
    readonly types: readonly string[] | ((type: string) => boolean);
    /** The problems of one resource, as in `ResourceRuleSpec.check`. */
    check(props: Props, args: ResourceValidationArgs): readonly string[];
}

/** A rule over the whole stack: relations between resources, or something that must exist. */
export interface StackRuleSpec extends RuleSpec {
    /** The problems found in the stack: what needs more than one resource. */
    check(resources: readonly PolicyResource[], args: StackValidationArgs): readonly Finding[];
    /**
     * What the rule judges on one resource alone, decided in the resource pass. Several checks run
     * as separate validations, as the analyzer runs a `validateResource` array: one that reads a
     * value unknown at preview is skipped without taking the others with it.
     */
    readonly resourceCheck?: ResourceCheck | readonly ResourceCheck[];
}

/**
 * A policy with its rule kind kept, so tests and the README can list enforcement per rule. A stack
 * rule with a `resourceCheck` is both kinds at once: @pulumi/policy 1.21's analyzer tests
 * `validateResource` and `validateStack` independently (policy.js isResourcePolicy/isStackPolicy)
 * and runs each in its own pass, as plan/policy/policy-runner.ts does.
 */
export type Rule = (
    ResourceValidationPolicy | StackValidationPolicy | (ResourceValidationPolicy & StackValidationPolicy)
) & { readonly kind: RuleKind };

/** The metadata every policy of the pack shares: its name, what it protects, and its levels. */
function metadata(spec: RuleSpec) {
    return {
        name: spec.id,
        description: spec.description,
        kind: spec.kind,
        // The level in production; each violation carries its own resource's level.
        enforcementLevel: levelFor(spec.kind, "production"),
    };
}

/**
 * The `validateResource` of a rule of `kind`: one check over resources of some types, each
 * violation at its resource's level. Shared by resource rules and the resource part of stack rules
 * so both report alike.
 */
function validateResourceWith(kind: RuleKind, part: ResourceCheck): ResourceValidation {
    return (args, report) => {
        const applies = typeof part.types === "function" ? part.types(args.type) : part.types.includes(args.type);
        if (!applies) {
            return;
        }
        const level = levelFor(kind, enforcementEnvironment({ ...args, props: args.props as Props }));
        for (const message of part.check(args.props as Props, args)) {
            reportAt(report, level, message, args.urn);
        }
    };
}

/** The `validateResource` of a stack rule's resource part: one validation per check. */
function resourceValidations(
    kind: RuleKind,
    part: ResourceCheck | readonly ResourceCheck[],
): ResourceValidation | ResourceValidation[] {
    return "check" in part ? validateResourceWith(kind, part) : part.map((p) => validateResourceWith(kind, p));
}

/** Builds a CrossGuard resource policy from a rule spec. */
export function resourceRule(spec: ResourceRuleSpec): Rule {
    return {
        ...metadata(spec),
        validateResource: validateResourceWith(spec.kind, spec),
    };
}

/**
 * Builds a CrossGuard stack policy from a rule spec, with a `validateResource` too when the spec
 * has a `resourceCheck`: one policy name, decided in both passes.
 */
export function stackRule(spec: StackRuleSpec): Rule {
    return {
        ...metadata(spec),
        ...(spec.resourceCheck ? { validateResource: resourceValidations(spec.kind, spec.resourceCheck) } : {}),
        validateStack: (args, report) => {
            const fallback = stackEnvironment(args.resources);
            for (const finding of spec.check(args.resources, args)) {
                const environment = finding.resource
                    ? enforcementEnvironment({ ...finding.resource, props: finding.resource.props as Props })
                    : fallback;
                reportAt(report, levelFor(spec.kind, environment), finding.message, finding.resource?.urn);
            }
        },
    };
}
