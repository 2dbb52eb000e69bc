import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describedWithRunbook } from "./alarm-runbook";
import type { ObservabilityArgs } from "./args";
import { type AlarmSpec, alarmSpecs, ROLLBACK_ALARM_BASE_NAMES } from "./alarm-table";
import { dashboardBody } from "./dashboard-body";
import { API_SERVICE, TOPIC_PUBLISHERS } from "./constants";
import { mergeTags } from "../../tags";

/** The RDS event categories the subscription forwards (rds-hardening-extras). */
const RDS_EVENT_CATEGORIES = ["failure", "maintenance", "configuration change"];

/**
 * The stack's monitoring and alerting (guide: Monitoring & Observability, Alerting, Troubleshooting):
 *
 * 1. an SNS topic `<clusterName>-alarms`, encrypted with the stack's key, whose policy lets only
 *    CloudWatch and AWS Budgets of this account publish, and an e-mail subscription to `alertEmail`;
 * 2. the guide's alarms `FraudDetector-HighErrorRate` and `FraudDetector-HighLatency` on the ALB, plus
 *    ALB target 5XX, the release's server errors and unhealthy hosts over both target groups (the
 *    api's rollback alarms), RDS CPU and free storage, Redis engine CPU and memory, and
 *    running tasks below the desired count per service; every alarm notifies the topic on ALARM and OK.
 *    Outside production each name ends with `-<Env>`, so stacks sharing an account do not collide.
 *    Each description ends with the path of the alarm's section in `docs/runbooks/alarms.md`;
 * 3. the dashboard `FraudDetector-<Env>`: the guide's "API Service Metrics" widget first, then the
 *    other services, the ALB, RDS, Redis and the application's `FraudDetector/ProcessingTime`;
 * 4. an RDS event subscription (failure, maintenance, configuration change) to the topic.
 *
 * AWS sends a confirmation e-mail to `alertEmail`; nothing is delivered until someone clicks its link.
 * The guide's Queue Backlog troubleshooting has no alarm: the stack creates no queue resource (such as
 * SQS) whose depth CloudWatch publishes; add one when the worker's queue has a metric.
 *
 * Cost: $0.10 per standard-resolution alarm metric per month, metric math billed per metric it
 * reads (production: 14 alarms, two of them over two metrics, so 16: $1.60); $3.00 per
 * dashboard per month beyond the account's first three (free tier: 3 dashboards of up to 50 metrics);
 * SNS e-mail notifications and KMS requests are negligible at alarm volumes.
 *
 * @example
 * new Observability("prod-observability", { environmentTitle: "Production", production: true, ... });
 */
export class Observability extends pulumi.ComponentResource {
    /** The SNS topic every alarm notifies. */
    public readonly alarmTopicArn: pulumi.Output<string>;
    /** The alarms the api's blue/green deployments roll back on (release server errors, unhealthy hosts). */
    public readonly rollbackAlarmNames: readonly string[];
    /** The dashboard's name. */
    public readonly dashboardName: string;

    private readonly args: ObservabilityArgs;

    constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:operations:Observability", name, {}, opts);
        this.validate(args);
        this.args = args;
        this.rollbackAlarmNames = ROLLBACK_ALARM_BASE_NAMES.map((baseName) => this.alarmName(baseName));
        this.dashboardName = `FraudDetector-${args.environmentTitle}`;

        const topic = this.createTopic(name);
        this.createTopicPolicy(name, topic);
        this.createEmailSubscription(name, topic);
        for (const spec of alarmSpecs(args)) {
            this.createAlarm(name, spec, topic);
        }
        this.createDashboard(name);
        this.createDatabaseEventSubscription(name, topic);

        this.alarmTopicArn = topic.arn;
        this.registerOutputs({
            alarmTopicArn: this.alarmTopicArn,
            rollbackAlarmNames: this.rollbackAlarmNames,
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
                            Sid: "PublishersOfThisAccount",
                            Effect: "Allow",
                            // A custom policy replaces SNS's default one, which is what let RDS events in.
                            Principal: { Service: [...TOPIC_PUBLISHERS] },
                            Action: "sns:Publish",
                            Resource: topic.arn,
                            // Without it any account's alarms, budgets or databases could post here (confused deputy).
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

    private createAlarm(name: string, spec: AlarmSpec, topic: aws.sns.Topic): aws.cloudwatch.MetricAlarm {
        const alarmName = this.alarmName(spec.baseName);
        return new aws.cloudwatch.MetricAlarm(
            `${name}-${spec.key}`,
            {
                name: alarmName,
                alarmDescription: describedWithRunbook(spec.description, spec.baseName),
                ...metricOf(spec),
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
        return new aws.cloudwatch.Dashboard(
            `${name}-dashboard`,
            {
                dashboardName: this.dashboardName,
                dashboardBody: pulumi.jsonStringify(dashboardBody(this.args)),
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

/**
 * The metric inputs of one alarm: the single metric of `spec`, or, with `spec.across`, one query
 * per dimension set and the expression over them (the only query that returns data).
 */
export function metricOf(
    spec: AlarmSpec,
): Pick<
    aws.cloudwatch.MetricAlarmArgs,
    "namespace" | "metricName" | "dimensions" | "statistic" | "period" | "metricQueries"
> {
    if (spec.across === undefined) {
        return {
            namespace: spec.namespace,
            metricName: spec.metricName,
            dimensions: spec.dimensions,
            statistic: spec.statistic,
            period: spec.period,
        };
    }
    const ids = spec.across.dimensionSets.map((_, i) => `m${i}`);
    return {
        metricQueries: [
            ...spec.across.dimensionSets.map((set, i) => ({
                id: ids[i],
                metric: {
                    namespace: spec.namespace,
                    metricName: spec.metricName,
                    dimensions: { ...spec.dimensions, ...set },
                    stat: spec.statistic,
                    period: spec.period,
                },
                returnData: false,
            })),
            {
                id: "e1",
                expression: `${spec.across.expression}([${ids.join(", ")}])`,
                label: `${spec.metricName} (${spec.across.expression}, blue and green)`,
                returnData: true,
            },
        ],
    };
}
