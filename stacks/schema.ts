import { z } from "zod";
import { isFoundationModelId } from "../facts/aws/bedrock-models";
import { GUIDE_BEDROCK_MODEL_ID, GUIDE_BEDROCK_MODEL_VERSION_ID } from "../facts/guide/bedrock";
import { GUIDE_BACKUP_RETENTION_DAYS } from "../facts/guide/data";
import { GUIDE_REGION } from "../facts/guide/region";
import { capacityShortfall, ServiceDemand } from "./capacity";
import { isPrivateCidr, parseCidr, PRIVATE_RANGES } from "../lib/cidr";
import { describeFargateMemory, FARGATE_CPU_UNITS, fargateMemoryOptions } from "../lib/fargate";
import {
    dailyOverlapsWeekly,
    MinuteInterval,
    parseDailyWindow,
    parseWeeklyWindow,
    windowMinutes,
} from "../lib/windows";

/** The Pulumi project name; also the namespace of every project config key. */
export const PROJECT = "fraud-detector";

/** The only region the platform runs in (the guide's `AWS_REGION=ca-central-1`). */
export const REGION = GUIDE_REGION;

/** Availability zones of ca-central-1 (ca-central-1c does not exist for new accounts). */
export const REGION_AZS = ["ca-central-1a", "ca-central-1b", "ca-central-1d"] as const;

/** The environments a stack can be; each has a profile of defaults in `profiles.ts`. */
export const ENVIRONMENTS = ["local", "staging", "production"] as const;

/** One of the three environments of the deployment guide. */
export type Environment = (typeof ENVIRONMENTS)[number];

/**
 * The short environment names the guide uses in physical names (`fraud-detector-prod` cluster,
 * `fraud-detector/prod/database` secret, `fraud_detector_prod` database).
 */
export const ENVIRONMENT_SHORT_NAMES: Readonly<Record<Environment, string>> = {
    local: "local",
    staging: "staging",
    production: "prod",
};

/** NAT strategies, named as awsx names them (OnePerAz / Single / None) in one casing. */
export const NAT_STRATEGIES = ["onePerAz", "single", "none"] as const;

/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/**
 * ElastiCache's two steps of an AUTH token change: ROTATE (old and new token both accepted), then
 * SET (the new one alone); facts/aws/secret-rotation.ts.
 */
export const AUTH_TOKEN_UPDATE_STRATEGIES = ["ROTATE", "SET"] as const;

/** PostgreSQL major versions RDS currently offers for new instances. */
export const POSTGRES_MAJOR_VERSIONS = ["13", "14", "15", "16", "17"] as const;

