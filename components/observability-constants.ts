/**
 * Constants shared by the `Observability` component, its alarm table (`alarm-table.ts`) and its
 * dashboard body (`dashboard-body.ts`).
 */

/** The service the guide's dashboard widget charts ("API Service Metrics"). */
export const API_SERVICE = "fraud-api";

/** The period of the guide's alarms and widget, in seconds. */
export const GUIDE_PERIOD_SECONDS = 300;

/**
 * The services that publish to the stack's alarm topic: CloudWatch alarms, AWS Budgets alerts and
 * RDS event notifications. The topic policy admits them and the topic's KMS key lets them encrypt.
 */
export const TOPIC_PUBLISHERS = [
    "cloudwatch.amazonaws.com",
    "budgets.amazonaws.com",
    "events.rds.amazonaws.com",
] as const;
