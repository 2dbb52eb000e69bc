import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../stacks";
import { Network } from "./network";
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
 * Creates: the AWS provider pinned to ca-central-1 (pointed at LocalStack in the local stack), then
 * the network. Later tiers (data, application, operations) are added here as they are built.
 */
export class Platform extends pulumi.ComponentResource {
    /** The stack's VPC and subnets. */
    public readonly network: Network;
    /** The tags every resource of the stack carries. */
    public readonly tags: Tags;

    constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:platform:Platform", name, {}, opts);
        const { config } = args;
        this.tags = baseTags(config.project, config.environment);

        const provider = this.createProvider(name, config);
        const childOpts: pulumi.ComponentResourceOptions = {
            parent: this,
            providers: { aws: provider },
        };

        this.network = new Network(
            `${name}-network`,
            { ...config.network, namePrefix: config.namePrefix, tags: this.tags },
            childOpts,
        );

        this.registerOutputs({ network: this.network, tags: this.tags });
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
