import * as pulumi from "@pulumi/pulumi";
import { APP_FLAGS, ENVIRONMENT_SHORT_NAMES, StackConfig } from "../stacks";
import { ApplicationService } from "./compute/application-service/application-service";
import type { ApplicationServiceArgs, ServiceCapacity } from "./compute/application-service/args";
import { createAwsProvider } from "./aws-provider";
import { Bastion } from "./network/bastion";
import { Budget } from "./operations/budget";
import { Cache, REDIS_PORT } from "./data/cache";
import { Cluster } from "./compute/cluster/cluster";
import { Database, DATABASE_USER, POSTGRES_PORT } from "./data/database";
import { DeployAccess } from "./delivery/deploy-access/deploy-access";
import { foundationModelArn } from "../facts/aws/bedrock-models";
import { ImageRegistries } from "./compute/image-registries";
import { KmsKey } from "./security/kms-key";
import { LoadBalancer } from "./edge/load-balancer/load-balancer";
import { Network } from "./network/network/network";
import { Observability } from "./operations/observability/observability";
import { RoleBoundary } from "./security/role-boundary/role-boundary";
import { SecretRedeploy } from "./operations/secret-redeploy";
import { Secrets } from "./security/secrets";
import { SERVICE_NAMES, ServiceKey, SERVICES, ServiceSecurityGroups } from "./network/service-security-groups";
import {
    CONTAINER_PORTS,
    HEALTH_CHECK_PATH,
    SERVICE_RUNTIMES,
    serviceDefinitions,
} from "./compute/service-definitions";
import { allowServiceTraffic } from "./network/service-traffic";
import { Storage } from "./storage/storage";
import { VpcEndpoints } from "./network/vpc-endpoints";
import { baseTags, Tags } from "./tags";

/** Arguments of the `Platform` component: the stack's resolved configuration. */
export interface PlatformArgs {
    /** The validated, frozen configuration of the stack (from `loadStackConfig`). */
    readonly config: StackConfig;
}

/**
 * The whole fraud-detection platform of one stack. This is the program: `index.ts` only loads the
 * config, builds this and exports its outputs, so tests and the offline plan build it the same way.
 *
 * Creates, in dependency order: the AWS provider pinned to ca-central-1 (pointed at LocalStack in
 * the local stack); the data key; the permissions boundary every role of the stack carries; the
 * network; the application services' security groups; the data tier (database, secrets, cache,
 * storage). The application and operations tiers are added
 * here as they are built.
 */
export class Platform extends pulumi.ComponentResource {
    /** The stack's VPC and subnets. */
    public readonly network: Network;
    /** The customer-managed key of the stack's data. */
    public readonly dataKey: KmsKey;
    /** Security groups of the api, worker and ml-service tasks. */
    public readonly serviceGroups: ServiceSecurityGroups;
    /** RDS PostgreSQL. */
    public readonly database: Database;
    /** Secrets Manager secrets and the SSM configuration parameter. */
    public readonly secrets: Secrets;
    /** ElastiCache Redis. */
    public readonly cache: Cache;
    /** The models, backup and log buckets. */
    public readonly storage: Storage;
    /** Interface endpoints (Bedrock, ECR, logs, Secrets Manager), when the stack has them. */
    public readonly endpoints?: VpcEndpoints;
    /** The guide's bastion, when the stack has one. */
    public readonly bastion?: Bastion;
    /** ECR repositories of the three images. */
    public readonly registries: ImageRegistries;
    /** The ECS cluster and its capacity. */
    public readonly cluster: Cluster;
    /** The stack's monthly AWS Budgets cost budget, when the stack has one (`budget.enabled`). */
    public readonly budget?: Budget;
    /** The internet-facing ALB in front of the api. */
    public readonly loadBalancer: LoadBalancer;
    /** The alarm topic, the guide's alarms and the dashboard. */
    public readonly observability: Observability;
    /** The api, worker and ml-service. */
    public readonly services: Readonly<Record<ServiceKey, ApplicationService>>;
    /** The tags every resource of the stack carries. */
    public readonly tags: Tags;
    /** GitHub Actions' OIDC roles (deploy, preview), when the stack sets `deployAccess`. */
    public readonly deployAccess?: DeployAccess;
    /** The permissions boundary every role of the stack carries. */
    public readonly roleBoundary: RoleBoundary;
    /** The redeploy of the secret-reading services on rotation, when `secretRotation.redeployServices`. */
    public readonly secretRedeploy?: SecretRedeploy;
    /** The services whose tasks read secrets (filled by `createServices`). */
    private secretReaders: ServiceKey[] = [];

    constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:platform:Platform", name, {}, opts);
        const { config } = args;
        this.tags = baseTags(config.project, config.environment);
        const protect = config.dataProtection.deletionProtection;
        const provider = createAwsProvider(`${name}-aws`, config, this);
        const childOpts: pulumi.ComponentResourceOptions = { parent: this, providers: { aws: provider } };
        const common = { tags: this.tags, deletionProtection: protect };

        this.dataKey = new KmsKey(
            `${name}-data-key`,
            {
                ...common,
                description: `Data of ${config.namePrefix}`,
                alias: `alias/${config.namePrefix}-data`,
                region: config.region,
                // The EC2 hosts' root volumes are encrypted with this key; Auto Scaling launches them.
                autoScalingVolumes: config.cluster.capacity === "ec2",
            },
            childOpts,
        );
        const kmsKeyArn = this.dataKey.keyArn;
        const secretPathPrefix = `${config.project}/${ENVIRONMENT_SHORT_NAMES[config.environment]}`;
        // Before any role: each carries it, and the deploy role may create none without it.
        this.roleBoundary = new RoleBoundary(
            `${name}-role-boundary`,
            {
                region: config.region,
                namePrefix: config.namePrefix,
                secretPathPrefix,
                dataKeyArn: kmsKeyArn,
                tags: this.tags,
            },
            childOpts,
        );
        const roleBoundaryArn = this.roleBoundary.arn;
        this.network = new Network(
            `${name}-network`,
            { ...config.network, ...common, namePrefix: config.namePrefix, logsKmsKeyArn: kmsKeyArn, roleBoundaryArn },
            childOpts,
        );
        const vpcId = this.network.vpcId;
        this.serviceGroups = new ServiceSecurityGroups(`${name}-services`, { vpcId, tags: this.tags }, childOpts);
        const clientSecurityGroupIds = this.serviceGroups.groupIds;
        this.cluster = new Cluster(
            `${name}-cluster`,
            {
                ...config.cluster,
                clusterName: config.namePrefix,
                vpcId,
                subnetIds: this.network.privateSubnetIds,
                kmsKeyArn,
                tags: this.tags,
                roleBoundaryArn,
            },
            childOpts,
        );
        if (config.network.interfaceEndpoints) {
            this.endpoints = new VpcEndpoints(
                `${name}-endpoints`,
                {
                    vpcId,
                    subnetIds: this.network.privateSubnetIds,
                    routeTableIds: this.network.privateRouteTableIds,
                    // On EC2 capacity the hosts' agent pulls images, reads secrets and ships logs.
                    clientSecurityGroupIds: this.cluster.hostSecurityGroupId
                        ? { ...clientSecurityGroupIds, hosts: this.cluster.hostSecurityGroupId }
                        : clientSecurityGroupIds,
                    region: config.region,
                    bedrockModelArn: foundationModelArn(config.region, config.bedrock.modelId),
                    tags: this.tags,
                },
                childOpts,
            );
        }
        if (config.bastion.enabled) {
            this.bastion = new Bastion(
                `${name}-bastion`,
                {
                    namePrefix: config.namePrefix,
                    vpcId,
                    vpcCidrBlock: config.network.cidrBlock,
                    // A private subnet: no public IP, Session Manager through that AZ's NAT gateway.
                    subnetId: this.network.privateSubnetIds.apply((ids) => ids[0]),
                    instanceType: config.bastion.instanceType,
                    kmsKeyArn,
                    tags: this.tags,
                    roleBoundaryArn,
                },
                childOpts,
            );
        }
        this.registries = new ImageRegistries(
            `${name}-registries`,
            { kmsKeyArn, keepImages: 30, tags: this.tags },
            childOpts,
        );
        this.database = new Database(
            `${name}-database`,
            {
                ...config.database,
                ...common,
                identifier: config.namePrefix,
                dbName: config.namePrefix.replace(/-/g, "_"),
                vpcId,
                subnetIds: this.network.isolatedSubnetIds,
                // The bastion reaches the database too, for port forwarding through Session Manager.
                clientSecurityGroupIds: this.bastion
                    ? { ...clientSecurityGroupIds, bastion: this.bastion.securityGroupId }
                    : clientSecurityGroupIds,
                kmsKeyArn,
                roleBoundaryArn,
            },
            childOpts,
        );
        this.secrets = new Secrets(
            `${name}-secrets`,
            {
                ...common,
                pathPrefix: secretPathPrefix,
                kmsKeyArn,
                database: {
                    host: this.database.address,
                    port: this.database.port,
                    dbName: config.namePrefix.replace(/-/g, "_"),
                    username: DATABASE_USER,
                    passwordSecretArn: this.database.masterUserSecretArn,
                },
                appKey: config.appKey === undefined ? undefined : pulumi.secret(config.appKey),
                redisAuthTokenVersion: config.cache.authTokenVersion,
                appConfig: APP_FLAGS[config.environment],
            },
            childOpts,
        );
        this.cache = new Cache(
            `${name}-cache`,
            {
                ...config.cache,
                ...common,
                replicationGroupId: config.namePrefix,
                availabilityZones: config.network.availabilityZones,
                vpcId,
                subnetIds: this.network.isolatedSubnetIds,
                clientSecurityGroupIds,
                kmsKeyArn,
                authToken: this.secrets.redisAuthToken,
            },
            childOpts,
        );
        this.secrets.storeRedisAuthToken(`${name}-secrets`, this.cache);
        allowServiceTraffic(
            `${name}-traffic`,
            {
                serviceGroupIds: clientSecurityGroupIds,
                database: { securityGroupId: this.database.securityGroupId, port: POSTGRES_PORT },
                cache: { securityGroupId: this.cache.securityGroupId, port: REDIS_PORT },
                mlServicePort: CONTAINER_PORTS.mlService,
                tags: this.tags,
            },
            this.serviceGroups,
        );
        this.storage = new Storage(
            `${name}-storage`,
            {
                ...common,
                namePrefix: config.namePrefix,
                kmsKeyArn,
                region: config.region,
                replicateModels: config.dataProtection.replicateModels,
                roleBoundaryArn,
            },
            childOpts,
        );

