/**
 * Actions AWS authorises only on `Resource: "*"`: the Service Authorization Reference gives them no
 * resource type, so `"*"` is the narrowest grant they accept and iam-no-wildcards lets them use it.
 * An entry ending in `*` covers a family that has no resource type as a whole, such as EC2's
 * Describe actions. Sources: the reference (2020-11 snapshot in duo-labs/parliament), and for the
 * later entries marked "newer" how AWS's own managed policies grant them today (only on "*").
 */
export const STAR_ONLY_ACTIONS: readonly string[] = [
    "ecr:GetAuthorizationToken",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
    "cloudwatch:PutMetricData",
    "ssm:DescribeParameters",
    "secretsmanager:GetRandomPassword",
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
    // What `pulumi preview` and `pulumi up` need to read and list (the GitHub Actions roles).
    "ec2:Describe*",
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeLoadBalancerAttributes",
    "elasticloadbalancing:DescribeListeners",
    "elasticloadbalancing:DescribeListenerAttributes", // newer
    "elasticloadbalancing:DescribeListenerCertificates",
    "elasticloadbalancing:DescribeRules",
    "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:DescribeTargetGroupAttributes",
    "elasticloadbalancing:DescribeTargetHealth",
    "autoscaling:DescribeAutoScalingGroups",
    "autoscaling:DescribeInstanceRefreshes",
    "autoscaling:DescribeLifecycleHooks",
    "autoscaling:DescribeScalingActivities",
    "autoscaling:DescribeTags",
    "autoscaling:DescribeTrafficSources", // newer
    "autoscaling:DescribeWarmPool", // newer
    "ecs:DescribeTaskDefinition",
    "ecs:ListClusters",
    "ecs:ListServices",
    "ecs:ListTaskDefinitions",
    "servicediscovery:GetOperation",
    "servicediscovery:ListNamespaces",
    "servicediscovery:ListTagsForResource",
    "acm:ListCertificates",
    "acm:ListTagsForCertificate",
    "route53:ListHostedZones",
    "route53:ListHostedZonesByName",
    "sns:ListTopics",
    "sns:GetSubscriptionAttributes",
    "kms:ListAliases",
    "rds:DescribeDBEngineVersions",
    // Writes with no resource type (the deploy role).
    "ecs:DeregisterTaskDefinition",
    "servicediscovery:CreateHttpNamespace",
    "servicediscovery:TagResource",
    "servicediscovery:UntagResource",
];
