import * as pulumi from "@pulumi/pulumi";
import { foundationModelArn } from "../../facts/aws/bedrock-models";
import { CONTAINER_CAPABILITIES } from "../../facts/aws/container-capabilities";
import { CONTAINER_STOP_TIMEOUT } from "../../facts/aws/ecs-container";
import { ALPINE_WWW_DATA_UID, ImageKey, IMAGES } from "../../facts/guide/images";
import { APP_FLAGS, StackConfig } from "../../stacks";
import type { ApplicationServiceArgs } from "./application-service/args";
import type { ContainerSettings } from "./application-service/task-container";
import { DATABASE_USER } from "../data/database";
import { SERVICE_NAMES, ServiceKey } from "../network/service-security-groups";

/** What the ALB and the containers' health checks probe (the guide's `make health-check`, `/health`). */
export const HEALTH_CHECK_PATH = "/health";

/** The ports the services serve on: each image's `EXPOSE` (the worker serves nothing). */
export const CONTAINER_PORTS = { api: IMAGES.api.port, mlService: IMAGES.ml.port } as const;

/** The longest a queue job may run before the worker abandons it (`queue:work --timeout`). */
export const WORKER_JOB_TIMEOUT_SECONDS = 90;

/**
 * The queue worker (the guide's Manual Setup: `php artisan queue:work`) on the API image. One
 * process per task: ECS restarts it when it exits, so `--max-time` recycles a long-running PHP
 * process hourly and `--tries` stops a poisoned job from looping; parallelism is the task count.
 */
export const WORKER_COMMAND = [
    "php",
    "artisan",
    "queue:work",
    "--tries=3",
    `--timeout=${WORKER_JOB_TIMEOUT_SECONDS}`,
    "--sleep=3",
    "--max-time=3600",
];

/**
 * How each service runs its image (facts/guide/images.ts): which image, its port, the user, the
 * command, a health check with a tool the image has, and the capabilities dropped.
 */
export type ServiceRuntime = Pick<
    ContainerSettings,
    "containerPort" | "user" | "command" | "stopTimeoutSeconds" | "healthCheckCommand" | "dropCapabilities"
> & {
    /** The guide's image the service runs. */
    readonly image: ImageKey;
};

/** Docker's default capabilities the API image's root processes do not use. */
const API_UNUSED_CAPABILITIES = CONTAINER_CAPABILITIES.dockerDefaults.filter(
    (capability) => !(IMAGES.api.rootNeeds as readonly string[]).includes(capability),
);

/** The ML image's health check: its base has python but no curl or wget. */
const ML_HEALTH_CHECK = `python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${IMAGES.ml.port}${HEALTH_CHECK_PATH}', timeout=3)" || exit 1`;

/**
 * Each service's runtime. The api runs the API image as built: supervisord as root (no `user`),
 * on port 80, checked with the curl its base image installs, and only the capabilities nginx and
 * php-fpm use as root kept. The worker runs the same image's queue worker as www-data (no
 * supervisord needed, so no root) with no port and no health check: the worker is the container's
 * main process, so when it dies the essential container exits and ECS replaces the task, and a
 * process check would only see itself. The ML service runs as the image's appuser on 8000.
 */
export const SERVICE_RUNTIMES: Readonly<Record<ServiceKey, ServiceRuntime>> = {
    api: {
        image: "api",
        containerPort: IMAGES.api.port,
        healthCheckCommand: `curl -fs http://127.0.0.1:${IMAGES.api.port}${HEALTH_CHECK_PATH} || exit 1`,
        dropCapabilities: API_UNUSED_CAPABILITIES,
    },
    worker: {
        image: "api",
        user: `${ALPINE_WWW_DATA_UID}:${ALPINE_WWW_DATA_UID}`,
        command: WORKER_COMMAND,
        // On SIGTERM (a deploy, a scale-in) queue:work finishes the job in hand, which may take
        // WORKER_JOB_TIMEOUT_SECONDS; ECS's default 30 s would kill it mid-way. Fargate allows 120.
        stopTimeoutSeconds: CONTAINER_STOP_TIMEOUT.fargateMaxSeconds,
        dropCapabilities: ["ALL"],
    },
    mlService: {
        image: "ml",
        containerPort: IMAGES.ml.port,
        user: `${IMAGES.ml.startsAs.uid}:${IMAGES.ml.startsAs.uid}`,
        healthCheckCommand: ML_HEALTH_CHECK,
        dropCapabilities: ["ALL"],
    },
};

/** The outputs of the other tiers the services are wired to. */
export interface ServiceWiring {
    readonly databaseAddress: pulumi.Input<string>;
    readonly cachePrimaryEndpoint: pulumi.Input<string>;
    readonly modelsBucketName: pulumi.Input<string>;
    readonly modelsBucketArn: pulumi.Input<string>;
    /** The stack's key, which encrypts the models bucket (SSE-KMS with an S3 Bucket Key). */
    readonly modelsKeyArn: pulumi.Input<string>;
    /** The Bedrock endpoint's URL, where the stack has one (not in local, where Bedrock is mocked). */
    readonly bedrockEndpointUrl?: pulumi.Input<string>;
    /** Secret ARNs: the RDS-managed password, the app key, the HMAC keys, the Redis token. */
    readonly databasePasswordSecretArn: pulumi.Input<string>;
    readonly appKeySecretArn: pulumi.Input<string>;
    readonly hmacKeysSecretArn: pulumi.Input<string>;
    readonly redisSecretArn: pulumi.Input<string>;
}

