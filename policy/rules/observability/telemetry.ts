import { Rule, stackRule } from "../../lib/rule";
import { LOG_GROUP, logGroupTelemetryProblems } from "./logs";
import { TOPIC, topicEncryptionFindings, topicKeyProblems } from "./topics";

/**
 * `telemetry-retention-and-encryption`: production logs kept a year, encrypted and protected, and
 * alarm topics on a key CloudWatch may use. Each half lives with its resource (logs.ts, topics.ts).
 * A log group's settings and a topic's choice of key are their own, so they are decided in the
 * resource pass (at preview); whether the key's policy admits the publishers needs the key.
 */
export const telemetryRetentionAndEncryption: Rule = stackRule({
    id: "telemetry-retention-and-encryption",
    description:
        "Keeps telemetry long enough and private (SH CloudWatch.16, SNS.1; CKV_AWS_338, CKV_AWS_158, CKV_AWS_26): production log groups keep 365 days, with a KMS key and deletion protection; topics use a customer KMS key CloudWatch may use (alias/aws/sns would block alarm delivery).",
    kind: "advisory",
    resourceCheck: {
        types: [LOG_GROUP, TOPIC],
        check: (props, args) => (args.type === LOG_GROUP ? logGroupTelemetryProblems(props) : topicKeyProblems(props)),
    },
    check: (resources) => topicEncryptionFindings(resources),
});
