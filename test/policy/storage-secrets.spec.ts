import { strict as assert } from "assert";
import { PlanResource } from "../../plan/engine/contract";
import { levelsOf, messagesOf, resource, stackTags } from "./harness";

const BUCKET = "aws:s3/bucket:Bucket";
const S3 = "aws:s3";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

/** The same fixture with some inputs changed: one mutation of a happy-path resource. */
function mutate(fixture: PlanResource, changes: Record<string, unknown>): PlanResource {
    const inputs = { ...fixture.inputs, ...changes };
    return { ...fixture, inputs, outputs: inputs };
}

/** `resources` with `fixture` replaced by `replacement`, or left out when there is none. */
function swap(resources: readonly PlanResource[], fixture: PlanResource, replacement?: PlanResource): PlanResource[] {
    return resources.flatMap((r) => (r.urn !== fixture.urn ? [r] : replacement ? [replacement] : []));
}

const shortName = (environment: string) => (environment === "production" ? "prod" : environment);

/** The FSBP S3.5 statement every happy bucket policy carries. */
function tlsOnly(name: string) {
    return {
        Sid: "DenyPlainHttp",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/** A compliant bucket with every standalone configuration the S3 rules ask for, by part. */
function compliantBucket(environment: string, purpose: "models" | "backup" | "logs", noncurrentDays: number) {
    const name =
        purpose === "backup" ? "fraud-detector-backup-models" : `fraud-detector-${shortName(environment)}-${purpose}`;
    const bucket = resource(
        BUCKET,
        {
            bucket: name,
            tags: { ...stackTags(environment), Purpose: purpose },
            ...(purpose === "backup" ? { objectLockEnabled: true } : {}),
        },
        { name: purpose },
    );
    const on = { from: { bucket: [bucket] } };
    const part = (type: string, props: Record<string, unknown>) =>
        resource(`${S3}/${type}`, props, { ...on, name: `${purpose}-${type.split(":")[1]}` });
    return {
        bucket,
        publicAccessBlock: part("bucketPublicAccessBlock:BucketPublicAccessBlock", {
            bucket: name,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }),
        policy: part("bucketPolicy:BucketPolicy", {
            bucket: name,
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [tlsOnly(name)] }),
        }),
        ownership: part("bucketOwnershipControls:BucketOwnershipControls", {
            bucket: name,
            rule: { objectOwnership: "BucketOwnerEnforced" },
        }),
        encryption: part("bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", {
            bucket: name,
            rules: [
                purpose === "logs"
                    ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
                    : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" }, bucketKeyEnabled: true },
            ],
        }),
        versioning: part("bucketVersioning:BucketVersioning", {
            bucket: name,
            versioningConfiguration: { status: "Enabled" },
        }),
        lifecycle: part("bucketLifecycleConfiguration:BucketLifecycleConfiguration", {
            bucket: name,
            rules: [
                {
                    id: "tidy",
                    status: "Enabled",
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    noncurrentVersionExpiration: { noncurrentDays },
                },
            ],
        }),
    };
}

/**
 * A compliant storage tier: models, backup and log buckets, each fully configured; models and
 * backup log to the log bucket; models replicates into backup through a scoped role.
 */
