import { PolicyResource } from "@pulumi/policy";
import { parseDocument } from "../../../lib/relations/documents";
import { IAM_TYPES, isBoundaryPolicy, PERMISSIONS_BOUNDARY_PATH } from "../../../lib/relations/iam-graph";
import { ofType, shown } from "../../../lib/relations/resources";
import { Finding, Rule, stackRule } from "../../lib/rule";
import { sourcesOf } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";

/** Whether `resource` is a Policy under the boundary path. */
const isBoundary = (resource: PolicyResource) =>
    resource.type === IAM_TYPES.policy && isBoundaryPolicy(resource.props as Props);

/**
 * Whether only GitHub's OIDC provider may assume the role (DeployAccess's deploy and preview roles):
 * the administrator's access, which the stack's boundary would strip of what it is for.
 */
function isWebIdentityRole(props: Props): boolean {
    const statements = parseDocument(props.assumeRolePolicy) ?? [];
    return (
        statements.length > 0 &&
        statements.every(
            (s) =>
                Object.keys(s.principals).join() === "Federated" &&
                s.actions.every((a) => a === "sts:AssumeRoleWithWebIdentity"),
        )
    );
}

/** Whether the role's permissionsBoundary is a boundary policy: from one of the stack, or by its ARN. */
function isBounded(role: PolicyResource): boolean {
    if (sourcesOf(role, "permissionsBoundary").some(isBoundary)) {
        return true;
    }
    const arn: unknown = role.props.permissionsBoundary;
    return typeof arn === "string" && arn.includes(`:policy${PERMISSIONS_BOUNDARY_PATH}`);
}

/** Attachments and roles that use a boundary as a permission policy. */
function boundariesAttached(resources: readonly PolicyResource[]): Finding[] {
    const attachments = ofType(resources, IAM_TYPES.rolePolicyAttachment, IAM_TYPES.policyAttachment).filter((a) =>
        sourcesOf(a, "policyArn").some(isBoundary),
    );
    const roles = ofType(resources, IAM_TYPES.role).filter((r) => sourcesOf(r, "managedPolicyArns").some(isBoundary));
    return [...attachments, ...roles].map((resource) => ({
        resource,
        message: `${resource.name} attaches a permissions boundary (a policy under ${PERMISSIONS_BOUNDARY_PATH}) as a permission policy; a boundary only caps a role, attach a policy of grants instead`,
    }));
}

function unboundedMessage(name: string, props: Props): string {
    return `role ${name} has permissionsBoundary ${shown(props.permissionsBoundary)}; set it to the stack's boundary policy (RoleBoundary, under ${PERMISSIONS_BOUNDARY_PATH}), which caps what the role can ever do`;
}

/** `iam-roles-bounded`: every role of the stack carries the stack's permissions boundary. */
export const iamRolesBounded: Rule = stackRule({
    id: "iam-roles-bounded",
    description:
        "Caps what any role of the stack can ever do, whoever later writes its policies (the deploy role may create a role only with it): every role carries a permissions boundary, a Policy under /boundaries/, and no boundary is attached as a permission policy. Roles only GitHub's OIDC provider may assume (the administrator's deploy and preview roles) are exempt.",
    kind: "security",
    // A role with no boundary at all is unbounded whatever else the stack holds, decided at
    // preview; whether a boundary it names is one of the stack's needs that policy.
    resourceCheck: {
        types: [IAM_TYPES.role],
        check: (props, args) =>
            props.permissionsBoundary === undefined && !isWebIdentityRole(props)
                ? [unboundedMessage(args.name, props)]
                : [],
    },
    check: (resources) => [
        ...ofType(resources, IAM_TYPES.role)
            .filter(
                (role) =>
                    role.props.permissionsBoundary !== undefined &&
                    !isWebIdentityRole(role.props as Props) &&
                    !isBounded(role),
            )
            .map((role): Finding => ({ resource: role, message: unboundedMessage(role.name, role.props as Props) })),
        ...boundariesAttached(resources),
    ],
});
