import { strict as assert } from "assert";
import type { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { onlyOf, planOf, resourcesOf, STACKS } from "../helpers/plan";
import { dependentsOf, sourceOf } from "../helpers/relations";

// These tests read the plan built under mocks: they prove what the program asks ECR for, not that
// ECR accepts it (the lifecycle document is checked against the documented rules by hand, and
// `pulumi preview` against a real account remains the proof).

const REPOSITORY = "aws:ecr/repository:Repository";
const LIFECYCLE_POLICY = "aws:ecr/lifecyclePolicy:LifecyclePolicy";

/**
 * The guide's image names: its pipeline builds and pushes exactly two (Deployment Pipeline:
 * `$ECR_REGISTRY/fraud-api:$GITHUB_SHA`, `fraud-ml`); the worker runs the fraud-api image.
 */
const NAMES = ["fraud-api", "fraud-ml"];

/** The lifecycle rules every repository gets from the platform (`keepImages: 30`). */
const EXPECTED_RULES = [
    {
        rulePriority: 1,
        description: "Expire untagged images after 7 days",
        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 },
        action: { type: "expire" },
    },
    {
        rulePriority: 2,
        description: "Keep the last 30 tagged images",
        selection: { tagStatus: "tagged", tagPatternList: ["*"], countType: "imageCountMoreThan", countNumber: 30 },
        action: { type: "expire" },
    },
];

const repositoriesOf = (plan: PlanDocument): PlanResource[] => resourcesOf(plan, REPOSITORY);

/** Repository name to the value `pick` reads from that repository. */
const byName = (plan: PlanDocument, pick: (repo: PlanResource) => unknown): Record<string, unknown> =>
    Object.fromEntries(repositoriesOf(plan).map((repo) => [String(repo.inputs.name), pick(repo)]));

/** Every guide name mapped to `value`: what `byName` returns when all repositories agree. */
const everyName = (value: (name: string) => unknown): Record<string, unknown> =>
    Object.fromEntries(NAMES.map((name) => [name, value(name)]));

describe("ImageRegistries", () => {
    for (const stack of STACKS) {
        describe(`in ${stack}`, () => {
            it("holds exactly the two repositories the guide's CI pushes to, fraud-api and fraud-ml", () =>
                assert.deepEqual(
                    repositoriesOf(planOf(stack))
                        .map((r) => r.inputs.name)
                        .sort(),
                    [...NAMES].sort(),
                ));

            it("keeps every image tag immutable", () =>
                assert.deepEqual(
                    byName(planOf(stack), (r) => r.inputs.imageTagMutability),
                    everyName(() => "IMMUTABLE"),
                ));

            it("scans every image on push", () =>
                assert.deepEqual(
                    byName(planOf(stack), (r) => r.inputs.imageScanningConfiguration),
                    everyName(() => ({ scanOnPush: true })),
                ));

            it("encrypts every repository with the stack's data key", () => {
                const plan = planOf(stack);
                const key = onlyOf(plan, "aws:kms/key:Key");
                for (const repo of repositoriesOf(plan)) {
                    assert.deepEqual(repo.inputs.encryptionConfigurations, [
                        { encryptionType: "KMS", kmsKey: key.outputs.arn },
                    ]);
                    assert.equal(sourceOf(plan, repo, "encryptionConfigurations", key.type)?.urn, key.urn);
                }
            });

            it("never deletes a repository that still holds images", () =>
                assert.deepEqual(
                    byName(planOf(stack), (r) => r.inputs.forceDelete),
                    everyName(() => false),
                ));

            it("gives each repository exactly one lifecycle policy of its own", () => {
                const plan = planOf(stack);
                assert.equal(resourcesOf(plan, LIFECYCLE_POLICY).length, NAMES.length);
                for (const repo of repositoriesOf(plan)) {
                    const policies = dependentsOf(plan, LIFECYCLE_POLICY, "repository", repo);
                    assert.deepEqual(
                        policies.map((p) => p.inputs.repository),
                        [repo.outputs.name],
                    );
                }
            });

            it("expires untagged images after 7 days and keeps the last 30 tagged ones", () =>
                assert.deepEqual(
                    resourcesOf(planOf(stack), LIFECYCLE_POLICY).map(
                        (p) => JSON.parse(String(p.inputs.policy)) as unknown,
                    ),
                    NAMES.map(() => ({ rules: EXPECTED_RULES })),
                ));

            it("tags each repository with the stack's tags and its name", () =>
                assert.deepEqual(
                    byName(planOf(stack), (r) => r.inputs.tags),
                    everyName((name) => ({
                        Project: "fraud-detector",
                        Environment: stack,
                        ManagedBy: "pulumi",
                        Name: name,
                    })),
                ));

            it("leaves no mandatory policy violation", () =>
                assert.deepEqual(
                    planOf(stack).policy.violations.filter((v) => v.enforcementLevel === "mandatory"),
                    [],
                ));
        });
    }

    it("names its children after the component, not a literal", () =>
        assert.deepEqual(
            [...repositoriesOf(planOf("production")), ...resourcesOf(planOf("production"), LIFECYCLE_POLICY)].map(
                (r) => r.name,
            ),
            [
                "fraud-detector-prod-registries-fraud-api",
                "fraud-detector-prod-registries-fraud-ml",
                "fraud-detector-prod-registries-fraud-api-lifecycle",
                "fraud-detector-prod-registries-fraud-ml-lifecycle",
            ],
        ));
});
