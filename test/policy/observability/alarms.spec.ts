import { strict as assert } from "assert";
import { PlanResource } from "../../../plan/engine/contract";
import { levelsOf, messagesOf, resource, stackTags, violationsOf } from "../harness";
import { alertTopic, Doc, TOPIC_ARN } from "./fixtures";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";

const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";

describe("policy: observability", () => {
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
});
