/**
 * A small IAM evaluator over planned policy documents: does a principal holding these identity
 * policies (and, for a bounded role, this permissions boundary) get to make this request? It models
 * only what the program's documents use, and throws on anything else rather than guess:
 *
 * - Effect Allow and Deny; an explicit Deny wins, nothing allowed is an implicit deny (AWS, "Policy
 *   evaluation logic": docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html).
 * - Action and NotAction with `*` and `?` wildcards, case-insensitive (documents.ts `actionMatches`).
 * - Resource and NotResource as ARN patterns, `*` any run of characters (slashes included), `?` one.
 * - Condition operators StringEquals, StringNotEquals, StringLike, StringNotLike, ArnEquals, ArnLike,
 *   ArnNotEquals, ArnNotLike, Bool, and ForAllValues:StringLike; operators without `Not` are false
 *   when the key is absent from the request, the `Not` ones true (AWS, "Condition operators").
 * - A permissions boundary: the request must be allowed by the identity policies and by the
 *   boundary, and a Deny in either wins (AWS, "Permissions boundaries for IAM entities").
 * - sts:AssumeRole within one account: a trust policy naming the caller's role ARN suffices on its
 *   own; one naming the account defers to the caller's identity policies; an identity Deny still
 *   wins (AWS, "Policy evaluation for requests within a single account").
 *
 * Not modelled: SCPs, session policies, resource policies other than trust, Deny statements in a
 * trust policy, `${aws:...}` policy variables, IfExists operators, numeric and date operators.
 *
 * @module
 */

import { actionMatches, Statement } from "../../lib/relations/documents";

/** One request: the action, the resource ARN, and the request's condition keys. */
export interface IamRequest {
    readonly action: string;
    readonly resource: string;
    /** Condition keys present in the request (`iam:PermissionsBoundary`, `iam:PassedToService`). */
    readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

/** What IAM decides: allowed, denied by a Deny statement, or not allowed by anything. */
export type IamDecision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

/** IAM's wildcard matching for ARNs and String/ArnLike values: `*` any run, `?` one character. */
export function iamGlob(pattern: string, value: string, caseInsensitive = false): boolean {
    const regex = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${regex}$`, caseInsensitive ? "i" : "").test(value);
}

type Compare = (expected: string, actual: string) => boolean;

const equals: Compare = (expected, actual) => expected === actual;
const like: Compare = (expected, actual) => iamGlob(expected, actual);
const boolEquals: Compare = (expected, actual) => expected.toLowerCase() === actual.toLowerCase();

/** The operators modelled: how one expected value compares, and whether the operator negates. */
const OPERATORS: Readonly<Record<string, { compare: Compare; negated: boolean }>> = {
    StringEquals: { compare: equals, negated: false },
    StringNotEquals: { compare: equals, negated: true },
    StringLike: { compare: like, negated: false },
    StringNotLike: { compare: like, negated: true },
    ArnEquals: { compare: like, negated: false },
    ArnLike: { compare: like, negated: false },
    ArnNotEquals: { compare: like, negated: true },
    ArnNotLike: { compare: like, negated: true },
    Bool: { compare: boolEquals, negated: false },
};

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).map(String);

/** Whether one condition operator holds for every key it names. */
function operatorHolds(operator: string, keys: Record<string, unknown>, request: IamRequest): boolean {
    const context = request.context ?? {};
    if (operator === "ForAllValues:StringLike") {
        // Every value the request carries must match one of the patterns; no value at all holds.
        return Object.entries(keys).every(([key, expected]) =>
            asStrings(context[key] ?? []).every((actual) => asStrings(expected).some((e) => like(e, actual))),
        );
    }
    const modelled = OPERATORS[operator];
    if (modelled === undefined) {
        throw new Error(`condition operator ${operator} is not modelled by iam-evaluate`);
    }
    return Object.entries(keys).every(([key, expected]) => {
        const actual = context[key];
        if (actual === undefined) {
            return modelled.negated;
        }
        const matches = asStrings(actual).some((a) => asStrings(expected).some((e) => modelled.compare(e, a)));
        return modelled.negated ? !matches : matches;
    });
}

/** Whether `statement` applies to `request`: action, resource and every condition match. */
export function statementApplies(statement: Statement, request: IamRequest): boolean {
    const action =
        statement.notActions.length > 0
            ? !statement.notActions.some((p) => actionMatches(p, request.action))
            : statement.actions.some((p) => actionMatches(p, request.action));
    const resource =
        statement.notResources.length > 0
            ? !statement.notResources.some((p) => iamGlob(p, request.resource))
            : statement.resources.some((p) => iamGlob(p, request.resource));
    return (
        action &&
        resource &&
        Object.entries(statement.conditions).every(([operator, keys]) => operatorHolds(operator, keys, request))
    );
}

/** The decision of a set of policies alone: Deny wins, then Allow, else implicit deny. */
export function evaluate(statements: readonly Statement[], request: IamRequest): IamDecision {
    const applying = statements.filter((s) => statementApplies(s, request));
    if (applying.some((s) => s.effect === "Deny")) {
        return "ExplicitDeny";
    }
    return applying.some((s) => s.effect === "Allow") ? "Allow" : "ImplicitDeny";
}

/**
 * The decision for a role holding `identity`, capped by `boundary` when it has one: both must
 * allow, and a Deny in either wins.
 */
export function evaluateBounded(
    identity: readonly Statement[],
    boundary: readonly Statement[] | undefined,
    request: IamRequest,
): IamDecision {
    const own = evaluate(identity, request);
    if (boundary === undefined || own === "ExplicitDeny") {
        return own;
    }
    const capped = evaluate(boundary, request);
    return capped === "Allow" ? own : capped;
}

/** Who asks to assume a role: the caller's role ARN and its account. */
export interface Caller {
    readonly roleArn: string;
    readonly accountId: string;
}

/**
 * Whether `caller`, holding `identity`, may sts:AssumeRole `roleArn` whose trust policy is `trust`,
 * both in one account. A trust statement naming the caller's ARN allows on its own; one naming the
 * account (`arn:aws:iam::<account>:root` or the bare id) needs an identity Allow too; an identity
 * Deny wins either way.
 */
export function evaluateAssumeRole(
    identity: readonly Statement[],
    trust: readonly Statement[],
    caller: Caller,
    roleArn: string,
): IamDecision {
    const request: IamRequest = { action: "sts:AssumeRole", resource: roleArn };
    const own = evaluate(identity, request);
    if (own === "ExplicitDeny") {
        return own;
    }
    const trusting = trust.filter(
        (s) => s.effect === "Allow" && s.actions.some((p) => actionMatches(p, request.action)),
    );
    const principals = trusting.flatMap((s) => [...(s.principals.AWS ?? []), ...(s.principals["*"] ?? [])]);
    if (principals.some((p) => p === "*" || iamGlob(p, caller.roleArn))) {
        return "Allow";
    }
    const account = [caller.accountId, `arn:aws:iam::${caller.accountId}:root`];
    return principals.some((p) => account.includes(p)) ? own : "ImplicitDeny";
}
