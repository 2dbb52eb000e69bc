import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { APP_FLAGS, ENVIRONMENT_SHORT_NAMES, StackConfig } from "../stacks";
import { Bastion } from "./bastion";
import { Budget } from "./budget";
import { Cache } from "./cache";
import { Cluster } from "./cluster";
import { Database, DATABASE_USER } from "./database";
import { ImageRegistries } from "./image-registries";
import { KmsKey } from "./kms-key";
import { Network } from "./network";
import { Secrets } from "./secrets";
import { ServiceSecurityGroups } from "./service-security-groups";
import { Storage } from "./storage";
import { VpcEndpoints } from "./vpc-endpoints";
import { baseTags, Tags } from "./tags";

/** Arguments of the `Platform` component: the stack's resolved configuration. */
export interface PlatformArgs {
    /** The validated, frozen configuration of the stack (from `loadStackConfig`). */
    readonly config: StackConfig;
}

/** The AWS services LocalStack stands in for in the local stack (one endpoint serves them all). */
const LOCALSTACK_SERVICES = [
    "cloudwatch",
    "cloudwatchlogs",
    "ec2",
    "ecs",
    "elasticache",
    "iam",
    "kms",
    "rds",
    "s3",
    "secretsmanager",
    "sns",
    "ssm",
    "sts",
] as const;

/**
 * The whole fraud-detection platform of one stack. This is the program: `index.ts` only loads the
 * config, builds this and exports its outputs, so tests and the offline plan build it the same way.
 *
 * Creates, in dependency order: the AWS provider pinned to ca-central-1 (pointed at LocalStack in
 * the local stack); the data key; the network; the application services' security groups; the
 * data tier (database, secrets, cache, storage). The application and operations tiers are added
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
    /** The stack's monthly AWS Budgets cost budget. */
    public readonly budget: Budget;
    /** The tags every resource of the stack carries. */
    public readonly tags: Tags;

    constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:platform:Platform", name, {}, opts);
        const { config } = args;
        this.tags = baseTags(config.project, config.environment);
        const protect = config.dataProtection.deletionProtection;
        const provider = this.createProvider(name, config);
        const childOpts: pulumi.ComponentResourceOptions = { parent: this, providers: { aws: provider } };
        const common = { tags: this.tags, deletionProtection: protect };

        this.dataKey = new KmsKey(
            `${name}-data-key`,
            {
                ...common,
                description: `Data of ${config.namePrefix}`,
                alias: `alias/${config.namePrefix}-data`,
                region: config.region,
            },
            childOpts,
        );
        const kmsKeyArn = this.dataKey.keyArn;
        this.network = new Network(
            `${name}-network`,
            { ...config.network, ...common, namePrefix: config.namePrefix, logsKmsKeyArn: kmsKeyArn },
            childOpts,
        );
        const vpcId = this.network.vpcId;
        this.serviceGroups = new ServiceSecurityGroups(`${name}-services`, { vpcId, tags: this.tags }, childOpts);
        const clientSecurityGroupIds = this.serviceGroups.groupIds;
        if (config.network.interfaceEndpoints) {
            this.endpoints = new VpcEndpoints(
                `${name}-endpoints`,
                {
                    vpcId,
                    subnetIds: this.network.privateSubnetIds,
                    clientSecurityGroupIds,
                    region: config.region,
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
                    subnetId: this.network.publicSubnetIds.apply((ids) => ids[0]),
                    instanceType: config.bastion.instanceType,
                    kmsKeyArn,
                    tags: this.tags,
                },
                childOpts,
            );
        }
        this.registries = new ImageRegistries(
            `${name}-registries`,
            { kmsKeyArn, keepImages: 30, tags: this.tags },
            childOpts,
        );
        this.cluster = new Cluster(
            `${name}-cluster`,
            {
                ...config.cluster,
                clusterName: config.namePrefix,
                vpcId,
                subnetIds: this.network.privateSubnetIds,
                kmsKeyArn,
                tags: this.tags,
            },
            childOpts,
        );
        this.budget = new Budget(
            `${name}-budget`,
            {
                budgetName: `${config.namePrefix}-monthly`,
                monthlyLimitUsd: config.budget.monthlyLimitUsd,
                alertEmail: config.alerts.email,
                tags: this.tags,
            },
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
            },
            childOpts,
        );
        this.secrets = new Secrets(
            `${name}-secrets`,
            {
                ...common,
                pathPrefix: `${config.project}/${ENVIRONMENT_SHORT_NAMES[config.environment]}`,
                kmsKeyArn,
                database: {
                    host: this.database.address,
                    port: this.database.port,
                    dbName: config.namePrefix.replace(/-/g, "_"),
                    username: DATABASE_USER,
                    passwordSecretArn: this.database.masterUserSecretArn,
                },
                appKey: config.appKey === undefined ? undefined : pulumi.secret(config.appKey),
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
        this.storage = new Storage(
            `${name}-storage`,
            {
                ...common,
                namePrefix: config.namePrefix,
                kmsKeyArn,
                replicateModels: config.dataProtection.replicateModels,
            },
            childOpts,
        );

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
            tags: this.tags,
        });
    }
    /**
     * One explicit provider, inherited by every child: the region is pinned here rather than left
     * to the `aws:region` of whoever runs `pulumi up`, and the local stack talks to LocalStack.
     */
    private createProvider(name: string, config: StackConfig): aws.Provider {
        const endpoint = config.localstackEndpoint;
        return new aws.Provider(
            `${name}-aws`,
            {
                region: config.region,
                ...(endpoint === undefined
                    ? {}
                    : {
                          // LocalStack accepts any credentials; these are its documented dummies, not secrets.
                          accessKey: "test",
                          secretKey: "test",
                          skipCredentialsValidation: true,
                          skipMetadataApiCheck: true,
                          skipRequestingAccountId: true,
                          s3UsePathStyle: true,
                          endpoints: [Object.fromEntries(LOCALSTACK_SERVICES.map((service) => [service, endpoint]))],
                      }),
            },
            { parent: this },
        );
    }
}