function storageTier(environment = "production") {
    const models = compliantBucket(environment, "models", 30);
    const backup = compliantBucket(environment, "backup", 90);
    const logs = compliantBucket(environment, "logs", 30);
    const logging = (of: typeof models) =>
        resource(
            `${S3}/bucketLogging:BucketLogging`,
            { bucket: of.bucket.inputs.bucket, targetBucket: logs.bucket.inputs.bucket, targetPrefix: "s3/" },
            { name: `${of.bucket.name}-logging`, from: { bucket: [of.bucket], targetBucket: [logs.bucket] } },
        );
    const objectLock = resource(
        `${S3}/bucketObjectLockConfiguration:BucketObjectLockConfiguration`,
        { bucket: backup.bucket.inputs.bucket, rule: { defaultRetention: { mode: "GOVERNANCE", days: 30 } } },
        { name: "backup-lock", from: { bucket: [backup.bucket] } },
    );
    const role = resource(ROLE, { tags: stackTags(environment) }, { name: "replication-role" });
    const rolePolicy = resource(
        ROLE_POLICY,
        {
            policy: JSON.stringify({
                Statement: [
                    {
                        Effect: "Allow",
                        Action: ["s3:GetReplicationConfiguration", "s3:GetObjectVersionForReplication"],
                        Resource: [
                            "arn:aws:s3:::fraud-detector-prod-models",
                            "arn:aws:s3:::fraud-detector-prod-models/*",
                        ],
                    },
                    {
                        Effect: "Allow",
                        Action: ["s3:ReplicateObject", "s3:ReplicateDelete"],
                        Resource: "arn:aws:s3:::fraud-detector-backup-models/*",
                    },
                ],
            }),
        },
        { name: "replication-policy", from: { role: [role], policy: [models.bucket, backup.bucket] } },
    );
    const replication = resource(
        `${S3}/bucketReplicationConfig:BucketReplicationConfig`,
        {
            bucket: models.bucket.inputs.bucket,
            role: "arn:aws:iam::123456789012:role/replication-role",
            rules: [
                {
                    id: "models-to-backup",
                    status: "Enabled",
                    destination: {
                        bucket: "arn:aws:s3:::fraud-detector-backup-models",
                        replicationTime: { status: "Enabled", time: { minutes: 15 } },
                        metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
                    },
                },
            ],
        },
        {
            name: "models-replication",
            from: { bucket: [models.bucket], rules: [backup.bucket], role: [role] },
        },
    );
    const extras = {
        modelsLogging: logging(models),
        backupLogging: logging(backup),
        objectLock,
        role,
        rolePolicy,
        replication,
    };
    // The log bucket is neither versioned nor logged: it is not a models or backup bucket.
    const logParts = { ...logs, versioning: undefined };
    const all = [
        ...Object.values(models),
        ...Object.values(backup),
        ...Object.values(logParts),
        ...Object.values(extras),
    ].filter((r): r is PlanResource => r !== undefined);
    return { models, backup, logs, ...extras, all };
}

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

const RDS = "aws:rds/instance:Instance";
const SECRET = "aws:secretsmanager/secret:Secret";
const SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const KMS_KEY = "aws:kms/key:Key";

/** The guide's two secrets for an environment, with generated values, behind an RDS instance. */
function secretsTier(environment = "production") {
    const short = shortName(environment);
    const database = resource(RDS, { tags: stackTags(environment) }, { name: "database" });
    const password = resource("random:index/randomPassword:RandomPassword", { length: 32 }, { name: "db-password" });
    const hmac = resource("random:index/randomBytes:RandomBytes", { length: 64 }, { name: "hmac-bytes" });
    const secret = (name: string, description: string) =>
        resource(
            SECRET,
            { name: `fraud-detector/${short}/${name}`, description, tags: stackTags(environment) },
            { name: `${name}-secret` },
        );
    const databaseSecret = secret("database", "PostgreSQL master credentials for fraud-api");
    const hmacSecret = secret("hmac-keys", "HMAC keys that sign fraud-api requests");
    const version = (of: PlanResource, value: string, source: PlanResource) =>
        resource(
            SECRET_VERSION,
            {
                secretId: `arn:aws:secretsmanager:ca-central-1:123456789012:secret:${String(of.inputs.name)}`,
                secretString: value,
            },
            { name: `${of.name}-version`, from: { secretId: [of], secretString: [source] } },
        );
    const databaseVersion = version(databaseSecret, '{"username":"fraud_user","password":"generated"}', password);
    const hmacVersion = version(hmacSecret, '{"signing":"generated"}', hmac);
    const all = [database, password, hmac, databaseSecret, hmacSecret, databaseVersion, hmacVersion];
    return { database, password, hmac, databaseSecret, hmacSecret, databaseVersion, hmacVersion, all };
}

/** A key policy granting the account root, as AWS's default key policy does. */
const ACCOUNT_ROOT_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "EnableRootAccess",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::123456789012:root" },
            Action: "kms:*",
            Resource: "*",
        },
    ],
});

/** A compliant customer-managed key. */
function key(environment = "production", changes: Record<string, unknown> = {}) {
    return resource(KMS_KEY, {
        description: "fraud-detector data key",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: ACCOUNT_ROOT_POLICY,
        tags: stackTags(environment),
        ...changes,
    });
}

