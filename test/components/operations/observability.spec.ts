import { strict as assert } from "assert";
import { Observability } from "../../../components/operations/observability/observability";
import { ObservabilityArgs } from "../../../components/operations/observability/args";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
/** Production: the guide's task counts, three Redis nodes. */
const PRODUCTION: ObservabilityArgs = {
    environmentTitle: "Production",
    production: true,
    region: "ca-central-1",
    alertEmail: "oncall@example.com",
    kmsKeyArn: "arn:aws:kms:ca-central-1:111122223333:key/data",
    loadBalancerArnSuffix: "app/fraud-detector-prod/1",
    targetGroupArnSuffixes: ["targetgroup/fd-prod-blue/1", "targetgroup/fd-prod-green/2"],
    clusterName: "fraud-detector-prod",
    services: {
        "fraud-api": { desiredCount: 3 },
        "fraud-worker": { desiredCount: 2 },
        "fraud-ml": { desiredCount: 2 },
    },
    databaseIdentifier: "fraud-detector-prod",
    databaseArn: "arn:aws:rds:ca-central-1:111122223333:db:fraud-detector-prod",
    cacheReplicationGroupId: "fraud-detector-prod",
    cacheNodeCount: 3,
    tags: TAGS,
};
/** Staging: a single Redis node and a worker scaled to zero. */
const STAGING: ObservabilityArgs = {
    ...PRODUCTION,
    environmentTitle: "Staging",
    production: false,
    clusterName: "fraud-detector-staging",
    services: {
        "fraud-api": { desiredCount: 2 },
        "fraud-worker": { desiredCount: 0 },
        "fraud-ml": { desiredCount: 1 },
    },
    databaseIdentifier: "fraud-detector-staging",
    cacheReplicationGroupId: "fraud-detector-staging",
    cacheNodeCount: 1,
    tags: { ...TAGS, Environment: "staging" },
};

const build = (args: ObservabilityArgs) => () => new Observability("obs", args);
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const GUIDE_ALARMS = [
    "FraudDetector-HighErrorRate",
    "FraudDetector-HighLatency",
    "FraudDetector-HighServerErrorRate",
    "FraudDetector-ReleaseServerErrors",
    "FraudDetector-UnhealthyHosts",
    "FraudDetector-DatabaseHighCpu",
    "FraudDetector-DatabaseLowStorage",
    "FraudDetector-CacheHighCpu",
    "FraudDetector-CacheHighMemory",
    "FraudDetector-QueueBacklog",
];