        this.loadBalancer = new LoadBalancer(
            `${name}-alb`,
            {
                namePrefix: config.namePrefix,
                vpcId,
                subnetIds: this.network.publicSubnetIds,
                targetSecurityGroupId: clientSecurityGroupIds.api,
                targetPort: CONTAINER_PORTS.api,
                healthCheckPath: HEALTH_CHECK_PATH,
                ...config.edge,
                accessLogBucket: this.storage.logBucketName,
                deletionProtection: protect,
                tags: this.tags,
            },
            // AWS checks the log bucket's policy when access logs are turned on.
            { ...childOpts, dependsOn: [this.storage] },
        );
        this.observability = new Observability(
            `${name}-observability`,
            {
                environmentTitle: config.environment[0].toUpperCase() + config.environment.slice(1),
                production: config.environment === "production",
                region: config.region,
                alertEmail: config.alerts.email,
                kmsKeyArn,
                loadBalancerArnSuffix: this.loadBalancer.loadBalancerArnSuffix,
                targetGroupArnSuffixes: [
                    this.loadBalancer.blueTargetGroupArnSuffix,
                    this.loadBalancer.greenTargetGroupArnSuffix,
                ],
                clusterName: config.namePrefix,
                services: Object.fromEntries(
                    SERVICES.map((s) => [SERVICE_NAMES[s], { desiredCount: config.services[s].desiredCount }]),
                ),
                databaseIdentifier: config.namePrefix,
                databaseArn: this.database.arn,
                cacheReplicationGroupId: config.namePrefix,
                cacheNodeCount: config.cache.numCacheClusters,
                tags: this.tags,
            },
            childOpts,
        );
        if (config.budget.enabled) {
            this.budget = new Budget(
                `${name}-budget`,
                {
                    budgetName: `${config.namePrefix}-monthly`,
                    monthlyLimitUsd: config.budget.monthlyLimitUsd,
                    alertTopicArn: this.observability.alarmTopicArn,
                    tags: this.tags,
                },
                childOpts,
            );
        }
        this.services = this.createServices(name, config, childOpts);
        if (config.secretRotation.redeployServices) {
            this.secretRedeploy = new SecretRedeploy(
                `${name}-secret-redeploy`,
                {
                    namePrefix: config.namePrefix,
                    clusterName: config.namePrefix,
                    services: Object.fromEntries(
                        this.secretReaders.map((key) => [SERVICE_NAMES[key], this.services[key].serviceArn]),
                    ),
                    roleBoundaryArn,
                    rotatedSecretArns: [this.database.masterUserSecretArn],
                    // The other secrets the readers read, which `pulumi up` writes (the Redis token
                    // after a `cache.authTokenVersion` change, a replaced HMAC key or APP_KEY).
                    writtenSecretArns: [
                        this.secrets.appKeySecretArn,
                        this.secrets.hmacKeysSecretArn,
                        this.secrets.redisSecretArn,
                    ],
                    tags: this.tags,
                },
                childOpts,
            );
        }
        if (config.deployAccess) {
            this.deployAccess = new DeployAccess(
                `${name}-deploy-access`,
                {
                    ...config.deployAccess,
                    pullRequestPreviews: config.delivery.pullRequestPreviews,
                    region: config.region,
                    namePrefix: config.namePrefix,
                    secretPathPrefix,
                    serviceNames: SERVICES.map((s) => SERVICE_NAMES[s]),
                    repositoryArns: Object.values(this.registries.repositoryArns),
                    dataKeyArn: kmsKeyArn,
                    flowLogGroupName: this.network.flowLogGroupName,
                    apiDomainName: config.edge.domainName,
                    roleBoundaryArn,
                    tags: this.tags,
                },
                childOpts,
            );
        }

