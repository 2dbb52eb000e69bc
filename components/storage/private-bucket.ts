import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { mergeTags, Tags } from "../tags";

/** What a bucket holds; its `Purpose` tag, which the policy pack reads. */
export type BucketPurpose = "models" | "backup" | "logs";

/** Arguments of the `PrivateBucket` component. */
export interface PrivateBucketArgs {
    /** The bucket's physical (globally unique) name. */
    readonly bucketName: string;
    /** What the bucket holds. */
    readonly purpose: BucketPurpose;
    /** Customer key for default encryption. @default - SSE-S3 (server access logs can only be delivered to SSE-S3 buckets) */
    readonly kmsKeyArn?: pulumi.Input<string>;
    /** Bucket receiving this bucket's server access logs. @default - none (the log bucket itself) */
    readonly accessLogBucket?: pulumi.Input<string>;
    /** Days noncurrent object versions are kept before they expire. */
    readonly noncurrentVersionDays: number;
    /**
     * Days new object versions are locked in GOVERNANCE mode (Object Lock, set at creation): a backup
     * survives a mistaken or malicious delete for that long. @default - no Object Lock
     */
    readonly objectLockDays?: number;
    /** Statements added to the bucket policy after the TLS-only deny (e.g. log delivery). */
    readonly extraPolicyStatements?: pulumi.Input<unknown>[];
    /** `protect` and `retainOnDelete` the bucket: a destroy must never take the models or backups. */
    readonly deletionProtection: boolean;
    /** The stack's base tags. */
    readonly tags: Tags;
}

/**
 * An S3 bucket locked down the same way every time: public access blocked, ACLs off (ownership
 * enforced), default encryption, versioning, a policy that refuses plain HTTP, a lifecycle that
 * aborts stale uploads and expires old versions, and server access logs to the log bucket.
 *
 * Creates: the bucket and its public-access block, ownership controls, encryption, versioning,
 * policy, lifecycle and (when a log bucket is given) logging configuration.
 */
export class PrivateBucket extends pulumi.ComponentResource {
    /** The bucket's name. */
    public readonly bucketName: pulumi.Output<string>;
    /** The bucket's ARN. */
    public readonly arn: pulumi.Output<string>;
    /** The versioning configuration: replication must wait for it. */
    public readonly versioning: aws.s3.BucketVersioning;

    constructor(name: string, args: PrivateBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:storage:PrivateBucket", name, {}, opts);
        const child = { parent: this };
        const bucket = new aws.s3.Bucket(
            `${name}-bucket`,
            {
                bucket: args.bucketName,
                forceDestroy: false,
                objectLockEnabled: args.objectLockDays !== undefined,
                tags: mergeTags(args.tags, { Name: args.bucketName, Purpose: args.purpose }),
            },
            { parent: this, protect: args.deletionProtection, retainOnDelete: args.deletionProtection },
        );
        new aws.s3.BucketPublicAccessBlock(
            `${name}-public-access`,
            {
                bucket: bucket.id,
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            },
            child,
        );
        new aws.s3.BucketOwnershipControls(
            `${name}-ownership`,
            { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
            child,
        );
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            {
                bucket: bucket.id,
                rules: [
                    args.kmsKeyArn === undefined
                        ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
                        : {
                              applyServerSideEncryptionByDefault: {
                                  sseAlgorithm: "aws:kms",
                                  kmsMasterKeyId: args.kmsKeyArn,
                              },
                              bucketKeyEnabled: true,
                          },
                ],
            },
            child,
        );
        this.versioning = new aws.s3.BucketVersioning(
            `${name}-versioning`,
            { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
            child,
        );
        new aws.s3.BucketPolicy(
            `${name}-policy`,
            {
                bucket: bucket.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "DenyPlainHttp",
                            Effect: "Deny",
                            Principal: "*",
                            Action: "s3:*",
                            Resource: [bucket.arn, pulumi.interpolate`${bucket.arn}/*`],
                            Condition: { Bool: { "aws:SecureTransport": "false" } },
                        },
                        ...(args.extraPolicyStatements ?? []),
                    ],
                }),
            },
            child,
        );
        new aws.s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            {
                bucket: bucket.id,
                rules: [
                    {
                        id: "abort-incomplete-uploads",
                        status: "Enabled",
                        filter: {},
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    },
                    {
                        id: "expire-old-versions",
                        status: "Enabled",
                        filter: {},
                        noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays },
                    },
                ],
            },
            { parent: this, dependsOn: [this.versioning] },
        );
        if (args.objectLockDays !== undefined) {
            new aws.s3.BucketObjectLockConfiguration(
                `${name}-object-lock`,
                { bucket: bucket.id, rule: { defaultRetention: { mode: "GOVERNANCE", days: args.objectLockDays } } },
                { parent: this, dependsOn: [this.versioning] },
            );
        }
        if (args.accessLogBucket !== undefined) {
            new aws.s3.BucketLogging(
                `${name}-logging`,
                { bucket: bucket.id, targetBucket: args.accessLogBucket, targetPrefix: `${args.bucketName}/` },
                child,
            );
        }

        this.bucketName = bucket.bucket;
        this.arn = bucket.arn;
        this.registerOutputs({ bucketName: this.bucketName, arn: this.arn });
    }
}
