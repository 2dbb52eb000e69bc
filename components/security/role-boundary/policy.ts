/**
 * The permissions boundary of every role a stack creates, as a pure document: the most any task,
 * execution, flow-log, monitoring, host, bastion, replication or blue/green role can ever do,
 * whatever policy is later attached to it. A role's effective rights are what both its own
 * policies and this boundary allow, so a widened task policy (or a deploy role turned hostile)
 * still cannot reach IAM, another role, or data outside the stack.
 */
import {
    allow,
    deny,
    buckets,
    inRegion,
    loadBalancing,
    parameters,
    regional,
    secrets,
    type PolicyDocument,
    StackScope,
} from "../iam-scope";

/** IAM path of the boundary policy: out of the deploy role's reach, like `/github-actions/`. */
export const ROLE_BOUNDARY_PATH = "/boundaries/";

/** What the boundary is scoped to: the stack's names, account, region and data key. */
export type BoundaryScope = Pick<StackScope, "accountId" | "region" | "namePrefix" | "secretPathPrefix" | "dataKeyArn">;

/** The physical name of the boundary policy of the stack `namePrefix`: fixed, so the README's bootstrap can name it. */
export const roleBoundaryName = (namePrefix: string) => `${namePrefix}-role-boundary`;

/**
 * What AWS's agents and the ECS service call on the roles' behalf, which AWS authorises on "*"
 * only (AmazonSSMManagedInstanceCore, AmazonEC2ContainerServiceforEC2Role and the ECS load-balancer
 * policy, facts/aws/iam-boundaries.ts): kept to the stack's region.
 */
const AGENT_ACTIONS = [
    "ecr:GetAuthorizationToken",
    "ec2:DescribeTags",
    "ecs:CreateCluster",
    "ecs:DeregisterContainerInstance",
    "ecs:DiscoverPollEndpoint",
    "ecs:Poll",
    "ecs:RegisterContainerInstance",
    "ecs:StartTelemetrySession",
    "ecs:UpdateContainerInstancesState",
    "ecs:Submit*",
    "ecs:TagResource",
    "ecs:ListTagsForResource",
    "ssm:DescribeAssociation",
    "ssm:GetDeployablePatchSnapshotForInstance",
    "ssm:GetDocument",
    "ssm:DescribeDocument",
    "ssm:GetManifest",
    "ssm:ListAssociations",
    "ssm:ListInstanceAssociations",
    "ssm:PutInventory",
    "ssm:PutComplianceItems",
    "ssm:PutConfigurePackageResult",
    "ssm:UpdateAssociationStatus",
    "ssm:UpdateInstanceAssociationStatus",
    "ssm:UpdateInstanceInformation",
    "ssmmessages:*",
    "ec2messages:*",
    "elasticloadbalancing:Describe*",
];

/** The boundary document for `s`. */
export function roleBoundaryPolicy(s: BoundaryScope): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            allow("AgentsInRegion", AGENT_ACTIONS, ["*"], inRegion(s)),
            // Log groups are named by the guide (/ecs/fraud-api) and by RDS (RDSOSMetrics), not
            // by the prefix: writing logs of this account and region, reading back only RDS's.
            allow(
                "Logs",
                [
                    "logs:CreateLogGroup",
                    "logs:PutRetentionPolicy",
                    "logs:CreateLogStream",
                    "logs:PutLogEvents",
                    "logs:DescribeLogStreams",
                ],
                [regional(s, "logs", "log-group:*")],
            ),
            allow("RdsMonitoringReadBack", ["logs:GetLogEvents"], [regional(s, "logs", "log-group:RDS*")]),
            allow(
                "PullImages",
                ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
                [regional(s, "ecr", "repository/*")],
            ),
            allow(
                "StackBuckets",
                [
                    "s3:GetObject*",
                    "s3:PutObject",
                    "s3:ListBucket",
                    "s3:GetBucketLocation",
                    "s3:GetReplicationConfiguration",
                    "s3:Replicate*",
                ],
                buckets(s).flatMap((bucket) => [bucket, `${bucket}/*`]),
            ),
            // RDS names its master-password secret rds!db-<uuid>: the prefix cannot scope it.
            allow(
                "StackSecrets",
                ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                [...secrets(s), regional(s, "secretsmanager", "secret:rds!db-*")],
            ),
            allow(
                "StackKey",
                ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*", "kms:DescribeKey"],
                [s.dataKeyArn],
            ),
            allow(
                "StackParameters",
                ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
                parameters(s),
            ),
            allow(
                "Models",
                ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
                [`arn:aws:bedrock:${s.region}::foundation-model/*`],
            ),
            allow(
                "BlueGreenSwitch",
                [
                    "elasticloadbalancing:RegisterTargets",
                    "elasticloadbalancing:DeregisterTargets",
                    "elasticloadbalancing:ModifyListener",
                    "elasticloadbalancing:ModifyRule",
                ],
                loadBalancing(s),
            ),
            // The redeploy after a secret rotation (SecretRedeploy): EventBridge starts the stack's
            // state machine, which forces new deployments of the stack's services.
            allow(
                "SecretRedeploy",
                ["states:StartExecution"],
                [regional(s, "states", `stateMachine:${s.namePrefix}-*`)],
            ),
            allow("SecretRedeployServices", ["ecs:UpdateService"], [regional(s, "ecs", `service/${s.namePrefix}/*`)]),
            // Belt and braces: nothing above allows these, and a Deny keeps it so if an Allow widens.
            deny(
                "NoIdentityOrAccountChanges",
                [
                    "iam:*",
                    "sts:AssumeRole",
                    "sts:AssumeRoleWithSAML",
                    "sts:AssumeRoleWithWebIdentity",
                    "sts:GetFederationToken",
                    "organizations:*",
                    "account:*",
                ],
                ["*"],
            ),
        ],
    };
}
