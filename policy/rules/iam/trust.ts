import { PolicyResource } from "@pulumi/policy";
import { parseDocument, Statement } from "../../../lib/relations/documents";
import { allowsOf, IAM_TYPES, rolesUsedAs } from "../../../lib/relations/iam-graph";
import { ofType } from "../../../lib/relations/resources";
import { Finding, Rule, stackRule } from "../../lib/rule";

const ECS_TASKS = "ecs-tasks.amazonaws.com";

/** A principal as the trust policy wrote it, for messages: `"*"`, `AWS "arn:…"`, `Service "…"`. */
function principalsOf(statement: Statement): string[] {
    return Object.entries(statement.principals).flatMap(([kind, values]) =>
        values.map((value) => (kind === "*" ? JSON.stringify(value) : `${kind} ${JSON.stringify(value)}`)),
    );
}

/** What is wrong with `role`'s trust policy; `usedByTasks` when a task definition names the role. */
function trustProblems(role: PolicyResource, usedByTasks: boolean): string[] {
    const statements = parseDocument(role.props.assumeRolePolicy);
    if (statements === undefined) {
        return [];
    }
    const allows = allowsOf({ where: "assumeRolePolicy", statements });
    const messages: string[] = [];
    for (const { at, statement } of allows) {
        const principals = principalsOf(statement);
        const others = principals.filter((p) => p !== `Service "${ECS_TASKS}"`);
        if (usedByTasks && others.length > 0) {
            messages.push(
                `role ${role.name} is used by task definitions but ${at} admits ${others.join(", ")}; trust only Service "${ECS_TASKS}"`,
            );
        } else if (principals.some((p) => p === '"*"' || p.endsWith(' "*"'))) {
            messages.push(
                `role ${role.name}: ${at} admits ${principals.join(", ")}; never trust "*": name the one service or account that assumes the role`,
            );
        }
    }
    const trustsEcs = allows.some(({ statement }) => (statement.principals.Service ?? []).includes(ECS_TASKS));
    if (usedByTasks && !trustsEcs) {
        messages.push(
            `role ${role.name} is used by task definitions but its assumeRolePolicy does not admit ${ECS_TASKS}; trust Service "${ECS_TASKS}" (with an aws:SourceAccount condition)`,
        );
    }
    return messages;
}

/** `iam-trust-ecs-tasks-only`: task and execution roles trust only ECS tasks; no role trusts "*". */
export const iamTrustEcsTasksOnly: Rule = stackRule({
    id: "iam-trust-ecs-tasks-only",
    description:
        "Keeps the containers' roles out of anyone else's hands (CKV_AWS_60, CKV_AWS_61): roles task definitions name (taskRoleArn, executionRoleArn) trust only ecs-tasks.amazonaws.com, and no trust policy admits \"*\". Triggered by roles; an aws:SourceAccount condition is advisable but not required.",
    kind: "security",
    check: (resources) => {
        const taskRoles = rolesUsedAs(resources, "taskRoleArn", "executionRoleArn");
        return ofType(resources, IAM_TYPES.role).flatMap((role): Finding[] =>
            trustProblems(role, taskRoles.has(role)).map((message) => ({ resource: role, message })),
        );
    },
});
