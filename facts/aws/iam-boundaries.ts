/**
 * IAM facts behind the stack roles' permissions boundary and the deploy role's grants, as data with
 * their sources.
 */

/** A fact and where it was read. */
export interface Sourced<T> {
    /** The fact. */
    readonly value: T;
    /** Where it was read: an AWS page, or AWS's own managed policies as published. */
    readonly source: string;
}

/**
 * The role-writing actions for which IAM puts the role's boundary in the request as
 * `iam:PermissionsBoundary`, so a condition on it decides whether the write may happen. AWS's own
 * managed policies condition exactly these on the key. UpdateAssumeRolePolicy, DeleteRole,
 * TagRole and iam:PassRole are not among them: they cannot be conditioned on the boundary.
 */
export const BOUNDARY_CONDITIONED_ROLE_ACTIONS: Sourced<readonly string[]> = {
    value: [
        "iam:CreateRole",
        "iam:PutRolePolicy",
        "iam:DeleteRolePolicy",
        "iam:AttachRolePolicy",
        "iam:DetachRolePolicy",
        "iam:PutRolePermissionsBoundary",
    ],
    source:
        "Service Authorization Reference, IAM (docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html); " +
        "as AWS uses the key: AmazonDataZoneSageMakerProvisioningRolePolicy (CreateRole, PutRolePolicy, DeleteRolePolicy, AttachRolePolicy, DetachRolePolicy) and " +
        "AWSQuickSetupDeploymentRolePolicy (PutRolePermissionsBoundary), iann0036/iam-dataset 2073fa52 (2026-08-22)",
};

/**
 * An IAM role ARN carries the role's path: `arn:aws:iam::<account>:role/<path><name>`, so a
 * Resource `role/<prefix>-*` does not match a role named `<prefix>-x` under `/github-actions/`,
 * and a name pattern that must match whatever the path starts with `role/*`.
 */
export const ROLE_ARN_INCLUDES_PATH: Sourced<string> = {
    value: "arn:aws:iam::123456789012:role/application_abc/component_xyz/S3Access",
    source: 'IAM User Guide, "IAM identifiers", IAM ARNs (docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html)',
};

/**
 * The actions of the AWS managed policies the program attaches to its roles, as AWS publishes them:
 * whatever the boundary allows must cover them, or the bastion's Session Manager, the ECS hosts'
 * agent, RDS monitoring and the blue/green switch stop working.
 */
export const ATTACHED_MANAGED_POLICY_ACTIONS: Sourced<Readonly<Record<string, readonly string[]>>> = {
    value: {
        "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore": [
            "ssm:DescribeAssociation",
            "ssm:GetDeployablePatchSnapshotForInstance",
            "ssm:GetDocument",
            "ssm:DescribeDocument",
            "ssm:GetManifest",
            "ssm:GetParameter",
            "ssm:GetParameters",
            "ssm:ListAssociations",
            "ssm:ListInstanceAssociations",
            "ssm:PutInventory",
            "ssm:PutComplianceItems",
            "ssm:PutConfigurePackageResult",
            "ssm:UpdateAssociationStatus",
            "ssm:UpdateInstanceAssociationStatus",
            "ssm:UpdateInstanceInformation",
            "ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel",
            "ssmmessages:OpenControlChannel",
            "ssmmessages:OpenDataChannel",
            "ec2messages:AcknowledgeMessage",
            "ec2messages:DeleteMessage",
            "ec2messages:FailMessage",
            "ec2messages:GetEndpoint",
            "ec2messages:GetMessages",
            "ec2messages:SendReply",
        ],
        "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role": [
            "ec2:DescribeTags",
            "ecs:CreateCluster",
            "ecs:DeregisterContainerInstance",
            "ecs:DiscoverPollEndpoint",
            "ecs:Poll",
            "ecs:RegisterContainerInstance",
            "ecs:StartTelemetrySession",
            "ecs:UpdateContainerInstancesState",
            "ecs:Submit*",
            "ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
            "ecs:TagResource",
            "ecs:ListTagsForResource",
        ],
        "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole": [
            "logs:CreateLogGroup",
            "logs:PutRetentionPolicy",
            "logs:CreateLogStream",
            "logs:PutLogEvents",
            "logs:DescribeLogStreams",
            "logs:GetLogEvents",
        ],
        "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers": [
            "elasticloadbalancing:DescribeListeners",
            "elasticloadbalancing:DescribeRules",
            "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetHealth",
            "elasticloadbalancing:RegisterTargets",
            "elasticloadbalancing:DeregisterTargets",
            "elasticloadbalancing:ModifyListener",
            "elasticloadbalancing:ModifyRule",
        ],
    },
    source:
        "iann0036/iam-dataset 2073fa52 (2026-08-22), aws/managedpolicies/: AmazonSSMManagedInstanceCore v2, " +
        "AmazonEC2ContainerServiceforEC2Role v10, AmazonRDSEnhancedMonitoringRole v1, AmazonECSInfrastructureRolePolicyForLoadBalancers v6",
};