describe("components/operations Observability (built in-process)", () => {
    const cases = [
        {
            title: "production: the guide's names, replication lag watched, every service's tasks",
            args: PRODUCTION,
            alarms: [
                ...GUIDE_ALARMS,
                "FraudDetector-CacheReplicationLag",
                "FraudDetector-RunningTasksLow-fraud-api",
                "FraudDetector-RunningTasksLow-fraud-worker",
                "FraudDetector-RunningTasksLow-fraud-ml",
            ],
            dashboard: "FraudDetector-Production",
            rollback: ["FraudDetector-ReleaseServerErrors", "FraudDetector-UnhealthyHosts"],
        },
        {
            title: "staging: names suffixed, no lag alarm for one node, none for a service at zero tasks",
            args: STAGING,
            alarms: [
                ...GUIDE_ALARMS,
                "FraudDetector-RunningTasksLow-fraud-api",
                "FraudDetector-RunningTasksLow-fraud-ml",
            ].map((name) => `${name}-Staging`),
            dashboard: "FraudDetector-Staging",
            rollback: ["FraudDetector-ReleaseServerErrors-Staging", "FraudDetector-UnhealthyHosts-Staging"],
        },
    ];
    for (const c of cases) {
        describe(c.title, () => {
            const built = builtOnce(build(c.args));

            it("creates the topic, its policy and e-mail subscription, the alarms, the dashboard and RDS events", async () => {
                const { children, parentName, ofType } = await built();
                assert.deepEqual(
                    children
                        .filter((r) => r.type !== ALARM)
                        .map((r) => `${r.type} ${r.name}`)
                        .sort(),
                    [
                        "aws:cloudwatch/dashboard:Dashboard obs-dashboard",
                        "aws:rds/eventSubscription:EventSubscription obs-database-events",
                        "aws:sns/topic:Topic obs-alarms",
                        "aws:sns/topicPolicy:TopicPolicy obs-alarms-policy",
                        "aws:sns/topicSubscription:TopicSubscription obs-alarms-email",
                    ],
                );
                assert.deepEqual(
                    ofType(ALARM)
                        .map((a) => a.inputs.name)
                        .sort(),
                    [...c.alarms].sort(),
                );
                assert.ok(children.every((r) => parentName(r) === "obs"));
            });

            it("pages the e-mail address through the stack-key-encrypted topic, on alarm and on OK", async () => {
                const { child, ofType } = await built();
                const topic = child("aws:sns/topic:Topic", "obs-alarms").inputs;
                assert.deepEqual(
                    [topic.name, topic.kmsMasterKeyId],
                    [`${c.args.clusterName}-alarms`, PRODUCTION.kmsKeyArn],
                );
                const email = child("aws:sns/topicSubscription:TopicSubscription", "obs-alarms-email").inputs;
                assert.deepEqual([email.protocol, email.endpoint], ["email", "oncall@example.com"]);
                for (const alarm of ofType(ALARM)) {
                    assert.equal((alarm.inputs.alarmActions as string[]).length, 1);
                    assert.match(
                        String(alarm.inputs.alarmDescription),
                        / Runbook: docs\/runbooks\/alarms\.md#frauddetector-/,
                    );
                }
            });

            it("sets the guide's thresholds: HighErrorRate over 10, HighLatency over 5 s", async () => {
                const { child } = await built();
                assert.equal(child(ALARM, "obs-high-error-rate").inputs.threshold, 10);
                assert.equal(child(ALARM, "obs-high-latency").inputs.threshold, 5);
                assert.equal(
                    child(ALARM, "obs-fraud-api-tasks").inputs.threshold,
                    c.args.services["fraud-api"].desiredCount,
                );
            });

            it("outputs the dashboard's name and the alarms that roll an api deployment back", async () => {
                const { outputs, child } = await built();
                assert.equal(
                    child("aws:cloudwatch/dashboard:Dashboard", "obs-dashboard").inputs.dashboardName,
                    c.dashboard,
                );
                assert.deepEqual([outputs.dashboardName, outputs.rollbackAlarmNames], [c.dashboard, c.rollback]);
            });
        });
    }

    const LONG = "s".repeat(500);
    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<ObservabilityArgs>[] = [
        [
            "services without the api the dashboard charts",
            { services: { "fraud-worker": { desiredCount: 2 } } },
            'services: ["fraud-worker"] given; the guide\'s dashboard charts "fraud-api", which must be one of them',
        ],
        [
            "a negative desired count",
            { services: { "fraud-api": { desiredCount: -1 } } },
            "services.fraud-api.desiredCount: -1 given; expected a whole number >= 0",
        ],
        [
            "a fractional desired count",
            { services: { "fraud-api": { desiredCount: 1.5 } } },
            "services.fraud-api.desiredCount: 1.5 given; expected a whole number >= 0",
        ],
        [
            "several problems, one line each",
            { services: { "fraud-worker": { desiredCount: -2 } } },
            'services: ["fraud-worker"] given; the guide\'s dashboard charts "fraud-api", which must be one of them\n' +
                "services.fraud-worker.desiredCount: -2 given; expected a whole number >= 0",
        ],
        [
            "a service name that makes an alarm description longer than CloudWatch takes",
            { services: { "fraud-api": { desiredCount: 3 }, [LONG]: { desiredCount: 1 } } },
            `alarm FraudDetector-RunningTasksLow-${LONG}: description is 1114 characters with its runbook link; CloudWatch accepts at most 1024`,
        ],
        [
            "stack tags that would lose the topic's Name",
            { tags: { ...TAGS, Name: "shared" } },
            'tag Name is set by the stack to "shared" and cannot be changed to "fraud-detector-prod-alarms"',
        ],
    ];
    refusesEach(build, PRODUCTION, ARGUMENT_ERRORS);
});
