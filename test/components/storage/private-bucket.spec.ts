import { strict as assert } from "assert";
import { PrivateBucket, PrivateBucketArgs } from "../../../components/storage/private-bucket";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
const KEY = "arn:aws:kms:ca-central-1:111122223333:key/data";
/** The models bucket: the stack's key, access logs, 90 days of old versions. */
const MODELS: PrivateBucketArgs = {
    bucketName: "fraud-detector-prod-models",
    purpose: "models",
    kmsKeyArn: KEY,
    accessLogBucket: "fraud-detector-prod-access-logs",
    noncurrentVersionDays: 90,
    deletionProtection: true,
    tags: TAGS,
};
/** The backup bucket: every version locked for 30 days. */
const BACKUP: PrivateBucketArgs = {
    ...MODELS,
    bucketName: "fraud-detector-prod-backup-models",
    purpose: "backup",
    noncurrentVersionDays: 365,
    objectLockDays: 30,
};
/** The access-log bucket: S3-managed keys (log delivery cannot use a customer key), no logs of itself. */
const LOGS: PrivateBucketArgs = {
    bucketName: "fraud-detector-local-access-logs",
    purpose: "logs",
    noncurrentVersionDays: 30,
    extraPolicyStatements: [{ Sid: "S3ServerAccessLogs", Effect: "Allow", Action: "s3:PutObject" }],
    deletionProtection: false,
    tags: TAGS,
};

const build = (args: PrivateBucketArgs) => () => new PrivateBucket("bucket", args);
const ALWAYS = [
    "aws:s3/bucket:Bucket bucket-bucket",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration bucket-lifecycle",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls bucket-ownership",
    "aws:s3/bucketPolicy:BucketPolicy bucket-policy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock bucket-public-access",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration bucket-encryption",
    "aws:s3/bucketVersioning:BucketVersioning bucket-versioning",
];

describe("components/storage PrivateBucket (built in-process)", () => {
    const cases = [
        {
            title: "models: KMS, access-logged, protected",
            args: MODELS,
            extra: ["aws:s3/bucketLogging:BucketLogging bucket-logging"],
            sse: {
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY },
                bucketKeyEnabled: true,
            },
            sids: ["DenyPlainHttp"],
        },
        {
            title: "backup: KMS, access-logged, object lock",
            args: BACKUP,
            extra: [
                "aws:s3/bucketLogging:BucketLogging bucket-logging",
                "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration bucket-object-lock",
            ],
            sse: {
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY },
                bucketKeyEnabled: true,
            },
            sids: ["DenyPlainHttp"],
        },
        {
            title: "access logs: AES256, an extra statement, unprotected",
            args: LOGS,
            extra: [],
            sse: { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
            sids: ["DenyPlainHttp", "S3ServerAccessLogs"],
        },
    ];
    for (const c of cases) {
        describe(c.title, () => {
            const built = builtOnce(build(c.args));

            it("creates the bucket and its settings under the component", async () => {
                const { children, parentName } = await built();
                assert.deepEqual(children.map((r) => `${r.type} ${r.name}`).sort(), [...ALWAYS, ...c.extra].sort());
                assert.ok(children.every((r) => parentName(r) === "bucket"));
            });

            it("names and tags the bucket, locks objects only with a lock period, protects it with deletion protection", async () => {
                const bucket = (await built()).child("aws:s3/bucket:Bucket", "bucket-bucket");
                assert.deepEqual(
                    [bucket.inputs.bucket, bucket.inputs.forceDestroy, bucket.inputs.objectLockEnabled],
                    [c.args.bucketName, false, c.args.objectLockDays !== undefined],
                );
                assert.deepEqual(bucket.inputs.tags, { ...TAGS, Name: c.args.bucketName, Purpose: c.args.purpose });
                assert.deepEqual(
                    [bucket.options.protect, bucket.options.retainOnDelete],
                    [c.args.deletionProtection, c.args.deletionProtection],
                );
            });

            it("blocks public access, enforces the owner, encrypts, versions and refuses plain HTTP", async () => {
                const { child } = await built();
                const block = child(
                    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                    "bucket-public-access",
                ).inputs;
                assert.deepEqual(
                    [
                        block.blockPublicAcls,
                        block.blockPublicPolicy,
                        block.ignorePublicAcls,
                        block.restrictPublicBuckets,
                    ],
                    [true, true, true, true],
                );
                const sse = child(
                    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                    "bucket-encryption",
                ).inputs;
                assert.deepEqual(sse.rules, [c.sse]);
                const policy = JSON.parse(
                    String(child("aws:s3/bucketPolicy:BucketPolicy", "bucket-policy").inputs.policy),
                ) as {
                    Statement: { Sid: string }[];
                };
                assert.deepEqual(
                    policy.Statement.map((s) => s.Sid),
                    c.sids,
                );
            });

            it(`expires old versions after ${c.args.noncurrentVersionDays} days, once versioning is on`, async () => {
                const { child } = await built();
                const lifecycle = child(
                    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
                    "bucket-lifecycle",
                );
                const rules = lifecycle.inputs.rules as {
                    id: string;
                    noncurrentVersionExpiration?: { noncurrentDays: number };
                }[];
                assert.deepEqual(
                    rules.map((r) => [r.id, r.noncurrentVersionExpiration?.noncurrentDays]),
                    [
                        ["abort-incomplete-uploads", undefined],
                        ["expire-old-versions", c.args.noncurrentVersionDays],
                    ],
                );
                assert.ok(
                    lifecycle.options.dependsOn.includes(
                        child("aws:s3/bucketVersioning:BucketVersioning", "bucket-versioning").urn,
                    ),
                );
            });
        });
    }

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<PrivateBucketArgs>[] = [
        [
            "stack tags that would lose the bucket's Name",
            { tags: { ...TAGS, Name: "shared" } },
            'tag Name is set by the stack to "shared" and cannot be changed to "fraud-detector-prod-models"',
        ],
        [
            "stack tags that would lose the bucket's Purpose",
            { tags: { ...TAGS, Purpose: "shared" } },
            'tag Purpose is set by the stack to "shared" and cannot be changed to "models"',
        ],
    ];
    refusesEach(build, MODELS, ARGUMENT_ERRORS);
});
