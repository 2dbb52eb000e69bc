import { strict as assert } from "assert";
import { PlanResource } from "../../plan/engine/contract";
import { levelsOf, messagesOf, resource, stackTags, violationsOf } from "./harness";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const TOPIC = "aws:sns/topic:Topic";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const KMS_KEY = "aws:kms/key:Key";
const BUDGET = "aws:budgets/budget:Budget";
const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
const ECS_SERVICE = "aws:ecs/service:Service";
const ECS_CLUSTER = "aws:ecs/cluster:Cluster";

const ACCOUNT = "123456789012";
const KEY_ARN = `arn:aws:kms:ca-central-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const TOPIC_ARN = `arn:aws:sns:ca-central-1:${ACCOUNT}:fraud-detector-alerts`;

type Doc = Record<string, unknown>;

/** A policy document of `statements`. */
function doc(...statements: Doc[]): Doc {
    return { Version: "2012-10-17", Statement: statements };
}

describe("policy: observability", () => {
    describe("log-group-retention", () => {
        const RULE = "log-group-retention";
        const logGroup = (props: Doc = {}, environment = "production") =>
            resource(LOG_GROUP, {
                name: "/ecs/fraud-api",
                retentionInDays: 30,
                tags: stackTags(environment),
                ...props,
            });

        it("passes a log group with an explicit retention", async () => {
            assert.deepEqual(await messagesOf([logGroup()], RULE), []);
        });

        it("rejects a production log group without retention (mandatory)", async () => {
            assert.deepEqual(await levelsOf([logGroup({ retentionInDays: undefined })], RULE), [
                [
                    "mandatory",
                    "retentionInDays is unset, so logs are kept (and billed) forever; set retentionInDays (e.g. 30, 365 in production)",
                ],
            ]);
        });

        it("only advises in local", async () => {
            assert.deepEqual(
                (await violationsOf([logGroup({ retentionInDays: undefined }, "local")], RULE)).map(
                    (v) => v.enforcementLevel,
                ),
                ["advisory"],
            );
        });

        it("rejects retention 0, which never expires", async () => {
            assert.deepEqual(await messagesOf([logGroup({ retentionInDays: 0 })], RULE), [
                "retentionInDays is 0 (never expire); set retentionInDays (e.g. 30, 365 in production)",
            ]);
        });
    });

    /** What the guide's two ALB alarms share (Monitoring & Observability › Alerting). */
    const ALB_ALARM = {
        namespace: "AWS/ApplicationELB",
        period: 300,
        evaluationPeriods: 2,
        comparisonOperator: "GreaterThanThreshold",
        dimensions: { LoadBalancer: "app/fraud-alb/50dc6c495c0c9188" },
        alarmActions: [TOPIC_ARN],
    };
    const ERROR_ALARM = {
        ...ALB_ALARM,
        name: "FraudDetector-HighErrorRate",
        metricName: "HTTPCode_Target_4XX_Count",
        statistic: "Sum",
        threshold: 10,
    };
    const LATENCY_ALARM = {
        ...ALB_ALARM,
        name: "FraudDetector-HighLatency",
        metricName: "TargetResponseTime",
        statistic: "Average",
        threshold: 5.0,
    };

    /** An alarm of `props`, whose alarmActions came from `topic` when given. */
    function alarm(props: Doc, topic: PlanResource | undefined, environment = "production"): PlanResource {
        return resource(
            ALARM,
            { ...props, tags: stackTags(environment) },
            { name: String(props.name), from: topic ? { alarmActions: [topic] } : {} },
        );
    }

    /** The guide's two ALB alarms, notifying `topic`. */
    function guideAlarms(topic: PlanResource, environment = "production"): PlanResource[] {
        return [alarm(ERROR_ALARM, topic, environment), alarm(LATENCY_ALARM, topic, environment)];
    }

    function alertTopic(environment = "production"): PlanResource {
        return resource(TOPIC, { name: "fraud-detector-alerts", tags: stackTags(environment) }, { name: "alerts" });
    }

    function emailSubscription(topic: PlanResource): PlanResource {
        return resource(
            SUBSCRIPTION,
            { topic: TOPIC_ARN, protocol: "email", endpoint: "oncall@example.com" },
            { from: { topic: [topic] } },
        );
    }

    /** The alert topic and the guide's alarms, with one property of the error alarm changed. */
    function withErrorAlarm(change: Doc): PlanResource[] {
        const topic = alertTopic();
        return [topic, alarm({ ...ERROR_ALARM, ...change }, topic), alarm(LATENCY_ALARM, topic)];
    }

    describe("alarms-per-guide", () => {
        const RULE = "alarms-per-guide";
        const loadBalancer = () =>
            resource(LOAD_BALANCER, { loadBalancerType: "application", tags: stackTags() }, { name: "fraud-alb" });

        it("passes the guide's two alarms on the ALB", async () => {
            const topic = alertTopic();
            assert.deepEqual(await messagesOf([loadBalancer(), topic, ...guideAlarms(topic)], RULE), []);
        });

        it("requires no alarm while the stack has no load balancer", async () => {
            assert.deepEqual(await messagesOf([alertTopic()], RULE), []);
        });

        it("rejects a load balancer without the latency alarm (mandatory, on the load balancer)", async () => {
            const lb = loadBalancer();
            const topic = alertTopic();
            const found = await violationsOf([lb, topic, guideAlarms(topic)[0]], RULE);
            assert.deepEqual(
                found.map((v) => [v.enforcementLevel, v.urn, v.message]),
                [
                    [
                        "mandatory",
                        lb.urn,
                        'no alarm FraudDetector-HighLatency watches the load balancer; create an aws.cloudwatch.MetricAlarm named "FraudDetector-HighLatency" on AWS/ApplicationELB TargetResponseTime Average, 300 s × 2, > 5.0, with dimensions.LoadBalancer',
                    ],
                ],
            );
        });

        it("rejects the guide's 4XXError metric, which ALBs never publish", async () => {
            assert.deepEqual(await messagesOf([loadBalancer(), ...withErrorAlarm({ metricName: "4XXError" })], RULE), [
                'alarm FraudDetector-HighErrorRate has metricName "4XXError", an API Gateway metric that ALBs never publish; set metricName: "HTTPCode_Target_4XX_Count" (or "HTTPCode_ELB_4XX_Count")',
            ]);
        });

        it("rejects an error alarm over a shorter period", async () => {
            assert.deepEqual(await messagesOf([loadBalancer(), ...withErrorAlarm({ period: 60 })], RULE), [
                "alarm FraudDetector-HighErrorRate has period 60; set period: 300",
            ]);
        });

        it("rejects an error alarm with a higher threshold", async () => {
            assert.deepEqual(await messagesOf([loadBalancer(), ...withErrorAlarm({ threshold: 50 })], RULE), [
                "alarm FraudDetector-HighErrorRate has threshold 50; set threshold: 10",
            ]);
        });

        it("rejects an alarm without the LoadBalancer dimension", async () => {
            assert.deepEqual(await messagesOf([loadBalancer(), ...withErrorAlarm({ dimensions: {} })], RULE), [
                "alarm FraudDetector-HighErrorRate has dimensions.LoadBalancer unset; set it to the load balancer's arnSuffix",
            ]);
        });
    });

    describe("alarms-have-actions", () => {
        const RULE = "alarms-have-actions";

        it("passes alarms notifying a subscribed topic of the stack", async () => {
            const topic = alertTopic();
            assert.deepEqual(await messagesOf([topic, emailSubscription(topic), ...guideAlarms(topic)], RULE), []);
        });

        it("rejects an alarm with actions disabled (mandatory)", async () => {
            const [topic, errors, latency] = withErrorAlarm({ actionsEnabled: false });
            assert.deepEqual(await levelsOf([topic, emailSubscription(topic), errors, latency], RULE), [
                [
                    "mandatory",
                    "alarm FraudDetector-HighErrorRate has actionsEnabled false; remove it or set actionsEnabled: true",
                ],
            ]);
        });

        it("rejects the guide's latency alarm, which has no action", async () => {
            const topic = alertTopic("staging");
            const errors = alarm(ERROR_ALARM, topic, "staging");
            const silent = alarm({ ...LATENCY_ALARM, alarmActions: undefined }, undefined, "staging");
            assert.deepEqual(await levelsOf([topic, emailSubscription(topic), errors, silent], RULE), [
                [
                    "mandatory",
                    "alarm FraudDetector-HighLatency notifies no SNS topic of this stack (alarmActions is unset); add the stack's alarm topic ARN to alarmActions",
                ],
            ]);
        });

        it("rejects an alarm notifying a topic ARN from outside the stack", async () => {
            const topic = alertTopic();
            const outside = resource(
                ALARM,
                {
                    name: "FraudDetector-Other",
                    alarmActions: ["arn:aws:sns:ca-central-1:999999999999:ops"],
                    tags: stackTags(),
                },
                { name: "other" },
            );
            assert.deepEqual(await messagesOf([topic, emailSubscription(topic), outside], RULE), [
                'alarm FraudDetector-Other notifies no SNS topic of this stack (alarmActions is ["arn:aws:sns:ca-central-1:999999999999:ops"]); add the stack\'s alarm topic ARN to alarmActions',
            ]);
        });

        it("rejects an alarm topic nobody is subscribed to (on the topic)", async () => {
            const topic = alertTopic();
            const found = await violationsOf([topic, ...guideAlarms(topic)], RULE);
            assert.deepEqual(
                found.map((v) => [v.urn, v.message]),
                [
                    [
                        topic.urn,
                        "topic alerts receives alarms but has no subscription; add an aws.sns.TopicSubscription (e.g. email to alerts.email)",
                    ],
                ],
            );
        });
    });

    describe("dashboard-per-guide", () => {
        const RULE = "dashboard-per-guide";
        const API_CPU = ["AWS/ECS", "CPUUtilization", "ClusterName", "fraud-detector-prod", "ServiceName", "fraud-api"];
        const API_MEMORY = [".", "MemoryUtilization", ".", ".", ".", "."];
        const body = (metrics: unknown[][], region = "ca-central-1") =>
            JSON.stringify({
                widgets: [{ type: "metric", properties: { metrics, period: 300, stat: "Average", region } }],
            });
        const dashboard = (dashboardBody: string, dashboardName = "FraudDetector-Production") =>
            resource(DASHBOARD, { dashboardName, dashboardBody }, { name: "dashboard" });
        const service = (environment = "production") =>
            resource(ECS_SERVICE, { name: "fraud-api", tags: stackTags(environment) }, { name: "fraud-api" });

        it("passes the guide's dashboard charting fraud-api CPU and memory", async () => {
            assert.deepEqual(await messagesOf([service(), dashboard(body([API_CPU, API_MEMORY]))], RULE), []);
        });

        it("names the staging dashboard FraudDetector-Staging", async () => {
            const staging = dashboard(body([API_CPU, API_MEMORY]), "FraudDetector-Staging");
            assert.deepEqual(await messagesOf([service("staging"), staging], RULE), []);
        });

        it("requires no dashboard while the stack has no ECS service", async () => {
            assert.deepEqual(await messagesOf([alertTopic()], RULE), []);
        });

        it("rejects a production stack whose dashboard has another name (mandatory)", async () => {
            const other = dashboard(body([API_CPU, API_MEMORY]), "fraud-ops");
            assert.deepEqual(await levelsOf([service(), other], RULE), [
                [
                    "mandatory",
                    'no dashboard is named "FraudDetector-Production" (found ["fraud-ops"]); create an aws.cloudwatch.Dashboard with dashboardName "FraudDetector-Production" charting fraud-api\'s AWS/ECS CPU and memory',
                ],
            ]);
        });

        it("only advises in staging, where the rule is production-only", async () => {
            assert.deepEqual(await levelsOf([service("staging")], RULE), [
                [
                    "advisory",
                    'no dashboard is named "FraudDetector-Staging"; create an aws.cloudwatch.Dashboard with dashboardName "FraudDetector-Staging" charting fraud-api\'s AWS/ECS CPU and memory',
                ],
            ]);
        });

        it("rejects a dashboard without fraud-api's memory", async () => {
            assert.deepEqual(await messagesOf([service(), dashboard(body([API_CPU]))], RULE), [
                'dashboard FraudDetector-Production does not chart AWS/ECS MemoryUtilization of ServiceName fraud-api in ca-central-1; add ["AWS/ECS", "MemoryUtilization", "ClusterName", <cluster>, "ServiceName", "fraud-api"] to a metric widget with region "ca-central-1"',
            ]);
        });

        it("rejects a dashboard charting another region", async () => {
            const messages = await messagesOf([service(), dashboard(body([API_CPU, API_MEMORY], "us-east-1"))], RULE);
            assert.deepEqual(messages, [
                'dashboard FraudDetector-Production does not chart AWS/ECS CPUUtilization of ServiceName fraud-api in ca-central-1; add ["AWS/ECS", "CPUUtilization", "ClusterName", <cluster>, "ServiceName", "fraud-api"] to a metric widget with region "ca-central-1"',
                'dashboard FraudDetector-Production does not chart AWS/ECS MemoryUtilization of ServiceName fraud-api in ca-central-1; add ["AWS/ECS", "MemoryUtilization", "ClusterName", <cluster>, "ServiceName", "fraud-api"] to a metric widget with region "ca-central-1"',
            ]);
        });
    });

    describe("sns-topic-not-public", () => {
        const RULE = "sns-topic-not-public";
        const publish = (service: string, condition: Doc | undefined) => ({
            Effect: "Allow",
            Principal: { Service: service },
            Action: "SNS:Publish",
            Resource: TOPIC_ARN,
            ...(condition ? { Condition: condition } : {}),
        });
        const SOURCE_ACCOUNT = { StringEquals: { "aws:SourceAccount": ACCOUNT } };
        const OWNER = {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: ["SNS:Publish", "SNS:Subscribe"],
            Resource: TOPIC_ARN,
        };
        const topicPolicy = (...statements: Doc[]) =>
            resource(TOPIC_POLICY, { arn: TOPIC_ARN, policy: doc(...statements) }, { name: "alerts-policy" });

        it("passes the account and the three publishing services under a source condition", async () => {
            const p = topicPolicy(
                OWNER,
                publish("cloudwatch.amazonaws.com", SOURCE_ACCOUNT),
                publish("budgets.amazonaws.com", SOURCE_ACCOUNT),
                publish("events.rds.amazonaws.com", SOURCE_ACCOUNT),
            );
            assert.deepEqual(await messagesOf([p], RULE), []);
        });

        it("passes a topic without a policy (AWS's default admits the owner only)", async () => {
            assert.deepEqual(await messagesOf([alertTopic()], RULE), []);
        });

        it("rejects a topic policy open to * (mandatory)", async () => {
            const open = { ...OWNER, Principal: "*" };
            assert.deepEqual(await levelsOf([topicPolicy(open)], RULE), [
                [
                    "mandatory",
                    'policy statement 1 lets any principal ("*") use the topic; allow only this account and cloudwatch.amazonaws.com / budgets.amazonaws.com / events.rds.amazonaws.com',
                ],
            ]);
        });

        it("rejects another account, judging a topic's own policy string", async () => {
            const other = { ...OWNER, Principal: { AWS: "999999999999" } };
            const topic = resource(
                TOPIC,
                { policy: JSON.stringify(doc(other)), tags: stackTags("local") },
                { name: "alerts" },
            );
            assert.deepEqual(await levelsOf([topic], RULE), [
                [
                    "advisory",
                    `policy statement 1 admits AWS "999999999999", outside account ${ACCOUNT}; allow only this account`,
                ],
            ]);
        });

        it("rejects CloudWatch publishing without a source condition", async () => {
            assert.deepEqual(await messagesOf([topicPolicy(publish("cloudwatch.amazonaws.com", undefined))], RULE), [
                "policy statement 1 lets cloudwatch.amazonaws.com publish without an aws:SourceAccount or aws:SourceArn condition; add one",
            ]);
        });

        it("rejects another service", async () => {
            assert.deepEqual(await messagesOf([topicPolicy(publish("s3.amazonaws.com", SOURCE_ACCOUNT))], RULE), [
                'policy statement 1 admits Service "s3.amazonaws.com"; only cloudwatch.amazonaws.com, budgets.amazonaws.com, events.rds.amazonaws.com may publish',
            ]);
        });

        it("rejects a publishing service allowed more than sns:Publish", async () => {
            const more = {
                ...publish("budgets.amazonaws.com", SOURCE_ACCOUNT),
                Action: ["SNS:Publish", "SNS:Subscribe"],
            };
            assert.deepEqual(await messagesOf([topicPolicy(more)], RULE), [
                'policy statement 1 lets budgets.amazonaws.com do ["SNS:Subscribe"]; allow the services only sns:Publish',
            ]);
        });
    });

    describe("telemetry-retention-and-encryption", () => {
        const RULE = "telemetry-retention-and-encryption";
        const ACCOUNT_ADMINISTERS = {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: "kms:*",
            Resource: "*",
        };
        const cloudWatchMayUse = JSON.stringify(
            doc(ACCOUNT_ADMINISTERS, {
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
            }),
        );
        const key = (policy: string = cloudWatchMayUse) =>
            resource(KMS_KEY, { enableKeyRotation: true, policy, tags: stackTags() }, { name: "alerts-key" });
        const encryptedTopic = (k: PlanResource) =>
            resource(
                TOPIC,
                { kmsMasterKeyId: KEY_ARN, tags: stackTags() },
                { name: "alerts", from: { kmsMasterKeyId: [k] } },
            );
        const logGroup = (props: Doc = {}, environment = "production") =>
            resource(
                LOG_GROUP,
                {
                    retentionInDays: 365,
                    kmsKeyId: KEY_ARN,
                    deletionProtectionEnabled: true,
                    tags: stackTags(environment),
                    ...props,
                },
                { name: "api-logs" },
            );

        it("passes a year-long, encrypted, protected production log group and a topic on a CloudWatch-usable key", async () => {
            const k = key();
            assert.deepEqual(await messagesOf([logGroup(), k, encryptedTopic(k)], RULE), []);
        });

        it("advises keeping production logs a year", async () => {
            assert.deepEqual(await levelsOf([logGroup({ retentionInDays: 30 })], RULE), [
                ["advisory", "retentionInDays is 30; keep production logs at least 365 days"],
            ]);
        });

        it("advises a KMS key on production logs", async () => {
            assert.deepEqual(await messagesOf([logGroup({ kmsKeyId: undefined })], RULE), [
                "kmsKeyId is unset; encrypt production logs with a customer KMS key (kmsKeyId)",
            ]);
        });

        it("advises deletion protection on production logs", async () => {
            assert.deepEqual(await messagesOf([logGroup({ deletionProtectionEnabled: undefined })], RULE), [
                "deletionProtectionEnabled is unset; set deletionProtectionEnabled: true",
            ]);
        });

        it("leaves staging log groups to log-group-retention", async () => {
            const staging = logGroup(
                { retentionInDays: 30, kmsKeyId: undefined, deletionProtectionEnabled: undefined },
                "staging",
            );
            assert.deepEqual(await messagesOf([staging], RULE), []);
        });

        it("advises encrypting an unencrypted topic", async () => {
            assert.deepEqual(await messagesOf([alertTopic()], RULE), [
                "kmsMasterKeyId is unset; encrypt the topic with a customer KMS key whose policy lets cloudwatch.amazonaws.com use it",
            ]);
        });

        it("rejects the AWS-managed SNS key, which blocks alarm delivery", async () => {
            const topic = resource(TOPIC, { kmsMasterKeyId: "alias/aws/sns", tags: stackTags() }, { name: "alerts" });
            assert.deepEqual(await messagesOf([topic], RULE), [
                'kmsMasterKeyId is "alias/aws/sns", the AWS-managed key, whose policy CloudWatch cannot use, so alarms would not be delivered; use a customer KMS key',
            ]);
        });

        it("rejects a key that CloudWatch may use but the budgets the topic admits may not", async () => {
            const k = key();
            const topic = encryptedTopic(k);
            const admitsBudgets = resource(
                TOPIC_POLICY,
                {
                    arn: TOPIC_ARN,
                    policy: JSON.stringify(
                        doc({
                            Effect: "Allow",
                            Principal: { Service: ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"] },
                            Action: "sns:Publish",
                            Resource: TOPIC_ARN,
                            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
                        }),
                    ),
                },
                { name: "alerts-policy", from: { arn: [topic] } },
            );
            assert.deepEqual(await messagesOf([k, topic, admitsBudgets], RULE), [
                "the topic's key alerts-key does not let budgets.amazonaws.com use it, so budget alerts would not be delivered; add a key policy statement allowing that service kms:Decrypt and kms:GenerateDataKey*",
            ]);
        });

        it("rejects a customer key whose policy leaves CloudWatch out", async () => {
            const k = key(JSON.stringify(doc(ACCOUNT_ADMINISTERS)));
            assert.deepEqual(await messagesOf([k, encryptedTopic(k)], RULE), [
                "the topic's key alerts-key does not let cloudwatch.amazonaws.com use it, so alarms would not be delivered; add a key policy statement allowing that service kms:Decrypt and kms:GenerateDataKey*",
            ]);
        });
    });

    describe("budget-per-guide", () => {
        const RULE = "budget-per-guide";
        const notification = (
            notificationType: string,
            to: Doc = { subscriberEmailAddresses: ["oncall@example.com"] },
        ) => ({
            notificationType,
            comparisonOperator: "GREATER_THAN",
            threshold: notificationType === "ACTUAL" ? 80 : 100,
            thresholdType: "PERCENTAGE",
            ...to,
        });
        const HAPPY = {
            budgetType: "COST",
            timeUnit: "MONTHLY",
            limitAmount: "3000",
            limitUnit: "USD",
            notifications: [
                notification("ACTUAL"),
                notification("FORECASTED", { subscriberSnsTopicArns: [TOPIC_ARN] }),
            ],
            tags: stackTags(),
        };
        const budget = (change: Doc = {}) => resource(BUDGET, { ...HAPPY, ...change }, { name: "monthly" });
        const cluster = () => resource(ECS_CLUSTER, { tags: stackTags("staging") }, { name: "cluster" });

        it("passes a monthly cost budget alerting on actual and forecasted spend", async () => {
            assert.deepEqual(await messagesOf([cluster(), budget()], RULE), []);
        });

        it("requires no budget while the stack has no ECS cluster", async () => {
            assert.deepEqual(await messagesOf([alertTopic()], RULE), []);
        });

        it("rejects a staging cluster without a budget (mandatory, on the cluster)", async () => {
            const c = cluster();
            const found = await violationsOf([c], RULE);
            assert.deepEqual(
                found.map((v) => [v.enforcementLevel, v.urn, v.message]),
                [
                    [
                        "mandatory",
                        c.urn,
                        "the stack runs an ECS cluster but has no AWS Budgets budget; create a monthly COST budget with ACTUAL and FORECASTED notifications to alerts.email",
                    ],
                ],
            );
        });

        it("requires no budget of a local cluster: no LocalStack plan emulates AWS Budgets", async () => {
            const local = resource(ECS_CLUSTER, { tags: stackTags("local") }, { name: "local-cluster" });
            assert.deepEqual(await messagesOf([local], RULE), []);
        });

        it("still judges a budget a local stack does create", async () => {
            const localBudget = resource(
                BUDGET,
                { ...HAPPY, timeUnit: "ANNUALLY", tags: stackTags("local") },
                { name: "local-monthly" },
            );
            assert.deepEqual(await levelsOf([localBudget], RULE), [
                ["advisory", 'timeUnit is "ANNUALLY"; set timeUnit: "MONTHLY"'],
            ]);
        });

        it("rejects a usage budget", async () => {
            assert.deepEqual(await messagesOf([budget({ budgetType: "USAGE" })], RULE), [
                'budgetType is "USAGE"; set budgetType: "COST"',
            ]);
        });

        it("rejects an annual budget", async () => {
            assert.deepEqual(await messagesOf([budget({ timeUnit: "ANNUALLY" })], RULE), [
                'timeUnit is "ANNUALLY"; set timeUnit: "MONTHLY"',
            ]);
        });

        it("rejects a zero limit", async () => {
            assert.deepEqual(await messagesOf([budget({ limitAmount: "0" })], RULE), [
                'limitAmount is "0"; set a positive monthly limit (budget.monthlyLimitUsd)',
            ]);
        });

        it("rejects a budget that does not alert on forecasted spend", async () => {
            assert.deepEqual(await messagesOf([budget({ notifications: [notification("ACTUAL")] })], RULE), [
                'no FORECASTED notification reaches anyone; add a notifications entry with notificationType "FORECASTED" and subscriberEmailAddresses or subscriberSnsTopicArns',
            ]);
        });

        it("rejects a notification without subscribers", async () => {
            const nobody = [notification("ACTUAL", {}), notification("FORECASTED")];
            assert.deepEqual(await messagesOf([budget({ notifications: nobody })], RULE), [
                'no ACTUAL notification reaches anyone; add a notifications entry with notificationType "ACTUAL" and subscriberEmailAddresses or subscriberSnsTopicArns',
            ]);
        });
    });
});
