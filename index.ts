// The entry point `pulumi up` runs: load the stack's config, build the platform, export outputs.
import { Platform } from "./components/platform";
import { loadStackConfig } from "./stacks";

const config = loadStackConfig();
const platform = new Platform(config.namePrefix, { config });

/** The VPC id of the stack. */
export const vpcId = platform.network.vpcId;
/** Public subnet ids, one per AZ. */
export const publicSubnetIds = platform.network.publicSubnetIds;
/** Private subnet ids (ECS tasks), one per AZ. */
export const privateSubnetIds = platform.network.privateSubnetIds;
/** Isolated subnet ids (RDS, ElastiCache), one per AZ. */
export const isolatedSubnetIds = platform.network.isolatedSubnetIds;
/** Security group of each application service (api, worker, mlService). */
export const serviceSecurityGroupIds = platform.serviceGroups.groupIds;
/** The data key's ARN. */
export const dataKeyArn = platform.dataKey.keyArn;
/** `DB_HOST`. */
export const databaseAddress = platform.database.address;
/** The database port, 5432. */
export const databasePort = platform.database.port;
/** `REDIS_HOST`: the replication group's primary endpoint. */
export const redisPrimaryEndpoint = platform.cache.primaryEndpoint;
/** `AWS_BUCKET`: the models bucket. */
export const modelsBucketName = platform.storage.modelsBucketName;
/** The backup bucket. */
export const backupBucketName = platform.storage.backupBucketName;
/** ARNs of the secrets the tasks read. */
export const secretArns = {
    database: platform.secrets.databaseSecretArn,
    databasePassword: platform.database.masterUserSecretArn,
    hmacKeys: platform.secrets.hmacKeysSecretArn,
    appKey: platform.secrets.appKeySecretArn,
    redis: platform.secrets.redisSecretArn,
};
/** The SSM parameter holding the application configuration. */
export const configParameterName = platform.secrets.configParameterName;
/** `BEDROCK_ENDPOINT_URL`: the bedrock-runtime interface endpoint (staging, production). */
export const bedrockEndpointUrl = platform.endpoints?.bedrockEndpointUrl;
/** The bastion, for `aws ssm start-session --target` (staging, production). */
export const bastionInstanceId = platform.bastion?.instanceId;
/** ECR repository of each service's image; CI pushes `<url>:<git sha>`. */
export const imageRepositoryUrls = platform.registries.repositoryUrls;
/** The ECS cluster. */
export const clusterName = platform.cluster.clusterName;
/** Where clients reach the API: `https://<edge.domainName>`, or the ALB's HTTP name without a domain. */
export const apiUrl = platform.loadBalancer.url;
/** The SNS topic every alarm notifies. */
export const alarmTopicArn = platform.observability.alarmTopicArn;
/** The CloudWatch dashboard (`FraudDetector-Production` in production). */
export const dashboardName = platform.observability.dashboardName;
/** The image tag the services run; pull-request previews start from it, not from the stack file's. */
export const imageTag = config.imageTag;
/** The role the deploy workflow assumes by OIDC (`AWS_DEPLOY_ROLE_ARN_<STACK>`); set with `deployAccess`. */
export const deployRoleArn = platform.deployAccess?.deployRoleArn;
/** The role pull-request previews assume by OIDC (`AWS_PREVIEW_ROLE_ARN_<STACK>`); only with `delivery.pullRequestPreviews`. */
export const previewRoleArn = platform.deployAccess?.previewRoleArn;
/** The GitHub OIDC provider the roles trust, for `deployAccess.existingOidcProviderArn` of another stack. */
export const githubOidcProviderArn = platform.deployAccess?.oidcProviderArn;
