import { strict as assert } from "assert";
import { levelsOf, messagesOf, resource } from "../harness";
import { mutate, S3, storageTier, swap, tlsOnly } from "./fixtures";

describe("policy: storage", () => {
    describe("s3-block-public-access", () => {
        const rule = "s3-block-public-access";

        it("passes buckets that each have a public-access block with all four switches on", async () => {
            assert.deepEqual(await messagesOf(storageTier().all, rule), []);
        });

        it("rejects a production bucket without a public-access block (mandatory)", async () => {
            const tier = storageTier();
            assert.deepEqual(await levelsOf(swap(tier.all, tier.models.publicAccessBlock), rule), [
                [
                    "mandatory",
                    "bucket fraud-detector-prod-models: has no public-access block; add a BucketPublicAccessBlock with bucket → this bucket and blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true",
                ],
            ]);
        });

        it("rejects a public-access block that leaves switches off or unset", async () => {
            const tier = storageTier();
            const block = mutate(tier.logs.publicAccessBlock, {
                ignorePublicAcls: undefined,
                restrictPublicBuckets: false,
            });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.logs.publicAccessBlock, block), rule), [
                "bucket fraud-detector-prod-logs: the public-access block leaves ignorePublicAcls unset, restrictPublicBuckets false; set all four switches to true",
            ]);
        });

        it("only advises in local", async () => {
            const tier = storageTier("local");
            assert.deepEqual(await levelsOf(swap(tier.all, tier.backup.publicAccessBlock), rule), [
                [
                    "advisory",
                    "bucket fraud-detector-backup-models: has no public-access block; add a BucketPublicAccessBlock with bucket → this bucket and blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true",
                ],
            ]);
        });
    });

    describe("s3-policy-and-acls", () => {
        const rule = "s3-policy-and-acls";
        const tlsFix =
            'add a statement that denies "s3:*" to Principal "*" when Bool aws:SecureTransport is "false" (FSBP S3.5)';

        it("passes buckets with a TLS-only policy, no ACLs and BucketOwnerEnforced", async () => {
            assert.deepEqual(await messagesOf(storageTier().all, rule), []);
        });

        it("accepts a bucket policy given as an object rather than a JSON string", async () => {
            const tier = storageTier();
            const policy = mutate(tier.models.policy, {
                policy: { Statement: [tlsOnly("fraud-detector-prod-models")] },
            });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.models.policy, policy), rule), []);
        });

        it("rejects a production bucket without a bucket policy (mandatory)", async () => {
            const tier = storageTier();
            assert.deepEqual(await levelsOf(swap(tier.all, tier.models.policy), rule), [
                [
                    "mandatory",
                    `bucket fraud-detector-prod-models: has no bucket policy; attach a BucketPolicy and ${tlsFix}`,
                ],
            ]);
        });

        it("rejects a bucket policy that does not refuse plain HTTP", async () => {
            const tier = storageTier();
            const statement = { ...tlsOnly("fraud-detector-prod-models"), Condition: {} };
            const policy = mutate(tier.models.policy, { policy: JSON.stringify({ Statement: [statement] }) });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.models.policy, policy), rule), [
                `bucket fraud-detector-prod-models: the bucket policy does not refuse plain HTTP; ${tlsFix}`,
            ]);
        });

        it("rejects a bucket policy that allows anything to Principal *", async () => {
            const tier = storageTier();
            const open = { Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: "*" };
            const document = { Statement: [tlsOnly("fraud-detector-prod-models"), open] };
            const policy = mutate(tier.models.policy, { policy: JSON.stringify(document) });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.models.policy, policy), rule), [
                'bucket fraud-detector-prod-models: the bucket policy allows s3:GetObject to Principal "*"; grant only to named principals of this account or to AWS service principals',
            ]);
        });

        it("rejects a bucket policy that does not parse", async () => {
            const tier = storageTier();
            const policy = mutate(tier.models.policy, { policy: "{not json" });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.models.policy, policy), rule), [
                'bucket fraud-detector-prod-models: has a bucket policy that does not parse ("{not json"); give a valid policy document',
                `bucket fraud-detector-prod-models: the bucket policy does not refuse plain HTTP; ${tlsFix}`,
            ]);
        });

        it("rejects the deprecated inline acl on a bucket", async () => {
            const tier = storageTier();
            const bucket = mutate(tier.logs.bucket, { acl: "log-delivery-write" });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.logs.bucket, bucket), rule), [
                'bucket fraud-detector-prod-logs: sets acl "log-delivery-write"; remove acl (ACLs stay off, ownership BucketOwnerEnforced)',
            ]);
        });

        it("rejects the deprecated inline grants on a bucket", async () => {
            const tier = storageTier();
            const grants = [{ type: "CanonicalUser", id: "abc", permissions: ["READ"] }];
            const bucket = mutate(tier.logs.bucket, { grants });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.logs.bucket, bucket), rule), [
                "bucket fraud-detector-prod-logs: sets grants; remove grants and grant access through the bucket policy or IAM",
            ]);
        });

        it("rejects a public BucketAcl", async () => {
            const tier = storageTier();
            const acl = resource(
                `${S3}/bucketAclV2:BucketAclV2`,
                { bucket: "fraud-detector-prod-models", acl: "public-read" },
                { name: "models-acl", from: { bucket: [tier.models.bucket] } },
            );
            assert.deepEqual(await messagesOf([...tier.all, acl], rule), [
                'bucket fraud-detector-prod-models: BucketAcl models-acl makes the bucket public (acl "public-read"); remove the BucketAcl',
            ]);
        });

        it("rejects a bucket without ownership controls", async () => {
            const tier = storageTier();
            assert.deepEqual(await messagesOf(swap(tier.all, tier.backup.ownership), rule), [
                'bucket fraud-detector-backup-models: has no BucketOwnershipControls; add one with bucket → this bucket and rule.objectOwnership: "BucketOwnerEnforced"',
            ]);
        });

        it("rejects ownership controls that keep ACLs working", async () => {
            const tier = storageTier();
            const ownership = mutate(tier.backup.ownership, { rule: { objectOwnership: "ObjectWriter" } });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.backup.ownership, ownership), rule), [
                'bucket fraud-detector-backup-models: object ownership is "ObjectWriter"; set rule.objectOwnership: "BucketOwnerEnforced" so ACLs are disabled',
            ]);
        });
    });
});
