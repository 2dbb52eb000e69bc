import type { ResourceNameRule } from "./resource-name-types";

/**
 * The resource types the program creates (awsx's VPC children included) that have no physical name
 * of their own: AWS returns an id for them, or they are a setting of a resource named elsewhere. The
 * create operation's request has no name member for the resource itself (checked in AWS's service
 * models, boto/botocore `botocore/data/<service>/<version>/service-2.json`, commit 0e6e240), and
 * pulumi-aws gives them no auto-name (`provider/resources.go`: none has a Terraform `name` input).
 */

const EC2 = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference";
const NO_NAME_INPUT = "pulumi/pulumi-aws: provider/resources.go (no Terraform name input, so no auto-name)";

/** A row for a type AWS identifies by the id its create operation returns. */
function awsAssigned(page: string, returns: string): ResourceNameRule {
    return {
        unnamed: `AWS assigns the ${returns}`,
        sources: {
            aws: `${page} (the request names nothing; the response carries the ${returns})`,
            provider: NO_NAME_INPUT,
        },
    };
}

/** A row for a type that configures another resource, which carries the name. */
function settingOf(owner: string, page: string): ResourceNameRule {
    return {
        unnamed: `a setting of the ${owner} it names, which carries the name`,
        sources: { aws: `${page} (addresses the ${owner} by its name or id)`, provider: NO_NAME_INPUT },
    };
}

const S3 = "https://docs.aws.amazon.com/AmazonS3/latest/API";

/** The unnamed types, by type token. */
export const UNNAMED_RESOURCES: Readonly<Record<string, ResourceNameRule>> = {
    "aws:ec2/vpc:Vpc": awsAssigned(`${EC2}/API_CreateVpc.html`, "VpcId"),
    "aws:ec2/subnet:Subnet": awsAssigned(`${EC2}/API_CreateSubnet.html`, "SubnetId"),
    "aws:ec2/routeTable:RouteTable": awsAssigned(`${EC2}/API_CreateRouteTable.html`, "RouteTableId"),
    "aws:ec2/routeTableAssociation:RouteTableAssociation": awsAssigned(
        `${EC2}/API_AssociateRouteTable.html`,
        "AssociationId",
    ),
    "aws:ec2/route:Route": settingOf("route table", `${EC2}/API_CreateRoute.html`),
    "aws:ec2/internetGateway:InternetGateway": awsAssigned(
        `${EC2}/API_CreateInternetGateway.html`,
        "InternetGatewayId",
    ),
    "aws:ec2/natGateway:NatGateway": awsAssigned(`${EC2}/API_CreateNatGateway.html`, "NatGatewayId"),
    "aws:ec2/eip:Eip": awsAssigned(`${EC2}/API_AllocateAddress.html`, "AllocationId"),
    "aws:ec2/flowLog:FlowLog": awsAssigned(`${EC2}/API_CreateFlowLogs.html`, "FlowLogIds"),
    "aws:ec2/vpcEndpoint:VpcEndpoint": awsAssigned(`${EC2}/API_CreateVpcEndpoint.html`, "VpcEndpointId"),
    "aws:ec2/instance:Instance": awsAssigned(`${EC2}/API_RunInstances.html`, "InstanceId"),
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
        unnamed: 'AWS creates it with the VPC, named "default"; the provider adopts it',
        sources: {
            aws: `${EC2}/API_CreateVpc.html (a VPC comes with a default security group)`,
            provider: NO_NAME_INPUT,
        },
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": awsAssigned(
        `${EC2}/API_AuthorizeSecurityGroupIngress.html`,
        "SecurityGroupRuleId",
    ),
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": awsAssigned(
        `${EC2}/API_AuthorizeSecurityGroupEgress.html`,
        "SecurityGroupRuleId",
    ),
    "aws:kms/key:Key": awsAssigned("https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html", "KeyId"),
    "aws:acm/certificate:Certificate": awsAssigned(
        "https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html",
        "CertificateArn",
    ),
    "aws:acm/certificateValidation:CertificateValidation": {
        unnamed: "not an AWS resource: the provider waits for the certificate it names to be issued",
        sources: {
            aws: "https://docs.aws.amazon.com/acm/latest/APIReference/API_DescribeCertificate.html (the status the wait reads)",
            provider: NO_NAME_INPUT,
        },
    },
    "aws:lb/listener:Listener": awsAssigned(
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateListener.html",
        "ListenerArn",
    ),
    "aws:lb/listenerRule:ListenerRule": awsAssigned(
        "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateRule.html",
        "RuleArn",
    ),
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": awsAssigned(
        "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html",
        "OpenIDConnectProviderArn (derived from the provider URL)",
    ),
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": settingOf(
        "role",
        "https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html",
    ),
    "aws:secretsmanager/secretVersion:SecretVersion": awsAssigned(
        "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_PutSecretValue.html",
        "VersionId",
    ),
    "aws:sns/topicPolicy:TopicPolicy": settingOf(
        "topic",
        "https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html",
    ),
    "aws:sns/topicSubscription:TopicSubscription": awsAssigned(
        "https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html",
        "SubscriptionArn",
    ),
    "aws:ecr/lifecyclePolicy:LifecyclePolicy": settingOf(
        "repository",
        "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PutLifecyclePolicy.html",
    ),
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": settingOf(
        "cluster",
        "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PutClusterCapacityProviders.html",
    ),
    "aws:appautoscaling/target:Target": settingOf(
        "service (resourceId)",
        "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html",
    ),
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": settingOf(
        "bucket",
        `${S3}/API_PutBucketLifecycleConfiguration.html`,
    ),
    "aws:s3/bucketLogging:BucketLogging": settingOf("bucket", `${S3}/API_PutBucketLogging.html`),
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": settingOf(
        "bucket",
        `${S3}/API_PutObjectLockConfiguration.html`,
    ),
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": settingOf(
        "bucket",
        `${S3}/API_PutBucketOwnershipControls.html`,
    ),
    "aws:s3/bucketPolicy:BucketPolicy": settingOf("bucket", `${S3}/API_PutBucketPolicy.html`),
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": settingOf(
        "bucket",
        `${S3}/API_PutPublicAccessBlock.html`,
    ),
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": settingOf(
        "bucket",
        `${S3}/API_PutBucketReplication.html`,
    ),
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": settingOf(
        "bucket",
        `${S3}/API_PutBucketEncryption.html`,
    ),
    "aws:s3/bucketVersioning:BucketVersioning": settingOf("bucket", `${S3}/API_PutBucketVersioning.html`),
};
