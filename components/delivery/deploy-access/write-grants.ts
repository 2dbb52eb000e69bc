/**
 * The write grants of the deploy role, as data: what `pulumi up` of this program changes, family by
 * family, on the stack's resources only. The read grants (`read-grants.ts`) come on
 * top; the network and application tier are in `compute-grants.ts`. Each group
 * becomes one managed policy (IAM caps one at 6,144 characters).
 *
 * Deliberately absent: creating KMS keys or service-linked roles, and touching this access itself
 * (its roles and policies, the roles' boundary: denied by name, whatever the path). A first
 * `pulumi up` by an administrator creates those; after that the deploy role only keeps the stack
 * in step, and every role it creates or changes carries the boundary (`security/role-boundary/policy.ts`).
 */
import { COMPUTE_GROUPS } from "./compute-grants";
import {
    alarms,
    allow,
    ATTACHABLE_MANAGED_POLICIES,
    buckets,
    cacheResources,
    deliveryAccess,
    deny,
    global,
    GrantGroups,
    loadBalancing,
    parameters,
    PASSED_TO_SERVICES,
    rdsResources,
    regional,
    roles,
    secrets,
} from "../../security/iam-scope";

/** The deploy role's write grants, by managed policy: one group per family. */
export const DEPLOY_GROUPS: GrantGroups = {
    ...COMPUTE_GROUPS,
    data: (s) => [
        allow(
            "Database",
            [
                "rds:CreateDBInstance",
                "rds:ModifyDBInstance",
                "rds:DeleteDBInstance",
                "rds:RebootDBInstance",
                "rds:RestoreDBInstanceFromDBSnapshot",
                "rds:CreateDBSnapshot",
                "rds:CreateDBSubnetGroup",
                "rds:ModifyDBSubnetGroup",
                "rds:DeleteDBSubnetGroup",
                "rds:CreateDBParameterGroup",
                "rds:ModifyDBParameterGroup",
                "rds:ResetDBParameterGroup",
                "rds:DeleteDBParameterGroup",
                "rds:CreateEventSubscription",
                "rds:ModifyEventSubscription",
                "rds:DeleteEventSubscription",
                "rds:AddSourceIdentifierToSubscription",
                "rds:RemoveSourceIdentifierFromSubscription",
                "rds:AddTagsToResource",
                "rds:RemoveTagsFromResource",
            ],
            [
                ...rdsResources(s),
                // The engine's default option group, and any snapshot of the account to restore from.
                regional(s, "rds", "og:default:*"),
                regional(s, "rds", "snapshot:*"),
            ],
        ),
        allow(
            "Cache",
            [
                "elasticache:CreateReplicationGroup",
                "elasticache:ModifyReplicationGroup",
                "elasticache:DeleteReplicationGroup",
                "elasticache:IncreaseReplicaCount",
                "elasticache:DecreaseReplicaCount",
                "elasticache:CreateCacheSubnetGroup",
                "elasticache:ModifyCacheSubnetGroup",
                "elasticache:DeleteCacheSubnetGroup",
                "elasticache:CreateSnapshot",
                "elasticache:AddTagsToResource",
                "elasticache:RemoveTagsFromResource",
            ],
            [...cacheResources(s), regional(s, "elasticache", "parametergroup:default.*")],
        ),
        allow(
            "Buckets",
            [
                "s3:CreateBucket",
                "s3:DeleteBucket",
                "s3:PutBucketTagging",
                "s3:PutBucketPolicy",
                "s3:DeleteBucketPolicy",
                "s3:PutBucketVersioning",
                "s3:PutEncryptionConfiguration",
                "s3:PutLifecycleConfiguration",
                "s3:PutBucketLogging",
                "s3:PutBucketOwnershipControls",
                "s3:PutBucketPublicAccessBlock",
                "s3:PutBucketObjectLockConfiguration",
                "s3:PutReplicationConfiguration",
            ],
            buckets(s),
        ),
        // The secrets' settings, never their values: writing a value makes the provider read it back,
        // and only execution roles read secrets (iam-secrets-and-keys-scoped), so a changed secret
        // value (a new app key, a new database address) is applied by an administrator.
        allow(
            "StackSecrets",
            [
                "secretsmanager:CreateSecret",
                "secretsmanager:DeleteSecret",
                "secretsmanager:UpdateSecret",
                "secretsmanager:TagResource",
                "secretsmanager:UntagResource",
            ],
            secrets(s),
        ),
        // RDS creates and rotates the master password secret (rds!db-...) with the caller's rights.
        allow(
            "DatabaseManagedPassword",
            ["secretsmanager:CreateSecret", "secretsmanager:RotateSecret", "secretsmanager:TagResource"],
            [regional(s, "secretsmanager", "secret:rds!db-*")],
        ),
        allow(
            "ConfigParameter",
            ["ssm:PutParameter", "ssm:DeleteParameter", "ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"],
            parameters(s),
        ),
        allow(
            "DataKey",
            [
                "kms:EnableKeyRotation",
                "kms:PutKeyPolicy",
                "kms:UpdateKeyDescription",
                "kms:TagResource",
                "kms:UntagResource",
                // Encrypting the stack's data with its key: secrets, EBS volumes, RDS, ElastiCache, ECR.
                "kms:Encrypt",
                "kms:Decrypt",
                "kms:ReEncryptFrom",
                "kms:ReEncryptTo",
                "kms:GenerateDataKey",
                "kms:GenerateDataKeyWithoutPlaintext",
            ],
            [s.dataKeyArn],
        ),
        // Services (RDS, ElastiCache, EBS, ECR) hold the key through grants they make themselves.
        allow("DataKeyGrants", ["kms:CreateGrant", "kms:RetireGrant"], [s.dataKeyArn], {
            Bool: { "kms:GrantIsForAWSResource": "true" },
        }),
        allow(
            "DataKeyAlias",
            ["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"],
            [regional(s, "kms", `alias/${s.namePrefix}-*`), s.dataKeyArn],
        ),
    ],
    edge: (s) => [
        allow(
            "LoadBalancer",
            [
                "elasticloadbalancing:CreateLoadBalancer",
                "elasticloadbalancing:DeleteLoadBalancer",
                "elasticloadbalancing:ModifyLoadBalancerAttributes",
                "elasticloadbalancing:SetSecurityGroups",
                "elasticloadbalancing:SetSubnets",
                "elasticloadbalancing:CreateTargetGroup",
                "elasticloadbalancing:DeleteTargetGroup",
                "elasticloadbalancing:ModifyTargetGroup",
                "elasticloadbalancing:ModifyTargetGroupAttributes",
                "elasticloadbalancing:CreateListener",
                "elasticloadbalancing:DeleteListener",
                "elasticloadbalancing:ModifyListener",
                "elasticloadbalancing:ModifyListenerAttributes", // newer than 2020
                "elasticloadbalancing:AddListenerCertificates",
                "elasticloadbalancing:RemoveListenerCertificates",
                "elasticloadbalancing:CreateRule",
                "elasticloadbalancing:DeleteRule",
                "elasticloadbalancing:ModifyRule",
                "elasticloadbalancing:SetRulePriorities",
                "elasticloadbalancing:AddTags",
                "elasticloadbalancing:RemoveTags",
            ],
            loadBalancing(s),
        ),
        allow(
            "Certificate",
            [
                "acm:RequestCertificate",
                "acm:DeleteCertificate",
                "acm:AddTagsToCertificate",
                "acm:RemoveTagsFromCertificate",
            ],
            [regional(s, "acm", "certificate/*")],
        ),
        ...(s.apiDomainName === undefined
            ? []
            : [
                  // Only the API's own name and its certificate's validation records, in any zone
                  // of the account (the zone id is looked up at deploy time).
                  allow("ApiDnsRecords", ["route53:ChangeResourceRecordSets"], ["arn:aws:route53:::hostedzone/*"], {
                      "ForAllValues:StringLike": {
                          "route53:ChangeResourceRecordSetsNormalizedRecordNames": [
                              s.apiDomainName,
                              `*.${s.apiDomainName}`,
                          ],
                      },
                  }),
              ]),
    ],
    operations: (s) => [
        allow(
            "AlarmsAndDashboard",
            [
                "cloudwatch:PutMetricAlarm",
                "cloudwatch:DeleteAlarms",
                "cloudwatch:TagResource",
                "cloudwatch:UntagResource",
                "cloudwatch:PutDashboard",
                "cloudwatch:DeleteDashboards",
            ],
            [...alarms(s), global(s, "cloudwatch", "dashboard/FraudDetector-*")],
        ),
        allow(
            "AlarmTopic",
            [
                "sns:CreateTopic",
                "sns:DeleteTopic",
                "sns:SetTopicAttributes",
                "sns:TagResource",
                "sns:UntagResource",
                "sns:Subscribe",
                "sns:Unsubscribe",
            ],
            [regional(s, "sns", `${s.namePrefix}-*`)],
        ),
        allow(
            "Budget",
            [
                "budgets:ModifyBudget",
                "budgets:TagResource", // newer than 2020
                "budgets:UntagResource", // newer than 2020
            ],
            [global(s, "budgets", `budget/${s.namePrefix}-*`)],
        ),
    ],
    identity: (s) => [
        // Every role the deploy role creates or rewrites must carry the stack's boundary: IAM puts
        // the role's boundary in these requests as iam:PermissionsBoundary (facts/aws/iam-boundaries.ts).
        allow(
            "BoundedStackRoles",
            ["iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary"],
            roles(s),
            { StringEquals: { "iam:PermissionsBoundary": s.roleBoundaryArn } },
        ),
        allow("BoundedStackRoleManagedPolicies", ["iam:AttachRolePolicy", "iam:DetachRolePolicy"], roles(s), {
            ArnEquals: { "iam:PolicyARN": [...ATTACHABLE_MANAGED_POLICIES] },
            StringEquals: { "iam:PermissionsBoundary": s.roleBoundaryArn },
        }),
        // Actions IAM evaluates without the boundary key; the roles they reach carry the boundary.
        allow(
            "StackRoles",
            [
                "iam:DeleteRole",
                "iam:UpdateRole",
                "iam:UpdateRoleDescription",
                "iam:UpdateAssumeRolePolicy",
                "iam:TagRole",
                "iam:UntagRole",
                "iam:CreateInstanceProfile",
                "iam:DeleteInstanceProfile",
                "iam:AddRoleToInstanceProfile",
                "iam:RemoveRoleFromInstanceProfile",
                "iam:TagInstanceProfile",
                "iam:UntagInstanceProfile",
            ],
            [...roles(s), global(s, "iam", `instance-profile/${s.namePrefix}-*`)],
        ),
        allow("PassStackRoles", ["iam:PassRole"], roles(s), {
            StringEquals: { "iam:PassedToService": [...PASSED_TO_SERVICES] },
        }),
        // Its own roles and policies carry the stack's prefix too: whatever their path, no write,
        // no pass, no policy version, and the boundary stays as the administrator made it.
        deny(
            "NoChangesToDeliveryAccess",
            [
                "iam:Create*",
                "iam:Delete*",
                "iam:Put*",
                "iam:Update*",
                "iam:Attach*",
                "iam:Detach*",
                "iam:Tag*",
                "iam:Untag*",
                "iam:Add*",
                "iam:Remove*",
                "iam:PassRole",
            ],
            deliveryAccess(s),
        ),
        // A new default version of an attached policy would rewrite the role's rights in one call.
        deny(
            "NoPolicyVersions",
            ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicyVersion"],
            deliveryAccess(s),
        ),
        deny("NoBoundaryRemoval", ["iam:DeleteRolePermissionsBoundary"], ["*"]),
        // A role it created, trusting it by ARN, would need no grant of ours to be assumed.
        deny("NoAssumingRoles", ["sts:AssumeRole"], ["*"]),
    ],
};
