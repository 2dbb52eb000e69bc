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

/** What every step of the platform reads, besides the components the steps before it built. */
interface Build {
    /** The platform's name: every component's logical name starts with it. */
    readonly name: string;
    /** The stack's configuration. */
    readonly config: StackConfig;
    /** Parent and AWS provider of every component. */
    readonly childOpts: pulumi.ComponentResourceOptions;
    /** The stack's tags and deletion protection, which most components take as they are. */
    readonly common: { readonly tags: Tags; readonly deletionProtection: boolean };
    /** Path of the stack's secrets and parameters (`fraud-detector/prod`). */
    readonly secretPathPrefix: string;
}

/**
 * The whole fraud-detection platform of one stack. This is the program: `index.ts` only loads the
 * config, builds this and exports its outputs, so tests and the offline plan build it the same way.
 *
 * Creates the AWS provider pinned to ca-central-1 (pointed at LocalStack in the local stack), then
 * one step per tier, each reading what the steps before it built: security (the data key, the
 * permissions boundary every role carries); network (VPC, the services' security groups); the ECS
 * cluster; the ways into the network (interface endpoints, bastion); the image registries; data
 * (database, secrets, cache, the rules admitting the services to them); storage (buckets); edge
 * (load balancer); operations (alarm topic, alarms, dashboard, budget); the three services; delivery
 * (redeploy on secret rotation, GitHub Actions' roles). The steps keep the order the resources
 * register in, which the plan shows; the compute tier takes three steps (cluster, registries,
 * services) because the endpoints admit the cluster's hosts and the services use every other tier.
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
        const provider = createAwsProvider(`${name}-aws`, config, this);
        const build: Build = {
            name,
            config,
            childOpts: { parent: this, providers: { aws: provider } },
            common: { tags: this.tags, deletionProtection: config.dataProtection.deletionProtection },
            secretPathPrefix: `${config.project}/${ENVIRONMENT_SHORT_NAMES[config.environment]}`,
        };

        ({ dataKey: this.dataKey, roleBoundary: this.roleBoundary } = this.createSecurity(build));
        ({ network: this.network, serviceGroups: this.serviceGroups } = this.createNetwork(build));
        this.cluster = this.createCluster(build);
        ({ endpoints: this.endpoints, bastion: this.bastion } = this.createNetworkAccess(build));
        this.registries = this.createRegistries(build);
        ({ database: this.database, secrets: this.secrets, cache: this.cache } = this.createDataTier(build));
        this.storage = this.createStorage(build);
        this.loadBalancer = this.createEdge(build);
        ({ observability: this.observability, budget: this.budget } = this.createOperations(build));
        this.services = this.createServices(build);
        ({ secretRedeploy: this.secretRedeploy, deployAccess: this.deployAccess } = this.createDelivery(build));

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
     * The data key and the permissions boundary, first: every later tier encrypts with the key, and
     * every role it creates carries the boundary.
     */
    private createSecurity({ name, config, childOpts, common, secretPathPrefix }: Build): {
        dataKey: KmsKey;
        roleBoundary: RoleBoundary;
    } {
        const dataKey = new KmsKey(
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
        // Before any role: each carries it, and the deploy role may create none without it.
        const roleBoundary = new RoleBoundary(
            `${name}-role-boundary`,
            {
                region: config.region,
                namePrefix: config.namePrefix,
                secretPathPrefix,
                dataKeyArn: dataKey.keyArn,
                tags: this.tags,
            },
            childOpts,
        );
        return { dataKey, roleBoundary };
    }

    /** The VPC, and the security groups of the three services, which the later tiers admit. */
    private createNetwork({ name, config, childOpts, common }: Build): {
        network: Network;
        serviceGroups: ServiceSecurityGroups;
    } {
        const network = new Network(
            `${name}-network`,
            {
                ...config.network,
                ...common,
                namePrefix: config.namePrefix,
                logsKmsKeyArn: this.dataKey.keyArn,
                roleBoundaryArn: this.roleBoundary.arn,
            },
            childOpts,
        );
        const serviceGroups = new ServiceSecurityGroups(
            `${name}-services`,
            { vpcId: network.vpcId, tags: this.tags },
            childOpts,
        );
        return { network, serviceGroups };
    }

    /** The ECS cluster and, on EC2 capacity, its hosts. */
    private createCluster({ name, config, childOpts }: Build): Cluster {
        return new Cluster(
            `${name}-cluster`,
            {
                ...config.cluster,
                clusterName: config.namePrefix,
                vpcId: this.network.vpcId,
                subnetIds: this.network.privateSubnetIds,
                kmsKeyArn: this.dataKey.keyArn,
                tags: this.tags,
                roleBoundaryArn: this.roleBoundary.arn,
            },
            childOpts,
        );
    }

    /**
     * The ways into the network the stack has: interface endpoints for the tasks and hosts (after
     * the cluster, whose hosts they admit), the bastion for people.
     */
    private createNetworkAccess({ name, config, childOpts }: Build): { endpoints?: VpcEndpoints; bastion?: Bastion } {
        const clientSecurityGroupIds = this.serviceGroups.groupIds;
        const endpoints = config.network.interfaceEndpoints
            ? new VpcEndpoints(
                  `${name}-endpoints`,
                  {
                      vpcId: this.network.vpcId,
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
              )
            : undefined;
        const bastion = config.bastion.enabled
            ? new Bastion(
                  `${name}-bastion`,
                  {
                      namePrefix: config.namePrefix,
                      vpcId: this.network.vpcId,
                      vpcCidrBlock: config.network.cidrBlock,
                      // A private subnet: no public IP, Session Manager through that AZ's NAT gateway.
                      subnetId: this.network.privateSubnetIds.apply((ids) => ids[0]),
                      instanceType: config.bastion.instanceType,
                      kmsKeyArn: this.dataKey.keyArn,
                      tags: this.tags,
                      roleBoundaryArn: this.roleBoundary.arn,
                  },
                  childOpts,
              )
            : undefined;
        return { endpoints, bastion };
    }

    /** The ECR repositories the images are pushed to. */
    private createRegistries({ name, childOpts }: Build): ImageRegistries {
        return new ImageRegistries(
            `${name}-registries`,
            { kmsKeyArn: this.dataKey.keyArn, keepImages: 30, tags: this.tags },
            childOpts,
        );
    }

    /**
     * The database, the secrets (which hold its connection and the cache's token), the cache, and
     * the rules admitting the services to the database and the cache.
     */
    private createDataTier({ name, config, childOpts, common, secretPathPrefix }: Build): {
        database: Database;
        secrets: Secrets;
        cache: Cache;
    } {
        const kmsKeyArn = this.dataKey.keyArn;
        const clientSecurityGroupIds = this.serviceGroups.groupIds;
        const database = new Database(
            `${name}-database`,
            {
                ...config.database,
                ...common,
                identifier: config.namePrefix,
                dbName: config.namePrefix.replace(/-/g, "_"),
                vpcId: this.network.vpcId,
                subnetIds: this.network.isolatedSubnetIds,
                // The bastion reaches the database too, for port forwarding through Session Manager.
                clientSecurityGroupIds: this.bastion
                    ? { ...clientSecurityGroupIds, bastion: this.bastion.securityGroupId }
                    : clientSecurityGroupIds,
                kmsKeyArn,
                roleBoundaryArn: this.roleBoundary.arn,
            },
            childOpts,
        );
        const secrets = new Secrets(
            `${name}-secrets`,
            {
                ...common,
                pathPrefix: secretPathPrefix,
                kmsKeyArn,
                database: {
                    host: database.address,
                    port: database.port,
                    dbName: config.namePrefix.replace(/-/g, "_"),
                    username: DATABASE_USER,
                    passwordSecretArn: database.masterUserSecretArn,
                },
                appKey: config.appKey === undefined ? undefined : pulumi.secret(config.appKey),
                redisAuthTokenVersion: config.cache.authTokenVersion,
                appConfig: APP_FLAGS[config.environment],
            },
            childOpts,
        );
        const cache = new Cache(
            `${name}-cache`,
            {
                ...config.cache,
                ...common,
                replicationGroupId: config.namePrefix,
                availabilityZones: config.network.availabilityZones,
                vpcId: this.network.vpcId,
                subnetIds: this.network.isolatedSubnetIds,
                clientSecurityGroupIds,
                kmsKeyArn,
                authToken: secrets.redisAuthToken,
            },
            childOpts,
        );
        secrets.storeRedisAuthToken(`${name}-secrets`, cache);
        allowServiceTraffic(
            `${name}-traffic`,
            {
                serviceGroupIds: clientSecurityGroupIds,
                database: { securityGroupId: database.securityGroupId, port: POSTGRES_PORT },
                cache: { securityGroupId: cache.securityGroupId, port: REDIS_PORT },
                mlServicePort: CONTAINER_PORTS.mlService,
                tags: this.tags,
            },
            this.serviceGroups,
        );
        return { database, secrets, cache };
    }

    /** The models, backup and access-log buckets. */
    private createStorage({ name, config, childOpts, common }: Build): Storage {
        return new Storage(
            `${name}-storage`,
            {
                ...common,
                namePrefix: config.namePrefix,
                kmsKeyArn: this.dataKey.keyArn,
                region: config.region,
                replicateModels: config.dataProtection.replicateModels,
                roleBoundaryArn: this.roleBoundary.arn,
            },
            childOpts,
        );
    }

    /** The internet-facing load balancer in front of the api, logging to the storage tier's bucket. */
    private createEdge({ name, config, childOpts, common }: Build): LoadBalancer {
        return new LoadBalancer(
            `${name}-alb`,
            {
                namePrefix: config.namePrefix,
                vpcId: this.network.vpcId,
                subnetIds: this.network.publicSubnetIds,
                targetSecurityGroupId: this.serviceGroups.groupIds.api,
                targetPort: CONTAINER_PORTS.api,
                healthCheckPath: HEALTH_CHECK_PATH,
                ...config.edge,
                accessLogBucket: this.storage.logBucketName,
                deletionProtection: common.deletionProtection,
                tags: this.tags,
            },
            // AWS checks the log bucket's policy when access logs are turned on.
            { ...childOpts, dependsOn: [this.storage] },
        );
    }

    /** The alarm topic, the guide's alarms and dashboard, and the budget that alerts to the same topic. */
    private createOperations({ name, config, childOpts }: Build): { observability: Observability; budget?: Budget } {
        const observability = new Observability(
            `${name}-observability`,
            {
                environmentTitle: config.environment[0].toUpperCase() + config.environment.slice(1),
                production: config.environment === "production",
                region: config.region,
                alertEmail: config.alerts.email,
                kmsKeyArn: this.dataKey.keyArn,
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
        const budget = config.budget.enabled
            ? new Budget(
                  `${name}-budget`,
                  {
                      budgetName: `${config.namePrefix}-monthly`,
                      monthlyLimitUsd: config.budget.monthlyLimitUsd,
                      alertTopicArn: observability.alarmTopicArn,
                      tags: this.tags,
                  },
                  childOpts,
              )
            : undefined;
        return { observability, budget };
    }

    /**
     * What moves releases and rotated secrets into the running services: the redeploy of the
     * services that read secrets, and GitHub Actions' roles, when the stack has them.
     */
    private createDelivery({ name, config, childOpts, secretPathPrefix }: Build): {
        secretRedeploy?: SecretRedeploy;
        deployAccess?: DeployAccess;
    } {
        const secretRedeploy = config.secretRotation.redeployServices
            ? new SecretRedeploy(
                  `${name}-secret-redeploy`,
                  {
                      namePrefix: config.namePrefix,
                      clusterName: config.namePrefix,
                      services: Object.fromEntries(
                          this.secretReaders.map((key) => [SERVICE_NAMES[key], this.services[key].serviceArn]),
                      ),
                      roleBoundaryArn: this.roleBoundary.arn,
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
              )
            : undefined;
        const deployAccess = config.deployAccess
            ? new DeployAccess(
                  `${name}-deploy-access`,
                  {
                      ...config.deployAccess,
                      pullRequestPreviews: config.delivery.pullRequestPreviews,
                      region: config.region,
                      namePrefix: config.namePrefix,
                      secretPathPrefix,
                      serviceNames: SERVICES.map((s) => SERVICE_NAMES[s]),
                      repositoryArns: Object.values(this.registries.repositoryArns),
                      dataKeyArn: this.dataKey.keyArn,
                      flowLogGroupName: this.network.flowLogGroupName,
                      apiDomainName: config.edge.domainName,
                      roleBoundaryArn: this.roleBoundary.arn,
                      tags: this.tags,
                  },
                  childOpts,
              )
            : undefined;
        return { secretRedeploy, deployAccess };
    }

    /**
     * The three services of the guide, each with the environment of its stack (the guide's
     * environment blocks), its secrets from Secrets Manager, and only the AWS access it needs.
     */
    private createServices({ name, config, childOpts }: Build): Record<ServiceKey, ApplicationService> {
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