const count = (min: number, max: number) => {
    const error = `expected a whole number from ${min} to ${max}`;
    return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

/** A closed set of keys; a missing or non-object value is named with the keys it should have. */
const section = <T extends z.core.$ZodLooseShape>(shape: T) =>
    z.strictObject(shape, {
        error: `expected an object with key${Object.keys(shape).length > 1 ? "s" : ""} ${Object.keys(shape).join(", ")}`,
    });

/** The one line a bad Bedrock model is refused with. */
const BEDROCK_MODEL_ERROR = `expected a Bedrock foundation-model ID such as ${GUIDE_BEDROCK_MODEL_VERSION_ID}, or a prefix of one ending in * (${GUIDE_BEDROCK_MODEL_ID}); not an inference profile (us., eu., global.)`;

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
    z.enum(values, { error: `expected one of ${values.join(", ")}` });

/** An RDS time window in the syntax `parse` reads, at least 30 minutes long as RDS requires. */
const timeWindow = (syntax: string, parse: (text: string) => MinuteInterval | undefined) => {
    const error = `expected ${syntax} of at least 30 minutes`;
    return z.string({ error }).refine(
        (text) => {
            const window = parse(text);
            return window !== undefined && windowMinutes(window) >= 30;
        },
        { error },
    );
};

const vpcCidr = z.string({ error: "expected a CIDR such as 10.0.0.0/16" }).refine(
    (text) => {
        const cidr = parseCidr(text);
        return cidr !== undefined && cidr.prefix >= 16 && cidr.prefix <= 24 && isPrivateCidr(cidr);
    },
    {
        error: `expected a private IPv4 CIDR (inside ${PRIVATE_RANGES.join(", ")}) with a prefix from /16 to /24 and no host bits set`,
    },
);

const serviceSchema = section({
    cpu: z
        .number({
            error: `expected Fargate CPU units, one of ${FARGATE_CPU_UNITS.join(", ")}`,
        })
        .refine((cpu) => FARGATE_CPU_UNITS.includes(cpu), {
            error: `expected Fargate CPU units, one of ${FARGATE_CPU_UNITS.join(", ")}`,
        }),
    memory: count(512, 122880),
    desiredCount: count(0, 100),
    minCount: count(0, 100),
    maxCount: count(1, 100),
    cpuTarget: count(10, 95),
}).superRefine((service, ctx) => {
    if (FARGATE_CPU_UNITS.includes(service.cpu) && !fargateMemoryOptions(service.cpu).includes(service.memory)) {
        ctx.addIssue({
            code: "custom",
            path: ["memory"],
            message: `Fargate offers ${describeFargateMemory(service.cpu)} MiB for cpu ${service.cpu}`,
        });
    }
    if (service.maxCount < service.minCount) {
        ctx.addIssue({
            code: "custom",
            path: ["maxCount"],
            message: `expected at least minCount (${service.minCount})`,
        });
    } else if (service.desiredCount < service.minCount || service.desiredCount > service.maxCount) {
        ctx.addIssue({
            code: "custom",
            path: ["desiredCount"],
            message: `expected a count from minCount (${service.minCount}) to maxCount (${service.maxCount})`,
        });
    }
});

const networkSchema = section({
    cidrBlock: vpcCidr,
    availabilityZones: z
        .array(
            z.enum(REGION_AZS, {
                error: `expected an AZ of ${REGION}: one of ${REGION_AZS.join(", ")}`,
            }),
            {
                error: `expected a list of AZs of ${REGION}`,
            },
        )
        .min(2, {
            error: "expected at least two AZs: RDS and the ALB need subnets in two zones",
        })
        .refine((azs) => new Set(azs).size === azs.length, {
            error: "expected each AZ once",
        }),
    natGateways: oneOf(NAT_STRATEGIES),
    flowLogRetentionDays: z
        .number({
            error: `expected a CloudWatch retention, one of ${LOG_RETENTION_DAYS.join(", ")}`,
        })
        .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
            error: `expected a CloudWatch retention, one of ${LOG_RETENTION_DAYS.join(", ")}`,
        }),
    interfaceEndpoints: z.boolean({ error: "expected true or false" }),
});

const databaseSchema = section({
    instanceClass: z
        .string({ error: "expected an RDS instance class such as db.r5.large" })
        .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, {
            error: "expected an RDS instance class such as db.r5.large",
        }),
    multiAz: z.boolean({ error: "expected true or false" }),
    backupRetentionDays: count(1, 35),
    backupWindow: timeWindow("a daily UTC window HH:MM-HH:MM", parseDailyWindow),
    maintenanceWindow: timeWindow("a weekly UTC window ddd:HH:MM-ddd:HH:MM", parseWeeklyWindow),
    engineVersion: oneOf(POSTGRES_MAJOR_VERSIONS),
    allocatedStorageGb: count(20, 65536),
    enhancedMonitoring: z.boolean({ error: "expected true or false" }),
    logRetentionDays: z
        .number({ error: `expected a CloudWatch retention, one of ${LOG_RETENTION_DAYS.join(", ")}` })
        .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
            error: `expected a CloudWatch retention, one of ${LOG_RETENTION_DAYS.join(", ")}`,
        }),
    restoreFromSnapshot: z
        .string({ error: "expected an RDS snapshot identifier or ARN" })
        .regex(/^(arn:aws:rds:[a-z0-9-]+:\d{12}:snapshot:)?[A-Za-z][A-Za-z0-9-]*$/, {
            error: "expected an RDS snapshot identifier (letters, digits, hyphens) or snapshot ARN",
        })
        .optional(),
}).superRefine((db, ctx) => {
    const backup = parseDailyWindow(db.backupWindow);
    const maintenance = parseWeeklyWindow(db.maintenanceWindow);
    if (backup && maintenance && dailyOverlapsWeekly(backup, maintenance)) {
        ctx.addIssue({
            code: "custom",
            path: ["backupWindow"],
            message: `expected a window that does not overlap maintenanceWindow (${db.maintenanceWindow})`,
        });
    }
});