/** A secret encrypted with a customer key and rotated monthly by a Lambda. */
function rotatedSecret(environment = "production") {
    const cmk = key(environment);
    const secret = resource(
        SECRET,
        {
            name: "fraud-detector/prod/database",
            kmsKeyId: "arn:aws:kms:ca-central-1:123456789012:key/1",
            tags: stackTags(environment),
        },
        { name: "database-secret", from: { kmsKeyId: [cmk] } },
    );
    const rotation = resource(
        SECRET_ROTATION,
        {
            secretId: "arn:aws:secretsmanager:ca-central-1:123456789012:secret:fraud-detector/prod/database",
            rotationLambdaArn: "arn:aws:lambda:ca-central-1:123456789012:function:rotate",
            rotationRules: { automaticallyAfterDays: 30 },
        },
        { name: "database-rotation", from: { secretId: [secret] } },
    );
    return { cmk, secret, rotation, all: [cmk, secret, rotation] };
}

describe("policy: secrets and KMS", () => {
    describe("secrets-per-guide", () => {
        const rule = "secrets-per-guide";

        it("does not apply before the data tier exists (no RDS instance)", async () => {
            assert.deepEqual(await messagesOf([], rule), []);
        });

        it("passes both guide secrets with descriptions and generated values", async () => {
            assert.deepEqual(await messagesOf(secretsTier().all, rule), []);
        });

        it("accepts a value passed write-only through secretStringWo", async () => {
            const tier = secretsTier();
            const version = resource(
                SECRET_VERSION,
                { secretId: "arn", secretStringWo: "[secret]", secretStringWoVersion: 1 },
                { name: "hmac-version", from: { secretId: [tier.hmacSecret] } },
            );
            assert.deepEqual(await messagesOf(swap(tier.all, tier.hmacVersion, version), rule), []);
        });

        it("treats a masked value without a known source as unknown, not as a literal", async () => {
            const tier = secretsTier();
            const version = resource(
                SECRET_VERSION,
                { secretId: "arn", secretString: "[secret]" },
                { name: "hmac-version", from: { secretId: [tier.hmacSecret] } },
            );
            assert.deepEqual(await messagesOf(swap(tier.all, tier.hmacVersion, version), rule), []);
        });

        it("rejects a staging stack without the hmac-keys secret (mandatory)", async () => {
            const tier = secretsTier("staging");
            const resources = swap(swap(tier.all, tier.hmacSecret), tier.hmacVersion);
            assert.deepEqual(await levelsOf(resources, rule), [
                [
                    "mandatory",
                    'the RDS instance database has no secret named "fraud-detector/staging/hmac-keys"; add a Secret with name: "fraud-detector/staging/hmac-keys" and a description (guide: Secrets Management)',
                ],
            ]);
        });

        it("rejects a guide secret without a description", async () => {
            const tier = secretsTier();
            const secret = mutate(tier.databaseSecret, { description: undefined });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.databaseSecret, secret), rule), [
                "secret fraud-detector/prod/database: description is unset; set description to what the secret holds",
            ]);
        });

        it("rejects a guide secret without a value", async () => {
            const tier = secretsTier();
            assert.deepEqual(await messagesOf(swap(tier.all, tier.hmacVersion), rule), [
                "secret fraud-detector/prod/hmac-keys: has no SecretVersion; add one with secretId → this secret and secretString from a RandomPassword",
            ]);
        });

        it("rejects a literal value such as the guide's placeholder", async () => {
            const tier = secretsTier();
            const version = resource(
                SECRET_VERSION,
                { secretId: "arn", secretString: '{"username":"fraud_user","password":"your-secure-password"}' },
                { name: "database-secret-version", from: { secretId: [tier.databaseSecret] } },
            );
            assert.deepEqual(await messagesOf(swap(tier.all, tier.databaseVersion, version), rule), [
                "secret fraud-detector/prod/database: SecretVersion database-secret-version stores a literal value; build secretString from a RandomPassword's result (or pass it write-only in secretStringWo), never a string in the program",
            ]);
        });

        it("rejects a database secret without a username", async () => {
            const tier = secretsTier();
            const version = mutate(tier.databaseVersion, { secretString: '{"password":"generated"}' });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.databaseVersion, version), rule), [
                "secret fraud-detector/prod/database: SecretVersion database-secret-version lacks username; store a JSON object with username and password (or passwordSecretArn, the RDS-managed secret)",
            ]);
        });

        it("passes a database secret that holds the instance's connection and the ARN of its RDS-managed password", async () => {
            const tier = secretsTier();
            const connection = resource(
                SECRET_VERSION,
                {
                    secretId: "arn:database-secret",
                    secretString:
                        '{"username":"fraud_user","host":"db.example","passwordSecretArn":"arn:aws:secretsmanager:ca-central-1:123456789012:secret:rds!db-1"}',
                },
                {
                    name: "database-secret-version",
                    from: { secretId: [tier.databaseSecret], secretString: [tier.database] },
                },
            );
            assert.deepEqual(await messagesOf(swap(tier.all, tier.databaseVersion, connection), rule), []);
        });

        it("still rejects HMAC keys taken from the database instance rather than generated", async () => {
            const tier = secretsTier();
            const version = resource(
                SECRET_VERSION,
                { secretId: "arn:hmac-secret", secretString: '{"key1":"db.example"}' },
                {
                    name: "hmac-keys-secret-version",
                    from: { secretId: [tier.hmacSecret], secretString: [tier.database] },
                },
            );
            assert.deepEqual(await messagesOf(swap(tier.all, tier.hmacVersion, version), rule), [
                "secret fraud-detector/prod/hmac-keys: SecretVersion hmac-keys-secret-version stores a literal value; build secretString from a RandomPassword's result (or pass it write-only in secretStringWo), never a string in the program",
            ]);
        });
    });

    describe("secrets-recovery-window", () => {
        const rule = "secrets-recovery-window";
        const secret = (environment: string, recoveryWindowInDays?: number) =>
            resource(SECRET, {
                name: "fraud-detector/prod/database",
                recoveryWindowInDays,
                tags: stackTags(environment),
            });

        it("passes a production secret with a 7-day window", async () => {
            assert.deepEqual(await messagesOf([secret("production", 7)], rule), []);
        });

        it("passes a production secret that keeps the default 30-day window", async () => {
            assert.deepEqual(await messagesOf([secret("production")], rule), []);
        });

        it("rejects a production secret deleted at once (mandatory)", async () => {
            assert.deepEqual(await levelsOf([secret("production", 0)], rule), [
                [
                    "mandatory",
                    "recoveryWindowInDays is 0 (deleted at once, no recovery); set recoveryWindowInDays between 7 and 30, or leave it unset for 30",
                ],
            ]);
        });

        it("rejects a production window longer than 30 days", async () => {
            assert.deepEqual(await messagesOf([secret("production", 45)], rule), [
                "recoveryWindowInDays is 45; set recoveryWindowInDays between 7 and 30, or leave it unset for 30",
            ]);
        });

        it("lets staging delete secrets at once", async () => {
            assert.deepEqual(await messagesOf([secret("staging", 0)], rule), []);
        });
    });

    describe("secrets-rotation-and-cmk", () => {
        const rule = "secrets-rotation-and-cmk";

        it("passes a secret under a customer key, rotated every 30 days by a Lambda", async () => {
            assert.deepEqual(await messagesOf(rotatedSecret().all, rule), []);
        });

        it("accepts a rate schedule expression of 30 days", async () => {
            const tier = rotatedSecret();
            const rotation = mutate(tier.rotation, { rotationRules: { scheduleExpression: "rate(30 days)" } });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.rotation, rotation), rule), []);
        });

        it("advises a production secret without a customer key (advisory)", async () => {
            const tier = rotatedSecret();
            const secret = mutate(tier.secret, { kmsKeyId: undefined });
            assert.deepEqual(await levelsOf(swap(tier.all, tier.secret, secret), rule), [
                [
                    "advisory",
                    "secret fraud-detector/prod/database: kmsKeyId is unset; encrypt the secret with a customer-managed key (kmsKeyId from an aws.kms.Key)",
                ],
            ]);
        });

        it("advises a secret that is never rotated", async () => {
            const tier = rotatedSecret();
            assert.deepEqual(await messagesOf(swap(tier.all, tier.rotation), rule), [
                "secret fraud-detector/prod/database: is never rotated; add a SecretRotation with secretId → this secret, a rotationLambdaArn and rotationRules.automaticallyAfterDays at most 90",
            ]);
        });

        it("advises a rotation less often than every 90 days", async () => {
            const tier = rotatedSecret();
            const rotation = mutate(tier.rotation, { rotationRules: { automaticallyAfterDays: 180 } });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.rotation, rotation), rule), [
                "secret fraud-detector/prod/database: the rotation schedule is 180; rotate at least every 90 days (rotationRules.automaticallyAfterDays at most 90)",
            ]);
        });

        it("advises a rotation that is turned off", async () => {
            const tier = rotatedSecret();
            const rotation = mutate(tier.rotation, { rotationEnabled: false });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.rotation, rotation), rule), [
                "secret fraud-detector/prod/database: rotation is turned off (rotationEnabled false); remove rotationEnabled or set it to true",
            ]);
        });

        it("advises a rotation without a Lambda", async () => {
            const tier = rotatedSecret();
            const rotation = mutate(tier.rotation, { rotationLambdaArn: undefined });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.rotation, rotation), rule), [
                "secret fraud-detector/prod/database: the rotation has no rotationLambdaArn; set it to the rotation function's ARN",
            ]);
        });
    });

    describe("kms-key-safety", () => {
        const rule = "kms-key-safety";

        it("passes a rotating, enabled key with a 30-day deletion window and a named-principal policy", async () => {
            assert.deepEqual(await messagesOf([key()], rule), []);
        });

        it("passes a key that keeps the provider's default 30-day deletion window", async () => {
            assert.deepEqual(await messagesOf([key("production", { deletionWindowInDays: undefined })], rule), []);
        });

        it("rejects a production key whose rotation is left at the provider default (mandatory)", async () => {
            assert.deepEqual(await levelsOf([key("production", { enableKeyRotation: undefined })], rule), [
                [
                    "mandatory",
                    "enableKeyRotation is unset (the provider default is false); set enableKeyRotation: true",
                ],
            ]);
        });

        it("only advises in local", async () => {
            assert.deepEqual(await levelsOf([key("local", { enableKeyRotation: false })], rule), [
                ["advisory", "enableKeyRotation is false (the provider default is false); set enableKeyRotation: true"],
            ]);
        });

        it("does not ask asymmetric keys to rotate, which AWS cannot do", async () => {
            const signing = key("production", { enableKeyRotation: undefined, customerMasterKeySpec: "RSA_2048" });
            assert.deepEqual(await messagesOf([signing], rule), []);
        });

        it("rejects a rotation period longer than a year", async () => {
            assert.deepEqual(await messagesOf([key("production", { rotationPeriodInDays: 730 })], rule), [
                "rotationPeriodInDays is 730; set it to at most 365 (or leave it unset for yearly rotation)",
            ]);
        });

        it("rejects a deletion window shorter than 30 days", async () => {
            assert.deepEqual(await messagesOf([key("production", { deletionWindowInDays: 7 })], rule), [
                "deletionWindowInDays is 7; set deletionWindowInDays: 30 (or leave it unset) so a deleted key can be recovered",
            ]);
        });

        it("rejects a disabled key", async () => {
            assert.deepEqual(await messagesOf([key("production", { isEnabled: false })], rule), [
                "isEnabled is false; a disabled key makes everything it encrypts unreadable; set isEnabled: true",
            ]);
        });

        it("rejects a key without an explicit policy", async () => {
            assert.deepEqual(await messagesOf([key("production", { policy: undefined })], rule), [
                "has no explicit key policy; set policy to a document that names this account's principals",
            ]);
        });

        it("rejects a key policy that does not parse", async () => {
            assert.deepEqual(await messagesOf([key("production", { policy: "{" })], rule), [
                'the key policy does not parse ("{"); set policy to a valid JSON policy document',
            ]);
        });

        it("rejects a key policy that allows Principal * without a Condition", async () => {
            const open = { Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" };
            const policy = JSON.stringify({ Statement: [open] });
            assert.deepEqual(await messagesOf([key("production", { policy })], rule), [
                'the key policy allows kms:Decrypt to Principal "*" without a Condition; name the principals or add a Condition (e.g. kms:CallerAccount)',
            ]);
        });

        it("passes a Principal * statement bounded by a Condition", async () => {
            const bounded = {
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: "kms:Decrypt",
                Resource: "*",
                Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } },
            };
            const policy = JSON.stringify({ Statement: [bounded] });
            assert.deepEqual(await messagesOf([key("production", { policy })], rule), []);
        });
    });
});
