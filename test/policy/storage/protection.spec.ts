import { strict as assert } from "assert";
import { levelsOf, messagesOf, resource, stackTags } from "../harness";
import { mutate, S3, storageTier, swap } from "./fixtures";

describe("policy: storage", () => {
    describe("s3-encryption", () => {
        const rule = "s3-encryption";

        it("passes buckets with SSE-KMS (models, backup) and SSE-S3 (logs) default encryption", async () => {
            assert.deepEqual(await messagesOf(storageTier().all, rule), []);
        });

        it("accepts the deprecated BucketServerSideEncryptionConfigurationV2 token", async () => {
            const tier = storageTier();
            const v2 = {
                ...tier.models.encryption,
                type: `${S3}/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2`,
            };
            assert.deepEqual(await messagesOf(swap(tier.all, tier.models.encryption, v2), rule), []);
        });

        it("rejects a staging bucket without default encryption (mandatory)", async () => {
            const tier = storageTier("staging");
            assert.deepEqual(await levelsOf(swap(tier.all, tier.models.encryption), rule), [
                [
                    "mandatory",
                    'bucket fraud-detector-staging-models: has no default encryption; add a BucketServerSideEncryptionConfiguration with bucket → this bucket and rules[].applyServerSideEncryptionByDefault.sseAlgorithm "aws:kms" (with bucketKeyEnabled: true) or "AES256"',
                ],
            ]);
        });

        it("rejects an encryption configuration without a known algorithm", async () => {
            const tier = storageTier();
            const encryption = mutate(tier.models.encryption, { rules: [{ bucketKeyEnabled: true }] });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.models.encryption, encryption), rule), [
                'bucket fraud-detector-prod-models: the default encryption algorithm is unset; set rules[].applyServerSideEncryptionByDefault.sseAlgorithm to "aws:kms" or "AES256"',
            ]);
        });
    });

    describe("s3-data-protection", () => {
        const rule = "s3-data-protection";
        const unversioned =
            'is not versioned; add a BucketVersioning with bucket → this bucket and versioningConfiguration.status: "Enabled" (the inline versioning input is deprecated in v7)';

        it("passes versioned models and backup buckets without forceDestroy", async () => {
            assert.deepEqual(await messagesOf(storageTier().all, rule), []);
        });

        it("accepts the deprecated BucketVersioningV2 token", async () => {
            const tier = storageTier();
            const v2 = { ...tier.backup.versioning, type: `${S3}/bucketVersioningV2:BucketVersioningV2` };
            assert.deepEqual(await messagesOf(swap(tier.all, tier.backup.versioning, v2), rule), []);
        });

        it("rejects an unversioned production models bucket (mandatory)", async () => {
            const tier = storageTier();
            assert.deepEqual(await levelsOf(swap(tier.all, tier.models.versioning), rule), [
                ["mandatory", `bucket fraud-detector-prod-models: ${unversioned}`],
            ]);
        });

        it("recognises the models bucket by its name when it has no Purpose tag", async () => {
            const tier = storageTier();
            const bucket = mutate(tier.models.bucket, { tags: stackTags() });
            const resources = swap(swap(tier.all, tier.models.bucket, bucket), tier.models.versioning);
            assert.deepEqual(await messagesOf(resources, rule), [`bucket fraud-detector-prod-models: ${unversioned}`]);
        });

        it("rejects suspended versioning on the backup bucket", async () => {
            const tier = storageTier();
            const versioning = mutate(tier.backup.versioning, { versioningConfiguration: { status: "Suspended" } });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.backup.versioning, versioning), rule), [
                'bucket fraud-detector-backup-models: versioning status is "Suspended"; set versioningConfiguration.status: "Enabled"',
            ]);
        });

        it("rejects forceDestroy on a production bucket", async () => {
            const tier = storageTier();
            const bucket = mutate(tier.logs.bucket, { forceDestroy: true });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.logs.bucket, bucket), rule), [
                "bucket fraud-detector-prod-logs: forceDestroy is true; remove forceDestroy so a destroy cannot empty the bucket",
            ]);
        });

        it("allows forceDestroy outside production", async () => {
            const tier = storageTier("staging");
            const bucket = mutate(tier.logs.bucket, { forceDestroy: true });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.logs.bucket, bucket), rule), []);
        });
    });

    describe("s3-access-logging", () => {
        const rule = "s3-access-logging";

        it("passes models and backup buckets that log to the log bucket, which itself is exempt", async () => {
            assert.deepEqual(await messagesOf(storageTier().all, rule), []);
        });

        it("rejects a production models bucket without access logging (mandatory)", async () => {
            const tier = storageTier();
            assert.deepEqual(await levelsOf(swap(tier.all, tier.modelsLogging), rule), [
                [
                    "mandatory",
                    "bucket fraud-detector-prod-models: writes no server access logs; add a BucketLogging with bucket → this bucket, targetBucket → the log bucket (Purpose=logs) and a targetPrefix",
                ],
            ]);
        });

        it("rejects access logs written to a bucket that is not the log bucket", async () => {
            const tier = storageTier();
            const logging = resource(
                `${S3}/bucketLoggingV2:BucketLoggingV2`,
                { bucket: "fraud-detector-backup-models", targetBucket: "someone-elses-bucket", targetPrefix: "s3/" },
                { name: "backup-logging", from: { bucket: [tier.backup.bucket] } },
            );
            assert.deepEqual(await messagesOf(swap(tier.all, tier.backupLogging, logging), rule), [
                'bucket fraud-detector-backup-models: writes access logs to "someone-elses-bucket", not to the log bucket; set targetBucket to the log bucket (Purpose=logs) of this stack',
            ]);
        });
    });
});