const cacheSchema = section({
    nodeType: z
        .string({
            error: "expected an ElastiCache node type such as cache.r6g.large",
        })
        .regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, {
            error: "expected an ElastiCache node type such as cache.r6g.large",
        }),
    numCacheClusters: count(1, 6),
    snapshotRetentionDays: count(1, 35),
    engineVersion: z
        .string({
            error: "expected a Redis version of 7.0 or later, as MAJOR.MINOR",
        })
        .regex(/^([7-9]|\d{2,})\.\d+$/, {
            error: "expected a Redis version of 7.0 or later, as MAJOR.MINOR",
        }),
    authTokenVersion: count(1, 1000000),
    authTokenUpdateStrategy: oneOf(AUTH_TOKEN_UPDATE_STRATEGIES),
}).superRefine((cache, ctx) => {
    // ROTATE adds a new token beside the current one: version 1 is the token the group was created with.
    if (cache.authTokenUpdateStrategy === "ROTATE" && cache.authTokenVersion < 2) {
        ctx.addIssue({
            code: "custom",
            path: ["authTokenUpdateStrategy"],
            message:
                "expected SET while authTokenVersion is 1; ROTATE comes with a new token (authTokenVersion 2 or more)",
        });
    }
});

/** A lowercase DNS name of two labels or more, such as fraud-detector.com. */
const DNS_NAME = /^([a-z0-9-]+\.)+[a-z]{2,}$/;

/** Whether `domainName` is the zone `zoneName` itself (its apex) or a name inside it. */
export function isInZone(domainName: string, zoneName: string): boolean {
    return domainName === zoneName || domainName.endsWith(`.${zoneName}`);
}

const emailError = "expected an e-mail address such as oncall@example.com";

/**
 * A repository as GitHub names it in the OIDC `sub` claim (`repo:OWNER/NAME:...`): the owner takes
 * letters, digits and single inner hyphens (at most 39), the name letters, digits, `.`, `_` and `-`
 * (at most 100, never `.` or `..`). Wildcards cannot pass, so a trust policy built from it names
 * exactly one repository.
 */
export const GITHUB_REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;

const repositoryError =
    "expected a GitHub repository as owner/name, spelt as GitHub shows it (owner: letters, digits, single hyphens; name: letters, digits, . _ -), with no wildcard";

const environmentError =
    "expected a GitHub environment name: 1 to 255 letters, digits, . _ - (no spaces, no wildcard), such as production";

const oidcProviderError =
    "expected the ARN of this account's GitHub OIDC provider, arn:aws:iam::<12-digit account>:oidc-provider/token.actions.githubusercontent.com";

/**
 * GitHub Actions access to the stack (`DeployAccess`): the repository whose `main` branch deploys
 * through `githubEnvironment`, and whose pull requests preview. Absent means no access is created.
 */
const deployAccessSchema = section({
    githubRepository: z.string({ error: repositoryError }).regex(GITHUB_REPOSITORY, { error: repositoryError }),
    githubEnvironment: z
        .string({ error: environmentError })
        .regex(/^[A-Za-z0-9._-]{1,255}$/, { error: environmentError }),
    existingOidcProviderArn: z
        .string({ error: oidcProviderError })
        .regex(/^arn:aws:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/, {
            error: oidcProviderError,
        })
        .optional(),
}).optional();

