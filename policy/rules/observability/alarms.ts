import { PolicyResource } from "@pulumi/policy";
import { ofType, shown } from "../../../lib/relations/resources";
import { Finding, Rule, stackRule } from "../../lib/rule";
import {
    GuideAlarm as GuideAlarmFact,
    HIGH_ERROR_RATE,
    HIGH_LATENCY,
    shownThreshold,
} from "../../../facts/guide/alarms";
import { TOPIC } from "./topics";
import { refersTo, sourcesOf } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];

/** One alarm of the guide (Monitoring & Observability › Alerting), as an ALB publishes its metric. */
interface GuideAlarm {
    readonly name: string;
    readonly metricNames: readonly string[];
    readonly statistic: string;
    readonly period: number;
    readonly evaluationPeriods: number;
    readonly threshold: number;
    readonly summary: string;
}

/** `<metric> <statistic>, <period> s × <periods>, > <threshold>`: how messages name an alarm's settings. */
function summaryOf(alarm: GuideAlarmFact): string {
    return `${alarm.metricName} ${alarm.statistic}, ${settingsOf(alarm)}`;
}

/** `<period> s × <periods>, > <threshold>`, the threshold as the guide writes it. */
function settingsOf(alarm: GuideAlarmFact): string {
    return `${alarm.period} s × ${alarm.evaluationPeriods}, > ${shownThreshold(alarm)}`;
}

/** The guide's alarm with the metrics an ALB may publish for it (the first is the guide's own choice). */
function guideAlarm(alarm: GuideAlarmFact, ...alsoMetricNames: string[]): GuideAlarm {
    return { ...alarm, metricNames: [alarm.metricName, ...alsoMetricNames], summary: summaryOf(alarm) };
}

const GUIDE_ALARMS: readonly GuideAlarm[] = [
    // The guide's 4XXError is an API Gateway metric; an ALB publishes these two instead.
    guideAlarm(HIGH_ERROR_RATE, "HTTPCode_ELB_4XX_Count"),
    guideAlarm(HIGH_LATENCY),
];

/** The name an alarm will carry in AWS (its `name` input), else its logical name. */
function alarmName(alarm: PolicyResource): string {
    return typeof alarm.props.name === "string" ? alarm.props.name : alarm.name;
}

/**
 * Whether an alarm is the guide's `name`: exactly, or with a suffix such as `-staging` so that
 * stacks sharing an account do not collide on the name.
 */
function isGuideAlarm(alarm: PolicyResource, name: string): boolean {
    const actual = alarmName(alarm);
    return actual === name || actual.startsWith(`${name}-`);
}

/** How one alarm differs from the guide's definition of it. */
function alarmProblems(props: Props, guide: GuideAlarm): string[] {
    const problems: string[] = [];
    const expect = (property: string, expected: unknown) => {
        if (props[property] !== expected) {
            problems.push(
                `alarm ${guide.name} has ${property} ${shown(props[property])}; set ${property}: ${JSON.stringify(expected)}`,
            );
        }
    };
    expect("namespace", "AWS/ApplicationELB");
    if (props.metricName === "4XXError") {
        problems.push(
            `alarm ${guide.name} has metricName "4XXError", an API Gateway metric that ALBs never publish; set metricName: "HTTPCode_Target_4XX_Count" (or "HTTPCode_ELB_4XX_Count")`,
        );
    } else if (!guide.metricNames.includes(props.metricName as string)) {
        problems.push(
            `alarm ${guide.name} has metricName ${shown(props.metricName)}; set metricName: ${guide.metricNames.map((m) => JSON.stringify(m)).join(" or ")}`,
        );
    }
    expect("statistic", guide.statistic);
    expect("period", guide.period);
    expect("evaluationPeriods", guide.evaluationPeriods);
    expect("threshold", guide.threshold);
    expect("comparisonOperator", "GreaterThanThreshold");
    const dimensions = (props.dimensions ?? {}) as Record<string, unknown>;
    if (typeof dimensions.LoadBalancer !== "string" || dimensions.LoadBalancer === "") {
        problems.push(
            `alarm ${guide.name} has dimensions.LoadBalancer ${shown(dimensions.LoadBalancer)}; set it to the load balancer's arnSuffix`,
        );
    }
    return problems;
}

