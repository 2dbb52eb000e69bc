import type { AutoNameRule, ResourceNameRule } from "./resource-name-types";

/**
 * The resource types the program creates that carry a physical name of their own, with what AWS
 * accepts for it. Limits are quoted from each operation's AWS API reference page; the same
 * constraints (and the min/max/pattern where the API model states one) were read in AWS's service
 * models as boto/botocore ships them (`botocore/data/<service>/<version>/service-2.json`, commit
 * 0e6e240, August 2026). Auto-naming is pulumi-aws's `provider/resources.go` (read at commit
 * 00ba5ea; the index holds no newer copy): every resource with a Terraform `name` input gets
 * `tfbridge.AutoName("name", 255, "-")` from `setAutonaming`, unless the file configures it otherwise.
 */

const API = {
    elbv2: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference",
    iam: "https://docs.aws.amazon.com/IAM/latest/APIReference",
    ec2: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference",
    ecs: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference",
    rds: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference",
    elasticache: "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference",
} as const;

/** pulumi-aws's auto-name for every resource with a `name` input that resources.go does not configure. */
const PROVIDER_DEFAULT: AutoNameRule = { separator: "-", randomLength: 7, maxLength: 255 };
const PROVIDER_DEFAULT_SOURCE =
    'pulumi/pulumi-aws: provider/resources.go (setAutonaming: tfbridge.AutoName("name", 255, "-"); AutoName appends 7 random hex digits, pulumi/pulumi-terraform-bridge: pkg/tfbridge/info/autonaming.go)';

/**
 * Terraform's `namePrefix`: the prefix, then a 26-character unique suffix
 * (hashicorp/terraform-plugin-sdk: helper/resource/id.go, PrefixedUniqueId), so a prefix may be at
 * most AWS's limit minus 26.
 */
const PREFIX_SUFFIX = 26;
const PREFIX_SOURCE = "hashicorp/terraform-plugin-sdk: helper/resource/id.go (PrefixedUniqueId appends 26 characters)";

const LETTERS_DIGITS_HYPHENS = /^[A-Za-z0-9-]+$/;
const IAM_NAME = /^[\w+=,.@-]+$/;
const ECS_NAME = /^[A-Za-z0-9_-]+$/;
const EVENTS_NAME = /^[.\-_A-Za-z0-9]+$/;

const NO_EDGE_HYPHEN = { pattern: /^-|-$/, says: "must not begin or end with a hyphen" };
const FIRST_LETTER = { pattern: /^[^A-Za-z]/, says: "must begin with a letter" };
const NO_TRAILING_HYPHEN = { pattern: /-$/, says: "must not end with a hyphen" };
const NO_DOUBLE_HYPHEN = { pattern: /--/, says: "must not contain two consecutive hyphens" };

/**
 * An IAM name of up to 128 characters (policies, instance profiles, inline role policies): the same
 * limit and pattern on every operation that takes one, auto-named with the provider's default.
 */
function iamName128(operation: string, parameter: string): ResourceNameRule {
    return {
        input: "name",
        minLength: 1,
        maxLength: 128,
        pattern: IAM_NAME,
        allowed: "letters, digits and _+=,.@-",
        autoName: PROVIDER_DEFAULT,
        prefix: { input: "namePrefix", maxLength: 128 - PREFIX_SUFFIX },
        sources: {
            aws: `${API.iam}/${operation}.html (${parameter}: length 1 to 128, pattern [\\w+=,.@-]+)`,
            provider: PROVIDER_DEFAULT_SOURCE,
            prefix: PREFIX_SOURCE,
        },
    };
}

