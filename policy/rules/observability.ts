import { PolicyResource } from "@pulumi/policy";
import { actionMatches, parseDocument, Statement } from "../lib/documents";
import { asList, ofType, refersTo, shown, sourcesOf } from "../lib/resources";
import { environmentOf, Finding, Props, resourceRule, Rule, stackEnvironment, stackRule } from "../lib/rule";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const TOPIC = "aws:sns/topic:Topic";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const BUDGET = "aws:budgets/budget:Budget";
const KMS_KEY = "aws:kms/key:Key";
const KMS_ALIAS = "aws:kms/alias:Alias";
const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const ECS_SERVICE = "aws:ecs/service:Service";
const ECS_CLUSTER = "aws:ecs/cluster:Cluster";
const REGION = "ca-central-1";
const MASKED = "[secret]";
/** The services that may publish to the project's topics: alarms and budget alerts. */
const PUBLISHERS = ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"];

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

const GUIDE_ALARMS: readonly GuideAlarm[] = [
    {
        name: "FraudDetector-HighErrorRate",
        // The guide's 4XXError is an API Gateway metric; an ALB publishes these two instead.
        metricNames: ["HTTPCode_Target_4XX_Count", "HTTPCode_ELB_4XX_Count"],
        statistic: "Sum",
        period: 300,
        evaluationPeriods: 2,
        threshold: 10,
        summary: "HTTPCode_Target_4XX_Count Sum, 300 s × 2, > 10",
    },
    {
        name: "FraudDetector-HighLatency",
        metricNames: ["TargetResponseTime"],
        statistic: "Average",
        period: 300,
        evaluationPeriods: 2,
        threshold: 5.0,
        summary: "TargetResponseTime Average, 300 s × 2, > 5.0",
    },
];

/** Unknown during preview or masked as a secret: to be decided later, never a violation. */
function isUndecidable(value: unknown): boolean {
    return value === MASKED;
}

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

/** How one alarm differs from the guide's definition of it (alarms-per-guide). */
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

/** The account a principal (`123456789012`, `arn:aws:iam::123456789012:root`) or an SNS ARN belongs to. */
function accountOf(value: unknown): string | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    return (/^(\d{12})$/.exec(value) ?? /^arn:aws[a-z-]*:(?:iam|sns):[^:]*:(\d{12})(?::|$)/.exec(value))?.[1];
}

/** Whether a statement carries the confused-deputy guard a service principal needs. */
function hasSourceCondition(statement: Statement): boolean {
    return Object.values(statement.conditions).some((operator) =>
        Object.keys(operator ?? {}).some((key) => /^aws:Source(Account|Arn)$/i.test(key)),
    );
}

/** What one Allow statement of a topic policy lets in beyond the account and the publishing services. */
function topicStatementProblems(at: string, statement: Statement, owner: string | undefined): string[] {
    const problems: string[] = [];
    const services: string[] = [];
    for (const [kind, values] of Object.entries(statement.principals)) {
        for (const value of values) {
            if (kind === "*" || value === "*") {
                problems.push(
                    `${at} lets any principal ("*") use the topic; allow only this account and ${PUBLISHERS.join(" / ")}`,
                );
            } else if (kind === "AWS" && owner !== undefined && accountOf(value) !== owner) {
                problems.push(
                    `${at} admits AWS ${JSON.stringify(value)}, outside account ${owner}; allow only this account`,
                );
            } else if (kind === "Service" && PUBLISHERS.includes(value)) {
                services.push(value);
            } else if (kind !== "AWS") {
                problems.push(
                    `${at} admits ${kind} ${JSON.stringify(value)}; only ${PUBLISHERS.join(" and ")} may publish`,
                );
            }
        }
    }
    if (services.length === 0) {
        return problems;
    }
    const others = statement.actions.filter((action) => action.toLowerCase() !== "sns:publish");
    if (others.length > 0 || statement.notActions.length > 0) {
        problems.push(
            `${at} lets ${services.join(", ")} do ${shown([...others, ...statement.notActions])}; allow the services only sns:Publish`,
        );
    }
    if (!hasSourceCondition(statement)) {
        problems.push(
            `${at} lets ${services.join(", ")} publish without an aws:SourceAccount or aws:SourceArn condition; add one`,
        );
    }
    return problems;
}

