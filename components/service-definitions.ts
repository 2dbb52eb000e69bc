import * as pulumi from "@pulumi/pulumi";
import { APP_FLAGS, StackConfig } from "../stacks";
import type { ApplicationServiceArgs } from "./application-service";
import { DATABASE_USER } from "./database";
import { SERVICE_NAMES, ServiceKey } from "./service-security-groups";

/** The port each container listens on (non-root containers cannot bind 80). */
export const CONTAINER_PORTS: Readonly<Record<ServiceKey, number>> = { api: 8080, worker: 8080, mlService: 8000 };

/** What the ALB and the containers' health checks probe (the guide's `make health-check`, `/health`). */
export const HEALTH_CHECK_PATH = "/health";

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
 * `environment`), and its IAM grants — the guide's IAM Roles: Claude 3 Haiku in ca-central-1 for the
 * services that score with it, and the models bucket's objects with the kms:Decrypt reading them
 * takes (through S3 only).
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
    const invokeHaiku = {
        Effect: "Allow",
        Action: ["bedrock:InvokeModel"],
        Resource: [`arn:aws:bedrock:${config.region}::foundation-model/anthropic.claude-3-haiku-*`],
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
            taskPolicyStatements: [invokeHaiku, readModels, decryptModels],
            // PHP-FPM and nginx write to their run and cache directories.
            readonlyRootFilesystem: false,
        },
        worker: {
            environment: appEnvironment,
            secrets: appSecrets,
            secretArns: appSecretArns,
            taskPolicyStatements: [invokeHaiku, readModels, decryptModels],
            readonlyRootFilesystem: false,
        },
    };
}
