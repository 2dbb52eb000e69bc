import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { mergeTags, Tags } from "./tags";

/** Arguments of the `Observability` component. */
export interface ObservabilityArgs {
    /** The environment's title in names: `Production` gives the guide's `FraudDetector-Production`. */
    readonly environmentTitle: string;
    /** Whether this is production: the guide's alarm names are used as they are only there. */
    readonly production: boolean;
    /** The stack's region, for the dashboard's widgets. */
    readonly region: string;
    /** Who is paged (`fraud-detector:alerts.email`). */
    readonly alertEmail: string;
    /** The customer-managed key the alarm topic is encrypted with. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The ALB's ARN suffix (the `LoadBalancer` dimension). */
    readonly loadBalancerArnSuffix: pulumi.Input<string>;
    /** The api target group's ARN suffix (the `TargetGroup` dimension). */
    readonly targetGroupArnSuffix: pulumi.Input<string>;
    /** The ECS cluster's name. */
    readonly clusterName: string;
    /** The services (physical names) and the task count each should run. */
    readonly services: Readonly<Record<string, { readonly desiredCount: number }>>;
    /** The RDS instance identifier. */
    readonly databaseIdentifier: string;
    /** The RDS instance, for its event subscription. */
    readonly databaseArn: pulumi.Input<string>;
    /** The replication group id. */
    readonly cacheReplicationGroupId: string;
    /** The stack's base tags. */
    readonly tags: Tags;
}

/** The service the guide's dashboard widget charts ("API Service Metrics"). */
const API_SERVICE = "fraud-api";
/** The period of the guide's alarms and widget, in seconds. */
const GUIDE_PERIOD_SECONDS = 300;
/** RDS free storage below which the database alarm fires: 10 GiB, in bytes. */
const MIN_FREE_STORAGE_BYTES = 10 * 1024 ** 3;
/** The RDS event categories the subscription forwards (rds-hardening-extras). */
const RDS_EVENT_CATEGORIES = ["failure", "maintenance", "configuration change"];

/** One alarm of the table: everything but the wiring every alarm shares (actions, tags). */
interface AlarmSpec {
    /** Suffix of the logical name. */
    readonly key: string;
    /** The name before the environment suffix, e.g. `FraudDetector-HighLatency`. */
    readonly baseName: string;
    readonly description: string;
    readonly namespace: string;
    readonly metricName: string;
    readonly statistic: "Sum" | "Average" | "Minimum" | "Maximum";
    /** Seconds per evaluated period. */
    readonly period: number;
    readonly evaluationPeriods: number;
    readonly threshold: number;
    readonly comparisonOperator: "GreaterThanThreshold" | "LessThanThreshold";
    readonly dimensions: Record<string, pulumi.Input<string>>;
    /** `notBreaching` for ALB metrics, silent when there is no traffic; `missing` elsewhere. */
    readonly treatMissingData: "notBreaching" | "missing";
}

/**
 * The stack's monitoring and alerting (guide: Monitoring & Observability, Alerting, Troubleshooting):
 *
 * 1. an SNS topic `<clusterName>-alarms`, encrypted with the stack's key, whose policy lets only
 *    CloudWatch and AWS Budgets of this account publish, and an e-mail subscription to `alertEmail`;
 * 2. the guide's alarms `FraudDetector-HighErrorRate` and `FraudDetector-HighLatency` on the ALB, plus
 *    ALB target 5XX and unhealthy hosts, RDS CPU and free storage, Redis engine CPU and memory, and
 *    running tasks below the desired count per service; every alarm notifies the topic on ALARM and OK.
 *    Outside production each name ends with `-<Env>`, so stacks sharing an account do not collide;
 * 3. the dashboard `FraudDetector-<Env>`: the guide's "API Service Metrics" widget first, then the
 *    other services, the ALB, RDS, Redis and the application's `FraudDetector/ProcessingTime`;
 * 4. an RDS event subscription (failure, maintenance, configuration change) to the topic.
 *
 * AWS sends a confirmation e-mail to `alertEmail`; nothing is delivered until someone clicks its link.
 * The guide's Queue Backlog troubleshooting has no alarm: the stack creates no queue resource (such as
 * SQS) whose depth CloudWatch publishes; add one when the worker's queue has a metric.
 *
 * Cost: $0.10 per standard-resolution alarm per month (11 with three services: $1.10); $3.00 per
 * dashboard per month beyond the account's first three (free tier: 3 dashboards of up to 50 metrics);
 * SNS e-mail notifications and KMS requests are negligible at alarm volumes.
 *
 * @example
 * new Observability("prod-observability", { environmentTitle: "Production", production: true, ... });
 */
