import { GUIDE_BEDROCK_MODEL_ID } from "../facts/guide/bedrock";
import {
    GUIDE_BACKUP_RETENTION_DAYS,
    GUIDE_CACHE,
    GUIDE_DATABASE_INSTANCE_CLASSES,
    GUIDE_STAGING_CACHE_NODE_TYPE,
} from "../facts/guide/data";
import { GUIDE_AVAILABILITY_ZONES, GUIDE_VPC_CIDR, NAT_GATEWAYS } from "../facts/guide/network";
import {
    GUIDE_API_SCALING,
    GUIDE_STAGING_HOSTS,
    GUIDE_TASK_COUNTS,
    GUIDE_TASK_SIZES,
    TaskSize,
} from "../facts/guide/services";
import { DATABASE_MAINTENANCE_WINDOW, GUIDE_BACKUP_WINDOW } from "../facts/guide/windows";
import { FARGATE_CPU_UNITS, fargateMemoryOptions } from "../lib/fargate";
import { Environment, StackSettings } from "./schema";

/**
 * The settings a profile supplies. Alerts have no default: every stack file names who is paged.
 * The LocalStack endpoint, the app key and GitHub deploy access are optional and never defaulted:
 * only a stack file can name the repository that may deploy it.
 */
export type Profile = Omit<
    StackSettings,
    "environment" | "alerts" | "localstackEndpoint" | "appKey" | "imageTag" | "deployAccess"
> & {
    readonly localstackEndpoint?: string;
};

/** The guide's network (Production Infrastructure, module "vpc"): its range over its two AZs. */
const guideNetwork = (): Pick<Profile["network"], "cidrBlock" | "availabilityZones"> => ({
    cidrBlock: GUIDE_VPC_CIDR,
    availabilityZones: [...GUIDE_AVAILABILITY_ZONES],
});

/**
 * Database settings every environment shares: the guide's backup window (UTC), a maintenance
 * window right after it that never overlaps it, and PostgreSQL 15 (the guide's Database
 * Maintenance upgrades within 15.x; minor versions follow automatically).
 */
const databaseWindows = (): Pick<Profile["database"], "backupWindow" | "maintenanceWindow" | "engineVersion"> => ({
    backupWindow: GUIDE_BACKUP_WINDOW,
    maintenanceWindow: DATABASE_MAINTENANCE_WINDOW,
    engineVersion: "15",
});

/** Task sizing and scaling of one service: its task size, count and scaling range. */
const service = ({ cpu, memory }: TaskSize, desiredCount: number, minCount: number, maxCount: number) => ({
    cpu,
    memory,
    desiredCount,
    minCount,
    maxCount,
    cpuTarget: GUIDE_API_SCALING.cpuTarget, // guide: target tracking at this % CPU
});

/** The smallest task Fargate accepts (0.25 vCPU, 512 MiB). */
const SMALLEST_FARGATE_TASK: TaskSize = {
    cpu: FARGATE_CPU_UNITS[0],
    memory: fargateMemoryOptions(FARGATE_CPU_UNITS[0])[0],
};

/**
 * The defaults of each environment: the one place environment numbers live. Values read from
 * `facts/guide/` (or marked "guide") come from `deployment-guide.md`; the literals are ours, chosen
 * where the guide is silent, and the README's config reference lists them all (a test keeps the
 * two equal).
 */