/** What differs between the three services: environment, secrets, AWS access, file system. */
export type ServiceDefinition = Pick<
    ApplicationServiceArgs,
    "environment" | "secrets" | "secretArns" | "taskPolicyStatements" | "readonlyRootFilesystem"
> & {
    /** The Service Connect name the service answers to, if others call it. */
    readonly exposeAs?: string;
};

/**
 * Each service's definition, per the guide: the environment blocks of its stack (plus the
 * connection details of the tiers it uses), the secrets it reads from Secrets Manager (never in
 * `environment`), and its IAM grants — the guide's IAM Roles: the stack's Bedrock model (the
 * guide's Claude 3 Haiku by default) for the services that score with it, and the models bucket's
 * objects with the kms:Decrypt reading them takes (through S3 only).
 */
export function serviceDefinitions(config: StackConfig, wiring: ServiceWiring): Record<ServiceKey, ServiceDefinition> {
    const appEnvironment = {
        ...APP_FLAGS[config.environment],
        DB_CONNECTION: "pgsql",
        DB_HOST: wiring.databaseAddress,
        DB_PORT: "5432",
        DB_DATABASE: config.namePrefix.replace(/-/g, "_"),
        DB_USERNAME: DATABASE_USER,
        REDIS_HOST: wiring.cachePrimaryEndpoint,
        REDIS_PORT: "6379",
        REDIS_SCHEME: "tls",
        ML_SERVICE_URL: `http://${SERVICE_NAMES.mlService}:${CONTAINER_PORTS.mlService}`,
        AWS_REGION: config.region,
        AWS_BUCKET: wiring.modelsBucketName,
        ...(wiring.bedrockEndpointUrl !== undefined ? { BEDROCK_ENDPOINT_URL: wiring.bedrockEndpointUrl } : {}),
    };
    const appSecrets = {
        DB_PASSWORD: pulumi.interpolate`${wiring.databasePasswordSecretArn}:password::`,
        APP_KEY: pulumi.interpolate`${wiring.appKeySecretArn}:APP_KEY::`,
        HMAC_KEY_1: pulumi.interpolate`${wiring.hmacKeysSecretArn}:key1::`,
        HMAC_KEY_2: pulumi.interpolate`${wiring.hmacKeysSecretArn}:key2::`,
        REDIS_PASSWORD: pulumi.interpolate`${wiring.redisSecretArn}:authToken::`,
    };
    const appSecretArns = [
        wiring.databasePasswordSecretArn,
        wiring.appKeySecretArn,
        wiring.hmacKeysSecretArn,
        wiring.redisSecretArn,
    ];
    const readModels = {
        Effect: "Allow",
        Action: ["s3:GetObject"],
        Resource: [pulumi.interpolate`${wiring.modelsBucketArn}/*`],
    };
    // The models bucket is SSE-KMS under the stack's key: GetObject alone is refused without
    // kms:Decrypt. Only through S3 in this region, and only for this bucket: with an S3 Bucket Key,
    // S3 passes the bucket's ARN (not the object's) as the encryption context.
    const decryptModels = {
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: [wiring.modelsKeyArn],
        Condition: {
            StringEquals: {
                "kms:ViaService": `s3.${config.region}.amazonaws.com`,
                "kms:EncryptionContext:aws:s3:arn": wiring.modelsBucketArn,
            },
        },
    };
    // The stack's model (`bedrock.modelId`, the guide's Claude 3 Haiku by default): the same ARN
    // the Bedrock endpoint admits, so the two cannot drift apart.
    const invokeModel = {
        Effect: "Allow",
        Action: ["bedrock:InvokeModel"],
        Resource: [foundationModelArn(config.region, config.bedrock.modelId)],
    };
    return {
        mlService: {
            environment: {
                ...APP_FLAGS[config.environment],
                AWS_REGION: config.region,
                AWS_BUCKET: wiring.modelsBucketName,
            },
            secrets: {},
            secretArns: [],
            taskPolicyStatements: [readModels, decryptModels],
            readonlyRootFilesystem: true,
            exposeAs: SERVICE_NAMES.mlService,
        },
        api: {
            environment: appEnvironment,
            secrets: appSecrets,
            secretArns: appSecretArns,
            taskPolicyStatements: [invokeModel, readModels, decryptModels],
            // nginx, php-fpm and supervisord write their pid, temp and log files under /run, /var/lib/nginx
            // and /var/log, and Laravel writes storage/ and bootstrap/cache in the image: a task volume
            // there would hide what the image put in them.
            readonlyRootFilesystem: false,
        },
        worker: {
            environment: appEnvironment,
            secrets: appSecrets,
            secretArns: appSecretArns,
            taskPolicyStatements: [invokeModel, readModels, decryptModels],
            // Laravel writes its cache, compiled views and logs under storage/ in the image; an empty
            // task volume mounted there (owned by root on Fargate) would hide them from www-data.
            readonlyRootFilesystem: false,
        },
    };
}