/** The named types, by type token. */
export const NAMED_RESOURCES: Readonly<Record<string, ResourceNameRule>> = {
    "aws:lb/targetGroup:TargetGroup": {
        input: "name",
        minLength: 1,
        maxLength: 32,
        pattern: LETTERS_DIGITS_HYPHENS,
        allowed: "letters, digits and hyphens",
        forbidden: [NO_EDGE_HYPHEN],
        autoName: { separator: "-", randomLength: 7, maxLength: 32 },
        prefix: { input: "namePrefix", maxLength: 6 },
        sources: {
            aws: `${API.elbv2}/API_CreateTargetGroup.html (Name: "can have a maximum of 32 characters, must contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen")`,
            provider:
                'pulumi/pulumi-aws: provider/resources.go (aws_lb_target_group: tfbridge.AutoName("name", 32, "-"))',
            prefix: 'pulumi/pulumi-aws: sdk/nodejs/lb/targetGroup.ts (namePrefix: "Cannot be longer than 6 characters")',
        },
    },
    "aws:lb/loadBalancer:LoadBalancer": {
        input: "name",
        minLength: 1,
        maxLength: 32,
        pattern: LETTERS_DIGITS_HYPHENS,
        allowed: "letters, digits and hyphens",
        forbidden: [NO_EDGE_HYPHEN, { pattern: /^internal-/, says: 'must not begin with "internal-"' }],
        // aws_lb is registered through rAlias with no Fields: the 255 default, far beyond AWS's 32.
        autoName: PROVIDER_DEFAULT,
        prefix: { input: "namePrefix", maxLength: 32 - PREFIX_SUFFIX },
        sources: {
            aws: `${API.elbv2}/API_CreateLoadBalancer.html (Name: maximum of 32 characters, alphanumeric or hyphens, not beginning or ending with a hyphen, not beginning with "internal-")`,
            provider: PROVIDER_DEFAULT_SOURCE,
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:iam/role:Role": {
        input: "name",
        minLength: 1,
        maxLength: 64,
        pattern: IAM_NAME,
        allowed: "letters, digits and _+=,.@-",
        autoName: { separator: "-", randomLength: 7, maxLength: 64 },
        prefix: { input: "namePrefix", maxLength: 64 - PREFIX_SUFFIX },
        sources: {
            aws: `${API.iam}/API_CreateRole.html (RoleName: length 1 to 64, pattern [\\w+=,.@-]+)`,
            provider: 'pulumi/pulumi-aws: provider/resources.go (aws_iam_role: tfbridge.AutoName("name", 64, "-"))',
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:iam/policy:Policy": iamName128("API_CreatePolicy", "PolicyName"),
    "aws:iam/instanceProfile:InstanceProfile": iamName128("API_CreateInstanceProfile", "InstanceProfileName"),
    "aws:iam/rolePolicy:RolePolicy": iamName128("API_PutRolePolicy", "PolicyName"),
    "aws:ec2/securityGroup:SecurityGroup": {
        input: "name",
        minLength: 1,
        maxLength: 255,
        pattern: /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
        allowed: "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
        forbidden: [{ pattern: /^sg-/, says: 'must not begin with "sg-"' }],
        autoName: PROVIDER_DEFAULT,
        prefix: { input: "namePrefix", maxLength: 255 - PREFIX_SUFFIX },
        sources: {
            aws: `${API.ec2}/API_CreateSecurityGroup.html (GroupName: "Up to 255 characters in length. Can't start with sg-"; valid characters a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*)`,
            provider: PROVIDER_DEFAULT_SOURCE,
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        input: "name",
        minLength: 3,
        maxLength: 128,
        pattern: /^[a-zA-Z0-9().\-/_]+$/,
        allowed: "letters, digits and ().-/_",
        autoName: PROVIDER_DEFAULT,
        prefix: { input: "namePrefix", maxLength: 128 - PREFIX_SUFFIX },
        sources: {
            aws: `${API.ec2}/API_CreateLaunchTemplate.html (LaunchTemplateName: length 3 to 128, pattern [a-zA-Z0-9\\(\\)\\.\\-/_]+)`,
            provider: PROVIDER_DEFAULT_SOURCE,
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:autoscaling/group:Group": {
        input: "name",
        minLength: 1,
        maxLength: 255,
        // ASCII 33 to 126 without the colon.
        pattern: /^[!-9;-~]+$/,
        allowed: "printable ASCII characters except spaces and colons",
        autoName: PROVIDER_DEFAULT,
        prefix: { input: "namePrefix", maxLength: 255 - PREFIX_SUFFIX },
        sources: {
            aws: "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html (AutoScalingGroupName: length 1 to 255, any ASCII character 33 to 126, no colon)",
            provider: PROVIDER_DEFAULT_SOURCE,
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:ecs/cluster:Cluster": {
        input: "name",
        minLength: 1,
        maxLength: 255,
        pattern: ECS_NAME,
        allowed: "letters, digits, underscores and hyphens",
        autoName: PROVIDER_DEFAULT,
        sources: {
            aws: `${API.ecs}/API_CreateCluster.html (clusterName: up to 255 letters, numbers, underscores and hyphens)`,
            provider: PROVIDER_DEFAULT_SOURCE,
        },
    },
    "aws:ecs/service:Service": {
        input: "name",
        minLength: 1,
        maxLength: 255,
        pattern: ECS_NAME,
        allowed: "letters, digits, underscores and hyphens",
        autoName: PROVIDER_DEFAULT,
        sources: {
            aws: `${API.ecs}/API_CreateService.html (serviceName: up to 255 letters, numbers, underscores and hyphens)`,
            provider: PROVIDER_DEFAULT_SOURCE,
        },
    },
    "aws:ecs/capacityProvider:CapacityProvider": {
        input: "name",
        minLength: 1,
        maxLength: 255,
        pattern: ECS_NAME,
        allowed: "letters, digits, underscores and hyphens",
        forbidden: [{ pattern: /^(aws|ecs|fargate)/, says: 'must not begin with "aws", "ecs" or "fargate"' }],
        autoName: PROVIDER_DEFAULT,
        sources: {
            aws: `${API.ecs}/API_CreateCapacityProvider.html (name: up to 255 letters, numbers, underscores and hyphens; can't be prefixed with "aws", "ecs" or "fargate")`,
            provider: PROVIDER_DEFAULT_SOURCE,
        },
    },
    "aws:ecs/taskDefinition:TaskDefinition": {
        input: "family",
        minLength: 1,
        maxLength: 255,
        pattern: ECS_NAME,
        allowed: "letters, digits, underscores and hyphens",
        sources: {
            aws: `${API.ecs}/API_RegisterTaskDefinition.html (family: up to 255 letters, numbers, underscores and hyphens)`,
            provider:
                "pulumi/pulumi-aws: provider/resources.go (aws_ecs_task_definition has no auto-name: family is required)",
        },
    },
    "aws:ecr/repository:Repository": {
        input: "name",
        minLength: 2,
        maxLength: 256,
        pattern: /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/,
        allowed: "lowercase letters, digits, and . _ - / between them",
        lowercase: true,
        // The provider does not lowercase here: an auto-name from a mixed-case logical name is refused.
        autoName: PROVIDER_DEFAULT,
        sources: {
            aws: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html (repositoryName: length 2 to 256, pattern [a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*)",
            provider: PROVIDER_DEFAULT_SOURCE,
        },
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        input: "name",
        minLength: 1,
        maxLength: 512,
        pattern: /^[.\-_/#A-Za-z0-9]+$/,
        allowed: "letters, digits and ._-/#",
        autoName: PROVIDER_DEFAULT,
        prefix: { input: "namePrefix", maxLength: 512 - PREFIX_SUFFIX },
        sources: {
            aws: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html (logGroupName: length 1 to 512, pattern [\\.\\-_/#A-Za-z0-9]+)",
            provider: PROVIDER_DEFAULT_SOURCE,
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        input: "name",
        minLength: 1,
        maxLength: 255,
        pattern: /^[^\u0000-\u001f\u007f]+$/,
        allowed: "UTF-8 characters other than ASCII control characters",
        autoName: PROVIDER_DEFAULT,
        sources: {
            aws: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html (AlarmName: length 1 to 255, no ASCII control characters)",
            provider:
                'pulumi/pulumi-aws: provider/resources.go (aws_cloudwatch_metric_alarm: alarm_name is tfbridge.AutoName("name", 255, "-"))',
        },
    },
    "aws:cloudwatch/eventRule:EventRule": {
        input: "name",
        minLength: 1,
        maxLength: 64,
        pattern: EVENTS_NAME,
        allowed: "letters, digits and .-_",
        autoName: { separator: "-", randomLength: 7, maxLength: 64 },
        prefix: { input: "namePrefix", maxLength: 64 - PREFIX_SUFFIX },
        sources: {
            aws: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html (Name: length 1 to 64, pattern [\\.\\-_A-Za-z0-9]+)",
            provider:
                'pulumi/pulumi-aws: provider/resources.go (aws_cloudwatch_event_rule: tfbridge.AutoName("name", 64, "-"))',
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:cloudwatch/eventTarget:EventTarget": {
        input: "targetId",
        minLength: 1,
        maxLength: 64,
        pattern: EVENTS_NAME,
        allowed: "letters, digits and .-_",
        // The provider's auto-name allows 255 characters, beyond AWS's 64: name targets explicitly.
        autoName: PROVIDER_DEFAULT,
        sources: {
            aws: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html (Id: length 1 to 64, pattern [\\.\\-_A-Za-z0-9]+)",
            provider:
                'pulumi/pulumi-aws: provider/resources.go (aws_cloudwatch_event_target: target_id is tfbridge.AutoName("targetId", 255, "-"))',
        },
    },
    "aws:sfn/stateMachine:StateMachine": {
        input: "name",
        minLength: 1,
        maxLength: 80,
        pattern: /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]+$/,
        allowed:
            'anything but white space, <>{}[], ?*, "#%\\^|~`$&,;:/ and control characters (only letters, digits, - and _ if it is to log to CloudWatch Logs)',
        autoName: PROVIDER_DEFAULT,
        prefix: { input: "namePrefix", maxLength: 80 - PREFIX_SUFFIX },
        sources: {
            aws: 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html (name: length 1 to 80; must not contain white space, brackets < > { } [ ], wildcards ? *, special characters " # % \\ ^ | ~ ` $ & , ; : /, or control characters)',
            provider: PROVIDER_DEFAULT_SOURCE,
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:cloudwatch/dashboard:Dashboard": {
        input: "dashboardName",
        minLength: 1,
        maxLength: 255,
        pattern: /^[A-Za-z0-9_-]+$/,
        allowed: "letters, digits, hyphens and underscores",
        sources: {
            aws: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html (DashboardName: "The maximum length is 255, and valid characters are A-Z, a-z, 0-9, "-", and "_"")',
            provider:
                "pulumi/pulumi-aws: provider/resources.go (aws_cloudwatch_dashboard has no auto-name: dashboard_name is required)",
        },
    },
    "aws:appautoscaling/policy:Policy": {
        input: "name",
        minLength: 1,
        maxLength: 256,
        pattern: /^[\x20-\x7e]+$/,
        allowed: "printable ASCII characters",
        autoName: PROVIDER_DEFAULT,
        sources: {
            aws: "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html (PolicyName: length 1 to 256, pattern \\p{Print}+)",
            provider: PROVIDER_DEFAULT_SOURCE,
        },
    },
    "aws:budgets/budget:Budget": {
        input: "name",
        minLength: 1,
        maxLength: 100,
        pattern: /^[^:\\]+$/,
        allowed: 'any characters except ":" and "\\"',
        forbidden: [{ pattern: /\/action\//, says: 'must not contain "/action/"' }],
        autoName: PROVIDER_DEFAULT,
        prefix: { input: "namePrefix", maxLength: 100 - PREFIX_SUFFIX },
        sources: {
            aws: 'https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html (BudgetName: length 1 to 100; the ":" and "\\" characters and the "/action/" substring aren\'t allowed)',
            provider: PROVIDER_DEFAULT_SOURCE,
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:kms/alias:Alias": {
        input: "name",
        minLength: 1,
        maxLength: 256,
        pattern: /^[a-zA-Z0-9:/_-]+$/,
        allowed: "letters, digits and :/_-",
        forbidden: [
            { pattern: /^(?!alias\/)/, says: 'must begin with "alias/"' },
            { pattern: /^alias\/aws\//, says: 'must not begin with "alias/aws/" (reserved for AWS managed keys)' },
        ],
        autoName: { separator: "-", randomLength: 7, maxLength: 238, prepend: "alias/" },
        prefix: { input: "namePrefix", maxLength: 256 - PREFIX_SUFFIX },
        sources: {
            aws: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html (AliasName: length 1 to 256, pattern ^[a-zA-Z0-9:/_-]+$, begins with alias/, never alias/aws/)",
            provider:
                'pulumi/pulumi-aws: provider/resources.go (aws_kms_alias: AutoNameWithCustomOptions Separator "-", Maxlen 238, Randlen 7, PostTransform prepends "alias/")',
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:rds/instance:Instance": {
        input: "identifier",
        minLength: 1,
        maxLength: 63,
        pattern: LETTERS_DIGITS_HYPHENS,
        allowed: "letters, digits and hyphens",
        forbidden: [FIRST_LETTER, NO_TRAILING_HYPHEN, NO_DOUBLE_HYPHEN],
        // resource.NewUniqueHex(name, 7, 255): no separator between the name and the hex digits.
        autoName: { separator: "", randomLength: 7, maxLength: 255 },
        prefix: { input: "identifierPrefix", maxLength: 63 - PREFIX_SUFFIX },
        sources: {
            aws: `${API.rds}/API_CreateDBInstance.html (DBInstanceIdentifier: 1 to 63 letters, numbers, or hyphens; first character a letter; can't end with a hyphen or contain two consecutive hyphens)`,
            provider:
                "pulumi/pulumi-aws: provider/resources.go (aws_db_instance identifier: resource.NewUniqueHex(name, 7, 255), 3 and 15 for SQL Server)",
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:rds/parameterGroup:ParameterGroup": {
        input: "name",
        minLength: 1,
        maxLength: 255,
        pattern: LETTERS_DIGITS_HYPHENS,
        allowed: "letters, digits and hyphens",
        forbidden: [FIRST_LETTER, NO_TRAILING_HYPHEN, NO_DOUBLE_HYPHEN],
        autoName: PROVIDER_DEFAULT,
        prefix: { input: "namePrefix", maxLength: 255 - PREFIX_SUFFIX },
        sources: {
            aws: `${API.rds}/API_CreateDBParameterGroup.html (DBParameterGroupName: 1 to 255 letters, numbers, or hyphens; first character a letter; can't end with a hyphen or contain two consecutive hyphens)`,
            provider: PROVIDER_DEFAULT_SOURCE,
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:rds/subnetGroup:SubnetGroup": {
        input: "name",
        minLength: 1,
        maxLength: 255,
        pattern: /^[A-Za-z0-9._ -]+$/,
        allowed: "letters, digits, periods, underscores, spaces and hyphens",
        forbidden: [FIRST_LETTER, { pattern: /^default$/i, says: 'must not be "default"' }],
        autoName: PROVIDER_DEFAULT,
        prefix: { input: "namePrefix", maxLength: 255 - PREFIX_SUFFIX },
        sources: {
            aws: `${API.rds}/API_CreateDBSubnetGroup.html (DBSubnetGroupName: no more than 255 letters, numbers, periods, underscores, spaces, or hyphens; must not be default; first character a letter)`,
            provider: PROVIDER_DEFAULT_SOURCE,
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:rds/eventSubscription:EventSubscription": {
        input: "name",
        minLength: 1,
        // "The name must be less than 255 characters."
        maxLength: 254,
        autoName: PROVIDER_DEFAULT,
        prefix: { input: "namePrefix", maxLength: 254 - PREFIX_SUFFIX },
        sources: {
            aws: `${API.rds}/API_CreateEventSubscription.html (SubscriptionName: "The name must be less than 255 characters")`,
            provider: PROVIDER_DEFAULT_SOURCE,
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        input: "replicationGroupId",
        minLength: 1,
        maxLength: 40,
        pattern: LETTERS_DIGITS_HYPHENS,
        allowed: "letters, digits and hyphens",
        forbidden: [FIRST_LETTER, NO_TRAILING_HYPHEN, NO_DOUBLE_HYPHEN],
        autoName: { separator: "-", randomLength: 7, maxLength: 40, lowercase: true },
        sources: {
            aws: `${API.elasticache}/API_CreateReplicationGroup.html (ReplicationGroupId: 1 to 40 alphanumeric characters or hyphens; first character a letter; can't end with a hyphen or contain two consecutive hyphens; stored lowercase)`,
            provider:
                'pulumi/pulumi-aws: provider/resources.go (aws_elasticache_replication_group: tfbridge.AutoNameTransform("replicationGroupId", 40, strings.ToLower))',
        },
    },
    "aws:elasticache/subnetGroup:SubnetGroup": {
        input: "name",
        minLength: 1,
        maxLength: 255,
        pattern: LETTERS_DIGITS_HYPHENS,
        allowed: "letters, digits and hyphens",
        autoName: PROVIDER_DEFAULT,
        sources: {
            aws: `${API.elasticache}/API_CreateCacheSubnetGroup.html (CacheSubnetGroupName: no more than 255 alphanumeric characters or hyphens; stored lowercase)`,
            provider: PROVIDER_DEFAULT_SOURCE,
        },
    },
    "aws:s3/bucket:Bucket": {
        input: "bucket",
        minLength: 3,
        maxLength: 63,
        pattern: /^[a-z0-9.-]+$/,
        allowed: "lowercase letters, digits, periods and hyphens",
        lowercase: true,
        forbidden: [
            { pattern: /^[^A-Za-z0-9]|[^A-Za-z0-9]$/, says: "must begin and end with a letter or digit" },
            { pattern: /\.\./, says: "must not contain two adjacent periods" },
            { pattern: /^\d+\.\d+\.\d+\.\d+$/, says: "must not be formatted as an IP address" },
            {
                pattern: /^(xn--|sthree-|amzn-s3-demo-)/,
                says: 'must not begin with "xn--", "sthree-" or "amzn-s3-demo-"',
            },
            {
                pattern: /(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/,
                says: 'must not end with "-s3alias", "--ol-s3", ".mrap", "--x-s3" or "--table-s3"',
            },
        ],
        autoName: { separator: "-", randomLength: 7, maxLength: 63, lowercase: true },
        prefix: { input: "bucketPrefix", maxLength: 37 },
        sources: {
            aws: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (general purpose buckets: 3 to 63 characters; lowercase letters, numbers, periods and hyphens; begin and end with a letter or number; no two adjacent periods; not an IP address; reserved prefixes and suffixes)",
            provider:
                'pulumi/pulumi-aws: provider/resources.go (aws_s3_bucket: tfbridge.AutoNameTransform("bucket", 63, strings.ToLower))',
            prefix: 'pulumi/pulumi-aws: sdk/nodejs/s3/bucket.ts (bucketPrefix: "less than or equal to 37 characters")',
        },
    },
    "aws:secretsmanager/secret:Secret": {
        input: "name",
        minLength: 1,
        maxLength: 512,
        pattern: /^[A-Za-z0-9/_+=.@-]+$/,
        allowed: "ASCII letters, digits and /_+=.@-",
        autoName: PROVIDER_DEFAULT,
        prefix: { input: "namePrefix", maxLength: 512 - PREFIX_SUFFIX },
        sources: {
            aws: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html (Name: length 1 to 512; ASCII letters, numbers and /_+=.@-)",
            provider: PROVIDER_DEFAULT_SOURCE,
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:ssm/parameter:Parameter": {
        input: "name",
        minLength: 1,
        // 1011 characters including the ARN before the name, which in ca-central-1 is the 48 of
        // "arn:aws:ssm:ca-central-1:<12-digit account>:parameter/".
        maxLength: 1011 - 48,
        pattern: /^[A-Za-z0-9_.\-/]+$/,
        allowed: "letters, digits and _.-/",
        forbidden: [
            { pattern: /^\/?(aws|ssm)/i, says: 'must not begin with "aws" or "ssm"' },
            { pattern: /^(?:[^/]*\/){16}/, says: "must not be more than 15 levels deep" },
        ],
        autoName: PROVIDER_DEFAULT,
        sources: {
            aws: 'https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html (Name: a-zA-Z0-9_.- and "/"; not prefixed with aws or ssm; at most 15 levels; "The maximum length for a parameter name that you specify is 1011 characters", the ARN before the name included)',
            provider: PROVIDER_DEFAULT_SOURCE,
        },
    },
    "aws:servicediscovery/httpNamespace:HttpNamespace": {
        input: "name",
        minLength: 1,
        maxLength: 1024,
        pattern: /^[!-~]+$/,
        allowed: "printable ASCII characters other than spaces",
        forbidden: [{ pattern: /^arn:/, says: 'must not begin with "arn:"' }],
        autoName: PROVIDER_DEFAULT,
        sources: {
            aws: "https://docs.aws.amazon.com/cloud-map/latest/api/API_CreateHttpNamespace.html (Name: length up to 1024, pattern ^(?!arn:)[!-~]{1,1024}$)",
            provider: PROVIDER_DEFAULT_SOURCE,
        },
    },
    "aws:sns/topic:Topic": {
        input: "name",
        minLength: 1,
        maxLength: 256,
        pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/,
        allowed: 'ASCII letters, digits, underscores and hyphens (and ".fifo" at the end of a FIFO topic)',
        autoName: { separator: "-", randomLength: 7, maxLength: 80 },
        prefix: { input: "namePrefix", maxLength: 256 - PREFIX_SUFFIX },
        sources: {
            aws: "https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html (Name: uppercase and lowercase ASCII letters, numbers, underscores and hyphens, 1 to 256 characters; .fifo suffix for FIFO topics)",
            provider:
                'pulumi/pulumi-aws: provider/resources.go (aws_sns_topic: AutoNameWithCustomOptions Separator "-", Maxlen 80, Randlen 7, ".fifo" appended for FIFO topics)',
            prefix: PREFIX_SOURCE,
        },
    },
    "aws:route53/record:Record": {
        input: "name",
        minLength: 1,
        maxLength: 1024,
        allowed: "a DNS name",
        sources: {
            aws: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html (Name: DNSName, maximum length 1024)",
            provider:
                'pulumi/pulumi-aws: provider/resources.go (aws_route53_record: "Do not autoname Route53 records, as the name of these is actually the true domain name")',
        },
    },
};