/** The KMS keys a topic's kmsMasterKeyId came from, directly or through an alias of this program. */
function keysOf(topic: PolicyResource): PolicyResource[] {
    return sourcesOf(topic, "kmsMasterKeyId").flatMap((source) =>
        source.type === KMS_ALIAS ? sourcesOf(source, "targetKeyId").filter((k) => k.type === KMS_KEY) : [source],
    );
}

/** Whether a key policy lets CloudWatch encrypt alarm notifications with the key. */
function letsCloudWatchUse(key: PolicyResource): boolean {
    const statements = parseDocument(key.props.policy) ?? [];
    const forCloudWatch = statements.filter(
        (s) => s.effect === "Allow" && (s.principals.Service ?? []).includes("cloudwatch.amazonaws.com"),
    );
    return ["kms:Decrypt", "kms:GenerateDataKey"].every((action) =>
        forCloudWatch.some((s) => s.actions.some((pattern) => actionMatches(pattern, action))),
    );
}

/** The log-group half of telemetry-retention-and-encryption: production keeps a year, encrypted, protected. */
function logGroupTelemetryProblems(props: Props): string[] {
    if (environmentOf(props) !== "production") {
        return [];
    }
    const problems: string[] = [];
    const retention = props.retentionInDays;
    if (typeof retention === "number" && retention > 0 && retention < 365) {
        problems.push(`retentionInDays is ${retention}; keep production logs at least 365 days`);
    }
    if (props.kmsKeyId === undefined) {
        problems.push("kmsKeyId is unset; encrypt production logs with a customer KMS key (kmsKeyId)");
    }
    if (props.deletionProtectionEnabled !== true) {
        problems.push(
            `deletionProtectionEnabled is ${shown(props.deletionProtectionEnabled)}; set deletionProtectionEnabled: true`,
        );
    }
    return problems;
}

/** The topic half of telemetry-retention-and-encryption: a customer key CloudWatch may use. */
function topicEncryptionProblems(topic: PolicyResource): string[] {
    const keyId: unknown = topic.props.kmsMasterKeyId;
    if (keyId === undefined) {
        return [
            "kmsMasterKeyId is unset; encrypt the topic with a customer KMS key whose policy lets cloudwatch.amazonaws.com use it",
        ];
    }
    if (typeof keyId === "string" && /(^|:)alias\/aws\/sns$/.test(keyId)) {
        return [
            `kmsMasterKeyId is ${shown(keyId)}, the AWS-managed key, whose policy CloudWatch cannot use, so alarms would not be delivered; use a customer KMS key`,
        ];
    }
    return keysOf(topic)
        .filter(
            (key) => key.props.policy === undefined || (!isUndecidable(key.props.policy) && !letsCloudWatchUse(key)),
        )
        .map(
            (key) =>
                `the topic's key ${key.name} does not let cloudwatch.amazonaws.com use it, so alarms would not be delivered; add a key policy statement allowing that service kms:Decrypt and kms:GenerateDataKey*`,
        );
}

/** A dashboard metric row with CloudWatch's "." shorthand (same as the row above) filled in. */
function metricRows(metrics: unknown): string[][] {
    const rows: string[][] = [];
    for (const raw of asList(metrics as unknown[])) {
        if (!Array.isArray(raw)) {
            continue;
        }
        const previous = rows[rows.length - 1] ?? [];
        const row = raw.filter((part): part is string => typeof part === "string");
        rows.push(row.map((part, i) => (part === "." ? (previous[i] ?? part) : part)));
    }
    return rows;
}

/** Whether a parsed dashboard body charts `metric` of the fraud-api ECS service in ca-central-1. */
function chartsApiMetric(body: unknown, metric: string): boolean {
    const widgets = asList((body as { widgets?: unknown[] } | null)?.widgets);
    return widgets.some((widget) => {
        const properties = ((widget ?? {}) as { properties?: Record<string, unknown> }).properties ?? {};
        return (
            properties.region === REGION &&
            metricRows(properties.metrics).some(
                (row) =>
                    row[0] === "AWS/ECS" &&
                    row[1] === metric &&
                    row.some(
                        (part, i) => i >= 2 && i % 2 === 0 && part === "ServiceName" && row[i + 1] === "fraud-api",
                    ),
            )
        );
    });
}

/** The dashboard name the guide uses in production, by environment for the others. */
function dashboardNameFor(environment: string): string {
    return `FraudDetector-${environment[0].toUpperCase()}${environment.slice(1)}`;
}