        this.registerOutputs({
            network: this.network,
            dataKey: this.dataKey,
            serviceGroups: this.serviceGroups,
            database: this.database,
            secrets: this.secrets,
            cache: this.cache,
            storage: this.storage,
            endpoints: this.endpoints,
            bastion: this.bastion,
            registries: this.registries,
            cluster: this.cluster,
            budget: this.budget,
            loadBalancer: this.loadBalancer,
            observability: this.observability,
            services: this.services,
            tags: this.tags,
            deployAccess: this.deployAccess,
            roleBoundary: this.roleBoundary,
            secretRedeploy: this.secretRedeploy,
        });
    }
    /**
     * The three services of the guide, each with the environment of its stack (the guide's
     * environment blocks), its secrets from Secrets Manager, and only the AWS access it needs.
     */
    private createServices(
        name: string,
        config: StackConfig,
        childOpts: pulumi.ComponentResourceOptions,
    ): Record<ServiceKey, ApplicationService> {
        const capacity: ServiceCapacity = this.cluster.ec2CapacityProviderName
            ? { kind: "ec2", providerName: this.cluster.ec2CapacityProviderName }
            : { kind: "fargate" };
        const definitions = serviceDefinitions(config, {
            databaseAddress: this.database.address,
            cachePrimaryEndpoint: this.cache.primaryEndpoint,
            modelsBucketName: this.storage.modelsBucketName,
            modelsBucketArn: this.storage.modelsBucketArn,
            modelsKeyArn: this.dataKey.keyArn,
            bedrockEndpointUrl: this.endpoints?.bedrockEndpointUrl,
            databasePasswordSecretArn: this.database.masterUserSecretArn,
            appKeySecretArn: this.secrets.appKeySecretArn,
            hmacKeysSecretArn: this.secrets.hmacKeysSecretArn,
            redisSecretArn: this.secrets.redisSecretArn,
        });
        this.secretReaders = SERVICES.filter((key) => (definitions[key].secretArns ?? []).length > 0);
        const namespaceArn = this.cluster.serviceConnectNamespaceArn;
        const service = (
            key: ServiceKey,
            extra: Partial<ApplicationServiceArgs>,
            opts: pulumi.ComponentResourceOptions,
        ) => {
            const { exposeAs, ...definition } = definitions[key];
            const { image, ...runtime } = SERVICE_RUNTIMES[key];
            return new ApplicationService(
                `${name}-${SERVICE_NAMES[key]}`,
                {
                    ...config.services[key],
                    serviceName: SERVICE_NAMES[key],
                    clusterArn: this.cluster.clusterArn,
                    clusterName: config.namePrefix,
                    capacity,
                    // The worker runs the API image (the guide's CI builds fraud-api and fraud-ml only).
                    ...runtime,
                    image: pulumi.interpolate`${this.registries.repositoryUrls[image]}:${config.imageTag}`,
                    repositoryArn: this.registries.repositoryArns[image],
                    kmsKeyArn: this.dataKey.keyArn,
                    subnetIds: this.network.privateSubnetIds,
                    securityGroupId: this.serviceGroups.groupIds[key],
                    logRetentionDays: config.cluster.logRetentionDays,
                    execEnabled: config.cluster.execEnabled,
                    logDeletionProtection: config.dataProtection.deletionProtection,
                    tags: this.tags,
                    roleBoundaryArn: this.roleBoundary.arn,
                    ...definition,
                    serviceConnect: exposeAs === undefined ? { namespaceArn } : { namespaceArn, expose: exposeAs },
                    ...extra,
                },
                opts,
            );
        };
        // The callers start after the ml-service, which Service Connect must know first.
        const mlService = service("mlService", {}, childOpts);
        const afterMl = { ...childOpts, dependsOn: [mlService] };
        const api = service(
            "api",
            {
                blueGreen: {
                    blueTargetGroupArn: this.loadBalancer.blueTargetGroupArn,
                    greenTargetGroupArn: this.loadBalancer.greenTargetGroupArn,
                    productionListenerRuleArn: this.loadBalancer.productionListenerRuleArn,
                    rollbackAlarmNames: this.observability.rollbackAlarmNames,
                },
            },
            afterMl,
        );
        const worker = service("worker", {}, afterMl);
        return { api, worker, mlService };
    }
}