export const PROFILES: Readonly<Record<Environment, Profile>> = {
    production: {
        // One NAT gateway per AZ: the guide's diagram shows one, but a single gateway is a single
        // point of failure for every private task.
        network: {
            ...guideNetwork(),
            natGateways: NAT_GATEWAYS.production,
            flowLogRetentionDays: 365,
            interfaceEndpoints: true,
        },
        services: {
            // guide: sizes and counts, the api's autoscaling range
            api: service(
                GUIDE_TASK_SIZES.api,
                GUIDE_TASK_COUNTS.api,
                GUIDE_API_SCALING.minCount,
                GUIDE_API_SCALING.maxCount,
            ),
            worker: service(GUIDE_TASK_SIZES.worker, GUIDE_TASK_COUNTS.worker, 2, 6), // the range is ours
            mlService: service(GUIDE_TASK_SIZES.mlService, GUIDE_TASK_COUNTS.mlService, 2, 4), // the range is ours
        },
        database: {
            ...databaseWindows(),
            instanceClass: GUIDE_DATABASE_INSTANCE_CLASSES.production,
            multiAz: true, // guide
            backupRetentionDays: GUIDE_BACKUP_RETENTION_DAYS,
            allocatedStorageGb: 100,
            enhancedMonitoring: true,
            logRetentionDays: 365, // the exported PostgreSQL logs are evidence, kept as long as the others
        },
        cache: {
            ...GUIDE_CACHE,
            snapshotRetentionDays: 7,
            authTokenVersion: 1,
            authTokenUpdateStrategy: "SET",
        }, // guide
        // Deletion protection, final snapshots, protect and retainOnDelete on every stateful resource.
        // guide: api, worker and ml-service on Fargate.
        cluster: {
            capacity: "fargate",
            instanceType: "t3.medium",
            instanceCount: 2,
            maxInstanceCount: 2,
            execEnabled: false,
            logRetentionDays: 365,
        },
        // guide: Staging Validation's staging-api.fraud-detector.com; the production name is ours.
        edge: { domainName: "api.fraud-detector.com", hostedZoneName: "fraud-detector.com" },
        // guide: the bastion of the production diagram, reached through Session Manager only. It sits
        // in a private subnet without a public IP; the SSM agent goes out through the NAT gateways.
        bastion: { enabled: true, instanceType: "t3.micro" },
        dataProtection: { deletionProtection: true, replicateModels: true },
        // A pull request's code would run with the preview's state and credentials: never production's.
        delivery: { pullRequestPreviews: false },
        budget: { enabled: true, monthlyLimitUsd: 3000 },
        bedrock: { modelId: GUIDE_BEDROCK_MODEL_ID },
        secretRotation: { redeployServices: true },
    },
    staging: {
        network: {
            ...guideNetwork(),
            natGateways: NAT_GATEWAYS.staging,
            flowLogRetentionDays: 30,
            interfaceEndpoints: true,
        },
        // Staging runs on the guide's 2 x t3.medium (4 vCPU, 8 GiB in all): one of each task fits;
        // a deploy needs more hosts (cluster.maxInstanceCount below).
        services: {
            api: service(GUIDE_TASK_SIZES.api, 1, 1, 2),
            worker: service(GUIDE_TASK_SIZES.worker, 1, 1, 2),
            mlService: service(GUIDE_TASK_SIZES.mlService, 1, 1, 1),
        },
        database: {
            ...databaseWindows(),
            instanceClass: GUIDE_DATABASE_INSTANCE_CLASSES.staging,
            multiAz: false,
            backupRetentionDays: GUIDE_BACKUP_RETENTION_DAYS,
            allocatedStorageGb: 20,
            enhancedMonitoring: false,
            logRetentionDays: 30,
        },
        cache: {
            nodeType: GUIDE_STAGING_CACHE_NODE_TYPE,
            numCacheClusters: 1,
            engineVersion: GUIDE_CACHE.engineVersion,
            snapshotRetentionDays: 1,
            authTokenVersion: 1,
            authTokenUpdateStrategy: "SET",
        }, // guide: t3.micro
        // Staging keeps its data too: the security rules on deletion apply to it (rds-deletion-safety).
        // guide: staging runs on 2 x t3.medium EC2 instances (an ECS capacity provider). A t3.medium
        // has 3 network interfaces, one of them the host's own, so it holds 2 awsvpc tasks, and t3
        // has no ENI trunking: the 2 hosts hold 4 tasks. A deploy runs each service at 200 % (api
        // blue/green, the others rolling with maximumPercent 200), and at the services' maxCount
        // (2 + 2 + 1) that is 10 tasks: 5 hosts. So 2 stay the steady size the guide sets, and
        // managed scaling may grow the group to 5 for a deploy or a scale-out and back after it; a
        // larger type or trunking (m5.large: 10 tasks) would cost more every hour for the same peak.
        cluster: {
            capacity: "ec2",
            instanceType: GUIDE_STAGING_HOSTS.instanceType,
            instanceCount: GUIDE_STAGING_HOSTS.count,
            maxInstanceCount: 5,
            execEnabled: false,
            logRetentionDays: 30,
        },
        // Staging runs in its own AWS account, which cannot hold production's fraud-detector.com:
        // its zone is the API's own name, delegated from the parent zone by an NS record (README:
        // DNS delegation for staging), and the API record is that zone's apex.
        edge: { domainName: "staging-api.fraud-detector.com", hostedZoneName: "staging-api.fraud-detector.com" },
        bastion: { enabled: true, instanceType: "t3.micro" },
        dataProtection: { deletionProtection: true, replicateModels: false },
        // Staging's own secrets (never production's) are what a pull request's preview can reach.
        delivery: { pullRequestPreviews: true },
        budget: { enabled: true, monthlyLimitUsd: 600 },
        bedrock: { modelId: GUIDE_BEDROCK_MODEL_ID },
        secretRotation: { redeployServices: true },
    },
    local: {
        network: {
            ...guideNetwork(),
            natGateways: NAT_GATEWAYS.local,
            flowLogRetentionDays: 7,
            interfaceEndpoints: false,
        },
        // The smallest Fargate task, one of each.
        services: {
            api: service(SMALLEST_FARGATE_TASK, 1, 1, 1),
            worker: service(SMALLEST_FARGATE_TASK, 1, 1, 1),
            mlService: service(SMALLEST_FARGATE_TASK, 1, 1, 1),
        },
        database: {
            ...databaseWindows(),
            instanceClass: "db.t3.micro", // the smallest PostgreSQL class
            multiAz: false,
            backupRetentionDays: 1,
            allocatedStorageGb: 20,
            enhancedMonitoring: false,
            logRetentionDays: 7,
        },
        cache: {
            nodeType: "cache.t4g.micro",
            numCacheClusters: 1,
            engineVersion: GUIDE_CACHE.engineVersion,
            snapshotRetentionDays: 1,
            authTokenVersion: 1,
            authTokenUpdateStrategy: "SET",
        },
        cluster: {
            capacity: "fargate",
            instanceType: "t3.medium",
            instanceCount: 1,
            maxInstanceCount: 1,
            execEnabled: true,
            logRetentionDays: 7,
        },
        edge: {},
        // No bastion: local has no NAT gateway for the SSM agent to reach Session Manager through,
        // and the ssm/ssmmessages/ec2messages endpoints would add three endpoints per AZ for a
        // workstation stack (schema.ts refuses a bastion without NAT).
        bastion: { enabled: false, instanceType: "t3.micro" },
        dataProtection: { deletionProtection: false, replicateModels: false },
        delivery: { pullRequestPreviews: false }, // LocalStack is never reached from GitHub
        // No LocalStack plan emulates AWS Budgets (facts/localstack-coverage.ts): the local stack has none.
        budget: { enabled: false, monthlyLimitUsd: 50 },
        bedrock: { modelId: GUIDE_BEDROCK_MODEL_ID },
        // RDS does not rotate its managed secret in LocalStack, and the local stack stays within the
        // services facts/localstack-coverage.ts lists (no EventBridge, no Step Functions there yet).
        secretRotation: { redeployServices: false },
        localstackEndpoint: "http://localhost:4566",
    },
};
