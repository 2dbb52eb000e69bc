/**
 * Who holds which IAM permissions in a stack: the permission documents of roles and policies,
 * which policies reach which role (inline, RolePolicy, RolePolicyAttachment, PolicyAttachment,
 * managedPolicyArns), and which roles task definitions use. The IAM rules read grants through
 * here; any family that asks "what may this role do" (ECS task roles, S3 replication roles) can too.
 *
 * @module
 */

import { PolicyResource } from "@pulumi/policy";
import { MASKED } from "./resources";
import { actionMatches, parseDocument, Statement } from "./documents";
import { asList, label, ofType, refersTo, shown } from "./resources";
import type { Props } from "./rule";

/** The IAM type tokens of the permission graph. */
export const IAM_TYPES = Object.freeze({
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
});

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

/**
 * The IAM path of permissions boundaries (`components/security/role-boundary/policy.ts` ROLE_BOUNDARY_PATH;
 * copied because the pack keeps to its own files). A boundary grants nothing: it caps what the
 * roles carrying it can do, so it is judged by iam-roles-bounded, not as a grant.
 */
export const PERMISSIONS_BOUNDARY_PATH = "/boundaries/";

/** Whether a Policy's inputs make it a permissions boundary (it sits under the boundary path). */
export function isBoundaryPolicy(props: Props): boolean {
    return props.path === PERMISSIONS_BOUNDARY_PATH;
}

/** One permission document found on a resource, with where it sits there (for messages). */
export interface PermissionDocument {
    /** Where the document sits on its resource: `policy`, `inlinePolicies[0] ("logs")`. */
    readonly where: string;
    /** Its statements, normalised. */
    readonly statements: Statement[];
}

/** An Allow statement of a document, with its place for messages: `policy statement 2`. */
export interface PlacedStatement {
    /** The document's place and the statement's 1-based number. */
    readonly at: string;
    /** The statement itself. */
    readonly statement: Statement;
}

/**
 * What a role is granted: a document the program defines, or the ARN of an attached policy whose
 * content it does not (an AWS managed policy, a policy from outside the stack). Exactly one is set.
 */
export type Grant =
    | {
          /** The resource the document sits on: the role, a RolePolicy or a Policy. */
          readonly holder: PolicyResource;
          /** The granted document. */
          readonly document: PermissionDocument;
          readonly foreignArn?: undefined;
      }
    | {
          /** The resource that attaches the ARN: the role (managedPolicyArns) or an attachment. */
          readonly holder: PolicyResource;
          readonly document?: undefined;
          /** The attached policy's ARN. */
          readonly foreignArn: string;
      };

/**
 * The permission documents a resource of `type` carries: a policy's `policy`, a role's (deprecated)
 * `inlinePolicies`. Never a role's trust policy, which is about who may assume the role, not what
 * it may do, nor a permissions boundary, which grants nothing. Documents that cannot be read yet
 * (unknown, masked) are left out: undecidable, not wrong.
 */
export function documentsOf(type: string, props: Props): PermissionDocument[] {
    if (type === IAM_TYPES.policy && isBoundaryPolicy(props)) {
        return [];
    }
    if (type === IAM_TYPES.policy || type === IAM_TYPES.rolePolicy) {
        const statements = parseDocument(props.policy);
        return statements ? [{ where: "policy", statements }] : [];
    }
    if (type === IAM_TYPES.role) {
        return asList(props.inlinePolicies as Array<{ name?: unknown; policy?: unknown }>).flatMap((inline, i) => {
            const statements = parseDocument(inline?.policy);
            return statements ? [{ where: `inlinePolicies[${i}] (${shown(inline.name)})`, statements }] : [];
        });
    }
    return [];
}

/** The Allow statements of a document, each with its place ("policy statement 2") for messages. */
export function allowsOf(document: PermissionDocument): PlacedStatement[] {
    return document.statements
        .map((statement, i) => ({ at: `${document.where} statement ${i + 1}`, statement }))
        .filter(({ statement }) => statement.effect === "Allow");
}

/** Whether an action pattern of the statement covers `action`, so `secretsmanager:*` counts too. */
export function grantsAction(statement: Statement, action: string): boolean {
    return statement.actions.some((pattern) => actionMatches(pattern, action));
}

/** The RolePolicy, RolePolicyAttachment and PolicyAttachment resources that target `role`. */
export function policyTargetsOf(resources: readonly PolicyResource[], role: PolicyResource): PolicyResource[] {
    return resources.filter(
        (r) =>
            ((r.type === IAM_TYPES.rolePolicy || r.type === IAM_TYPES.rolePolicyAttachment) &&
                refersTo(r, "role", role)) ||
            (r.type === IAM_TYPES.policyAttachment && refersTo(r, "roles", role)),
    );
}

/** The documents of the Policy resources a value came from (an attachment's policyArn, managedPolicyArns). */
function policyDocumentsFrom(resource: PolicyResource, property: string): Grant[] {
    return (resource.propertyDependencies[property] ?? [])
        .filter((source) => source.type === IAM_TYPES.policy)
        .flatMap((policy) =>
            documentsOf(IAM_TYPES.policy, policy.props as Props).map((document) => ({ holder: policy, document })),
        );
}

/**
 * Everything granted to `role`: its inline policies, RolePolicy documents, the documents of Policy
 * resources attached to it, and attached ARNs whose content the program does not define (AWS
 * managed policies, policies from outside).
 */
