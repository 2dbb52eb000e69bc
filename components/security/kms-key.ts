import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AUTO_SCALING_SERVICE_LINKED_ROLE, KEY_POLICY_FACTS } from "../../facts/aws/service-principals";
import { TOPIC_PUBLISHERS } from "../operations/observability/constants";
import { mergeTags, Tags } from "../tags";

/** Arguments of the `KmsKey` component. */
export interface KmsKeyArgs {
    /** What the key encrypts, shown in the KMS console. */
    readonly description: string;
    /** The alias, e.g. `alias/fraud-detector-prod-data`. */
    readonly alias: string;
    /** The stack's region, for the CloudWatch Logs service principal and ARNs. */
    readonly region: string;
    /** Protect the key (and keep it on delete): losing it makes every encrypted backup unreadable. */
    readonly deletionProtection: boolean;
    /**
     * Admit EC2 Auto Scaling's service-linked role, which launches hosts whose EBS volumes the key
     * encrypts. Only where the stack has EC2 hosts: KMS refuses a key policy naming a role that does
     * not exist yet (facts/aws/service-principals.ts), and the role exists only in accounts that use
     * Auto Scaling.
     */
    readonly autoScalingVolumes: boolean;
    /** The stack's base tags. */
    readonly tags: Tags;
}

/**
 * The two statements AWS documents for Auto Scaling launching instances with volumes encrypted by a
 * customer-managed key: use of the key, and grants for the volumes it attaches (only for AWS
 * resources). The role's own policy is AWS's and never covers customer keys, so the account
 * statement's delegation to IAM does not reach it.
 */
function autoScalingStatements(account: pulumi.Input<string>): unknown[] {
    const principal = { AWS: pulumi.interpolate`arn:aws:iam::${account}:${AUTO_SCALING_SERVICE_LINKED_ROLE}` };
    return [
        {
            Sid: "AutoScalingUsesTheKeyForHostVolumes",
            Effect: "Allow",
            Principal: principal,
            Action: [...KEY_POLICY_FACTS.autoScalingUsesKey.actions],
            Resource: "*",
        },
        {
            Sid: "AutoScalingGrantsForHostVolumes",
            Effect: "Allow",
            Principal: principal,
            Action: [...KEY_POLICY_FACTS.autoScalingCreatesGrants.actions],
            Resource: "*",
            Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
        },
    ];
}

/**
 * A customer-managed KMS key for the stack's data: RDS storage and Performance Insights, ElastiCache,
 * S3, Secrets Manager, CloudWatch Logs, the alarm topic and the EC2 hosts' volumes. Rotates yearly,
 * keeps the full 30-day deletion window, and has an explicit key policy: the account administers it
 * through IAM, CloudWatch Logs may use it for this account's log groups, the topic's publishers may
 * use it to publish, and (with `autoScalingVolumes`) Auto Scaling may launch hosts with encrypted volumes.
 *
 * Creates: 1. the key, 2. its alias. Cost: one customer key per month plus requests.
 */
export class KmsKey extends pulumi.ComponentResource {
    /** The key's ARN. */
    public readonly keyArn: pulumi.Output<string>;
    /** The key's id. */
    public readonly keyId: pulumi.Output<string>;

    constructor(name: string, args: KmsKeyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:security:KmsKey", name, {}, opts);
        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const key = new aws.kms.Key(
            `${name}-key`,
            {
                description: args.description,
                enableKeyRotation: true,
                rotationPeriodInDays: 365,
                deletionWindowInDays: 30,
                isEnabled: true,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "AccountAdministersThroughIam",
                            Effect: "Allow",
                            Principal: { AWS: pulumi.interpolate`arn:aws:iam::${account}:root` },
                            Action: "kms:*",
                            Resource: "*",
                        },
                        {
                            Sid: "CloudWatchLogsOfThisAccount",
                            Effect: "Allow",
                            Principal: { Service: `logs.${args.region}.amazonaws.com` },
                            Action: [
                                "kms:Encrypt*",
                                "kms:Decrypt*",
                                "kms:ReEncrypt*",
                                "kms:GenerateDataKey*",
                                "kms:Describe*",
                            ],
                            Resource: "*",
                            Condition: {
                                ArnLike: {
                                    "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:aws:logs:${args.region}:${account}:log-group:*`,
                                },
                            },
                        },
                        {
                            // The services that publish to the encrypted alarm topic (alarms, budget alerts,
                            // database events) must encrypt with this key; the AWS-managed SNS key would block them.
                            Sid: "TopicPublishersOfThisAccount",
                            Effect: "Allow",
                            Principal: { Service: [...TOPIC_PUBLISHERS] },
                            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                            Resource: "*",
                            Condition: { StringEquals: { "aws:SourceAccount": account } },
                        },
                        ...(args.autoScalingVolumes ? autoScalingStatements(account) : []),
                    ],
                }),
                tags: mergeTags(args.tags, { Name: args.alias.replace(/^alias\//, "") }),
            },
            { parent: this, protect: args.deletionProtection, retainOnDelete: args.deletionProtection },
        );
        new aws.kms.Alias(`${name}-alias`, { name: args.alias, targetKeyId: key.keyId }, { parent: this });

        this.keyArn = key.arn;
        this.keyId = key.keyId;
        this.registerOutputs({ keyArn: this.keyArn, keyId: this.keyId });
    }
}
