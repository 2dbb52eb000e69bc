/**
 * Which AWS service principal or service-linked role uses a customer-managed KMS key for what, and
 * the key-policy statement AWS documents for it. A key policy whose account statement delegates to
 * IAM (`arn:aws:iam::<account>:root`, `kms:*`) still shuts these out: a service principal has no
 * IAM policy in the account, and a service-linked role's policy is AWS's and never covers customer
 * keys. So each of them must be named in the key policy itself, with these actions and conditions.
 *
 * Pure data: nothing here imports from the program, the plan or the policy pack.
 *
 * @module
 */

/** Who a key-policy statement names: a service principal, or an IAM role by the path of its ARN. */
export type KeyPolicyPrincipal =
    | {
          /** A service principal (`Principal: { Service: ... }`); `{region}` is the stack's region. */
          readonly service: string;
          readonly role?: undefined;
      }
    | {
          /** The part of the role ARN after `arn:aws:iam::<account>:` (`Principal: { AWS: ... }`). */
          readonly role: string;
          readonly service?: undefined;
      };

/** One key-policy statement AWS documents for a service that uses a customer-managed key. */
export interface KeyPolicyFact {
    /** Which principal, and what it uses the key for. */
    readonly purpose: string;
    /** The principal the statement must name. */
    readonly principal: KeyPolicyPrincipal;
    /** The actions AWS lists (a statement may grant them through patterns such as `kms:Decrypt*`). */
    readonly actions: readonly string[];
    /**
     * The condition keys AWS's statement carries, with the operators AWS uses for them (an empty
     * object: AWS documents no condition). A key policy may narrow further; it may not drop one.
     */
    readonly conditions: Readonly<Record<string, { readonly operators: readonly string[]; readonly value?: string }>>;
    /** The AWS page that documents the statement. */
    readonly source: string;
}

/**
 * KMS checks a key policy's principals when the policy is set (CreateKey, PutKeyPolicy): they must
 * exist and be visible to KMS, or the call fails with MalformedPolicyDocumentException. So a key
 * policy may name a service-linked role only once the account has it.
 */
export const KEY_POLICY_PRINCIPALS_MUST_EXIST = {
    rule: "the principals of a key policy must exist and be visible to KMS when the policy is set",
    source: "https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html",
} as const;

/** The Auto Scaling service-linked role, which launches the instances of an Auto Scaling group. */
export const AUTO_SCALING_SERVICE_LINKED_ROLE =
    "role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";

const AUTO_SCALING_KEY_POLICY =
    "https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html";

/**
 * The key-policy statements, by what they let through. Where the stack's key encrypts what the
 * service touches (EBS volumes of an Auto Scaling group, log groups, the alarm topic), the key
 * policy must hold an Allow statement that names the principal, covers every action and carries
 * every condition key listed.
 */
export const KEY_POLICY_FACTS = {
    /** Statement 1 of 2: Auto Scaling launches instances whose EBS volumes the key encrypts. */
    autoScalingUsesKey: {
        purpose: "EC2 Auto Scaling encrypts and decrypts the launched instances' EBS volumes",
        principal: { role: AUTO_SCALING_SERVICE_LINKED_ROLE },
        actions: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        conditions: {},
        source: AUTO_SCALING_KEY_POLICY,
    },
    /** Statement 2 of 2: Auto Scaling hands EBS a grant for the volumes it attaches. */
    autoScalingCreatesGrants: {
        purpose: "EC2 Auto Scaling creates grants for the EBS volumes it attaches (persistent resources)",
        principal: { role: AUTO_SCALING_SERVICE_LINKED_ROLE },
        actions: ["kms:CreateGrant"],
        conditions: { "kms:GrantIsForAWSResource": { operators: ["Bool"], value: "true" } },
        source: AUTO_SCALING_KEY_POLICY,
    },
    /** CloudWatch Logs encrypts the log events of a log group associated with the key. */
    cloudWatchLogs: {
        purpose: "CloudWatch Logs encrypts and decrypts the events of log groups associated with the key",
        principal: { service: "logs.{region}.amazonaws.com" },
        actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        conditions: { "kms:EncryptionContext:aws:logs:arn": { operators: ["ArnLike", "ArnEquals"] } },
        source: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
    },
    /** CloudWatch alarms publish to a topic encrypted with the key. */
    cloudWatchPublishes: {
        purpose: "CloudWatch alarms publish to an SNS topic encrypted with the key",
        principal: { service: "cloudwatch.amazonaws.com" },
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        conditions: {},
        source: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services",
    },
    /** AWS Budgets alerts publish to a topic encrypted with the key. */
    budgetsPublishes: {
        purpose: "AWS Budgets alerts publish to an SNS topic encrypted with the key",
        principal: { service: "budgets.amazonaws.com" },
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        conditions: {},
        source: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services",
    },
    /** RDS event notifications publish to a topic encrypted with the key. */
    rdsEventsPublish: {
        purpose: "RDS event notifications publish to an SNS topic encrypted with the key",
        principal: { service: "events.rds.amazonaws.com" },
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        conditions: {},
        source: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services",
    },
} as const satisfies Readonly<Record<string, KeyPolicyFact>>;

/** The name of one key-policy fact. */
export type KeyPolicyFactName = keyof typeof KEY_POLICY_FACTS;
