import { Rule } from "../lib/rule";
import { alarmsHaveActions, alarmsPerGuide } from "./observability/alarms";
import { budgetPerGuide } from "./observability/budget";
import { dashboardPerGuide } from "./observability/dashboard";
import { logGroupRetention } from "./observability/logs";
import { telemetryRetentionAndEncryption } from "./observability/telemetry";
import { snsTopicNotPublic } from "./observability/topics";

/**
 * The monitoring, alerting and cost rules of security-rules.md (sections Monitoring and alerting,
 * Cost), in its table order. One file per concern under observability/: logs, alarms, dashboard,
 * topics (the alarm topic's policy and key), telemetry (the advisory retention and encryption rule
 * that joins the logs and topics halves) and budget.
 */
export const observabilityRules: readonly Rule[] = [
    logGroupRetention,
    alarmsPerGuide,
    alarmsHaveActions,
    dashboardPerGuide,
    snsTopicNotPublic,
    telemetryRetentionAndEncryption,
    budgetPerGuide,
];
