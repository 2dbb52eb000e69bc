/**
 * The IAM documents of an `ApplicationService`: the trust policies of its roles and the inline
 * policies they hold. Pure builders, testable without mocks; the roles themselves are created in
 * `task-roles.ts`.
 */
import * as pulumi from "@pulumi/pulumi";
import { POLICY_VERSION, type PolicyDocument } from "../../security/iam-scope";

/** The service principal of ECS tasks: the only one the task and execution roles trust. */
export const ECS_TASKS = "ecs-tasks.amazonaws.com";
/** The service principal of ECS itself: the one the blue/green role trusts. */
export const ECS_SERVICE = "ecs.amazonaws.com";
/** The AWS managed policy that lets ECS pull images from ECR and write container logs. */
/**
 * What ECS needs to start a task, scoped to this service: AWS's managed
 * AmazonECSTaskExecutionRolePolicy grants the same actions on "*". Only ecr:GetAuthorizationToken
 * stays on "*", because ECR grants it on no narrower resource.
 */
export function executionPullAndLogsPolicy(
    repositoryArn: pulumi.Input<string>,
    logGroupArn: pulumi.Input<string>,
): PolicyDocument {
    return {
        Version: POLICY_VERSION,
        Statement: [
            { Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
            {
                Sid: "PullTheServiceImage",
                Effect: "Allow",
                Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
                Resource: [repositoryArn],
            },
            {
                Sid: "WriteTheServiceLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: [pulumi.interpolate`${logGroupArn}:*`],
            },
        ],
    };
}
/** The AWS managed policy ECS needs to move the listener rule between blue and green. */
export const LOAD_BALANCERS_POLICY_ARN = "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers";

/** The trust policy of a role only ECS tasks of `accountId` (this account) can assume. */
export function ecsTasksTrustPolicy(accountId: pulumi.Input<string>): PolicyDocument {
    return {
        Version: POLICY_VERSION,
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: ECS_TASKS },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    };
}

/** The trust policy of the role ECS itself assumes to move a blue/green listener rule. */
export function ecsServiceTrustPolicy(): PolicyDocument {
    return {
        Version: POLICY_VERSION,
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: ECS_SERVICE },
                Action: "sts:AssumeRole",
            },
        ],
    };
}

/**
 * The execution role's inline policy: read exactly `secretArns` from Secrets Manager and decrypt
 * them with the stack's key `kmsKeyArn`, nothing else.
 */
export function executionSecretsPolicy(
    secretArns: readonly pulumi.Input<string>[],
    kmsKeyArn: pulumi.Input<string>,
): PolicyDocument {
    return {
        Version: POLICY_VERSION,
        Statement: [
            {
                Sid: "ReadTheServiceSecrets",
                Effect: "Allow",
                Action: ["secretsmanager:GetSecretValue"],
                Resource: [...secretArns],
            },
            {
                Sid: "DecryptTheSecrets",
                Effect: "Allow",
                Action: ["kms:Decrypt"],
                Resource: [kmsKeyArn],
            },
        ],
    };
}

/**
 * The statement ECS Exec needs in the task role: the four `ssmmessages` channel actions, which AWS
 * grants only on "*".
 */
export function ecsExecStatement(): Record<string, unknown> {
    return {
        Effect: "Allow",
        Action: [
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
        ],
        Resource: "*",
    };
}

/**
 * The task role's statements: exactly `taskPolicyStatements`, then the ECS Exec statement when
 * `execEnabled`. Empty means the role gets no policy at all.
 */
export function taskRoleStatements(taskPolicyStatements: readonly unknown[], execEnabled: boolean): unknown[] {
    return [...taskPolicyStatements, ...(execEnabled ? [ecsExecStatement()] : [])];
}

/** The task role's inline policy document, holding `statements`. */
export function taskRolePolicy(statements: unknown[]): PolicyDocument {
    return { Version: POLICY_VERSION, Statement: statements };
}
