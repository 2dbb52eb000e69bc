import { Environment, StackSettings } from "./schema";

/**
 * The settings a profile supplies. Alerts have no default: every stack file names who is paged.
 * The LocalStack endpoint and the app key are optional and never defaulted.
 */
export type Profile = Omit<StackSettings, "environment" | "alerts" | "localstackEndpoint" | "appKey"> & {
    readonly localstackEndpoint?: string;
};

/** The guide's network (Production Infrastructure, module "vpc"): 10.0.0.0/16 over two AZs. */
const GUIDE_NETWORK = {
    cidrBlock: "10.0.0.0/16",
    availabilityZones: ["ca-central-1a", "ca-central-1b"],
} as const;

/**
 * The defaults of each environment: the one place environment numbers live. Values marked
 * "guide" come from `deployment-guide.md`; the others are ours, chosen where the guide is silent,
 * and are documented as such in the README's config reference.
 */
export const PROFILES: Readonly<Record<Environment, Profile>> = {
    production: {
        network: {
            ...GUIDE_NETWORK,
            availabilityZones: [...GUIDE_NETWORK.availabilityZones],
            // One NAT gateway per AZ: the guide's diagram shows one, but a single gateway is a
            // single point of failure for every private task.
            natGateways: "onePerAz",
            flowLogRetentionDays: 365,
        },
        services: {
            // guide: api 512/1024 x3, autoscaling 2..10 at 70% CPU
            api: {
                cpu: 512,
                memory: 1024,
                desiredCount: 3,
                minCount: 2,
                maxCount: 10,
                cpuTarget: 70,
            },
            // guide: worker 256/512 x2; the scaling range is ours
            worker: {
                cpu: 256,
                memory: 512,
                desiredCount: 2,
                minCount: 2,
                maxCount: 6,
                cpuTarget: 70,
            },
            // guide: ml-service 1024/2048 x2; the scaling range is ours
            mlService: {
                cpu: 1024,
                memory: 2048,
                desiredCount: 2,
                minCount: 2,
                maxCount: 4,
                cpuTarget: 70,
            },
        },
        database: {
            instanceClass: "db.r5.large", // guide
            multiAz: true, // guide
            backupRetentionDays: 7, // guide
            backupWindow: "03:00-04:00", // guide
            maintenanceWindow: "sun:04:30-sun:05:30", // after the backup window, never overlapping it
            engineVersion: "15", // guide: Database Maintenance upgrades within 15.x
            allocatedStorageGb: 100,
        },
        cache: {
            nodeType: "cache.r6g.large",
            numCacheClusters: 3,
            engineVersion: "7.0",
        }, // guide
        budget: { monthlyLimitUsd: 3000 },
    },
    staging: {
        network: {
            ...GUIDE_NETWORK,
            availabilityZones: [...GUIDE_NETWORK.availabilityZones],
            natGateways: "single",
            flowLogRetentionDays: 30,
        },
        services: {
            // Staging runs on the guide's 2 x t3.medium (4 vCPU, 8 GiB in all): one of each task fits.
            api: {
                cpu: 512,
                memory: 1024,
                desiredCount: 1,
                minCount: 1,
                maxCount: 2,
                cpuTarget: 70,
            },
            worker: {
                cpu: 256,
                memory: 512,
                desiredCount: 1,
                minCount: 1,
                maxCount: 2,
                cpuTarget: 70,
            },
            mlService: {
                cpu: 1024,
                memory: 2048,
                desiredCount: 1,
                minCount: 1,
                maxCount: 1,
                cpuTarget: 70,
            },
        },
        database: {
            instanceClass: "db.t3.small", // guide
            multiAz: false,
            backupRetentionDays: 7,
            backupWindow: "03:00-04:00",
            maintenanceWindow: "sun:04:30-sun:05:30",
            engineVersion: "15",
            allocatedStorageGb: 20,
        },
        cache: {
            nodeType: "cache.t3.micro",
            numCacheClusters: 1,
            engineVersion: "7.0",
        }, // guide: t3.micro
        budget: { monthlyLimitUsd: 600 },
    },
    local: {
        network: {
            ...GUIDE_NETWORK,
            availabilityZones: [...GUIDE_NETWORK.availabilityZones],
            natGateways: "none",
            flowLogRetentionDays: 7,
        },
        services: {
            // The smallest Fargate task, one of each.
            api: {
                cpu: 256,
                memory: 512,
                desiredCount: 1,
                minCount: 1,
                maxCount: 1,
                cpuTarget: 70,
            },
            worker: {
                cpu: 256,
                memory: 512,
                desiredCount: 1,
                minCount: 1,
                maxCount: 1,
                cpuTarget: 70,
            },
            mlService: {
                cpu: 256,
                memory: 512,
                desiredCount: 1,
                minCount: 1,
                maxCount: 1,
                cpuTarget: 70,
            },
        },
        database: {
            instanceClass: "db.t3.micro", // the smallest PostgreSQL class
            multiAz: false,
            backupRetentionDays: 1,
            backupWindow: "03:00-04:00",
            maintenanceWindow: "sun:04:30-sun:05:30",
            engineVersion: "15",
            allocatedStorageGb: 20,
        },
        cache: {
            nodeType: "cache.t4g.micro",
            numCacheClusters: 1,
            engineVersion: "7.0",
        },
        budget: { monthlyLimitUsd: 50 },
        localstackEndpoint: "http://localhost:4566",
    },
};
