/**
 * Fixtures the IAM specs share: the guide's task roles, their grants and trust, compliant by default.
 */
import { PlanResource } from "../../../plan/engine/contract";
import { resource, stackTags } from "../harness";

/** The Role type token. */
export const ROLE = "aws:iam/role:Role";

/** The Policy type token. */
export const POLICY = "aws:iam/policy:Policy";

/** The RolePolicy type token. */
export const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

/** The RolePolicyAttachment type token. */
export const ROLE_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

/** The PolicyAttachment type token. */
export const POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";

/** The TaskDefinition type token. */
export const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

/** The account the fixtures' ARNs name. */
export const ACCOUNT = "123456789012";

/** The foundation-model/anthropic.claude-3-haiku-* type token. */
export const HAIKU = "arn:aws:bedrock:ca-central-1::foundation-model/anthropic.claude-3-haiku-*";

/** The fraud-detector-prod-models/* type token. */
export const MODELS_OBJECTS = "arn:aws:s3:::fraud-detector-prod-models/*";

/** A policy document or statement, as JSON. */
export type Doc = Record<string, unknown>;

/** A policy document of `statements`. */
export function doc(...statements: Doc[]): Doc {
    return { Version: "2012-10-17", Statement: statements };
}

/** An Allow statement of `action` on `resourceArn`. */
export function allow(action: string | string[], resourceArn: string | string[]): Doc {
    return { Effect: "Allow", Action: action, Resource: resourceArn };
}

/** The guide's task-role grants (Security Hardening › IAM Roles). */
export const GUIDE_GRANTS = [allow("bedrock:InvokeModel", HAIKU), allow("s3:GetObject", MODELS_OBJECTS)];

/** A trust policy admitting `principal` (ECS tasks by default), as a JSON string. */
export function trust(principal: unknown = { Service: "ecs-tasks.amazonaws.com" }): string {
    return JSON.stringify(
        doc({
            Effect: "Allow",
            Principal: principal,
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        }),
    );
}

/** A role trusted by ECS tasks. */
export function role(name: string, props: Doc = {}, environment = "production"): PlanResource {
    return resource(ROLE, { assumeRolePolicy: trust(), tags: stackTags(environment), ...props }, { name });
}

/** An inline RolePolicy of `target` granting `statements` (a JSON string, as pulumi.jsonStringify gives). */
export function rolePolicy(target: PlanResource, statements: Doc[], name = `${target.name}-policy`): PlanResource {
    return resource(
        ROLE_POLICY,
        { role: `${target.name}-id`, policy: JSON.stringify(doc(...statements)) },
        { name, from: { role: [target] } },
    );
}

/** fraud-api's task definition, using `taskRole` and `executionRole`. */
export function taskDefinition(
    taskRole: PlanResource,
    executionRole: PlanResource,
    environment = "production",
): PlanResource {
    return resource(
        TASK_DEFINITION,
        {
            family: "fraud-api",
            containerDefinitions: "[]",
            taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/${taskRole.name}`,
            executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/${executionRole.name}`,
            tags: stackTags(environment),
        },
        { name: "fraud-api", from: { taskRoleArn: [taskRole], executionRoleArn: [executionRole] } },
    );
}

/** A task role and an execution role, used by fraud-api's task definition. */
export function taskRoles(environment = "production"): {
    task: PlanResource;
    execution: PlanResource;
    td: PlanResource;
} {
    const task = role("api-task", {}, environment);
    const execution = role("api-execution", {}, environment);
    return { task, execution, td: taskDefinition(task, execution, environment) };
}
