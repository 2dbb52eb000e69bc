import { strict as assert } from "assert";
import { ImageRegistries, ImageRegistriesArgs } from "../../../components/compute/image-registries";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
const BASE: ImageRegistriesArgs = {
    kmsKeyArn: "arn:aws:kms:ca-central-1:111122223333:key/data",
    keepImages: 30,
    tags: TAGS,
};

const build = (args: ImageRegistriesArgs) => () => new ImageRegistries("registries", args);

describe("components/compute ImageRegistries (built in-process)", () => {
    for (const keepImages of [30, 1]) {
        describe(`keeping the last ${keepImages} tagged images`, () => {
            const built = builtOnce(build({ ...BASE, keepImages }));

            it("creates fraud-api and fraud-ml (the guide's two images), each with a lifecycle policy", async () => {
                const { children, parentName } = await built();
                assert.deepEqual(children.map((r) => `${r.type} ${r.name}`).sort(), [
                    "aws:ecr/lifecyclePolicy:LifecyclePolicy registries-fraud-api-lifecycle",
                    "aws:ecr/lifecyclePolicy:LifecyclePolicy registries-fraud-ml-lifecycle",
                    "aws:ecr/repository:Repository registries-fraud-api",
                    "aws:ecr/repository:Repository registries-fraud-ml",
                ]);
                assert.ok(children.every((r) => parentName(r) === "registries"));
            });

            it("makes tags immutable, scans on push and encrypts with the stack's key", async () => {
                for (const repository of (await built()).ofType("aws:ecr/repository:Repository")) {
                    assert.equal(repository.inputs.imageTagMutability, "IMMUTABLE");
                    assert.deepEqual(repository.inputs.imageScanningConfiguration, { scanOnPush: true });
                    assert.deepEqual(repository.inputs.encryptionConfigurations, [
                        { encryptionType: "KMS", kmsKey: BASE.kmsKeyArn },
                    ]);
                    assert.equal(repository.inputs.forceDelete, false);
                }
            });

            it(`expires untagged images after 7 days and keeps ${keepImages} tagged ones`, async () => {
                const policy = (await built()).child(
                    "aws:ecr/lifecyclePolicy:LifecyclePolicy",
                    "registries-fraud-api-lifecycle",
                );
                const rules = (JSON.parse(String(policy.inputs.policy)) as { rules: { selection: object }[] }).rules;
                assert.deepEqual(
                    rules.map((r) => r.selection),
                    [
                        { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 },
                        {
                            tagStatus: "tagged",
                            tagPatternList: ["*"],
                            countType: "imageCountMoreThan",
                            countNumber: keepImages,
                        },
                    ],
                );
            });

            it("outputs each image's repository URL and ARN", async () => {
                const { outputs } = await built();
                assert.deepEqual(Object.keys(outputs.repositoryUrls as object).sort(), ["api", "ml"]);
                assert.match(
                    String((outputs.repositoryArns as Record<string, string>).ml),
                    /^arn:aws:ecr:ca-central-1:\d{12}:repository\/fraud-ml$/,
                );
            });
        });
    }

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<ImageRegistriesArgs>[] = [
        [
            "keeping no image",
            { keepImages: 0 },
            "keepImages: 0 given; ECR lifecycle rules need a whole number of images, at least 1",
        ],
        [
            "a fractional image count",
            { keepImages: 2.5 },
            "keepImages: 2.5 given; ECR lifecycle rules need a whole number of images, at least 1",
        ],
        [
            "stack tags that would lose a repository's Name",
            { tags: { ...TAGS, Name: "shared" } },
            'tag Name is set by the stack to "shared" and cannot be changed to "fraud-api"',
        ],
    ];
    refusesEach(build, BASE, ARGUMENT_ERRORS);
});
