import { actionMatches } from "../../../lib/relations/documents";
import { allowsOf, documentsOf, IAM_TYPES, PermissionDocument, quoted } from "../../../lib/relations/iam-graph";
import { asList, shown } from "../../../lib/relations/resources";
import { resourceRule, Rule } from "../../lib/rule";
import { STAR_ONLY_ACTIONS } from "./star-only-actions";

/** Whether AWS authorises `action` (or every action of the pattern) only on `"*"`. */
function isStarOnly(action: string): boolean {
    return STAR_ONLY_ACTIONS.some((entry) => actionMatches(entry, action));
}

/** AWS managed policies that hand out the whole account (FSBP IAM.1, CKV2_AWS_56). */
const FORBIDDEN_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|IAMFullAccess)$/;

/** True for `*` and `service:*`, which grant every action of the account or of a service. */
function isServiceWildcard(action: string): boolean {
    return action === "*" || /^[a-z0-9-]+:\*$/i.test(action);
}

/** The wildcard problems of one document. */
function wildcardProblems(document: PermissionDocument): string[] {
    const problems: string[] = [];
    for (const { at, statement } of allowsOf(document)) {
        if (statement.notActions.length > 0) {
            problems.push(
                `${at} allows every action except NotAction ${shown(statement.notActions)}; list the allowed actions in Action instead`,
            );
        }
        const broad = statement.actions.filter(isServiceWildcard);
        if (broad.length > 0) {
            problems.push(
                `${at} allows ${quoted(broad)}; name the actions the role needs instead of "*" or "service:*"`,
            );
        }
        // A wildcard action on "*" is reported once, above, not again as a restrictable action.
        const restrictable = statement.actions.filter((action) => !isServiceWildcard(action) && !isStarOnly(action));
        if (statement.resources.includes("*") && restrictable.length > 0) {
            problems.push(
                `${at} allows ${quoted(restrictable)} on Resource "*"; name the resources (only actions AWS grants solely on "*", such as ecr:GetAuthorizationToken, may use it)`,
            );
        }
        if (statement.notResources.length > 0) {
            problems.push(
                `${at} applies to every resource except NotResource ${shown(statement.notResources)}; list the resources in Resource instead`,
            );
        }
    }
    return problems;
}

/** `iam-no-wildcards`: least-privilege documents, and no account-wide AWS managed policy attached. */
export const iamNoWildcards: Rule = resourceRule({
    id: "iam-no-wildcards",
    description:
        'Keeps every grant least-privilege (FSBP IAM.1, IAM.21; guide: IAM Roles): no Allow of "*" or "service:*" actions or NotAction, no restrictable action on Resource "*" (only actions AWS grants solely on "*", e.g. ecr:GetAuthorizationToken, xray:PutTraceSegments, cloudwatch:PutMetricData, ssm:DescribeParameters), no AdministratorAccess or IAMFullAccess attached. Trust policies are judged by iam-trust-ecs-tasks-only.',
    kind: "security",
    types: [
        IAM_TYPES.policy,
        IAM_TYPES.rolePolicy,
        IAM_TYPES.role,
        IAM_TYPES.rolePolicyAttachment,
        IAM_TYPES.policyAttachment,
    ],
    check: (props, args) => {
        const problems = documentsOf(args.type, props).flatMap(wildcardProblems);
        const arns =
            args.type === IAM_TYPES.role
                ? asList(props.managedPolicyArns as string[]).map((arn) => ({
                      property: "managedPolicyArns includes",
                      arn,
                  }))
                : [{ property: "policyArn is", arn: props.policyArn }];
        for (const { property, arn } of arns) {
            if (typeof arn === "string" && FORBIDDEN_MANAGED.test(arn)) {
                problems.push(
                    `${property} ${shown(arn)}; attach a least-privilege policy of this program instead (never AdministratorAccess or IAMFullAccess)`,
                );
            }
        }
        return problems;
    },
});
