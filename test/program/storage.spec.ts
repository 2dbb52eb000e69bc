import { strict as assert } from "assert";
import { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { GUIDE_PREFIX, onlyOf, planOf, resourcesOf, STACKS } from "../helpers/plan";
import { dependentsOf, sourceOf } from "../helpers/relations";

const BUCKET = "aws:s3/bucket:Bucket";

function bucket(plan: PlanDocument, name: string): PlanResource {
    const found = resourcesOf(plan, BUCKET).find((b) => b.inputs.bucket === name);
    assert.ok(found, `no bucket ${name}`);
    return found;
}

/** The one resource of `type` that configures `target` (through its `bucket` input). */
function configOf(plan: PlanDocument, type: string, target: PlanResource): PlanResource {
    const found = dependentsOf(plan, type, "bucket", target);
    assert.equal(found.length, 1, `${type} of ${String(target.inputs.bucket)}`);
    return found[0];
}

describe("Storage", () => {
    for (const stack of STACKS) {
        const prefix = GUIDE_PREFIX[stack];
        describe(`in ${stack}`, () => {
            const names = [`${prefix}-models`, `${prefix}-backup-models`, `${prefix}-access-logs`];

            it(`has the models bucket ${prefix}-models (the guide's AWS_BUCKET), a backup and a log bucket`, () =>
                assert.deepEqual(
                    resourcesOf(planOf(stack), BUCKET)
                        .map((b) => b.inputs.bucket)
                        .sort(),
                    [...names].sort(),
                ));

            it("blocks public access, enforces ownership, versions and refuses plain HTTP on every bucket", () => {
                const plan = planOf(stack);
                for (const name of names) {
                    const b = bucket(plan, name);
                    const block = configOf(plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", b).inputs;
                    assert.deepEqual(
                        [
                            block.blockPublicAcls,
                            block.blockPublicPolicy,
                            block.ignorePublicAcls,
                            block.restrictPublicBuckets,
                        ],
                        [true, true, true, true],
                    );
                    assert.deepEqual(
                        configOf(plan, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", b).inputs.rule,
                        { objectOwnership: "BucketOwnerEnforced" },
                    );
                    assert.deepEqual(
                        configOf(plan, "aws:s3/bucketVersioning:BucketVersioning", b).inputs.versioningConfiguration,
                        { status: "Enabled" },
                    );
                    const policy = JSON.parse(
                        String(configOf(plan, "aws:s3/bucketPolicy:BucketPolicy", b).inputs.policy),
                    ) as { Statement: Array<Record<string, unknown>> };
                    assert.deepEqual(policy.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
                    assert.equal(policy.Statement[0].Effect, "Deny");
                    assert.equal(b.inputs.forceDestroy, false);
                }
            });

            it("encrypts models and backups with the data key (SSE-KMS, bucket keys) and the log bucket with SSE-S3", () => {
                const plan = planOf(stack);
                for (const name of names.slice(0, 2)) {
                    const sse = configOf(
                        plan,
                        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                        bucket(plan, name),
                    );
                    const rule = (sse.inputs.rules as Array<Record<string, Record<string, unknown>>>)[0];
                    assert.equal(rule.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
                    assert.equal(sourceOf(plan, sse, "rules")?.type, "aws:kms/key:Key");
                }
                const logs = configOf(
                    plan,
                    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                    bucket(plan, names[2]),
                );
                assert.deepEqual(logs.inputs.rules, [
                    { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
                ]);
            });

            it("logs access to the models and backup buckets into the log bucket", () => {
                const plan = planOf(stack);
                for (const name of names.slice(0, 2)) {
                    const logging = configOf(plan, "aws:s3/bucketLogging:BucketLogging", bucket(plan, name));
                    assert.equal(logging.inputs.targetBucket, names[2]);
                }
            });

            it("locks backup versions for 30 days and keeps old backup versions 365 days", () => {
                const plan = planOf(stack);
                const backup = bucket(plan, names[1]);
                assert.equal(backup.inputs.objectLockEnabled, true);
                assert.deepEqual(
                    configOf(plan, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", backup).inputs
                        .rule,
                    {
                        defaultRetention: { mode: "GOVERNANCE", days: 30 },
                    },
                );
                const lifecycle = configOf(
                    plan,
                    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
                    backup,
                );
                assert.deepEqual(
                    (lifecycle.inputs.rules as Array<Record<string, unknown>>)[1].noncurrentVersionExpiration,
                    { noncurrentDays: 365 },
                );
            });
        });
    }

    it("replicates production models into the backup bucket within 15 minutes, without deletes", () => {
        const plan = planOf("production");
        const replication = onlyOf(plan, "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
        assert.equal(replication.inputs.bucket, "fraud-detector-prod-models");
        const rule = (replication.inputs.rules as Array<Record<string, Record<string, unknown>>>)[0];
        assert.equal(rule.destination.bucket, bucket(plan, "fraud-detector-prod-backup-models").outputs.arn);
        assert.deepEqual(rule.destination.replicationTime, { status: "Enabled", time: { minutes: 15 } });
        assert.deepEqual(rule.deleteMarkerReplication, { status: "Disabled" });
        assert.equal(sourceOf(plan, replication, "role")?.type, "aws:iam/role:Role");
    });

    it("scopes the replication role to the two buckets and the data key", () => {
        const plan = planOf("production");
        const policy = resourcesOf(plan, "aws:iam/rolePolicy:RolePolicy").find((p) =>
            p.name.endsWith("-storage-replication"),
        );
        const statements = (
            JSON.parse(String(policy?.inputs.policy)) as {
                Statement: Array<{ Action: string[]; Resource: string[]; Condition?: unknown }>;
            }
        ).Statement;
        const key = String(planOf("production").outputs.dataKeyArn);
        // The key only through S3 in the region, per bucket: with Bucket Keys the context is the bucket ARN.
        const through = (bucketArn: string) => ({
            StringEquals: {
                "kms:ViaService": "s3.ca-central-1.amazonaws.com",
                "kms:EncryptionContext:aws:s3:arn": bucketArn,
            },
        });
        assert.deepEqual(
            statements.map((s) => [s.Action, s.Resource, s.Condition ?? null]),
            [
                [
                    ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                    ["arn:aws:s3:::fraud-detector-prod-models"],
                    null,
                ],
                [
                    ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
                    ["arn:aws:s3:::fraud-detector-prod-models/*"],
                    null,
                ],
                [
                    ["s3:ReplicateObject", "s3:ReplicateTags"],
                    ["arn:aws:s3:::fraud-detector-prod-backup-models/*"],
                    null,
                ],
                [["kms:Decrypt"], [key], through("arn:aws:s3:::fraud-detector-prod-models")],
                [
                    ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"],
                    [key],
                    through("arn:aws:s3:::fraud-detector-prod-backup-models"),
                ],
            ],
        );
    });

    it("does not replicate in staging or local", () => {
        for (const stack of ["staging", "local"]) {
            assert.equal(
                resourcesOf(planOf(stack), "aws:s3/bucketReplicationConfig:BucketReplicationConfig").length,
                0,
                stack,
            );
        }
    });
});