export class Observability extends pulumi.ComponentResource {
    /** The SNS topic every alarm notifies. */
    public readonly alarmTopicArn: pulumi.Output<string>;
    /** The name of the guide's HighErrorRate alarm (the api's blue/green deploys roll back on it). */
    public readonly highErrorRateAlarmName: string;
    /** The dashboard's name. */
    public readonly dashboardName: string;

    private readonly args: ObservabilityArgs;

    constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:operations:Observability", name, {}, opts);
        this.validate(args);
        this.args = args;
        this.highErrorRateAlarmName = this.alarmName("FraudDetector-HighErrorRate");
        this.dashboardName = `FraudDetector-${args.environmentTitle}`;

        const topic = this.createTopic(name);
        this.createTopicPolicy(name, topic);
        this.createEmailSubscription(name, topic);
        for (const spec of this.alarmSpecs()) {
            this.createAlarm(name, spec, topic);
        }
        this.createDashboard(name);
        this.createDatabaseEventSubscription(name, topic);

        this.alarmTopicArn = topic.arn;
        this.registerOutputs({
            alarmTopicArn: this.alarmTopicArn,
            highErrorRateAlarmName: this.highErrorRateAlarmName,
            dashboardName: this.dashboardName,
        });
    }

    private validate(args: ObservabilityArgs): void {
        const problems: string[] = [];
        if (!(API_SERVICE in args.services)) {
            problems.push(
                `services: ${JSON.stringify(Object.keys(args.services))} given; the guide's dashboard charts "${API_SERVICE}", which must be one of them`,
            );
        }
        for (const [service, { desiredCount }] of Object.entries(args.services)) {
            if (!Number.isInteger(desiredCount) || desiredCount < 0) {
                problems.push(`services.${service}.desiredCount: ${desiredCount} given; expected a whole number >= 0`);
            }
        }
        if (problems.length > 0) {
            throw new pulumi.ResourceError(problems.join("\n"), this);
        }
    }

    /** The guide's name in production; elsewhere suffixed with the environment (`-Staging`). */
    private alarmName(baseName: string): string {
        return this.args.production ? baseName : `${baseName}-${this.args.environmentTitle}`;
    }

    private createTopic(name: string): aws.sns.Topic {
        const topicName = `${this.args.clusterName}-alarms`;
        return new aws.sns.Topic(
            `${name}-alarms`,
            {
                name: topicName,
                // The stack's key, whose policy lets CloudWatch use it: the AWS-managed SNS key would not.
                kmsMasterKeyId: this.args.kmsKeyArn,
                tags: mergeTags(this.args.tags, { Name: topicName }),
            },
            { parent: this },
        );
    }

    private createTopicPolicy(name: string, topic: aws.sns.Topic): aws.sns.TopicPolicy {
        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        return new aws.sns.TopicPolicy(
            `${name}-alarms-policy`,
            {
                arn: topic.arn,
                // Replaces SNS's default policy; the account's own principals still act through IAM.
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "AlarmsAndBudgetsOfThisAccount",
                            Effect: "Allow",
                            Principal: { Service: ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"] },
                            Action: "sns:Publish",
                            Resource: topic.arn,
                            // Without it any account's alarms or budgets could post here (confused deputy).
                            Condition: { StringEquals: { "aws:SourceAccount": account } },
                        },
                    ],
                }),
            },
            { parent: this },
        );
    }

    private createEmailSubscription(name: string, topic: aws.sns.Topic): aws.sns.TopicSubscription {
        return new aws.sns.TopicSubscription(
            `${name}-alarms-email`,
            { topic: topic.arn, protocol: "email", endpoint: this.args.alertEmail },
            { parent: this },
        );
    }

    /** The alarms, as data: the guide's two first, then ours. */
    private alarmSpecs(): AlarmSpec[] {
        const args = this.args;
        const alb = { namespace: "AWS/ApplicationELB", treatMissingData: "notBreaching" as const };
        const loadBalancer = { LoadBalancer: args.loadBalancerArnSuffix };
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
                baseName: "FraudDetector-HighErrorRate",
                description: "Guide: HighErrorRate. More than 10 target 4XX responses in two 5-minute periods.",
                // The guide's `4XXError` is an API Gateway metric that ALBs never publish; this is the
                // ALB's count of 4XX responses from the api's targets.
                metricName: "HTTPCode_Target_4XX_Count",
                statistic: "Sum",
                period: GUIDE_PERIOD_SECONDS,
                evaluationPeriods: 2,
                threshold: 10,
                comparisonOperator: "GreaterThanThreshold",
                dimensions: loadBalancer,
            },
            {
                ...alb,
                key: "high-latency",
                baseName: "FraudDetector-HighLatency",
                description: "Guide: HighLatency. Average target response time above 5 s in two 5-minute periods.",
                metricName: "TargetResponseTime",
                statistic: "Average",
                period: GUIDE_PERIOD_SECONDS,
                evaluationPeriods: 2,
                threshold: 5.0,
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
                key: "unhealthy-hosts",
                baseName: "FraudDetector-UnhealthyHosts",
                description: "An api target failed its health checks for two minutes.",
                metricName: "UnHealthyHostCount",
                statistic: "Maximum",
                period: 60,
                evaluationPeriods: 2,
                threshold: 0,
                comparisonOperator: "GreaterThanThreshold",
                dimensions: { TargetGroup: args.targetGroupArnSuffix, ...loadBalancer },
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

    private createAlarm(name: string, spec: AlarmSpec, topic: aws.sns.Topic): aws.cloudwatch.MetricAlarm {
        const alarmName = this.alarmName(spec.baseName);
        return new aws.cloudwatch.MetricAlarm(
            `${name}-${spec.key}`,
            {
                name: alarmName,
                alarmDescription: spec.description,
                namespace: spec.namespace,
                metricName: spec.metricName,
                dimensions: spec.dimensions,
                statistic: spec.statistic,
                period: spec.period,
                evaluationPeriods: spec.evaluationPeriods,
                threshold: spec.threshold,
                comparisonOperator: spec.comparisonOperator,
                treatMissingData: spec.treatMissingData,
                actionsEnabled: true,
                alarmActions: [topic.arn],
                okActions: [topic.arn],
                tags: mergeTags(this.args.tags, { Name: alarmName }),
            },
            { parent: this },
        );
    }

    private createDashboard(name: string): aws.cloudwatch.Dashboard {
        const args = this.args;
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
        const widgets: Record<string, unknown>[] = [
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
                metrics: [["FraudDetector", "ProcessingTime"]],
                period: GUIDE_PERIOD_SECONDS,
                stat: "Average",
                region,
                title: "Processing Time",
            },
        ];
        return new aws.cloudwatch.Dashboard(
            `${name}-dashboard`,
            {
                dashboardName: this.dashboardName,
                // Two columns of 12 x 6; CloudWatch would stack unplaced widgets anyway.
                dashboardBody: pulumi.jsonStringify({
                    widgets: widgets.map((properties, i) => ({
                        type: "metric",
                        x: (i % 2) * 12,
                        y: Math.floor(i / 2) * 6,
                        width: 12,
                        height: 6,
                        properties,
                    })),
                }),
            },
            { parent: this },
        );
    }

    private createDatabaseEventSubscription(name: string, topic: aws.sns.Topic): aws.rds.EventSubscription {
        // The identifier, taken once the instance exists: RDS rejects a subscription to an unknown source.
        const instanceId = pulumi.output(this.args.databaseArn).apply(() => this.args.databaseIdentifier);
        return new aws.rds.EventSubscription(
            `${name}-database-events`,
            {
                snsTopic: topic.arn,
                sourceType: "db-instance",
                sourceIds: [instanceId],
                eventCategories: RDS_EVENT_CATEGORIES,
                enabled: true,
                tags: mergeTags(this.args.tags),
            },
            { parent: this },
        );
    }
}