/** `alarms-per-guide`: the guide's error and latency alarms watch the load balancer. */
export const alarmsPerGuide: Rule = stackRule({
    id: "alarms-per-guide",
    description: `Pages someone when the API fails or slows (guide: Monitoring & Observability › Alerting): ${HIGH_ERROR_RATE.name} (an ALB 4XX count, ${HIGH_ERROR_RATE.statistic}, ${settingsOf(HIGH_ERROR_RATE)}) and ${HIGH_LATENCY.name} (${summaryOf(HIGH_LATENCY)}) on AWS/ApplicationELB with the LoadBalancer dimension. Triggered by a load balancer.`,
    kind: "security",
    check: (resources) => {
        const loadBalancer = ofType(resources, ...LOAD_BALANCERS)[0];
        if (loadBalancer === undefined) {
            return [];
        }
        const alarms = ofType(resources, ALARM);
        return GUIDE_ALARMS.flatMap((guide): Finding[] => {
            const found = alarms.filter((alarm) => isGuideAlarm(alarm, guide.name));
            if (found.length === 0) {
                return [
                    {
                        resource: loadBalancer,
                        message: `no alarm ${guide.name} watches the load balancer; create an aws.cloudwatch.MetricAlarm named "${guide.name}" on AWS/ApplicationELB ${guide.summary}, with dimensions.LoadBalancer`,
                    },
                ];
            }
            return found.flatMap((alarm) =>
                alarmProblems(alarm.props as Props, guide).map((message) => ({ resource: alarm, message })),
            );
        });
    },
});

/** `alarms-have-actions`: every alarm notifies a topic of the stack that someone subscribes to. */
export const alarmsHaveActions: Rule = stackRule({
    id: "alarms-have-actions",
    description:
        "Makes every alarm reach a person (SH CloudWatch.15, CloudWatch.17; guide: AlarmActions SNSTopicArn): actions stay enabled, alarmActions names this stack's SNS topic, and that topic has a subscription. Triggered by alarms.",
    kind: "security",
    // Actions turned off are wrong on any alarm, decided at preview; which topic the alarm notifies,
    // and whether anyone subscribes to it, need the topics and subscriptions.
    resourceCheck: {
        types: [ALARM],
        check: (props, args) =>
            props.actionsEnabled === false
                ? [
                      `alarm ${typeof props.name === "string" ? props.name : args.name} has actionsEnabled false; remove it or set actionsEnabled: true`,
                  ]
                : [],
    },
    check: (resources) => {
        const findings: Finding[] = [];
        const alarmTopics = new Set<PolicyResource>();
        for (const alarm of ofType(resources, ALARM)) {
            const name = alarmName(alarm);
            // actionsEnabled false is the alarm's own setting, decided in the resource pass.
            const topics = sourcesOf(alarm, "alarmActions").filter((source) => source.type === TOPIC);
            if (topics.length === 0) {
                findings.push({
                    resource: alarm,
                    message: `alarm ${name} notifies no SNS topic of this stack (alarmActions is ${shown(alarm.props.alarmActions)}); add the stack's alarm topic ARN to alarmActions`,
                });
            }
            topics.forEach((topic) => alarmTopics.add(topic));
        }
        // A topic without a subscriber swallows every alarm sent to it: the alarm fires and nobody hears.
        const subscriptions = ofType(resources, SUBSCRIPTION);
        for (const topic of alarmTopics) {
            if (!subscriptions.some((subscription) => refersTo(subscription, "topic", topic))) {
                findings.push({
                    resource: topic,
                    message: `topic ${topic.name} receives alarms but has no subscription; add an aws.sns.TopicSubscription (e.g. email to alerts.email)`,
                });
            }
        }
        return findings;
    },
});
