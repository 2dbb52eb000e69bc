/**
 * The `Observability` component's alarm table, as data: pure functions of the component's args,
 * testable without Pulumi mocks. The component adds the wiring every alarm shares (name suffix,
 * actions, tags) when it registers each `aws.cloudwatch.MetricAlarm`.
 */
import type { Input } from "@pulumi/pulumi";
import { HIGH_ERROR_RATE, HIGH_LATENCY } from "../../../facts/guide/alarms";
import type { ObservabilityArgs } from "./args";
import { APP_NAMESPACE, GUIDE_PERIOD_SECONDS, QUEUE_BACKLOG_METRIC } from "./constants";

/** RDS free storage below which the database alarm fires: 10 GiB, in bytes. */
const MIN_FREE_STORAGE_BYTES = 10 * 1024 ** 3;

/** Seconds a Redis replica may trail its primary before reads from it go stale enough to page. */
const MAX_REPLICATION_LAG_SECONDS = 5;

/** Jobs waiting in the worker's queue above which the guide's Queue Backlog runbook applies. */
const MAX_QUEUE_BACKLOG = 500;

/** Target 5XX a minute, summed over blue and green, above which a release rolls back. */
const MAX_RELEASE_SERVER_ERRORS_PER_MINUTE = 5;

/**
 * The alarms an api blue/green deployment rolls back on: the new revision's server errors and
 * unhealthy targets. Not the guide's HighErrorRate: clients' 4XX say nothing about a release.
 */
export const ROLLBACK_ALARM_BASE_NAMES = ["FraudDetector-ReleaseServerErrors", "FraudDetector-UnhealthyHosts"] as const;

/** One alarm of the table: everything but the wiring every alarm shares (actions, tags). */
export interface AlarmSpec {
    /** Suffix of the logical name. */
    readonly key: string;
    /** The name before the environment suffix, e.g. `FraudDetector-HighLatency`. */
    readonly baseName: string;
    /** The alarm's description (`alarmDescription`). */
    readonly description: string;
    /** The CloudWatch namespace of the metric, e.g. `AWS/ApplicationELB`. */
    readonly namespace: string;
    /** The metric's name within its namespace. */
    readonly metricName: string;
    /** The statistic evaluated per period. */
    readonly statistic: "Sum" | "Average" | "Minimum" | "Maximum";
    /** Seconds per evaluated period. */
    readonly period: number;
    /** How many consecutive periods must breach before the alarm fires. */
    readonly evaluationPeriods: number;
    /** The value the statistic is compared with. */
    readonly threshold: number;
    /** How the statistic is compared with the threshold. */
    readonly comparisonOperator: "GreaterThanThreshold" | "LessThanThreshold";
    /** The metric's dimensions. */
    readonly dimensions: Record<string, Input<string>>;
    /** `notBreaching` for ALB metrics, silent when there is no traffic; `missing` elsewhere. */
    readonly treatMissingData: "notBreaching" | "missing";
    /**
     * When set, the alarm is metric math: the metric once per dimension set (each merged over
     * `dimensions`), combined with `expression` (`SUM([m0, m1])`, `MAX([m0, m1])`).
     */
    readonly across?: {
        readonly expression: "SUM" | "MAX";
        readonly dimensionSets: readonly Record<string, Input<string>>[];
    };
}

/** The `ObservabilityArgs` fields the alarm table reads. */
export type AlarmTableArgs = Pick<
    ObservabilityArgs,
    | "loadBalancerArnSuffix"
    | "targetGroupArnSuffixes"
    | "clusterName"
    | "services"
    | "databaseIdentifier"
    | "cacheReplicationGroupId"
    | "cacheNodeCount"
    | "tags"
>;

/**
 * The alarms, as data: the guide's two first (`FraudDetector-HighErrorRate`, `FraudDetector-HighLatency`),
 * then ALB target 5XX; the release's server errors (target 5XX summed over blue and green, per
 * minute: the api's blue/green rollback alarm); unhealthy hosts in whichever of blue and green
 * has them (MAX over both, so the alarm follows the group in service); RDS CPU and free storage, Redis engine CPU and memory,
 * Redis replication lag when the group has replicas, the worker's queue backlog (guide:
 * Troubleshooting › Queue Backlog), and running tasks below the desired count per service whose
 * desired count is above 0.
 *
 * No RDS replica-lag alarm: the database has no read replica. Its Multi-AZ standby is synchronous
 * and publishes no `ReplicaLag`; an alarm on it would sit in INSUFFICIENT_DATA forever.
 */
