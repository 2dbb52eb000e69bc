import { strict as assert } from "assert";
import type { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { onlyOf, planAllowingViolations, resourcesOf, STACKS } from "../helpers/plan";
import { named, sourceOf } from "../helpers/relations";

// These tests read the plan built under mocks: they prove what the program asks CloudWatch, SNS and
// RDS for, not that AWS accepts it, that the metrics exist under these dimensions, or that anyone
// confirmed the e-mail subscription (nothing is delivered until they do).

const TOPIC = "aws:sns/topic:Topic";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const EVENT_SUBSCRIPTION = "aws:rds/eventSubscription:EventSubscription";
const KMS_KEY = "aws:kms/key:Key";
const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
const RDS_INSTANCE = "aws:rds/instance:Instance";
const ACCOUNT = "111122223333";
/**
 * The rules this component answers for. `alarms-per-guide` reports a missing alarm on the load
 * balancer and `dashboard-per-guide` on the stack, so these are matched by rule, not by URN.
 */
const OWN_RULES = ["alarms-per-guide", "alarms-have-actions", "dashboard-per-guide", "sns-topic-not-public"];

/** Per stack: the names' suffix, the name prefix (cluster, database, topic) and the stack file's e-mail. */
const EXPECTED = {
    production: {
        suffix: "",
        title: "Production",
        prefix: "fraud-detector-prod",
        email: "fraud-platform-oncall@example.com",
    },
    staging: {
        suffix: "-Staging",
        title: "Staging",
        prefix: "fraud-detector-staging",
        email: "fraud-platform-staging@example.com",
    },
    local: { suffix: "-Local", title: "Local", prefix: "fraud-detector-local", email: "developer@example.com" },
} as const;

const planFor = (stack: string): PlanDocument => planAllowingViolations(stack);

/** Whether a resource belongs to the Observability component (its URN carries the component's name). */
const ofComponent = (urn: string | null) => urn !== null && urn.includes("-observability");

/** The alarm whose physical name is `name`; fails unless exactly one has it. */
function alarmNamed(plan: PlanDocument, name: string): PlanResource {
    const found = resourcesOf(plan, ALARM).filter((alarm) => alarm.inputs.name === name);
    assert.equal(found.length, 1, `expected one alarm named ${name}, found ${found.length}`);
    return found[0];
}

/** The metric definition of an alarm: the inputs the guide's Alerting section fixes, and the dimensions. */
function metricOf(alarm: PlanResource): Record<string, unknown> {
    const { namespace, metricName, statistic, period, evaluationPeriods, threshold, comparisonOperator } = alarm.inputs;
    const { dimensions, treatMissingData } = alarm.inputs;
    return {
        namespace,
        metricName,
        statistic,
        period,
        evaluationPeriods,
        threshold,
        comparisonOperator,
        dimensions,
        treatMissingData,
    };
}

/** A dashboard's widgets, parsed from its JSON body. */
function widgetsOf(dashboard: PlanResource): Array<{ type: string; properties: Record<string, unknown> }> {
    return (JSON.parse(dashboard.inputs.dashboardBody as string) as { widgets: [] }).widgets;
}

describe("Observability", () => {
    for (const stack of STACKS) {
        const expected = EXPECTED[stack];
        const errorRateName = `FraudDetector-HighErrorRate${expected.suffix}`;
        const latencyName = `FraudDetector-HighLatency${expected.suffix}`;
        const dashboardName = `FraudDetector-${expected.title}`;

        describe(`in ${stack}`, () => {
            const plan = () => planFor(stack);
            const topic = () => onlyOf(plan(), TOPIC);
            const topicArn = `arn:aws:sns:ca-central-1:${ACCOUNT}:${expected.prefix}-alarms`;
            const albSuffix = () => onlyOf(plan(), LOAD_BALANCER).outputs.arnSuffix;

            it(`names the guide's error-rate alarm ${errorRateName}, with the guide's values on the ALB's 4XX count`, () =>
                assert.deepEqual(metricOf(alarmNamed(plan(), errorRateName)), {
                    namespace: "AWS/ApplicationELB",
                    // The guide's 4XXError is an API Gateway metric; this is the ALB's.
                    metricName: "HTTPCode_Target_4XX_Count",
                    statistic: "Sum",
                    period: 300,
                    evaluationPeriods: 2,
                    threshold: 10,
                    comparisonOperator: "GreaterThanThreshold",
                    dimensions: { LoadBalancer: albSuffix() },
                    treatMissingData: "notBreaching",
                }));

            it(`names the guide's latency alarm ${latencyName}, with the guide's values`, () =>
                assert.deepEqual(metricOf(alarmNamed(plan(), latencyName)), {
                    namespace: "AWS/ApplicationELB",
                    metricName: "TargetResponseTime",
                    statistic: "Average",
                    period: 300,
                    evaluationPeriods: 2,
                    threshold: 5.0,
                    comparisonOperator: "GreaterThanThreshold",
                    dimensions: { LoadBalancer: albSuffix() },
                    treatMissingData: "notBreaching",
                }));

            it("points both guide alarms at the stack's load balancer", () => {
                const alb = onlyOf(plan(), LOAD_BALANCER);
                for (const name of [errorRateName, latencyName]) {
                    assert.equal(sourceOf(plan(), alarmNamed(plan(), name), "dimensions", LOAD_BALANCER)?.urn, alb.urn);
                }
            });

            it("has exactly the table's alarms, each named for the environment", () =>
                assert.deepEqual(
                    resourcesOf(plan(), ALARM)
                        .map((alarm) => alarm.inputs.name as string)
                        .sort(),
                    [
                        `FraudDetector-CacheHighCpu${expected.suffix}`,
                        `FraudDetector-CacheHighMemory${expected.suffix}`,
                        // Only production's Redis has replicas (3 nodes); staging and local run one node.
                        ...(stack === "production" ? ["FraudDetector-CacheReplicationLag"] : []),
                        `FraudDetector-DatabaseHighCpu${expected.suffix}`,
                        `FraudDetector-DatabaseLowStorage${expected.suffix}`,
                        errorRateName,
                        latencyName,
                        `FraudDetector-HighServerErrorRate${expected.suffix}`,
                        `FraudDetector-QueueBacklog${expected.suffix}`,
                        `FraudDetector-ReleaseServerErrors${expected.suffix}`,
                        `FraudDetector-RunningTasksLow-fraud-api${expected.suffix}`,
                        `FraudDetector-RunningTasksLow-fraud-ml${expected.suffix}`,
                        `FraudDetector-RunningTasksLow-fraud-worker${expected.suffix}`,
                        `FraudDetector-UnhealthyHosts${expected.suffix}`,
                    ],
                ));

            for (const [alarm, metricName, stat, expression, evaluationPeriods, threshold] of [
                ["ReleaseServerErrors", "HTTPCode_Target_5XX_Count", "Sum", "SUM", 3, 5],
                ["UnhealthyHosts", "UnHealthyHostCount", "Maximum", "MAX", 2, 0],
            ] as const) {
                it(`computes FraudDetector-${alarm} as ${expression} of ${metricName} over blue and green, so it follows the live group`, () => {
                    const found = alarmNamed(plan(), `FraudDetector-${alarm}${expected.suffix}`).inputs;
                    const groups = ["-blue", "-green"].map(
                        (colour) => named(plan(), "aws:lb/targetGroup:TargetGroup", colour).outputs.arnSuffix,
                    );
                    assert.deepEqual(
                        [found.namespace, found.metricName, found.dimensions, found.statistic, found.period],
                        [undefined, undefined, undefined, undefined, undefined],
                    );
                    assert.deepEqual(
                        [found.evaluationPeriods, found.threshold, found.comparisonOperator, found.treatMissingData],
                        [evaluationPeriods, threshold, "GreaterThanThreshold", "notBreaching"],
                    );
                    assert.deepEqual(found.metricQueries, [
                        ...groups.map((group, i) => ({
                            id: `m${i}`,
                            metric: {
                                namespace: "AWS/ApplicationELB",
                                metricName,
                                dimensions: { LoadBalancer: albSuffix(), TargetGroup: group },
                                stat,
                                period: 60,
                            },
                            returnData: false,
                        })),
                        {
                            id: "e1",
                            expression: `${expression}([m0, m1])`,
                            label: `${metricName} (${expression}, blue and green)`,
                            returnData: true,
                        },
                    ]);
                });
            }

            it("ends every alarm's description with its section of docs/runbooks/alarms.md, named without the environment", () => {
                for (const alarm of resourcesOf(plan(), ALARM)) {
                    const base = String(alarm.inputs.name).replace(/-(Staging|Local)$/, "");
                    assert.ok(
                        String(alarm.inputs.alarmDescription).endsWith(
                            ` Runbook: docs/runbooks/alarms.md#${base.toLowerCase()}`,
                        ),
                        String(alarm.inputs.alarmDescription),
                    );
                    assert.ok(String(alarm.inputs.alarmDescription).length <= 1024);
                }
            });

            it("watches the worker's queue backlog: more than 500 jobs (Maximum) in two 5-minute periods, per environment", () =>
                assert.deepEqual(metricOf(alarmNamed(plan(), `FraudDetector-QueueBacklog${expected.suffix}`)), {
                    namespace: "FraudDetector",
                    metricName: "QueueBacklog",
                    statistic: "Maximum",
                    period: 300,
                    evaluationPeriods: 2,
                    threshold: 500,
                    comparisonOperator: "GreaterThanThreshold",
                    dimensions: { Environment: stack },
                    treatMissingData: "missing",
                }));

            it("makes every alarm notify the alarm topic on ALARM and on OK, with actions enabled", () => {
                for (const alarm of resourcesOf(plan(), ALARM)) {
                    const { actionsEnabled, alarmActions, okActions } = alarm.inputs;
                    assert.deepEqual(
                        { actionsEnabled, alarmActions, okActions },
                        { actionsEnabled: true, alarmActions: [topicArn], okActions: [topicArn] },
                        String(alarm.inputs.name),
                    );
                    assert.equal(sourceOf(plan(), alarm, "alarmActions", TOPIC)?.urn, topic().urn);
                    assert.equal(sourceOf(plan(), alarm, "okActions", TOPIC)?.urn, topic().urn);
                }
            });

            it(`names the topic ${expected.prefix}-alarms and encrypts it with the stack's data key`, () => {
                const key = onlyOf(plan(), KMS_KEY);
                assert.deepEqual(
                    { name: topic().inputs.name, kmsMasterKeyId: topic().inputs.kmsMasterKeyId },
                    { name: `${expected.prefix}-alarms`, kmsMasterKeyId: key.outputs.arn },
                );
                assert.equal(sourceOf(plan(), topic(), "kmsMasterKeyId", KMS_KEY)?.urn, key.urn);
            });

            it(`subscribes ${expected.email} to the topic by e-mail, and nothing else`, () => {
                const subscription = onlyOf(plan(), SUBSCRIPTION);
                assert.deepEqual(subscription.inputs, { topic: topicArn, protocol: "email", endpoint: expected.email });
                assert.equal(sourceOf(plan(), subscription, "topic", TOPIC)?.urn, topic().urn);
            });

            it("lets only CloudWatch alarms, AWS Budgets and RDS events of this account publish to the topic", () => {
                const policy = onlyOf(plan(), TOPIC_POLICY);
                assert.equal(policy.inputs.arn, topicArn);
                assert.equal(sourceOf(plan(), policy, "arn", TOPIC)?.urn, topic().urn);
                assert.deepEqual(JSON.parse(policy.inputs.policy as string), {
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "PublishersOfThisAccount",
                            Effect: "Allow",
                            Principal: {
                                Service: [
                                    "cloudwatch.amazonaws.com",
                                    "budgets.amazonaws.com",
                                    "events.rds.amazonaws.com",
                                ],
                            },
                            Action: "sns:Publish",
                            Resource: topicArn,
                            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
                        },
                    ],
                });
            });

            it(`names the dashboard ${dashboardName} and opens it with the guide's widget, plus ClusterName`, () => {
                const dashboard = onlyOf(plan(), DASHBOARD);
                assert.equal(dashboard.inputs.dashboardName, dashboardName);
                const { type, properties } = widgetsOf(dashboard)[0];
                assert.deepEqual(
                    { type, properties },
                    {
                        type: "metric",
                        properties: {
                            metrics: [
                                [
                                    "AWS/ECS",
                                    "CPUUtilization",
                                    "ServiceName",
                                    "fraud-api",
                                    "ClusterName",
                                    expected.prefix,
                                ],
                                [
                                    "AWS/ECS",
                                    "MemoryUtilization",
                                    "ServiceName",
                                    "fraud-api",
                                    "ClusterName",
                                    expected.prefix,
                                ],
                            ],
                            period: 300,
                            stat: "Average",
                            region: "ca-central-1",
                            title: "API Service Metrics",
                        },
                    },
                );
            });

            it("charts the other services, the ALB, RDS, Redis and FraudDetector/ProcessingTime after it", () => {
                const widgets = widgetsOf(onlyOf(plan(), DASHBOARD));
                assert.deepEqual(
                    widgets.map((widget) => widget.properties.title),
                    [
                        "API Service Metrics",
                        "fraud-worker Service Metrics",
                        "fraud-ml Service Metrics",
                        "Load Balancer Errors",
                        "Load Balancer Latency",
                        "Database CPU and Connections",
                        "Database Free Storage",
                        "Redis Engine CPU and Memory",
                        "Redis Evictions",
                        "Processing Time",
                        "Worker Queue Backlog",
                    ],
                );
                assert.deepEqual(widgets[widgets.length - 2].properties.metrics, [["FraudDetector", "ProcessingTime"]]);
                assert.deepEqual(widgets[widgets.length - 1].properties.metrics, [
                    ["FraudDetector", "QueueBacklog", "Environment", stack],
                ]);
            });

            it("sends the database instance's failure, maintenance and configuration events to the topic", () => {
                const subscription = onlyOf(plan(), EVENT_SUBSCRIPTION);
                const { sourceType, sourceIds, eventCategories, snsTopic, enabled } = subscription.inputs;
                assert.deepEqual(
                    { sourceType, sourceIds, eventCategories, snsTopic, enabled },
                    {
                        sourceType: "db-instance",
                        sourceIds: [expected.prefix],
                        eventCategories: ["failure", "maintenance", "configuration change"],
                        snsTopic: topicArn,
                        enabled: true,
                    },
                );
                assert.equal(sourceOf(plan(), subscription, "snsTopic", TOPIC)?.urn, topic().urn);
                assert.equal(
                    sourceOf(plan(), subscription, "sourceIds", RDS_INSTANCE)?.urn,
                    onlyOf(plan(), RDS_INSTANCE).urn,
                );
            });

            it("satisfies the rules it answers for, including findings they report on other resources", () =>
                assert.deepEqual(
                    plan().policy.violations.filter(
                        (v) =>
                            OWN_RULES.includes(v.policy) ||
                            (v.policy === "rds-hardening-extras" && v.message.includes("event subscription")),
                    ),
                    [],
                ));

            it("leaves no mandatory policy violation on its resources", () =>
                assert.deepEqual(
                    plan().policy.violations.filter((v) => ofComponent(v.urn) && v.enforcementLevel === "mandatory"),
                    [],
                ));

            it("leaves no advisory policy finding on its resources", () =>
                assert.deepEqual(
                    plan().policy.violations.filter((v) => ofComponent(v.urn) && v.enforcementLevel === "advisory"),
                    [],
                ));
        });
    }
    it("watches production's Redis replica (-002) for more than 5 s of replication lag over two 5-minute periods", () =>
        assert.deepEqual(metricOf(alarmNamed(planFor("production"), "FraudDetector-CacheReplicationLag")), {
            namespace: "AWS/ElastiCache",
            metricName: "ReplicationLag",
            statistic: "Maximum",
            period: 300,
            evaluationPeriods: 2,
            threshold: 5,
            comparisonOperator: "GreaterThanThreshold",
            dimensions: { CacheClusterId: "fraud-detector-prod-002" },
            treatMissingData: "missing",
        }));

    it("drops the replication-lag alarm when production's Redis is overridden to a single node", () => {
        const plan = planAllowingViolations("production", ["fraud-detector:cache.numCacheClusters=1"]);
        const names = resourcesOf(plan, ALARM).map((alarm) => alarm.inputs.name);
        assert.ok(!names.includes("FraudDetector-CacheReplicationLag"));
        assert.ok(names.includes("FraudDetector-CacheHighMemory"));
    });
});
