/**
 * Fixtures the storage specs share: the guide's buckets, compliant by default.
 */
import { PlanResource } from "../../../plan/engine/contract";
import { resource, stackTags } from "../harness";

/** The Bucket type token. */
export const BUCKET = "aws:s3/bucket:Bucket";

/** The s3 type token. */
export const S3 = "aws:s3";

/** The Role type token. */
export const ROLE = "aws:iam/role:Role";

/** The RolePolicy type token. */
export const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

/** The same fixture with some inputs changed: one mutation of a happy-path resource. */
export function mutate(fixture: PlanResource, changes: Record<string, unknown>): PlanResource {
    const inputs = { ...fixture.inputs, ...changes };
    return { ...fixture, inputs, outputs: inputs };
}

/** `resources` with `fixture` replaced by `replacement`, or left out when there is none. */
export function swap(
    resources: readonly PlanResource[],
    fixture: PlanResource,
    replacement?: PlanResource,
): PlanResource[] {
    return resources.flatMap((r) => (r.urn !== fixture.urn ? [r] : replacement ? [replacement] : []));
}

/** The short environment name the guide's resource names use (prod for production). */
export const shortName = (environment: string) => (environment === "production" ? "prod" : environment);

/** The FSBP S3.5 statement every happy bucket policy carries. */
export function tlsOnly(name: string) {
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
export function compliantBucket(environment: string, purpose: "models" | "backup" | "logs", noncurrentDays: number) {
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
export function storageTier(environment = "production") {
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
