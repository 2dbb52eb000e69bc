/**
 * The deployment guide's two CloudWatch alarms (Monitoring & Observability › Alerting), as the
 * `Observability` component creates them and the policy pack's `alarms-per-guide` checks them.
 */

/** The period of the guide's alarms and of its dashboard widget, in seconds (`Period: 300`). */
export const GUIDE_PERIOD_SECONDS = 300;

/** One of the guide's alarms: what it watches on the ALB and when it fires. */
export interface GuideAlarm {
    /** `AlarmName`, before any environment suffix. */
    readonly name: string;
    /** The ALB metric: the guide's own name where an ALB publishes it. */
    readonly metricName: string;
    /** `Statistic`. */
    readonly statistic: "Sum" | "Average";
    /** `Period`, in seconds. */
    readonly period: number;
    /** `EvaluationPeriods`. */
    readonly evaluationPeriods: number;
    /** `Threshold`, compared `GreaterThanThreshold`. */
    readonly threshold: number;
    /** The metric's CloudWatch unit: the guide writes a threshold in seconds with one decimal (`5.0`). */
    readonly unit: "Count" | "Seconds";
}

/** The threshold as the guide writes it: `10`, `5.0`. */
export function shownThreshold(alarm: GuideAlarm): string {
    return alarm.unit === "Seconds" ? alarm.threshold.toFixed(1) : String(alarm.threshold);
}

/**
 * `HighErrorRateAlarm`: more than 10 4XX responses (Sum) in two 5-minute periods. The guide names
 * `4XXError`, an API Gateway metric that ALBs never publish; the ALB's count of its targets' 4XX
 * responses stands in for it.
 */
export const HIGH_ERROR_RATE = {
    name: "FraudDetector-HighErrorRate",
    metricName: "HTTPCode_Target_4XX_Count",
    statistic: "Sum",
    period: GUIDE_PERIOD_SECONDS,
    evaluationPeriods: 2,
    threshold: 10,
    unit: "Count",
} as const satisfies GuideAlarm;

/** `HighLatencyAlarm`: average `TargetResponseTime` above 5.0 s in two 5-minute periods. */
export const HIGH_LATENCY = {
    name: "FraudDetector-HighLatency",
    metricName: "TargetResponseTime",
    statistic: "Average",
    period: GUIDE_PERIOD_SECONDS,
    evaluationPeriods: 2,
    threshold: 5.0,
    unit: "Seconds",
} as const satisfies GuideAlarm;