export function alarmSpecs(args: AlarmTableArgs): AlarmSpec[] {
    const alb = { namespace: "AWS/ApplicationELB", treatMissingData: "notBreaching" as const };
    const loadBalancer = { LoadBalancer: args.loadBalancerArnSuffix };
    // Blue and green: ECS moves the traffic between them at every release, so an alarm on one
    // group would watch an empty group half the time. Metric math over both follows the traffic
    // with one alarm, one name and one runbook section; a group without targets publishes
    // nothing and drops out of the expression.
    const eachTargetGroup = args.targetGroupArnSuffixes.map((suffix) => ({ TargetGroup: suffix }));
    const database = { namespace: "AWS/RDS", treatMissingData: "missing" as const };
    const rdsInstance = { DBInstanceIdentifier: args.databaseIdentifier };
    // ElastiCache publishes per node, by CacheClusterId (and CacheNodeId); it has no
    // ReplicationGroupId dimension. A cluster-mode-disabled group's members are `<id>-001`,
    // `-002`, ...; `-001` is the one every stack has (the first primary). Replicas mirror its
    // data, so its memory speaks for them; the dashboard charts every member.
    const cache = {
        namespace: "AWS/ElastiCache",
        treatMissingData: "missing" as const,
        dimensions: { CacheClusterId: `${args.cacheReplicationGroupId}-001` },
    };
    const percentAbove80 = {
        statistic: "Average" as const,
        period: GUIDE_PERIOD_SECONDS,
        evaluationPeriods: 2,
        threshold: 80,
        comparisonOperator: "GreaterThanThreshold" as const,
    };
    return [
        {
            ...alb,
            key: "high-error-rate",
            baseName: HIGH_ERROR_RATE.name,
            description: `Guide: HighErrorRate. More than ${HIGH_ERROR_RATE.threshold} target 4XX responses in two 5-minute periods.`,
            // The guide's `4XXError` is an API Gateway metric that ALBs never publish; this is the
            // ALB's count of 4XX responses from the api's targets.
            metricName: HIGH_ERROR_RATE.metricName,
            statistic: HIGH_ERROR_RATE.statistic,
            period: HIGH_ERROR_RATE.period,
            evaluationPeriods: HIGH_ERROR_RATE.evaluationPeriods,
            threshold: HIGH_ERROR_RATE.threshold,
            comparisonOperator: "GreaterThanThreshold",
            dimensions: loadBalancer,
        },
        {
            ...alb,
            key: "high-latency",
            baseName: HIGH_LATENCY.name,
            description: `Guide: HighLatency. Average target response time above ${HIGH_LATENCY.threshold} s in two 5-minute periods.`,
            metricName: HIGH_LATENCY.metricName,
            statistic: HIGH_LATENCY.statistic,
            period: HIGH_LATENCY.period,
            evaluationPeriods: HIGH_LATENCY.evaluationPeriods,
            threshold: HIGH_LATENCY.threshold,
            comparisonOperator: "GreaterThanThreshold",
            dimensions: loadBalancer,
        },
        {
            ...alb,
            key: "server-errors",
            baseName: "FraudDetector-HighServerErrorRate",
            description: "More than 5 target 5XX responses in each of two 5-minute periods.",
            metricName: "HTTPCode_Target_5XX_Count",
            statistic: "Sum",
            period: GUIDE_PERIOD_SECONDS,
            evaluationPeriods: 2,
            threshold: 5,
            comparisonOperator: "GreaterThanThreshold",
            dimensions: loadBalancer,
        },
        {
            ...alb,
            key: "release-server-errors",
            baseName: "FraudDetector-ReleaseServerErrors",
            description: `More than ${MAX_RELEASE_SERVER_ERRORS_PER_MINUTE} target 5XX a minute, blue and green together, for three minutes. Rolls an api deployment back during its bake.`,
            metricName: "HTTPCode_Target_5XX_Count",
            statistic: "Sum",
            period: 60,
            evaluationPeriods: 3,
            threshold: MAX_RELEASE_SERVER_ERRORS_PER_MINUTE,
            comparisonOperator: "GreaterThanThreshold",
            dimensions: loadBalancer,
            across: { expression: "SUM", dimensionSets: eachTargetGroup },
        },
        {
            ...alb,
            key: "unhealthy-hosts",
            baseName: "FraudDetector-UnhealthyHosts",
            description:
                "An api target, in blue or green, failed its health checks for two minutes. Rolls an api deployment back during its bake.",
            metricName: "UnHealthyHostCount",
            statistic: "Maximum",
            period: 60,
            evaluationPeriods: 2,
            threshold: 0,
            comparisonOperator: "GreaterThanThreshold",
            dimensions: loadBalancer,
            across: { expression: "MAX", dimensionSets: eachTargetGroup },
        },
        {
            ...database,
            ...percentAbove80,
            key: "database-cpu",
            baseName: "FraudDetector-DatabaseHighCpu",
            description: "RDS CPU above 80% for 10 minutes (guide: High Latency, verify database performance).",
            metricName: "CPUUtilization",
            dimensions: rdsInstance,
        },
        {
            ...database,
            key: "database-storage",
            baseName: "FraudDetector-DatabaseLowStorage",
            description: "RDS free storage below 10 GiB.",
            metricName: "FreeStorageSpace",
            statistic: "Minimum",
            period: GUIDE_PERIOD_SECONDS,
            evaluationPeriods: 1,
            threshold: MIN_FREE_STORAGE_BYTES,
            comparisonOperator: "LessThanThreshold",
            dimensions: rdsInstance,
        },
        {
            ...cache,
            ...percentAbove80,
            key: "cache-cpu",
            baseName: "FraudDetector-CacheHighCpu",
            description: "Redis engine CPU above 80% for 10 minutes.",
            metricName: "EngineCPUUtilization",
        },
        {
            ...cache,
            ...percentAbove80,
            key: "cache-memory",
            baseName: "FraudDetector-CacheHighMemory",
            description: "Redis memory above 80% of maxmemory for 10 minutes: evictions follow.",
            metricName: "DatabaseMemoryUsagePercentage",
        },
        // Only replicas publish ReplicationLag; a single-node group has none to watch.
        ...(args.cacheNodeCount >= 2
            ? [
                  {
                      ...cache,
                      key: "cache-replication-lag",
                      baseName: "FraudDetector-CacheReplicationLag",
                      description: `A Redis replica trailed its primary by more than ${MAX_REPLICATION_LAG_SECONDS} s for 10 minutes.`,
                      metricName: "ReplicationLag",
                      statistic: "Maximum" as const,
                      period: GUIDE_PERIOD_SECONDS,
                      evaluationPeriods: 2,
                      threshold: MAX_REPLICATION_LAG_SECONDS,
                      comparisonOperator: "GreaterThanThreshold" as const,
                      // The first replica: `-001` is the primary the group starts with.
                      dimensions: { CacheClusterId: `${args.cacheReplicationGroupId}-002` },
                  },
              ]
            : []),
        {
            key: "queue-backlog",
            baseName: "FraudDetector-QueueBacklog",
            description: `More than ${MAX_QUEUE_BACKLOG} jobs waited in the worker's queue for 10 minutes (guide: Troubleshooting, Queue Backlog).`,
            namespace: APP_NAMESPACE,
            metricName: QUEUE_BACKLOG_METRIC,
            statistic: "Maximum",
            period: GUIDE_PERIOD_SECONDS,
            evaluationPeriods: 2,
            threshold: MAX_QUEUE_BACKLOG,
            comparisonOperator: "GreaterThanThreshold",
            // Per environment: staging and production may share an account and so the namespace.
            dimensions: { Environment: args.tags.Environment },
            // Until the worker publishes the metric the alarm shows INSUFFICIENT_DATA, not a false OK.
            treatMissingData: "missing",
        },
        // A service at 0 desired tasks has nothing to fall below.
        ...Object.entries(args.services)
            .filter(([, { desiredCount }]) => desiredCount > 0)
            .map(([service, { desiredCount }]): AlarmSpec => ({
                key: `${service}-tasks`,
                baseName: `FraudDetector-RunningTasksLow-${service}`,
                description: `${service} ran fewer than its ${desiredCount} desired tasks for 5 minutes.`,
                // Published only with Container Insights, which the cluster enables.
                namespace: "ECS/ContainerInsights",
                metricName: "RunningTaskCount",
                statistic: "Minimum",
                period: 60,
                evaluationPeriods: 5,
                threshold: desiredCount,
                comparisonOperator: "LessThanThreshold",
                dimensions: { ClusterName: args.clusterName, ServiceName: service },
                treatMissingData: "missing",
            })),
    ];
}
