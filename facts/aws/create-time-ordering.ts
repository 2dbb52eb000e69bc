/**
 * What AWS checks about another resource when it creates one: a role's permissions, a bucket's
 * versioning or policy, a target group's listener, a capacity provider's registration, a log
 * group's existence. Pulumi creates resources in parallel unless one depends on the other, so each
 * pair here must be ordered: the dependent waits for its prerequisite, through an input or an
 * explicit `dependsOn`. Pure data with sources.
 *
 * @module
 */

import type { FactSource } from "./instance-network";

/** One ordering AWS imposes at create time. */
export interface CreateTimeOrdering {
    /** Identifies the pair in findings and tests. */
    readonly id: string;
    /** The type token of the resource AWS checks at its creation. */
    readonly dependent: string;
    /** The type token(s) of what must exist first. */
    readonly prerequisite: readonly string[];
    /** What AWS checks, and what happens without the order. */
    readonly because: string;
    /** Where AWS (or the provider that meets it) says so. */
    readonly source: FactSource;
}

/**
 * The pairs the program creates, each with its source. A `dependent` of one of these types that
 * meets the pair's condition must depend on the prerequisite (`policy/rules/ordering.ts` decides
 * the condition and finds the prerequisite for each id).
 */
export const CREATE_TIME_ORDERINGS: readonly CreateTimeOrdering[] = [
    {
        id: "rds-monitoring-role-policy",
        dependent: "aws:rds/instance:Instance",
        prerequisite: ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "aws:iam/rolePolicy:RolePolicy"],
        because:
            "RDS checks the enhanced-monitoring role's permissions when the instance is created: a role whose AmazonRDSEnhancedMonitoringRole attachment is not there yet is refused with InvalidParameterValue",
        source: {
            url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html",
            says: 'The monitoring role needs the AmazonRDSEnhancedMonitoringRole policy; without it CreateDBInstance fails with "InvalidParameterValue: IAM role ARN value is invalid or does not include the required permissions for: ENHANCED_MONITORING" (the error as reported in hashicorp/terraform#5455 and claranet/terraform-aws-aurora#23, the latter a create race with the attachment)',
        },
    },
    {
        id: "rds-log-groups",
        dependent: "aws:rds/instance:Instance",
        prerequisite: ["aws:cloudwatch/logGroup:LogGroup"],
        because:
            "RDS creates /aws/rds/instance/<identifier>/<log type> itself, with no retention and no key, as soon as it exports a log; the program's own log group created after that is refused with ResourceAlreadyExistsException",
        source: {
            url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Concepts.PostgreSQL.html",
            says: "Publishing PostgreSQL logs to CloudWatch Logs: RDS publishes each exported log type (postgresql, upgrade) as a stream in the log group /aws/rds/instance/<instance>/<log type>, the same naming the MySQL and MariaDB pages show (/aws/rds/instance/my_instance/slowquery); CreateLogGroup refuses an existing name with ResourceAlreadyExistsException (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html)",
        },
    },
    {
        id: "s3-replication-versioning",
        dependent: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
        prerequisite: ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"],
        because:
            "S3 refuses a replication configuration unless versioning is already enabled on the source and the destination bucket",
        source: {
            url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-requirements.html",
            says: 'Requirements for live replication: both the source and destination buckets must have S3 Versioning enabled; the provider\'s own example orders the replication configuration after the versioning (hashicorp/terraform-provider-aws:website/docs/r/s3_bucket_replication_configuration.html.markdown, "Must have bucket versioning enabled first")',
        },
    },
    {
        id: "ecs-service-target-group-listener",
        dependent: "aws:ecs/service:Service",
        prerequisite: [
            "aws:lb/listener:Listener",
            "aws:alb/listener:Listener",
            "aws:lb/listenerRule:ListenerRule",
            "aws:alb/listenerRule:ListenerRule",
        ],
        because:
            'ECS refuses a service whose target group no listener forwards to yet: InvalidParameterException "The target group ... does not have an associated load balancer"',
        source: {
            url: "hashicorp/terraform-provider-aws:internal/service/ecs/service.go",
            says: 'CreateService is retried on InvalidParameterException "does not have an associated load balancer", the error ECS returns while the target group is attached to no listener (also https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb.html: the target group is attached to the load balancer through a listener)',
        },
    },
    {
        id: "ecs-service-capacity-provider",
        dependent: "aws:ecs/service:Service",
        prerequisite: ["aws:ecs/clusterCapacityProviders:ClusterCapacityProviders"],
        because: "ECS refuses a capacity provider strategy that names a provider not yet associated with the cluster",
        source: {
            url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html",
            says: "A capacity provider must be associated with a cluster before it can be included as part of the default capacity provider strategy of the cluster or used in a capacity provider strategy (PutClusterCapacityProviders associates it)",
        },
    },
    {
        id: "alb-access-logs-bucket-policy",
        dependent: "aws:lb/loadBalancer:LoadBalancer",
        prerequisite: ["aws:s3/bucketPolicy:BucketPolicy"],
        because:
            "Elastic Load Balancing tests its write access to the log bucket when access logs are turned on, and refuses the attribute while the bucket policy does not grant it",
        source: {
            url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html",
            says: 'Enable access logs: when you enable access logs you specify the S3 bucket, and the bucket must have a bucket policy that grants Elastic Load Balancing permission to write to the bucket (without it ModifyLoadBalancerAttributes is refused: "Access Denied for bucket ... Please check S3bucket permission")',
        },
    },
];

/** The RDS log-group name of an exported log of instance `identifier`, as RDS names it. */
export function rdsLogGroupName(identifier: string, logType: string): string {
    return `/aws/rds/instance/${identifier}/${logType}`;
}
