/**
 * The IAM roles of an `ApplicationService`, created as children of the component that calls these
 * helpers (`parent`), with the logical names the component has always given them. The documents
 * they hold come from `policies.ts`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ApplicationServiceArgs } from "./args";
import {
    ecsServiceTrustPolicy,
    ecsTasksTrustPolicy,
    executionPullAndLogsPolicy,
    executionSecretsPolicy,
    LOAD_BALANCERS_POLICY_ARN,
    taskRolePolicy,
    taskRoleStatements,
} from "./policies";
import { mergeTags } from "../../tags";

/** The arguments the roles are built from. */
type RoleArgs = Pick<
    ApplicationServiceArgs,
    | "serviceName"
    | "tags"
    | "secretArns"
    | "kmsKeyArn"
    | "taskPolicyStatements"
    | "execEnabled"
    | "repositoryArn"
    | "roleBoundaryArn"
>;

/** A role `resourceName`, child of `parent`, only ECS tasks of this account can assume. */
export function createTasksRole(
    parent: pulumi.Resource,
    resourceName: string,
    description: string,
    args: Pick<RoleArgs, "serviceName" | "tags" | "roleBoundaryArn">,
): aws.iam.Role {
    const account = aws.getCallerIdentityOutput({}, { parent }).accountId;
    return new aws.iam.Role(
        resourceName,
        {
            description,
            assumeRolePolicy: pulumi.jsonStringify(ecsTasksTrustPolicy(account)),
            permissionsBoundary: args.roleBoundaryArn,
            tags: mergeTags(args.tags, { Service: args.serviceName }),
        },
        { parent },
    );
}

/**
 * ECS's own role for the task (`<name>-execution-role`): pull this service's image and write to its
 * log group (`<name>-execution-pull-and-logs`, scoped where AWS's managed execution policy is not),
 * and, when there are secrets, read exactly the service's secrets and decrypt them
 * (`<name>-execution-secrets`).
 */
export function createExecutionRole(
    parent: pulumi.Resource,
    name: string,
    args: RoleArgs,
    logGroupArn: pulumi.Input<string>,
): aws.iam.Role {
    const role = createTasksRole(
        parent,
        `${name}-execution-role`,
        `ECS starts ${args.serviceName}: image pulls, logs and its secrets`,
        args,
    );
    new aws.iam.RolePolicy(
        `${name}-execution-pull-and-logs`,
        { role: role.name, policy: pulumi.jsonStringify(executionPullAndLogsPolicy(args.repositoryArn, logGroupArn)) },
        { parent },
    );
    if (args.secretArns.length > 0) {
        new aws.iam.RolePolicy(
            `${name}-execution-secrets`,
            {
                role: role.name,
                policy: pulumi.jsonStringify(executionSecretsPolicy(args.secretArns, args.kmsKeyArn)),
            },
            { parent },
        );
    }
    return role;
}

/**
 * The role the application runs as (`<name>-task-role`), with exactly `taskPolicyStatements`, plus
 * the four `ssmmessages` channel actions ECS Exec needs when it is on (AWS grants them only on "*"),
 * in the inline policy `<name>-task-policy`; no policy at all when there are no statements. The
 * pack's iam-task-role-per-guide admits only the guide's grants on task roles, so Exec is on only
 * where that rule is advisory (local).
 */
export function createTaskRole(parent: pulumi.Resource, name: string, args: RoleArgs): aws.iam.Role {
    const role = createTasksRole(parent, `${name}-task-role`, `The ${args.serviceName} application`, args);
    const statements = taskRoleStatements(args.taskPolicyStatements, args.execEnabled);
    if (statements.length > 0) {
        new aws.iam.RolePolicy(
            `${name}-task-policy`,
            {
                role: role.name,
                policy: pulumi.jsonStringify(taskRolePolicy(statements)),
            },
            { parent },
        );
    }
    return role;
}

/**
 * The role ECS uses to move the listener rule between blue and green (`<name>-blue-green-role`),
 * with the managed load-balancers policy (`<name>-blue-green-load-balancers`). Returns its ARN,
 * resolved only once the policy is attached.
 */
export function createBlueGreenRole(
    parent: pulumi.Resource,
    name: string,
    args: Pick<RoleArgs, "serviceName" | "tags" | "roleBoundaryArn">,
): pulumi.Output<string> {
    const role = new aws.iam.Role(
        `${name}-blue-green-role`,
        {
            description: `ECS moves the listener rule of ${args.serviceName} between blue and green`,
            assumeRolePolicy: JSON.stringify(ecsServiceTrustPolicy()),
            permissionsBoundary: args.roleBoundaryArn,
            tags: mergeTags(args.tags, { Service: args.serviceName }),
        },
        { parent },
    );
    const attachment = new aws.iam.RolePolicyAttachment(
        `${name}-blue-green-load-balancers`,
        { role: role.name, policyArn: LOAD_BALANCERS_POLICY_ARN },
        { parent },
    );
    // The role is usable only once its policy is attached.
    return pulumi.all([role.arn, attachment.id]).apply(([arn]) => arn);
}
