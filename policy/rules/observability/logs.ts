import { shown } from "../../../lib/relations/resources";
import { environmentOf, resourceRule, Rule } from "../../lib/rule";
import { Props } from "../../../lib/relations/resource-shape";

/** The log group type token. */
export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

/** `log-group-retention`: every log group states how long it keeps logs. */
export const logGroupRetention: Rule = resourceRule({
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
});

/**
 * The log-group half of telemetry-retention-and-encryption: what a production log group lacks, a
 * year of retention, a KMS key, deletion protection. It reads the group alone, so it runs in the
 * resource pass.
 */
export function logGroupTelemetryProblems(props: Props): string[] {
    // Only production logs are evidence that must outlive an incident; the others need a retention only.
    if (environmentOf(props) !== "production") {
        return [];
    }
    const problems: string[] = [];
    const retention = props.retentionInDays;
    // Unset and 0 are log-group-retention's findings, not reported twice.
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
