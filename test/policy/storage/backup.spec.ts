import { strict as assert } from "assert";
import { levelsOf, messagesOf, resource, stackTags } from "../harness";
import { mutate, storageTier, swap } from "./fixtures";

describe("policy: storage", () => {
    describe("s3-backup-replication", () => {
        const rule = "s3-backup-replication";

        it("passes a production models bucket replicating with time control into the versioned backup bucket", async () => {
            assert.deepEqual(await messagesOf(storageTier().all, rule), []);
        });

        it("does not apply outside production", async () => {
            const tier = storageTier("staging");
            assert.deepEqual(await messagesOf(swap(tier.all, tier.replication), rule), []);
        });

        it("rejects a production models bucket that does not replicate (mandatory)", async () => {
            const tier = storageTier();
            assert.deepEqual(await levelsOf(swap(tier.all, tier.replication), rule), [
                [
                    "mandatory",
                    'bucket fraud-detector-prod-models: does not replicate; add a BucketReplicationConfig with bucket → this bucket and an "Enabled" rule whose destination.bucket is the backup bucket',
                ],
            ]);
        });

        it("rejects replication into a bucket that is not the backup bucket", async () => {
            const tier = storageTier();
            const replication = resource(tier.replication.type, tier.replication.inputs, {
                name: "models-replication",
                from: { bucket: [tier.models.bucket], role: [tier.role] },
            });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.replication, replication), rule), [
                "bucket fraud-detector-prod-models: replicates into no backup bucket of this stack; set rules[].destination.bucket to the backup bucket's ARN (Purpose=backup)",
            ]);
        });

        it("rejects a disabled replication rule", async () => {
            const tier = storageTier();
            const rules = [{ ...(tier.replication.inputs.rules as object[])[0], status: "Disabled" }];
            const replication = mutate(tier.replication, { rules });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.replication, replication), rule), [
                'bucket fraud-detector-prod-models: has no enabled replication rule; set rules[].status: "Enabled"',
            ]);
        });

        it("rejects replication without Replication Time Control", async () => {
            const tier = storageTier();
            const rules = [{ id: "models-to-backup", status: "Enabled", destination: { bucket: "arn:aws:s3:::b" } }];
            const replication = mutate(tier.replication, { rules });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.replication, replication), rule), [
                'bucket fraud-detector-prod-models: replication has no time control; set rules[].destination.replicationTime: { status: "Enabled", time: { minutes: 15 } } to meet the 1 h RPO',
            ]);
        });

        it("rejects a replication role allowed on every bucket", async () => {
            const tier = storageTier();
            const document = { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] };
            const policy = mutate(tier.rolePolicy, { policy: JSON.stringify(document) });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.rolePolicy, policy), rule), [
                "bucket fraud-detector-prod-models: the replication role replication-role gets replication-policy, which is not scoped to the models and backup buckets; grant S3 actions only on those two buckets' ARNs",
            ]);
        });

        it("rejects a replication role with an AWS managed policy attached", async () => {
            const tier = storageTier();
            const attachment = resource(
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                { role: "replication-role", policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess" },
                { from: { role: [tier.role] } },
            );
            assert.deepEqual(await messagesOf([...tier.all, attachment], rule), [
                "bucket fraud-detector-prod-models: the replication role replication-role gets arn:aws:iam::aws:policy/AmazonS3FullAccess, which is not scoped to the models and backup buckets; grant S3 actions only on those two buckets' ARNs",
            ]);
        });

        it("rejects replication into an unversioned backup bucket", async () => {
            const tier = storageTier();
            assert.deepEqual(await messagesOf(swap(tier.all, tier.backup.versioning), rule), [
                'bucket fraud-detector-prod-models: the replication target bucket fraud-detector-backup-models is not versioned; add a BucketVersioning with bucket → this bucket and versioningConfiguration.status: "Enabled" (the inline versioning input is deprecated in v7)',
            ]);
        });
    });

    describe("s3-lifecycle-and-lock", () => {
        const rule = "s3-lifecycle-and-lock";

        it("passes buckets that abort uploads, expire noncurrent versions and lock the backups", async () => {
            assert.deepEqual(await messagesOf(storageTier().all, rule), []);
        });

        it("advises a production log bucket without lifecycle rules (advisory)", async () => {
            const tier = storageTier();
            assert.deepEqual(await levelsOf(swap(tier.all, tier.logs.lifecycle), rule), [
                [
                    "advisory",
                    'bucket fraud-detector-prod-logs: does not abort incomplete multipart uploads; add an "Enabled" lifecycle rule with abortIncompleteMultipartUpload.daysAfterInitiation (e.g. 7)',
                ],
            ]);
        });

        it("ignores disabled lifecycle rules", async () => {
            const tier = storageTier();
            const rules = [{ ...(tier.logs.lifecycle.inputs.rules as object[])[0], status: "Disabled" }];
            const lifecycle = mutate(tier.logs.lifecycle, { rules });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.logs.lifecycle, lifecycle), rule), [
                'bucket fraud-detector-prod-logs: does not abort incomplete multipart uploads; add an "Enabled" lifecycle rule with abortIncompleteMultipartUpload.daysAfterInitiation (e.g. 7)',
            ]);
        });

        it("advises a models bucket that keeps noncurrent versions forever", async () => {
            const tier = storageTier();
            const rules = [
                { id: "tidy", status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
            ];
            const lifecycle = mutate(tier.models.lifecycle, { rules });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.models.lifecycle, lifecycle), rule), [
                'bucket fraud-detector-prod-models: keeps noncurrent versions forever; add an "Enabled" lifecycle rule with noncurrentVersionExpiration.noncurrentDays',
            ]);
        });

        it("advises a backup bucket that keeps noncurrent versions no longer than the models bucket", async () => {
            const tier = storageTier();
            const rules = [
                {
                    ...(tier.backup.lifecycle.inputs.rules as object[])[0],
                    noncurrentVersionExpiration: { noncurrentDays: 30 },
                },
            ];
            const lifecycle = mutate(tier.backup.lifecycle, { rules });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.backup.lifecycle, lifecycle), rule), [
                "bucket fraud-detector-backup-models: keeps noncurrent versions 30 days, no longer than the models bucket (30); keep them longer on the backup bucket",
            ]);
        });

        it("advises a backup bucket without Object Lock, recognised by its name", async () => {
            const tier = storageTier();
            const bucket = mutate(tier.backup.bucket, { tags: stackTags(), objectLockEnabled: undefined });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.backup.bucket, bucket), rule), [
                "bucket fraud-detector-backup-models: objectLockEnabled is unset; set objectLockEnabled: true on the backup bucket",
            ]);
        });

        it("advises a backup bucket without a default Object Lock retention", async () => {
            const tier = storageTier();
            assert.deepEqual(await messagesOf(swap(tier.all, tier.objectLock), rule), [
                "bucket fraud-detector-backup-models: has no default Object Lock retention; add a BucketObjectLockConfiguration with rule.defaultRetention (mode and days or years)",
            ]);
        });
    });
});
