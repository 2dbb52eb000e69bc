import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PrivateBucket } from "./private-bucket";
import { mergeTags, Tags } from "../tags";

/**
 * The account Elastic Load Balancing delivers ALB access logs from in ca-central-1
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
 */
const ELB_LOG_ACCOUNT = "985666609251";

/** Arguments of the `Storage` component. */
export interface StorageArgs {
    /** Prefix of the bucket names, the guide's `fraud-detector-prod`. */
    readonly namePrefix: string;
    /** The customer-managed key of the models and backup buckets. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The stack's region: S3 calls KMS for the replication role as `s3.<region>.amazonaws.com`. */
    readonly region: string;
    /** Replicate the models bucket into the backup bucket continuously (production). */
    readonly replicateModels: boolean;
    /** `protect` and `retainOnDelete` every bucket. */
    readonly deletionProtection: boolean;
    /** The stack's base tags. */
    readonly tags: Tags;
    /** The stack's permissions boundary (`RoleBoundary`), carried by every role created here. */
    readonly roleBoundaryArn: pulumi.Input<string>;
}

/**
 * The platform's S3: the models bucket (`fraud-detector-<env>-models`, the guide's AWS_BUCKET), the
 * backup bucket, and the log bucket receiving both buckets' access logs. In production the guide's
 * `aws s3 sync` of models to the backup bucket becomes continuous replication with Replication Time
 * Control (15 minutes), well inside the 1-hour RPO; deletes are not replicated, so a deleted model
 * survives in the backup.
 *
 * Creates: three `PrivateBucket`s; with replication, its role, policy and configuration.
 * Cost: S3 storage and requests; replication adds transfer and RTC per GB.
 */
export class Storage extends pulumi.ComponentResource {
    /** The models bucket (`AWS_BUCKET`). */
    public readonly modelsBucketName: pulumi.Output<string>;
    /** The models bucket's ARN; task roles read `<arn>/*`. */
    public readonly modelsBucketArn: pulumi.Output<string>;
    /** The backup bucket. */
    public readonly backupBucketName: pulumi.Output<string>;
    /** The log bucket (server access logs; the ALB's logs later). */
    public readonly logBucketName: pulumi.Output<string>;

    constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:storage:Storage", name, {}, opts);
        const common = { deletionProtection: args.deletionProtection, tags: args.tags };
        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const logs = new PrivateBucket(
            `${name}-logs`,
            {
                ...common,
                bucketName: `${args.namePrefix}-access-logs`,
                purpose: "logs",
                noncurrentVersionDays: 30,
                extraPolicyStatements: [
                    {
                        Sid: "S3ServerAccessLogsOfThisAccount",
                        Effect: "Allow",
                        Principal: { Service: "logging.s3.amazonaws.com" },
                        Action: "s3:PutObject",
                        Resource: `arn:aws:s3:::${args.namePrefix}-access-logs/*`,
                        Condition: { StringEquals: { "aws:SourceAccount": account } },
                    },
                    {
                        // ALB access logs: in regions older than August 2022, ca-central-1 among them,
                        // Elastic Load Balancing writes as its regional account, not a service principal.
                        Sid: "AlbAccessLogsOfThisAccount",
                        Effect: "Allow",
                        Principal: { AWS: `arn:aws:iam::${ELB_LOG_ACCOUNT}:root` },
                        Action: "s3:PutObject",
                        Resource: pulumi.interpolate`arn:aws:s3:::${args.namePrefix}-access-logs/alb/AWSLogs/${account}/*`,
                    },
                ],
            },
            { parent: this },
        );
        const models = new PrivateBucket(
            `${name}-models`,
            {
                ...common,
                bucketName: `${args.namePrefix}-models`,
                purpose: "models",
                kmsKeyArn: args.kmsKeyArn,
                accessLogBucket: logs.bucketName,
                noncurrentVersionDays: 90,
            },
            { parent: this },
        );
        const backup = new PrivateBucket(
            `${name}-backup`,
            {
                ...common,
                bucketName: `${args.namePrefix}-backup-models`,
                purpose: "backup",
                kmsKeyArn: args.kmsKeyArn,
                accessLogBucket: logs.bucketName,
                // Backups keep old versions four times as long as the source, and every version is
                // locked for 30 days.
                noncurrentVersionDays: 365,
                objectLockDays: 30,
            },
            { parent: this },
        );
        if (args.replicateModels) {
            this.replicate(name, args, models, backup);
        }

