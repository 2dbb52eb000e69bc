/**
 * The `Observability` component's dashboard body, as data: pure functions of the component's args,
 * testable without Pulumi mocks. The component serialises the result with `pulumi.jsonStringify`,
 * which resolves the inputs (such as the ALB's ARN suffix) it contains.
 */
import type { ObservabilityArgs } from "./args";
import { API_SERVICE, APP_NAMESPACE, GUIDE_PERIOD_SECONDS, QUEUE_BACKLOG_METRIC } from "./constants";

/** The `ObservabilityArgs` fields the dashboard reads. */
export type DashboardArgs = Pick<
    ObservabilityArgs,
    | "region"
    | "clusterName"
    | "loadBalancerArnSuffix"
    | "databaseIdentifier"
    | "cacheReplicationGroupId"
    | "services"
    | "tags"
>;

/** One placed widget of the dashboard body (CloudWatch's dashboard body structure). */
export interface DashboardWidget {
    /** Always `metric`: every widget charts metrics. */
    readonly type: "metric";
    /** Column of the widget's left edge, in grid units (0 or 12). */
    readonly x: number;
    /** Row of the widget's top edge, in grid units. */
    readonly y: number;
    /** Width in grid units (half the 24-unit grid). */
    readonly width: number;
    /** Height in grid units. */
    readonly height: number;
    /** The metric widget's properties: metrics, period, stat, region, title. */
    readonly properties: Record<string, unknown>;
}

/**
 * The widgets' properties, in order: the guide's "API Service Metrics" widget first, then the other
 * services, the ALB, RDS, Redis, the application's `FraudDetector/ProcessingTime` and the worker's
 * `FraudDetector/QueueBacklog`.
 */
export function dashboardWidgets(args: DashboardArgs): Record<string, unknown>[] {
    const region = args.region;
    const cluster = args.clusterName;
    const loadBalancer = args.loadBalancerArnSuffix;
    const rds = args.databaseIdentifier;
    const serviceWidget = (service: string, title: string) => ({
        metrics: [
            ["AWS/ECS", "CPUUtilization", "ServiceName", service, "ClusterName", cluster],
            ["AWS/ECS", "MemoryUtilization", "ServiceName", service, "ClusterName", cluster],
        ],
        period: GUIDE_PERIOD_SECONDS,
        stat: "Average",
        region,
        title,
    });
    // Every member node of the group (`<id>-001`, `-002`, ...): a search, since the count varies.
    const redisSearch = (id: string, metricName: string, stat: string) => ({
        expression: `SEARCH('{AWS/ElastiCache,CacheClusterId} MetricName="${metricName}" CacheClusterId=${args.cacheReplicationGroupId}', '${stat}', ${GUIDE_PERIOD_SECONDS})`,
        id,
    });
    return [
        // The guide's widget as it is, plus ClusterName: ECS publishes service metrics only with both.
        serviceWidget(API_SERVICE, "API Service Metrics"),
        ...Object.keys(args.services)
            .filter((service) => service !== API_SERVICE)
            .map((service) => serviceWidget(service, `${service} Service Metrics`)),
        {
            metrics: [
                ["AWS/ApplicationELB", "HTTPCode_Target_4XX_Count", "LoadBalancer", loadBalancer],
                ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", loadBalancer],
            ],
            period: GUIDE_PERIOD_SECONDS,
            stat: "Sum",
            region,
            title: "Load Balancer Errors",
        },
        {
            metrics: [["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", loadBalancer]],
            period: GUIDE_PERIOD_SECONDS,
            stat: "Average",
            region,
            title: "Load Balancer Latency",
        },
        {
            metrics: [
                ["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", rds],
                ["AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", rds, { yAxis: "right" }],
            ],
            period: GUIDE_PERIOD_SECONDS,
            stat: "Average",
            region,
            title: "Database CPU and Connections",
        },
        {
            metrics: [["AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", rds]],
            period: GUIDE_PERIOD_SECONDS,
            stat: "Minimum",
            region,
            title: "Database Free Storage",
        },
        {
            metrics: [
                [redisSearch("cpu", "EngineCPUUtilization", "Average")],
                [redisSearch("memory", "DatabaseMemoryUsagePercentage", "Average")],
            ],
            period: GUIDE_PERIOD_SECONDS,
            region,
            title: "Redis Engine CPU and Memory",
        },
        {
            metrics: [[redisSearch("evictions", "Evictions", "Sum")]],
            period: GUIDE_PERIOD_SECONDS,
            region,
            title: "Redis Evictions",
        },
        {
            // The application's own metric (guide: Troubleshooting › Debugging Tools).
            metrics: [[APP_NAMESPACE, "ProcessingTime"]],
            period: GUIDE_PERIOD_SECONDS,
            stat: "Average",
            region,
            title: "Processing Time",
        },
        {
            // The worker's own metric: jobs waiting (guide: Troubleshooting › Queue Backlog).
            metrics: [[APP_NAMESPACE, QUEUE_BACKLOG_METRIC, "Environment", args.tags.Environment]],
            period: GUIDE_PERIOD_SECONDS,
            stat: "Maximum",
            region,
            title: "Worker Queue Backlog",
        },
    ];
}

/** The dashboard body: `dashboardWidgets` laid out in two columns of 12 x 6. */
export function dashboardBody(args: DashboardArgs): { widgets: DashboardWidget[] } {
    // Two columns of 12 x 6; CloudWatch would stack unplaced widgets anyway.
    return {
        widgets: dashboardWidgets(args).map((properties, i) => ({
            type: "metric",
            x: (i % 2) * 12,
            y: Math.floor(i / 2) * 6,
            width: 12,
            height: 6,
            properties,
        })),
    };
}
