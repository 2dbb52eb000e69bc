/**
 * Constants shared by the `Observability` component, its alarm table (`alarm-table.ts`) and its
 * dashboard body (`dashboard-body.ts`).
 */
import { GUIDE_SERVICE_NAMES } from "../../../facts/guide/services";

/** The service the guide's dashboard widget charts ("API Service Metrics"). */
export const API_SERVICE = GUIDE_SERVICE_NAMES.api;

/** The period of the guide's alarms and widget, in seconds (facts/guide/alarms.ts). */
export { GUIDE_PERIOD_SECONDS } from "../../../facts/guide/alarms";

/**
 * The services that publish to the stack's alarm topic: CloudWatch alarms, AWS Budgets alerts and
 * RDS event notifications. The topic policy admits them and the topic's KMS key lets them encrypt.
 */
export const TOPIC_PUBLISHERS = [
    "cloudwatch.amazonaws.com",
    "budgets.amazonaws.com",
    "events.rds.amazonaws.com",
] as const;

/**
 * The application's metric namespace (guide: Troubleshooting › Debugging Tools, `--namespace
 * "FraudDetector"`), where the app publishes `ProcessingTime` and the worker `QueueBacklog`.
 */
export const APP_NAMESPACE = "FraudDetector";

/**
 * The worker's queue depth: jobs waiting in its Redis queue, which the worker publishes each minute
 * as `FraudDetector/QueueBacklog` with the dimension `Environment` (its stack's environment, e.g.
 * `production`). No AWS service can see a Redis list's length, so this is the app's part of the
 * contract.
 */
export const QUEUE_BACKLOG_METRIC = "QueueBacklog";