export function grantsOf(resources: readonly PolicyResource[], role: PolicyResource): Grant[] {
    const grants: Grant[] = documentsOf(IAM_TYPES.role, role.props as Props).map((document) => ({
        holder: role,
        document,
    }));
    for (const target of policyTargetsOf(resources, role)) {
        if (target.type === IAM_TYPES.rolePolicy) {
            grants.push(
                ...documentsOf(IAM_TYPES.rolePolicy, target.props as Props).map((document) => ({
                    holder: target,
                    document,
                })),
            );
            continue;
        }
        // An attachment's policyArn either came from a Policy of this stack, whose document is
        // judged, or names a policy the program cannot see into.
        const fromPolicies = policyDocumentsFrom(target, "policyArn");
        const arn: unknown = target.props.policyArn;
        if (fromPolicies.length > 0) {
            grants.push(...fromPolicies);
        } else if (typeof arn === "string" && arn !== MASKED) {
            grants.push({ holder: target, foreignArn: arn });
        }
    }
    grants.push(...policyDocumentsFrom(role, "managedPolicyArns"));
    for (const arn of asList(role.props.managedPolicyArns as string[])) {
        if (typeof arn === "string" && arn.includes(":iam::aws:policy/")) {
            grants.push({ holder: role, foreignArn: arn });
        }
    }
    return grants;
}

/** The role input of a task definition: the application's role, or the role ECS uses to start it. */
export type TaskRoleProperty = "taskRoleArn" | "executionRoleArn";

/** The roles task definitions name in any of `properties` (followed through property dependencies). */
export function rolesUsedAs(
    resources: readonly PolicyResource[],
    ...properties: readonly TaskRoleProperty[]
): Set<PolicyResource> {
    const roles = new Set<PolicyResource>();
    for (const taskDefinition of ofType(resources, TASK_DEFINITION)) {
        for (const property of properties) {
            for (const source of taskDefinition.propertyDependencies[property] ?? []) {
                if (source.type === IAM_TYPES.role) {
                    roles.add(source);
                }
            }
        }
    }
    return roles;
}

/**
 * The references to roles that name no role of the stack (a literal name or ARN, or a role made
 * elsewhere), each as the resource and its `<property> <value>`: a task definition's `taskRoleArn`,
 * and the `role` (`roles`) of RolePolicy, RolePolicyAttachment and PolicyAttachment. What those
 * grant, or to whom, cannot be judged, so the rules report them instead of skipping them.
 */
export function unresolvedRoleReferences(
    resources: readonly PolicyResource[],
): Array<{ readonly resource: PolicyResource; readonly reference: string }> {
    const rolesFrom = (resource: PolicyResource, property: string) =>
        (resource.propertyDependencies[property] ?? []).filter((source) => source.type === IAM_TYPES.role).length;
    const found: Array<{ resource: PolicyResource; reference: string }> = [];
    const check = (resource: PolicyResource, property: string, listed: number) => {
        if (listed > rolesFrom(resource, property)) {
            found.push({ resource, reference: `${property} ${shown(resource.props[property])}` });
        }
    };
    for (const task of ofType(resources, TASK_DEFINITION)) {
        check(task, "taskRoleArn", task.props.taskRoleArn === undefined ? 0 : 1);
    }
    for (const target of ofType(resources, IAM_TYPES.rolePolicy, IAM_TYPES.rolePolicyAttachment)) {
        check(target, "role", 1);
    }
    for (const attachment of ofType(resources, IAM_TYPES.policyAttachment)) {
        check(attachment, "roles", asList(attachment.props.roles as unknown[]).length);
    }
    return found;
}

/** One permission document of the stack, with the resource findings about it are reported on. */
export interface OwnedDocument {
    /** The resource whose Environment sets the level: the document's own resource, or a RolePolicy's role. */
    readonly owner: PolicyResource;
    /** The message prefix naming the document's resource when it is not the owner (see {@link via}). */
    readonly where: string;
    /** The document. */
    readonly document: PermissionDocument;
}

/** Every permission document of the stack (roles, policies, role policies), with its owner. */
export function everyDocument(resources: readonly PolicyResource[]): OwnedDocument[] {
    return ofType(resources, IAM_TYPES.policy, IAM_TYPES.rolePolicy, IAM_TYPES.role).flatMap((r) => {
        // A RolePolicy has no tags; its role's Environment decides the level, so findings go there.
        const role = (r.propertyDependencies.role ?? []).find((source) => source.type === IAM_TYPES.role);
        const owner = r.type === IAM_TYPES.rolePolicy && role ? role : r;
        return documentsOf(r.type, r.props as Props).map((document) => ({
            owner,
            where: via(r, owner),
            document,
        }));
    });
}

/**
 * The prefix that tells a reader where a grant sits when a finding is reported on another resource
 * (`RolePolicy api-task-policy: `), or nothing when the holder is the resource reported on.
 */
export function via(holder: PolicyResource, reportedOn: PolicyResource): string {
    return holder === reportedOn ? "" : `${label(holder)}: `;
}

/** Actions or resources as a message lists them: `"s3:GetObject", "s3:PutObject"`. */
export function quoted(values: readonly string[]): string {
    return values.map((value) => JSON.stringify(value)).join(", ");
}
