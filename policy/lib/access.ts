/**
 * The pieces the `access-paths-allowed` rule asks about each data path: does a role's IAM policy
 * allow an action on a resource, does the stack key's policy admit a principal as AWS documents, and
 * does an interface endpoint admit a client group. Built on iam-graph.ts (grants),
 * security-groups.ts (traffic rules) and documents.ts (policy statements); no second resolver.
 *
 * @module
 */
import { PolicyResource } from "@pulumi/policy";
import { KeyPolicyFact } from "../../facts/aws/service-principals";
import { actionMatches, parseDocument, Statement } from "../../lib/relations/documents";
import { allowsOf, grantsAction, grantsOf } from "../../lib/relations/iam-graph";
import { asList, ofType } from "../../lib/relations/resources";
import { trafficRules } from "../../lib/relations/security-groups";
import { sourcesOf } from "../../lib/relations/references";

/** The stack's region: the program deploys to ca-central-1 only (stacks/ validates it). */
export const REGION = "ca-central-1";

/** The KMS key type token. */
export const KMS_KEY = "aws:kms/key:Key";

/** The interface endpoint type token. */
export const VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

/** The stack key `resource`'s input `property` came from, if any. */
export function keyOf(resource: PolicyResource, property: string): PolicyResource | undefined {
    return sourcesOf(resource, property).find((source) => source.type === KMS_KEY);
}

/** What a statement must match beyond its action: a resource test and, optionally, a condition test. */
export interface GrantTest {
    /** The action the statement must allow (patterns such as `kms:*` count). */
    readonly action: string;
    /** Whether a Resource entry names the target; `*` always does. */
    readonly names: (resource: string) => boolean;
    /** The resource the holder's document must depend on (its ARN is in the document). */
    readonly target?: PolicyResource;
    /** A further test of the statement (a condition AWS documents). */
    readonly condition?: (statement: Statement) => boolean;
}

/** Whether the document's holder took a value from `target` (its `policy` or inline policies). */
function dependsOn(holder: PolicyResource, target: PolicyResource): boolean {
    return ["policy", "inlinePolicies"].some((property) =>
        sourcesOf(holder, property).some((source) => source.urn === target.urn),
    );
}

/**
 * Whether some grant to `role` allows the test's action on its resource: an Allow statement of a
 * document the program defines whose Resource is `*`, or names the target (and the document's
 * holder took the target's value, so the ARN is the target's), and that passes the condition test.
 * Foreign (managed) policies are not read.
 */
export function roleAllows(resources: readonly PolicyResource[], role: PolicyResource, test: GrantTest): boolean {
    return grantsOf(resources, role).some((grant) => {
        if (grant.document === undefined) {
            return false;
        }
        const fromTarget = test.target === undefined || dependsOn(grant.holder, test.target);
        return allowsOf(grant.document).some(
            ({ statement }) =>
                grantsAction(statement, test.action) &&
                statement.resources.some((r) => r === "*" || (fromTarget && test.names(r))) &&
                (test.condition === undefined || test.condition(statement)),
        );
    });
}

/** Whether the statement holds `key` equal (StringEquals or StringLike) to `value`. */
export function conditionIs(statement: Statement, key: string, value: string): boolean {
    return ["StringEquals", "StringLike"].some((operator) =>
        asList((statement.conditions[operator] ?? {})[key] as string | string[]).includes(value),
    );
}

/** Whether a role's trust policy lets `service` assume it. */
export function trusts(role: PolicyResource, service: string): boolean {
    return (parseDocument(role.props.assumeRolePolicy) ?? []).some(
        (s) =>
            s.effect === "Allow" &&
            (s.principals.Service ?? []).includes(service) &&
            s.actions.some((a) => actionMatches(a, "sts:AssumeRole")),
    );
}

/** The key's policy statements (none when it has no readable policy). */
function keyStatements(key: PolicyResource): Statement[] {
    return parseDocument(key.props.policy) ?? [];
}

/** Whether the key policy delegates to IAM: an Allow of kms:* (or the action) to the account root. */
export function keyDelegatesToIam(key: PolicyResource, action: string): boolean {
    return keyStatements(key).some(
        (s) =>
            s.effect === "Allow" &&
            (s.principals.AWS ?? []).some((p) => /^arn:aws:iam::[0-9]*:root$/.test(p)) &&
            s.actions.some((a) => actionMatches(a, action)),
    );
}

