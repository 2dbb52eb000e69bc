import { strict as assert } from "assert";
import { resource, stackTags } from "../harness";
import { LOG_GROUP, TOPIC, byPass, fromResourcePass, phasesOn } from "../resource-parts-harness";

/** Issue #11: this family's stack rules decide their single-resource parts in the resource pass (see ../resource-parts-harness.ts). */

describe("stack rules' single-resource parts are decided in the resource pass (issue #11)", () => {
    describe("telemetry-retention-and-encryption", () => {
        it("reports a production log group's settings at preview while a topic's key is unknown", async () => {
            const group = resource(LOG_GROUP, {
                name: "/ecs/fraud-api",
                retentionInDays: 30,
                kmsKeyId: "arn:aws:kms:ca-central-1:111122223333:key/logs",
                deletionProtectionEnabled: true,
                tags: stackTags(),
            });
            const key = resource("aws:kms/key:Key", { tags: stackTags() });
            const topic = resource(
                TOPIC,
                { name: "alerts", kmsMasterKeyId: key.id, tags: stackTags() },
                { from: { kmsMasterKeyId: [key] } },
            );
            const message = "retentionInDays is 30; keep production logs at least 365 days";
            await fromResourcePass(
                [group, key, topic],
                "telemetry-retention-and-encryption",
                group,
                "advisory",
                message,
            );
            assert.deepEqual(await phasesOn([group, key, topic], "telemetry-retention-and-encryption", group), [
                ["preview", message],
            ]);
        });

        it("reports a topic on the AWS-managed key from the topic alone", async () => {
            const topic = resource(TOPIC, { name: "alerts", kmsMasterKeyId: "alias/aws/sns", tags: stackTags() });
            await fromResourcePass(
                [topic],
                "telemetry-retention-and-encryption",
                topic,
                "advisory",
                'kmsMasterKeyId is "alias/aws/sns", the AWS-managed key, whose policy CloudWatch cannot use, so alarms would not be delivered; use a customer KMS key',
            );
        });
    });
    describe("alarms-have-actions", () => {
        it("reports actions turned off from the alarm alone, a missing topic from the stack pass", async () => {
            const alarm = resource("aws:cloudwatch/metricAlarm:MetricAlarm", {
                name: "FraudDetector-HighLatency",
                actionsEnabled: false,
                tags: stackTags(),
            });
            await fromResourcePass(
                [alarm],
                "alarms-have-actions",
                alarm,
                "mandatory",
                "alarm FraudDetector-HighLatency has actionsEnabled false; remove it or set actionsEnabled: true",
            );
            const found = await byPass([alarm], "alarms-have-actions");
            assert.deepEqual(
                found.stack.map((v) => v[2]),
                [
                    "alarm FraudDetector-HighLatency notifies no SNS topic of this stack (alarmActions is unset); add the stack's alarm topic ARN to alarmActions",
                ],
            );
        });
    });
});