/** The schema of a whole, resolved stack configuration (profile defaults merged with the stack file). */
export const stackConfigSchema = section({
    environment: oneOf(ENVIRONMENTS),
    network: networkSchema,
    services: section({
        api: serviceSchema,
        worker: serviceSchema,
        mlService: serviceSchema,
    }),
    database: databaseSchema,
    cache: cacheSchema,
    secretRotation: section({
        redeployServices: z.boolean({ error: "expected true or false" }),
    }),
    alerts: section({
        email: z.string({ error: emailError }).regex(/^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i, { error: emailError }),
    }),
    cluster: section({
        capacity: oneOf(["fargate", "ec2"] as const),
        instanceType: z
            .string({ error: "expected an EC2 instance type such as t3.medium" })
            .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { error: "expected an EC2 instance type such as t3.medium" }),
        instanceCount: count(1, 20),
        maxInstanceCount: count(1, 20),
        execEnabled: z.boolean({ error: "expected true or false" }),
        logRetentionDays: z
            .number({ error: `expected a CloudWatch retention, one of ${LOG_RETENTION_DAYS.join(", ")}` })
            .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
                error: `expected a CloudWatch retention, one of ${LOG_RETENTION_DAYS.join(", ")}`,
            }),
    }).superRefine((cluster, ctx) => {
        if (cluster.maxInstanceCount < cluster.instanceCount) {
            ctx.addIssue({
                code: "custom",
                path: ["maxInstanceCount"],
                message: `expected at least instanceCount (${cluster.instanceCount})`,
            });
        }
    }),
    edge: section({
        domainName: z
            .string({ error: "expected a DNS name such as api.fraud-detector.com" })
            .regex(DNS_NAME, { error: "expected a DNS name such as api.fraud-detector.com" })
            .optional(),
        hostedZoneName: z
            .string({ error: "expected the Route 53 public zone the domain sits in, such as fraud-detector.com" })
            .regex(DNS_NAME, {
                error: "expected the Route 53 public zone the domain sits in, such as fraud-detector.com",
            })
            .optional(),
    }),
    imageTag: z
        .string({ error: "expected the image tag to run, the git SHA CI pushed (e.g. 3f9c2e1)" })
        .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, {
            error: "expected an image tag: letters, digits, _ . - (at most 128)",
        }),
    bastion: section({
        enabled: z.boolean({ error: "expected true or false" }),
        instanceType: z
            .string({ error: "expected an EC2 instance type such as t3.micro" })
            .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { error: "expected an EC2 instance type such as t3.micro" }),
    }),
    dataProtection: section({
        deletionProtection: z.boolean({ error: "expected true or false" }),
        replicateModels: z.boolean({ error: "expected true or false" }),
    }),
    /**
     * How GitHub Actions may reach the stack. `pullRequestPreviews`: whether pull requests preview
     * it (DeployAccess then creates a read-only preview role trusting them). Code of a pull request
     * runs with whatever the preview gets, so a stack whose secrets must stay out of its reach
     * (production) is previewed only by reviewed code on main.
     */
    delivery: section({
        pullRequestPreviews: z.boolean({ error: "expected true or false" }),
    }),
    budget: section({
        enabled: z.boolean({ error: "expected true or false" }),
        monthlyLimitUsd: z
            .number({ error: "expected a positive amount of US dollars" })
            .positive({ error: "expected a positive amount of US dollars" }),
    }),
    bedrock: section({
        modelId: z.string({ error: BEDROCK_MODEL_ERROR }).refine(isFoundationModelId, { error: BEDROCK_MODEL_ERROR }),
    }),
    localstackEndpoint: z
        .url({
            protocol: /^https?$/,
            error: "expected an http(s) URL such as http://localhost:4566",
        })
        .optional(),
    appKey: z.string().optional(),
    deployAccess: deployAccessSchema,
})
    // Environment-wide rules run even when other fields are wrong (`when`), so that one run
    // reports every problem; they guard their own inputs for the same reason.
    .refine(
        (config) =>
            !(config.environment === "production" && typeof config.database?.backupRetentionDays === "number") ||
            config.database.backupRetentionDays >= GUIDE_BACKUP_RETENTION_DAYS,
        {
            path: ["database", "backupRetentionDays"],
            error: `expected at least ${GUIDE_BACKUP_RETENTION_DAYS} in production (the guide's ${GUIDE_BACKUP_RETENTION_DAYS}-day backups)`,
            when: () => true,
        },
    )
    .refine((config) => config.environment === "local" || config.imageTag !== "latest", {
        path: ["imageTag"],
        error: "expected an immutable tag (the git SHA CI pushed): latest is refused outside local",
        when: () => true,
    })
    .refine((config) => (config.edge?.domainName === undefined) === (config.edge?.hostedZoneName === undefined), {
        path: ["edge"],
        error: "expected domainName and hostedZoneName together (the certificate is validated in that zone), or neither",
        when: () => true,
    })
    // ACM writes the validation record, and the program the alias, into hostedZoneName: a domain
    // outside that zone would never validate.
    .superRefine((config, ctx) => {
        const domain = config.edge?.domainName;
        const zone = config.edge?.hostedZoneName;
        // A malformed name already has its own line; judge only two well-formed names.
        const wellFormed = [domain, zone].every((name) => typeof name === "string" && DNS_NAME.test(name));
        if (wellFormed && !isInZone(String(domain), String(zone))) {
            ctx.addIssue({
                code: "custom",
                path: ["edge", "domainName"],
                message: `expected edge.hostedZoneName ("${zone}") itself or a name that ends in ".${zone}": the certificate is validated and the API's alias record created in that zone`,
            });
        }
    })
    .refine((config) => config.environment === "local" || config.localstackEndpoint === undefined, {
        path: ["localstackEndpoint"],
        error: "expected no value: only the local environment targets LocalStack",
        when: () => true,
    })
    .refine((config) => config.bastion?.enabled !== true || config.network?.natGateways !== "none", {
        path: ["bastion", "enabled"],
        error: "expected false when network.natGateways is none: the bastion has no public IP and reaches Session Manager only through a NAT gateway",
        when: () => true,
    })
    .refine((config) => config.environment !== "local" || config.deployAccess === undefined, {
        path: ["deployAccess"],
        error: "expected no value in local: LocalStack is deployed from a workstation, never by a GitHub workflow",
        when: () => true,
    })
    // EC2 hosts too few for a deploy stall it (one network interface per awsvpc task): refused here
    // when config alone shows it, otherwise the policy rule ecs-capacity-holds-deploys judges the plan.
    .superRefine((config, ctx) => {
        const cluster = config.cluster;
        const services = Object.values(config.services ?? {}) as ServiceDemand[];
        const readable =
            cluster?.capacity === "ec2" &&
            typeof cluster.instanceType === "string" &&
            Number.isInteger(cluster.maxInstanceCount) &&
            services.every((s) => [s?.cpu, s?.memory, s?.maxCount].every(Number.isFinite));
        const shortfall = readable ? capacityShortfall(cluster, services) : undefined;
        if (shortfall !== undefined) {
            ctx.addIssue({ code: "custom", path: ["cluster", shortfall.key], message: shortfall.expected });
        }
    });

/** The validated configuration of one stack, as components receive it (after `resolveStackConfig`). */
export type StackSettings = z.infer<typeof stackConfigSchema>;

/** The size and scaling of one ECS service. */
export type ServiceSettings = StackSettings["services"]["api"];

/** Network settings: VPC range, AZs, NAT strategy and flow-log retention. */
export type NetworkSettings = StackSettings["network"];

/** Database settings: RDS PostgreSQL sizing, availability and backups. */
export type DatabaseSettings = StackSettings["database"];

/** Cache settings: ElastiCache Redis sizing. */
export type CacheSettings = StackSettings["cache"];

/** GitHub Actions access: the repository, its deploy environment, an existing OIDC provider. */
export type DeployAccessSettings = NonNullable<StackSettings["deployAccess"]>;

/** Project config keys (without namespace) whose values must be set with `pulumi config set --secret`. */
export const SECRET_KEYS: readonly string[] = ["appKey"];