/** Whether a statement names the fact's principal (a service, or a role by its ARN's path). */
function namesPrincipal(statement: Statement, fact: KeyPolicyFact): boolean {
    if (fact.principal.service !== undefined) {
        const service = fact.principal.service.replace("{region}", REGION);
        return (statement.principals.Service ?? []).includes(service);
    }
    const role = fact.principal.role;
    return (statement.principals.AWS ?? []).some((p) => p.endsWith(`:${role}`));
}

/** Whether the statement carries the condition key under one of the operators AWS uses for it. */
function carries(statement: Statement, key: string, spec: { operators: readonly string[]; value?: string }): boolean {
    return spec.operators.some((operator) => {
        const value = (statement.conditions[operator] ?? {})[key];
        return (
            value !== undefined &&
            (spec.value === undefined ||
                asList(value as string)
                    .map(String)
                    .includes(spec.value))
        );
    });
}

/**
 * What the key policy lacks of the fact's statement: the actions no Allow statement naming the
 * principal (with the documented conditions) covers. Empty when the key admits the principal.
 */
export function keyPolicyGaps(key: PolicyResource, fact: KeyPolicyFact): string[] {
    const statements = keyStatements(key).filter(
        (s) =>
            s.effect === "Allow" &&
            namesPrincipal(s, fact) &&
            Object.entries(fact.conditions).every(([condition, spec]) => carries(s, condition, spec)),
    );
    return fact.actions.filter(
        (action) => !statements.some((s) => s.actions.some((pattern) => covers(pattern, action))),
    );
}

/** Whether a granted pattern covers a documented action, which may itself be a pattern (`kms:ReEncrypt*`). */
function covers(pattern: string, action: string): boolean {
    return actionMatches(pattern, action) || actionMatches(pattern, action.replace(/\*$/, "")) || pattern === action;
}

/** The interface endpoint of the stack for `service` (the last part of `com.amazonaws.<region>.<service>`). */
export function endpointFor(resources: readonly PolicyResource[], service: string): PolicyResource | undefined {
    return ofType(resources, VPC_ENDPOINT).find(
        (e) => e.props.vpcEndpointType === "Interface" && e.props.serviceName === `com.amazonaws.${REGION}.${service}`,
    );
}

/** Whether the stack has any interface endpoint, so AWS calls are meant to stay in the VPC. */
export function hasInterfaceEndpoints(resources: readonly PolicyResource[]): boolean {
    return ofType(resources, VPC_ENDPOINT).some((e) => e.props.vpcEndpointType === "Interface");
}

/**
 * Why `client` cannot reach `endpoint` on tcp/443 (undefined when it can): private DNS must be on,
 * so the service's usual hostname resolves to the endpoint, and one of the endpoint's groups must
 * admit the client group on 443.
 */
export function endpointGap(
    resources: readonly PolicyResource[],
    endpoint: PolicyResource,
    client: PolicyResource,
): string | undefined {
    if (endpoint.props.privateDnsEnabled !== true) {
        return `endpoint ${endpoint.name} has privateDnsEnabled ${String(endpoint.props.privateDnsEnabled)}; set privateDnsEnabled: true so the service's hostname resolves to it`;
    }
    const groups = sourcesOf(endpoint, "securityGroupIds");
    const admitted = trafficRules(resources).some(
        (rule) =>
            rule.direction === "ingress" &&
            rule.allows &&
            rule.group !== undefined &&
            groups.some((g) => g.urn === rule.group!.urn) &&
            (rule.protocol === "-1" ||
                (rule.protocol === "tcp" && (rule.fromPort ?? 0) <= 443 && (rule.toPort ?? 65535) >= 443)) &&
            rule.peers.some((peer) => peer.urn === client.urn),
    );
    return admitted
        ? undefined
        : `no ingress rule of ${groups.map((g) => g.name).join(", ") || "its security groups"} admits security group ${client.name} on tcp/443; add one (aws.vpc.SecurityGroupIngressRule with referencedSecurityGroupId)`;
}
