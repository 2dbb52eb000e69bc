import { IAM_TYPES, policyTargetsOf } from "../../../lib/relations/iam-graph";
import { asList, label, ofType } from "../../../lib/relations/resources";
import { Rule, stackRule } from "../../lib/rule";
import { Props } from "../../../lib/relations/resource-shape";

/** The deprecated inputs through which a role takes its permissions exclusively (see RoleArgs' docs). */
function exclusiveInputsOf(props: Props): string[] {
    const inputs: string[] = [];
    // One block, even an empty one, makes inlinePolicies exclusive; none leaves inline policies alone.
    if (asList(props.inlinePolicies).length > 0) {
        inputs.push("inlinePolicies");
    }
    // Any value, even [], makes managedPolicyArns exclusive.
    if (props.managedPolicyArns !== undefined && props.managedPolicyArns !== null) {
        inputs.push("managedPolicyArns");
    }
    return inputs;
}

/** `iam-role-policy-conflicts`: a role's policies are managed either inline or by standalone resources. */
export const iamRolePolicyConflicts: Rule = stackRule({
    id: "iam-role-policy-conflicts",
    description:
        "Stops a role's policies from being rewritten back and forth on every update (awsguard iam-role-no-policy-management-conflicts): a role that sets inlinePolicies or managedPolicyArns (deprecated in v7) is not also targeted by RolePolicy, RolePolicyAttachment or PolicyAttachment.",
    kind: "security",
    check: (resources) =>
        ofType(resources, IAM_TYPES.role).flatMap((role) => {
            const inputs = exclusiveInputsOf(role.props as Props);
            if (inputs.length === 0) {
                return [];
            }
            return policyTargetsOf(resources, role).map((target) => ({
                resource: role,
                message: `role ${role.name} sets ${inputs.join(" and ")} and is also the target of ${label(target)}; the two overwrite each other: remove ${inputs.join(" and ")} (deprecated in v7) and keep the standalone resources`,
            }));
        }),
});