/** What a dashboard's body lacks (dashboard-per-guide); nothing when it cannot be read yet. */
function dashboardProblems(name: string, rawBody: unknown): string[] {
    if (rawBody === undefined || isUndecidable(rawBody)) {
        return rawBody === undefined ? [`dashboard ${name} has no dashboardBody; chart the guide's metrics`] : [];
    }
    let body: unknown = rawBody;
    if (typeof rawBody === "string") {
        try {
            body = JSON.parse(rawBody);
        } catch {
            return [`dashboard ${name} has a dashboardBody that is not JSON; give it the guide's widgets`];
        }
    }
    return ["CPUUtilization", "MemoryUtilization"]
        .filter((metric) => !chartsApiMetric(body, metric))
        .map(
            (metric) =>
                `dashboard ${name} does not chart AWS/ECS ${metric} of ServiceName fraud-api in ${REGION}; add ["AWS/ECS", "${metric}", "ClusterName", <cluster>, "ServiceName", "fraud-api"] to a metric widget with region "${REGION}"`,
        );
}

/** The problems of one budget (budget-per-guide). */
function budgetProblems(props: Props): string[] {
    const problems: string[] = [];
    if (props.budgetType !== "COST") {
        problems.push(`budgetType is ${shown(props.budgetType)}; set budgetType: "COST"`);
    }
    if (props.timeUnit !== "MONTHLY") {
        problems.push(`timeUnit is ${shown(props.timeUnit)}; set timeUnit: "MONTHLY"`);
    }
    if (!isUndecidable(props.limitAmount) && !(Number(props.limitAmount) > 0)) {
        problems.push(
            `limitAmount is ${shown(props.limitAmount)}; set a positive monthly limit (budget.monthlyLimitUsd)`,
        );
    }
    const notifications = asList(props.notifications as Array<Record<string, unknown>>);
    for (const type of ["ACTUAL", "FORECASTED"]) {
        const reachesSomeone = notifications.some(
            (n) =>
                n?.notificationType === type &&
                asList(n.subscriberEmailAddresses as string[]).length +
                    asList(n.subscriberSnsTopicArns as string[]).length >
                    0,
        );
        if (!reachesSomeone) {
            problems.push(
                `no ${type} notification reaches anyone; add a notifications entry with notificationType "${type}" and subscriberEmailAddresses or subscriberSnsTopicArns`,
            );
        }
    }
    return problems;
}

