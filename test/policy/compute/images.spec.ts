import { strict as assert } from "assert";
import { messagesOf, resource, stackTags } from "../harness";
import { apiContainer, IMAGE, levelsOf, Props, singleTask, TASK, taskProps } from "./fixtures";

const REPOSITORY = "aws:ecr/repository:Repository";

describe("policy: compute", () => {
    describe("ecr-repository-hardening", () => {
        function repositoryProps(): Props {
            return {
                name: "fraud-api",
                imageScanningConfiguration: { scanOnPush: true },
                imageTagMutability: "IMMUTABLE",
                encryptionConfigurations: [
                    { encryptionType: "KMS", kmsKey: "arn:aws:kms:ca-central-1:111122223333:key/1" },
                ],
                tags: stackTags(),
            };
        }

        /** A repository with a lifecycle policy of `rules`. */
        function managed(props: Props = repositoryProps(), rules: unknown[] = [{ rulePriority: 1 }]) {
            const repo = resource(REPOSITORY, props, { name: "fraud-api" });
            const lifecycle = resource(
                "aws:ecr/lifecyclePolicy:LifecyclePolicy",
                { policy: JSON.stringify({ rules }) },
                { name: "fraud-api-lifecycle", from: { repository: [repo] } },
            );
            return [repo, lifecycle];
        }

        it("passes a scanned, immutable, KMS-encrypted repository with a lifecycle policy", async () => {
            assert.deepEqual(await messagesOf(managed(), "ecr-repository-hardening"), []);
        });

        it("rejects a repository that does not scan on push, mandatory in production", async () => {
            const resources = managed({ ...repositoryProps(), imageScanningConfiguration: undefined });
            assert.deepEqual(await levelsOf(resources, "ecr-repository-hardening"), [
                [
                    "mandatory",
                    "imageScanningConfiguration.scanOnPush is unset; set imageScanningConfiguration: { scanOnPush: true }",
                ],
            ]);
        });

        it("rejects mutable tags", async () => {
            const resources = managed({ ...repositoryProps(), imageTagMutability: "MUTABLE" });
            assert.deepEqual(await messagesOf(resources, "ecr-repository-hardening"), [
                'imageTagMutability is "MUTABLE" (unset means "MUTABLE"); set imageTagMutability: "IMMUTABLE"',
            ]);
        });

        it("rejects the default AES256 encryption", async () => {
            const resources = managed({ ...repositoryProps(), encryptionConfigurations: undefined });
            assert.deepEqual(await messagesOf(resources, "ecr-repository-hardening"), [
                'encryptionConfigurations is unset (unset means AES256); set [{ encryptionType: "KMS", kmsKey: <key ARN> }]',
            ]);
        });

        it("rejects a repository without a lifecycle policy", async () => {
            const repo = resource(REPOSITORY, repositoryProps());
            assert.deepEqual(await messagesOf([repo], "ecr-repository-hardening"), [
                "no lifecycle policy manages this repository; add an aws.ecr.LifecyclePolicy with repository: <repository>.name",
            ]);
        });

        it("rejects a lifecycle policy without rules", async () => {
            assert.deepEqual(await messagesOf(managed(repositoryProps(), []), "ecr-repository-hardening"), [
                "the lifecycle policy LifecyclePolicy fraud-api-lifecycle has no rules; add rules that expire untagged and old images",
            ]);
        });
    });

    describe("container-images-pinned", () => {
        const withImage = (image: string, env = "production") => singleTask({ ...apiContainer(env), image }, env);

        it("passes images pinned by git SHA tag or by digest", async () => {
            const tasks = [withImage(`${IMAGE}:3f9c2ab`), withImage(`${IMAGE}@sha256:${"a".repeat(64)}`)];
            assert.deepEqual(await messagesOf(tasks, "container-images-pinned"), []);
        });

        it("passes a release tag held by an IMMUTABLE repository of the stack", async () => {
            const repo = resource(REPOSITORY, { imageTagMutability: "IMMUTABLE", tags: stackTags() });
            const task = resource(TASK, taskProps([{ ...apiContainer(), image: `${IMAGE}:v1.4.2` }]), {
                from: { containerDefinitions: [repo] },
            });
            assert.deepEqual(await messagesOf([repo, task], "container-images-pinned"), []);
        });

        it("rejects the guide's :latest, mandatory in production", async () => {
            assert.deepEqual(await levelsOf([withImage("fraud-api:latest")], "container-images-pinned"), [
                [
                    "mandatory",
                    'container "api" image "fraud-api:latest" uses the moving tag latest; reference the git SHA tag the pipeline pushes or a digest (@sha256:…)',
                ],
            ]);
        });

        it("reports :latest in local as advisory", async () => {
            assert.deepEqual(await levelsOf([withImage("fraud-api:latest", "local")], "container-images-pinned"), [
                [
                    "advisory",
                    'container "api" image "fraud-api:latest" uses the moving tag latest; reference the git SHA tag the pipeline pushes or a digest (@sha256:…)',
                ],
            ]);
        });

        it("rejects an untagged image from a registry with a port", async () => {
            assert.deepEqual(
                await messagesOf([withImage("registry.local:5000/fraud-api")], "container-images-pinned"),
                [
                    'container "api" image "registry.local:5000/fraud-api" has no tag (so it means latest); reference the git SHA tag the pipeline pushes or a digest (@sha256:…)',
                ],
            );
        });

        it("rejects a movable tag outside an immutable repository", async () => {
            assert.deepEqual(await messagesOf([withImage(`${IMAGE}:staging`)], "container-images-pinned"), [
                `container "api" image "${IMAGE}:staging" uses the tag "staging", which can be moved (no IMMUTABLE repository of this stack holds it); reference the git SHA tag the pipeline pushes or a digest (@sha256:…)`,
            ]);
        });
    });
});
