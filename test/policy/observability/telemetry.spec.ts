import { strict as assert } from "assert";
import { PlanResource } from "../../../plan/engine/contract";
import { levelsOf, messagesOf, resource, stackTags } from "../harness";
import { ACCOUNT, alertTopic, Doc, doc, LOG_GROUP, TOPIC, TOPIC_ARN, TOPIC_POLICY } from "./fixtures";

const KMS_KEY = "aws:kms/key:Key";

const KEY_ARN = `arn:aws:kms:ca-central-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

describe("policy: observability", () => {
    describe("telemetry-retention-and-encryption", () => {
        const RULE = "telemetry-retention-and-encryption";
        const ACCOUNT_ADMINISTERS = {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: "kms:*",
            Resource: "*",
        };
        const cloudWatchMayUse = JSON.stringify(
            doc(ACCOUNT_ADMINISTERS, {
                Effect: "Allow",
                Principal: { Service: "cloudwatch.amazonaws.com" },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
            }),
        );
        const key = (policy: string = cloudWatchMayUse) =>
            resource(KMS_KEY, { enableKeyRotation: true, policy, tags: stackTags() }, { name: "alerts-key" });
        const encryptedTopic = (k: PlanResource) =>
            resource(
                TOPIC,
                { kmsMasterKeyId: KEY_ARN, tags: stackTags() },
                { name: "alerts", from: { kmsMasterKeyId: [k] } },
            );
        const logGroup = (props: Doc = {}, environment = "production") =>
            resource(
                LOG_GROUP,
                {
                    retentionInDays: 365,
                    kmsKeyId: KEY_ARN,
                    deletionProtectionEnabled: true,
                    tags: stackTags(environment),
                    ...props,
                },
                { name: "api-logs" },
            );

        it("passes a year-long, encrypted, protected production log group and a topic on a CloudWatch-usable key", async () => {
            const k = key();
            assert.deepEqual(await messagesOf([logGroup(), k, encryptedTopic(k)], RULE), []);
        });

        it("advises keeping production logs a year", async () => {
            assert.deepEqual(await levelsOf([logGroup({ retentionInDays: 30 })], RULE), [
                ["advisory", "retentionInDays is 30; keep production logs at least 365 days"],
            ]);
        });

        it("advises a KMS key on production logs", async () => {
            assert.deepEqual(await messagesOf([logGroup({ kmsKeyId: undefined })], RULE), [
                "kmsKeyId is unset; encrypt production logs with a customer KMS key (kmsKeyId)",
            ]);
        });

        it("advises deletion protection on production logs", async () => {
            assert.deepEqual(await messagesOf([logGroup({ deletionProtectionEnabled: undefined })], RULE), [
                "deletionProtectionEnabled is unset; set deletionProtectionEnabled: true",
            ]);
        });

        it("leaves staging log groups to log-group-retention", async () => {
            const staging = logGroup(
                { retentionInDays: 30, kmsKeyId: undefined, deletionProtectionEnabled: undefined },
                "staging",
            );
            assert.deepEqual(await messagesOf([staging], RULE), []);
        });

        it("advises encrypting an unencrypted topic", async () => {
            assert.deepEqual(await messagesOf([alertTopic()], RULE), [
                "kmsMasterKeyId is unset; encrypt the topic with a customer KMS key whose policy lets cloudwatch.amazonaws.com use it",
            ]);
        });

        it("rejects the AWS-managed SNS key, which blocks alarm delivery", async () => {
            const topic = resource(TOPIC, { kmsMasterKeyId: "alias/aws/sns", tags: stackTags() }, { name: "alerts" });
            assert.deepEqual(await messagesOf([topic], RULE), [
                'kmsMasterKeyId is "alias/aws/sns", the AWS-managed key, whose policy CloudWatch cannot use, so alarms would not be delivered; use a customer KMS key',
            ]);
        });

        it("rejects a key that CloudWatch may use but the budgets the topic admits may not", async () => {
            const k = key();
            const topic = encryptedTopic(k);
            const admitsBudgets = resource(
                TOPIC_POLICY,
                {
                    arn: TOPIC_ARN,
                    policy: JSON.stringify(
                        doc({
                            Effect: "Allow",
                            Principal: { Service: ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"] },
                            Action: "sns:Publish",
                            Resource: TOPIC_ARN,
                            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
                        }),
                    ),
                },
                { name: "alerts-policy", from: { arn: [topic] } },
            );
            assert.deepEqual(await messagesOf([k, topic, admitsBudgets], RULE), [
                "the topic's key alerts-key does not let budgets.amazonaws.com use it, so budget alerts would not be delivered; add a key policy statement allowing that service kms:Decrypt and kms:GenerateDataKey*",
            ]);
        });

        it("rejects a customer key whose policy leaves CloudWatch out", async () => {
            const k = key(JSON.stringify(doc(ACCOUNT_ADMINISTERS)));
            assert.deepEqual(await messagesOf([k, encryptedTopic(k)], RULE), [
                "the topic's key alerts-key does not let cloudwatch.amazonaws.com use it, so alarms would not be delivered; add a key policy statement allowing that service kms:Decrypt and kms:GenerateDataKey*",
            ]);
        });
    });
});