/** The monitoring, alerting and cost rules (security-rules.md, sections Monitoring and alerting, Cost). */
export const observabilityRules: readonly Rule[] = [
    resourceRule({
        id: "log-group-retention",
        description:
            "Makes every log group's retention a decision (CKV_AWS_66; guide: Debugging Tools, /ecs/* log groups): unset or 0 keeps, and bills, logs forever.",
        kind: "security",
        types: [LOG_GROUP],
        check: (props) => {
            if (props.retentionInDays === undefined || props.retentionInDays === null) {
                return [
                    "retentionInDays is unset, so logs are kept (and billed) forever; set retentionInDays (e.g. 30, 365 in production)",
                ];
            }
            return props.retentionInDays === 0
                ? ["retentionInDays is 0 (never expire); set retentionInDays (e.g. 30, 365 in production)"]
                : [];
        },
    }),
    stackRule({
        id: "alarms-per-guide",
        description:
            "Pages someone when the API fails or slows (guide: Monitoring & Observability › Alerting): FraudDetector-HighErrorRate (an ALB 4XX count, Sum, 300 s × 2, > 10) and FraudDetector-HighLatency (TargetResponseTime Average, 300 s × 2, > 5.0) on AWS/ApplicationELB with the LoadBalancer dimension. Triggered by a load balancer.",
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
    }),
    stackRule({
        id: "alarms-have-actions",
        description:
            "Makes every alarm reach a person (SH CloudWatch.15, CloudWatch.17; guide: AlarmActions SNSTopicArn): actions stay enabled, alarmActions names this stack's SNS topic, and that topic has a subscription. Triggered by alarms.",
        kind: "security",
        check: (resources) => {
            const findings: Finding[] = [];
            const alarmTopics = new Set<PolicyResource>();
            for (const alarm of ofType(resources, ALARM)) {
                const name = alarmName(alarm);
                if (alarm.props.actionsEnabled === false) {
                    findings.push({
                        resource: alarm,
                        message: `alarm ${name} has actionsEnabled false; remove it or set actionsEnabled: true`,
                    });
                }
                const topics = sourcesOf(alarm, "alarmActions").filter((source) => source.type === TOPIC);
                if (topics.length === 0) {
                    findings.push({
                        resource: alarm,
                        message: `alarm ${name} notifies no SNS topic of this stack (alarmActions is ${shown(alarm.props.alarmActions)}); add the stack's alarm topic ARN to alarmActions`,
                    });
                }
                topics.forEach((topic) => alarmTopics.add(topic));
            }
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
    }),
    stackRule({
        id: "dashboard-per-guide",
        description:
            "Gives operators the guide's view of the API (Monitoring & Observability › CloudWatch Setup): the stack's dashboard (FraudDetector-Production in production, FraudDetector-<Env> elsewhere) charts AWS/ECS CPU and memory of fraud-api in ca-central-1. Triggered by an ECS service.",
        kind: "resilience",
        check: (resources) => {
            if (ofType(resources, ECS_SERVICE).length === 0) {
                return [];
            }
            // Dashboards carry no tags, so findings are the stack's (its Environment sets the level).
            const expected = dashboardNameFor(stackEnvironment(resources));
            const dashboards = ofType(resources, DASHBOARD);
            const named = dashboards.filter((d) => d.props.dashboardName === expected);
            if (named.length === 0) {
                const others = dashboards.map((d): unknown => d.props.dashboardName);
                return [
                    {
                        message: `no dashboard is named "${expected}"${others.length > 0 ? ` (found ${shown(others)})` : ""}; create an aws.cloudwatch.Dashboard with dashboardName "${expected}" charting fraud-api's AWS/ECS CPU and memory`,
                    },
                ];
            }
            return named.flatMap((d) =>
                dashboardProblems(expected, d.props.dashboardBody).map((message) => ({ message })),
            );
        },
    }),
    resourceRule({
        id: "sns-topic-not-public",
        description:
            'Keeps the alarm topic private (FSBP SNS.4; CKV_AWS_169): topic policies admit only this account, and cloudwatch.amazonaws.com / budgets.amazonaws.com for sns:Publish under an aws:SourceAccount or aws:SourceArn condition; never "*", never other accounts.',
        kind: "security",
        types: [TOPIC, TOPIC_POLICY],
        check: (props, args) => {
            const statements = parseDocument(props.policy);
            if (statements === undefined) {
                return [];
            }
            // The owning account: the TopicPolicy's topic ARN, else the topic ARNs the statements name.
            const owner =
                accountOf(args.type === TOPIC_POLICY ? props.arn : undefined) ??
                statements.flatMap((s) => s.resources.map(accountOf)).find((account) => account !== undefined);
            return statements.flatMap((statement, i) =>
                statement.effect === "Allow"
                    ? topicStatementProblems(`policy statement ${i + 1}`, statement, owner)
                    : [],
            );
        },
    }),
    stackRule({
        id: "telemetry-retention-and-encryption",
        description:
            "Keeps telemetry long enough and private (SH CloudWatch.16, SNS.1; CKV_AWS_338, CKV_AWS_158, CKV_AWS_26): production log groups keep 365 days, with a KMS key and deletion protection; topics use a customer KMS key CloudWatch may use (alias/aws/sns would block alarm delivery).",
        kind: "advisory",
        check: (resources) => [
            ...ofType(resources, LOG_GROUP).flatMap((group) =>
                logGroupTelemetryProblems(group.props as Props).map((message) => ({ resource: group, message })),
            ),
            ...ofType(resources, TOPIC).flatMap((topic) =>
                topicEncryptionProblems(topic).map((message) => ({ resource: topic, message })),
            ),
        ],
    }),
    stackRule({
        id: "budget-per-guide",
        description:
            "Warns before the bill surprises anyone (guide: Cost Optimization › Cost Monitoring): every budget is a monthly COST budget with a positive limit whose ACTUAL and FORECASTED notifications reach an email or the SNS topic. Triggered by an ECS cluster, which then needs a budget.",
        kind: "security",
        check: (resources) => {
            const budgets = ofType(resources, BUDGET);
            const cluster = ofType(resources, ECS_CLUSTER)[0];
            const findings: Finding[] = budgets.flatMap((budget) =>
                budgetProblems(budget.props as Props).map((message) => ({ resource: budget, message })),
            );
            if (cluster !== undefined && budgets.length === 0) {
                findings.push({
                    resource: cluster,
                    message:
                        "the stack runs an ECS cluster but has no AWS Budgets budget; create a monthly COST budget with ACTUAL and FORECASTED notifications to alerts.email",
                });
            }
            return findings;
        },
    }),
];
