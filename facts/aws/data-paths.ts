/**
 * What AWS requires of the principal's own IAM policy and of the network for the data paths the
 * platform relies on, beside the key policy (service-principals.ts). Each fact names its source.
 *
 * Pure data: nothing here imports from the program, the plan or the policy pack.
 *
 * @module
 */

/** One requirement AWS documents, with its source. */
export interface DataPathFact {
    /** What AWS requires, in one sentence. */
    readonly rule: string;
    /** The IAM actions involved (empty when the fact is about the network). */
    readonly actions: readonly string[];
    /** The AWS page that documents it. */
    readonly source: string;
}

/** The facts, by the part of a data path they govern. */
export const DATA_PATH_FACTS = {
    /** Reading an SSE-KMS object takes kms:Decrypt on its key beside s3:GetObject. */
    s3ReadSseKms: {
        rule: "GetObject on an object encrypted with SSE-KMS also needs kms:Decrypt on the object's key",
        actions: ["s3:GetObject", "kms:Decrypt"],
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
    },
    /** With an S3 Bucket Key, the encryption context S3 passes to KMS is the bucket's ARN. */
    s3BucketKeyContext: {
        rule: "with an S3 Bucket Key, kms:EncryptionContext:aws:s3:arn is the bucket ARN, not the object ARN",
        actions: [],
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html",
    },
    /** S3 calls KMS on the caller's behalf; kms:ViaService names it as `s3.<region>.amazonaws.com`. */
    s3ViaService: {
        rule: "kms:ViaService is s3.<region>.amazonaws.com when S3 calls KMS for the principal",
        actions: [],
        source: "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service",
    },
    /** The replication role reads source versions and decrypts them, through S3. */
    replicationSource: {
        rule: "the replication role needs s3:GetObjectVersionForReplication on the source objects and kms:Decrypt on the source key, scoped with kms:ViaService s3.<region>.amazonaws.com",
        actions: ["s3:GetObjectVersionForReplication", "kms:Decrypt"],
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html",
    },
    /** The replication role writes replicas and encrypts them, through S3. */
    replicationDestination: {
        rule: "the replication role needs s3:ReplicateObject on the destination objects and kms:Encrypt on the replica key, scoped with kms:ViaService s3.<region>.amazonaws.com",
        actions: ["s3:ReplicateObject", "kms:Encrypt"],
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html",
    },
    /** With a Bucket Key on the destination, replication also decrypts with the replica key. */
    replicationBucketKey: {
        rule: "with an S3 Bucket Key on the destination, the replication role also needs kms:Decrypt on the replica key",
        actions: ["kms:Decrypt"],
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html#bk-replication",
    },
    /** ECS reads a task's Secrets Manager secrets as the execution role. */
    ecsSecrets: {
        rule: "the execution role needs secretsmanager:GetSecretValue on each secret, and kms:Decrypt on its key when the secret uses a customer-managed key",
        actions: ["secretsmanager:GetSecretValue", "kms:Decrypt"],
        source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html",
    },
    /** ECS pulls a private ECR image as the execution role. */
    ecsImagePull: {
        rule: "the execution role needs ecr:GetAuthorizationToken, and ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer, ecr:BatchGetImage on the repository",
        actions: [
            "ecr:GetAuthorizationToken",
            "ecr:BatchCheckLayerAvailability",
            "ecr:GetDownloadUrlForLayer",
            "ecr:BatchGetImage",
        ],
        source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
    },
    /** ECR decrypts a KMS-encrypted repository's layers through its own grant. */
    ecrKmsGrant: {
        rule: "a KMS-encrypted repository is decrypted by ECR through the grant it creates on the key; the puller needs no KMS permission",
        actions: [],
        source: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html",
    },
    /** The awslogs driver writes as the execution role. */
    ecsLogs: {
        rule: "the awslogs driver needs logs:CreateLogStream and logs:PutLogEvents on the log group, as the execution role",
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
    },
    /** VPC Flow Logs deliver to CloudWatch Logs as a role they assume. */
    flowLogsRole: {
        rule: "the flow-log role trusts vpc-flow-logs.amazonaws.com and may logs:CreateLogStream and logs:PutLogEvents on the group (AWS's example also lists CreateLogGroup, DescribeLogGroups, DescribeLogStreams)",
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        source: "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html",
    },
    /** RDS enhanced monitoring publishes OS metrics as a role it assumes. */
    rdsEnhancedMonitoring: {
        rule: "the monitoring role trusts monitoring.rds.amazonaws.com and has the AWS managed policy AmazonRDSEnhancedMonitoringRole",
        actions: [],
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html",
    },
    /** An interface endpoint answers only what its security group admits on 443. */
    interfaceEndpointGroup: {
        rule: "an interface endpoint's security group must admit HTTPS (tcp/443) from the clients; with private DNS the service's default hostname resolves to the endpoint",
        actions: [],
        source: "https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html",
    },
    /** An endpoint policy is a resource policy: what it does not allow does not pass. */
    endpointPolicy: {
        rule: "an endpoint policy must allow the action on the resource, or the call through the endpoint is denied",
        actions: [],
        source: "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html",
    },
    /** On Fargate the task's own ENI pulls images, reads secrets and ships logs. */
    fargateTaskEni: {
        rule: "on Fargate (platform 1.4.0 and later) image pulls, secret reads and logs leave through the task's ENI, with the task's security group",
        actions: [],
        source: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-version-migration.html",
    },
    /** On EC2 capacity the container agent on the host pulls images, reads secrets and ships logs. */
    ec2HostAgent: {
        rule: "on EC2 container instances the ECS agent and Docker on the host pull images, fetch secrets and ship awslogs, with the host's security group",
        actions: [],
        source: "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
    },
    /** EventBridge starts a Step Functions execution as the target's role. */
    eventsStartExecution: {
        rule: "an EventBridge rule whose target is a state machine needs a role trusting events.amazonaws.com with states:StartExecution on that state machine",
        actions: ["states:StartExecution"],
        source: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-target-sfn.html",
    },
    /** A Step Functions AWS SDK task calls the service API as the state machine's role. */
    statesUpdateService: {
        rule: "a Task state with Resource arn:aws:states:::aws-sdk:ecs:updateService calls UpdateService as the state machine's role (trusting states.amazonaws.com), which needs ecs:UpdateService on the service",
        actions: ["ecs:UpdateService"],
        source: "https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html",
    },
} as const satisfies Readonly<Record<string, DataPathFact>>;
