/**
 * The data paths the platform relies on, one row each, for a reader to review: who acts, and the
 * four pieces that must each allow it (the principal's IAM policy, the KMS key policy when the data
 * is under the stack's key, the resource policy, the network path). The `access-paths-allowed` rule
 * (policy/rules/access/) walks these rows over the plan; the README's "Data paths AWS must allow"
 * table is rendered from them ({@link accessPathsTable}), and a test keeps the two equal. The AWS
 * facts behind each piece, with their sources, are in facts/aws/service-principals.ts and
 * facts/aws/data-paths.ts.
 *
 * @module
 */

/** One data path: who acts on what, and what each layer must allow. */
export interface AccessPath {
    /** The path's id, which starts every message about it. */
    readonly id: string;
    /** Who does what, in a few words. */
    readonly path: string;
    /** What the principal's own IAM policy (or trust) must allow. */
    readonly iam: string;
    /** What the stack key's policy must allow, or `-`. */
    readonly keyPolicy: string;
    /** What the resource policy must allow, or `-`. */
    readonly resourcePolicy: string;
    /** What the network must allow, or `-`. */
    readonly network: string;
    /** Where the path exists (the rule judges it only there). */
    readonly where: string;
}

/** The rows, in the order the README lists them. */
export const ACCESS_PATHS: readonly AccessPath[] = [
    {
        id: "tasks-read-models",
        path: "task roles read the models bucket",
        iam: "s3:GetObject on `<models>/*`; kms:Decrypt on the key (SSE-KMS)",
        keyPolicy: "the account statement (delegates to IAM)",
        resourcePolicy: "no unconditional Deny of s3:GetObject in the bucket policy",
        network: "-",
        where: "every task definition wired to the models bucket",
    },
    {
        id: "tasks-invoke-bedrock",
        path: "task roles invoke Bedrock",
        iam: "bedrock:InvokeModel",
        keyPolicy: "-",
        resourcePolicy: "bedrock-runtime endpoint policy allows bedrock:InvokeModel",
        network: "endpoint with private DNS; its group admits the service's group on tcp/443",
        where: "task definitions wired to a bedrock-runtime endpoint",
    },
    {
        id: "execution-pulls-images",
        path: "execution roles pull from the stack's ECR repositories",
        iam: "ecr:GetAuthorizationToken; ecr:BatchGetImage, ecr:GetDownloadUrlForLayer on the repository",
        keyPolicy: "- (ECR decrypts through its own grant)",
        resourcePolicy: "-",
        network: "ecr.api and ecr.dkr endpoints with private DNS admit the puller's group on tcp/443",
        where: "every task definition; network where the stack has interface endpoints",
    },
    {
        id: "execution-reads-secrets",
        path: "execution roles read the task's secrets (Secrets Manager and the RDS-managed one)",
        iam: "secretsmanager:GetSecretValue on each secret; kms:Decrypt on the key",
        keyPolicy: "the account statement (delegates to IAM)",
        resourcePolicy: "-",
        network: "secretsmanager endpoint with private DNS admits the puller's group on tcp/443",
        where: "task definitions with secrets; network where the stack has interface endpoints",
    },
    {
        id: "execution-writes-logs",
        path: "execution roles write the task's log group",
        iam: "logs:CreateLogStream, logs:PutLogEvents on the group",
        keyPolicy: "see logs-encrypt-groups",
        resourcePolicy: "-",
        network: "logs endpoint with private DNS admits the puller's group on tcp/443",
        where: "task definitions with a log group; network where the stack has interface endpoints",
    },
    {
        id: "logs-encrypt-groups",
        path: "CloudWatch Logs encrypts log groups under the key",
        iam: "-",
        keyPolicy:
            "logs.<region>.amazonaws.com: kms:Encrypt*, Decrypt*, ReEncrypt*, GenerateDataKey*, Describe* with kms:EncryptionContext:aws:logs:arn",
        resourcePolicy: "-",
        network: "-",
        where: "log groups whose kmsKeyId is the stack key",
    },
    {
        id: "topic-publishers",
        path: "CloudWatch, Budgets and RDS events publish to the encrypted topic",
        iam: "-",
        keyPolicy: "each publisher's service principal: kms:Decrypt, kms:GenerateDataKey*",
        resourcePolicy: "topic policy allows the publisher sns:Publish",
        network: "-",
        where: "a topic under the stack key with alarms, budgets or RDS event subscriptions on it",
    },
    {
        id: "hosts-launch-encrypted",
        path: "Auto Scaling launches hosts with volumes under the key",
        iam: "- (AWSServiceRoleForAutoScaling's policy is AWS's)",
        keyPolicy:
            "the service-linked role: kms:Encrypt, Decrypt, ReEncrypt*, GenerateDataKey*, DescribeKey; and kms:CreateGrant with kms:GrantIsForAWSResource",
        resourcePolicy: "-",
        network: "-",
        where: "Auto Scaling groups whose launch template encrypts volumes with the stack key",
    },
    {
        id: "models-replicate",
        path: "S3 replicates the models bucket into the backup bucket",
        iam: "source s3:GetObjectVersionForReplication and kms:Decrypt, destination s3:ReplicateObject and kms:Encrypt, the kms actions with kms:ViaService s3.<region>.amazonaws.com",
        keyPolicy: "the account statement (delegates to IAM)",
        resourcePolicy: "-",
        network: "-",
        where: "every bucket replication configuration",
    },
    {
        id: "flow-logs-deliver",
        path: "VPC Flow Logs deliver to their log group",
        iam: "trust vpc-flow-logs.amazonaws.com; logs:CreateLogStream, logs:PutLogEvents on the group",
        keyPolicy: "see logs-encrypt-groups",
        resourcePolicy: "-",
        network: "-",
        where: "flow logs with an IAM role",
    },
    {
        id: "rds-enhanced-monitoring",
        path: "RDS publishes enhanced-monitoring metrics",
        iam: "trust monitoring.rds.amazonaws.com; AmazonRDSEnhancedMonitoringRole attached",
        keyPolicy: "-",
        resourcePolicy: "-",
        network: "-",
        where: "RDS instances with a monitoringRoleArn",
    },
    {
        id: "services-redeploy-on-rotation",
        path: "EventBridge starts the redeploy state machine on a secret's rotation or new value; it forces new deployments of the services that read it",
        iam: "events role: trust events.amazonaws.com, states:StartExecution on the state machine; state machine role: trust states.amazonaws.com, ecs:UpdateService on each service its definition names",
        keyPolicy: "- (the rule matches event metadata; nothing reads the encrypted value)",
        resourcePolicy: "-",
        network: "-",
        where: "event targets that are state machines, and state machines calling ecs:updateService",
    },
];

/** The README's table of the paths, one row per path, in the order of {@link ACCESS_PATHS}. */
export function accessPathsTable(): string {
    const escape = (cell: string) => cell.replace(/\|/g, "\\|");
    return [
        "| Path | Who and what | IAM | Key policy | Resource policy | Network | Judged where |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        ...ACCESS_PATHS.map((p) =>
            [p.id, p.path, p.iam, p.keyPolicy, p.resourcePolicy, p.network, p.where]
                .map((cell, i) => (i === 0 ? `\`${cell}\`` : escape(cell)))
                .join(" | "),
        ).map((row) => `| ${row} |`),
    ].join("\n");
}
