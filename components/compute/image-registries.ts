import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ImageKey, IMAGES } from "../../facts/guide/images";
import { mergeTags, Tags } from "../tags";

/** Arguments of the `ImageRegistries` component. */
export interface ImageRegistriesArgs {
    /** The customer-managed key images are encrypted with. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** How many tagged images each repository keeps (older ones expire). */
    readonly keepImages: number;
    /** The stack's base tags. */
    readonly tags: Tags;
}

/** Days an untagged image (a layer left behind by a re-push or a failed build) is kept. */
const UNTAGGED_IMAGE_DAYS = 7;

/**
 * The lifecycle policy document of one repository, per
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html:
 * untagged images expire after a week; of the tagged ones the newest `keepImages` stay. A `tagged`
 * rule must list tags, so the pattern `*` selects every tagged image; `any` is avoided because it
 * would count untagged images against `keepImages` (and would have to be the last rule).
 */
function lifecyclePolicyDocument(keepImages: number): string {
    return JSON.stringify({
        rules: [
            {
                rulePriority: 1,
                description: `Expire untagged images after ${UNTAGGED_IMAGE_DAYS} days`,
                selection: {
                    tagStatus: "untagged",
                    countType: "sinceImagePushed",
                    countUnit: "days",
                    countNumber: UNTAGGED_IMAGE_DAYS,
                },
                action: { type: "expire" },
            },
            {
                rulePriority: 2,
                description: `Keep the last ${keepImages} tagged images`,
                selection: {
                    tagStatus: "tagged",
                    tagPatternList: ["*"],
                    countType: "imageCountMoreThan",
                    countNumber: keepImages,
                },
                action: { type: "expire" },
            },
        ],
    });
}

/**
 * The ECR repositories of the guide's two application images (facts/guide/images.ts), named as its
 * pipeline pushes them: `fraud-api` (which the api and the worker run) and `fraud-ml`. CI pushes each image tagged with the git SHA
 * (`$ECR_REGISTRY/fraud-api:$GITHUB_SHA`); tags are IMMUTABLE, so a tag means one image forever and
 * a rollback to a SHA deploys exactly what was tested. Every image is scanned on push (basic
 * scanning) and encrypted with the stack's data key; `forceDelete` stays off, so a repository that
 * still holds images is never deleted with them.
 *
 * Repositories are account-wide and named without an environment: staging and production are
 * expected in separate AWS accounts, as two stacks in one account would collide on these names.
 *
 * Creates, per image: 1. the repository, 2. its lifecycle policy (untagged images expire after
 * 7 days; only the newest `keepImages` tagged images are kept).
 * Cost: ECR storage per GB-month of images kept (bounded by the lifecycle policy) and KMS requests
 * on push and pull; basic scanning on push is free.
 *
 * @example
 * const registries = new ImageRegistries("prod-registries", { kmsKeyArn: key.keyArn, keepImages: 30, tags });
 * export const apiRepositoryUrl = registries.repositoryUrls.api;
 */
export class ImageRegistries extends pulumi.ComponentResource {
    /** Repository URL of each image (`<account>.dkr.ecr.<region>.amazonaws.com/fraud-api`). */
    public readonly repositoryUrls: Readonly<Record<ImageKey, pulumi.Output<string>>>;
    /** Repository ARN of each image, for the pull (execution role) and push (CI) grants. */
    public readonly repositoryArns: Readonly<Record<ImageKey, pulumi.Output<string>>>;

    constructor(name: string, args: ImageRegistriesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:compute:ImageRegistries", name, {}, opts);
        if (!Number.isInteger(args.keepImages) || args.keepImages < 1) {
            throw new pulumi.ResourceError(
                `keepImages: ${args.keepImages} given; ECR lifecycle rules need a whole number of images, at least 1`,
                this,
            );
        }

        const policy = lifecyclePolicyDocument(args.keepImages);
        const urls = {} as Record<ImageKey, pulumi.Output<string>>;
        const arns = {} as Record<ImageKey, pulumi.Output<string>>;
        for (const image of Object.keys(IMAGES) as ImageKey[]) {
            const repositoryName = IMAGES[image].repository;
            const repository = this.createRepository(`${name}-${repositoryName}`, repositoryName, args);
            this.createLifecyclePolicy(`${name}-${repositoryName}-lifecycle`, repository, policy);
            urls[image] = repository.repositoryUrl;
            arns[image] = repository.arn;
        }

        this.repositoryUrls = urls;
        this.repositoryArns = arns;
        this.registerOutputs({ repositoryUrls: this.repositoryUrls, repositoryArns: this.repositoryArns });
    }

    private createRepository(name: string, repositoryName: string, args: ImageRegistriesArgs): aws.ecr.Repository {
        return new aws.ecr.Repository(
            name,
            {
                name: repositoryName,
                imageTagMutability: "IMMUTABLE",
                imageScanningConfiguration: { scanOnPush: true },
                encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.kmsKeyArn }],
                forceDelete: false,
                tags: mergeTags(args.tags, { Name: repositoryName }),
            },
            { parent: this },
        );
    }

    private createLifecyclePolicy(name: string, repository: aws.ecr.Repository, policy: string): void {
        new aws.ecr.LifecyclePolicy(name, { repository: repository.name, policy }, { parent: this });
    }
}