        this.modelsBucketName = models.bucketName;
        this.modelsBucketArn = models.arn;
        this.backupBucketName = backup.bucketName;
        this.logBucketName = logs.bucketName;
        this.registerOutputs({
            modelsBucketName: this.modelsBucketName,
            modelsBucketArn: this.modelsBucketArn,
            backupBucketName: this.backupBucketName,
            logBucketName: this.logBucketName,
        });
    }

    private replicate(name: string, args: StorageArgs, models: PrivateBucket, backup: PrivateBucket): void {
        const viaS3 = { "kms:ViaService": `s3.${args.region}.amazonaws.com` };
        const role = new aws.iam.Role(
            `${name}-replication`,
            {
                description: "S3 replication of the models bucket into the backup bucket",
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" },
                    ],
                }),
                permissionsBoundary: args.roleBoundaryArn,
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        new aws.iam.RolePolicy(
            `${name}-replication`,
            {
                role: role.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                            Resource: [models.arn],
                        },
                        {
                            Effect: "Allow",
                            Action: [
                                "s3:GetObjectVersionForReplication",
                                "s3:GetObjectVersionAcl",
                                "s3:GetObjectVersionTagging",
                            ],
                            Resource: [pulumi.interpolate`${models.arn}/*`],
                        },
                        {
                            Effect: "Allow",
                            Action: ["s3:ReplicateObject", "s3:ReplicateTags"],
                            Resource: [pulumi.interpolate`${backup.arn}/*`],
                        },
                        // The key only through S3 in this region, and only for the right bucket: both
                        // buckets use an S3 Bucket Key, so S3 passes the bucket's ARN as the context.
                        {
                            Sid: "DecryptTheSourceObjects",
                            Effect: "Allow",
                            Action: ["kms:Decrypt"],
                            Resource: [args.kmsKeyArn],
                            Condition: { StringEquals: { ...viaS3, "kms:EncryptionContext:aws:s3:arn": models.arn } },
                        },
                        {
                            // With a Bucket Key on the destination, S3 also decrypts with the replica key.
                            Sid: "EncryptTheReplicas",
                            Effect: "Allow",
                            Action: ["kms:Encrypt", "kms:GenerateDataKey", "kms:Decrypt"],
                            Resource: [args.kmsKeyArn],
                            Condition: { StringEquals: { ...viaS3, "kms:EncryptionContext:aws:s3:arn": backup.arn } },
                        },
                    ],
                }),
            },
            { parent: this },
        );
        new aws.s3.BucketReplicationConfig(
            `${name}-replication`,
            {
                bucket: models.bucketName,
                role: role.arn,
                rules: [
                    {
                        id: "models-to-backup",
                        status: "Enabled",
                        priority: 1,
                        filter: {},
                        deleteMarkerReplication: { status: "Disabled" },
                        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } },
                        destination: {
                            bucket: backup.arn,
                            storageClass: "STANDARD",
                            encryptionConfiguration: { replicaKmsKeyId: args.kmsKeyArn },
                            replicationTime: { status: "Enabled", time: { minutes: 15 } },
                            metrics: { status: "Enabled", eventThreshold: { minutes: 15 } },
                        },
                    },
                ],
            },
            // S3 refuses a replication configuration until both buckets are versioned.
            { parent: this, dependsOn: [models.versioning, backup.versioning] },
        );
    }
}
