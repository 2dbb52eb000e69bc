import { PolicyResource } from "@pulumi/policy";
import { actionMatches, parseDocument } from "../../../lib/relations/documents";
import { IAM_TYPES } from "../../../lib/relations/iam-graph";
import { asList, label, MASKED, ofType, shown } from "../../../lib/relations/resources";
import { Rule, stackRule } from "../../lib/rule";
import { perResource, records, TASK_DEFINITION } from "./shared";
import { refersTo, sourcesOf } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";

/** Actions only the execution role needs: reading secrets and pulling images. */
const EXECUTION_ACTIONS = ["secretsmanager:GetSecretValue", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"];
/** AWS-managed policies that grant those actions. */
const EXECUTION_MANAGED_POLICIES = ["AmazonECSTaskExecutionRolePolicy", "SecretsManagerReadWrite"];

/** The policy documents and managed policy ARNs attached to `role`, inline or through attachments. */
function policiesOf(
    role: PolicyResource,
    resources: readonly PolicyResource[],
): { documents: unknown[]; managedArns: string[] } {
    const documents: unknown[] = records(role.props.inlinePolicies).map((p) => p.policy);
    documents.push(
        ...ofType(resources, IAM_TYPES.rolePolicy)
            .filter((p) => refersTo(p, "role", role))
            .map((p) => (p.props as Props).policy),
    );
    const attachments = ofType(resources, IAM_TYPES.rolePolicyAttachment).filter((a) => refersTo(a, "role", role));
    for (const attachment of attachments) {
        documents.push(
            ...sourcesOf(attachment, "policyArn")
                .filter((p) => p.type === IAM_TYPES.policy)
                .map((p) => (p.props as Props).policy),
        );
    }
    const managedArns = [
        ...asList(role.props.managedPolicyArns as unknown[]),
        ...attachments.map((a) => (a.props as Props).policyArn),
    ].filter((arn): arn is string => typeof arn === "string");
    return { documents, managedArns };
}

/** What a task role is allowed that only the execution role should be. */
function executionGrants(role: PolicyResource, resources: readonly PolicyResource[]): string[] {
    const { documents, managedArns } = policiesOf(role, resources);
    const statements = documents.flatMap((document) => parseDocument(document) ?? []);
    const actions = EXECUTION_ACTIONS.filter((action) =>
        statements.some((s) => s.effect === "Allow" && s.actions.some((pattern) => actionMatches(pattern, action))),
    );
    const managed = managedArns.filter((arn) => EXECUTION_MANAGED_POLICIES.some((name) => arn.endsWith(`/${name}`)));
    return [...actions, ...managed];
}

/** A task definition's two roles are both set: the task definition's own, decided at preview. */
function unsetRoleProblems(props: Props): string[] {
    const problems: string[] = [];
    if (props.taskRoleArn === undefined) {
        problems.push("taskRoleArn is unset; give the task its own role with only what the application calls");
    }
    if (props.executionRoleArn === undefined) {
        problems.push("executionRoleArn is unset; give the task an execution role to pull images and read its secrets");
    }
    return problems;
}

/** A task definition's two roles are distinct, and the task role is without the execution grants. */
function taskRoleProblems(task: PolicyResource, resources: readonly PolicyResource[]): string[] {
    const props = task.props as Props;
    const problems: string[] = [];
    const taskRoles = sourcesOf(task, "taskRoleArn").filter((r) => r.type === IAM_TYPES.role);
    const executionRoles = sourcesOf(task, "executionRoleArn");
    const shared = taskRoles.find((r) => executionRoles.includes(r));
    // Without dependencies (roles from outside the stack) only equal literal ARNs show a shared role;
    // two masked values are unknown, not equal.
    const sameLiteral =
        taskRoles.length === 0 &&
        executionRoles.length === 0 &&
        props.taskRoleArn !== undefined &&
        props.taskRoleArn !== MASKED &&
        props.taskRoleArn === props.executionRoleArn;
    if (shared !== undefined || sameLiteral) {
        problems.push(
            `taskRoleArn and executionRoleArn are the same role (${shared ? label(shared) : shown(props.taskRoleArn)}); create a separate task role`,
        );
    }
    // A shared role was reported above; its execution grants are then expected, not a second problem.
    for (const role of taskRoles.filter((r) => r !== shared)) {
        for (const grant of executionGrants(role, resources)) {
            problems.push(
                `the task role ${label(role)} is granted ${grant}; only the execution role reads secrets and pulls images`,
            );
        }
    }
    return problems;
}

/** `ecs-task-roles-separate`: each task definition's application role is its own, without the execution grants. */
export const ecsTaskRolesSeparate: Rule = stackRule({
    id: "ecs-task-roles-separate",
    description:
        "Limits what application code can reach (CKV_AWS_249; guide: Security Hardening › IAM Roles): every task definition has its own task role, distinct from its execution role, and only the execution role reads secrets and pulls images.",
    kind: "security",
    // Whether both roles are set is the task definition's own; whether they are the same role, and
    // what the task role is granted, need the roles (and the dependencies the resource pass lacks).
    resourceCheck: { types: [TASK_DEFINITION], check: unsetRoleProblems },
    check: perResource([TASK_DEFINITION], taskRoleProblems),
});
