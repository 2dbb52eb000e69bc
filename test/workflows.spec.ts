import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { parse } from "yaml";
import { gzipSync } from "zlib";
import { ROOT } from "./helpers/plan";
import { pinProblems, previewExposure } from "./helpers/workflow-checks";

// These tests read the workflows as GitHub would parse them; they cannot run them. Whether GitHub
// accepts every key, and AWS the roles, shows only on GitHub.

interface Step {
    readonly uses?: string;
    readonly run?: string;
    readonly with?: Record<string, unknown>;
    readonly env?: Record<string, string>;
}
interface Job {
    readonly needs?: string | string[];
    readonly environment?: string;
    readonly permissions?: Record<string, string>;
    readonly env?: Record<string, string>;
    readonly steps: Step[];
}
interface Workflow {
    readonly on: Record<string, unknown>;
    readonly permissions?: Record<string, string>;
    readonly env?: Record<string, string>;
    readonly jobs: Record<string, Job>;
}

const WORKFLOWS = ["deploy.yml", "pull-request.yml"];
const pathOf = (file: string) => join(ROOT, ".github", "workflows", file);
const textOf = (file: string) => readFileSync(pathOf(file), "utf8");
const workflowOf = (file: string) => parse(textOf(file)) as Workflow;

/**
 * The only actions the workflows may use, at the commit each release tag points to in the action's
 * own repository (read from a snapshot of each repository's tags). A new action or version is
 * added here only after checking its tag the same way.
 */
const VERIFIED_PINS: Readonly<Record<string, string>> = {
    "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1": "v7.0.1",
    "actions/setup-node@820762786026740c76f36085b0efc47a31fe5020": "v7.0.0",
    "actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f": "v7.0.0",
    "actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c": "v8.0.1",
    "aws-actions/configure-aws-credentials@e6de054238d6b7531b4efff3b6587d9aade6a06c": "v6.2.3",
    "pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d": "v7.0.0",
};

const CONFIGURE_AWS = "aws-actions/configure-aws-credentials";
const assumesRole = (job: Job) => job.steps.some((s) => s.uses?.startsWith(`${CONFIGURE_AWS}@`));

describe("GitHub workflows", () => {
    for (const file of WORKFLOWS) {
        describe(file, () => {
            it("parses as YAML with jobs", () => assert.ok(Object.keys(workflowOf(file).jobs).length > 0));

            it("pins every action to a full commit SHA with its release in a comment", () => {
                const uses = textOf(file)
                    .split("\n")
                    .filter((line) => /^\s*(-\s+)?uses:/.test(line))
                    .map((line) => line.replace(/^\s*(-\s+)?uses:\s*/, ""));
                assert.ok(uses.length > 0);
                assert.deepEqual(
                    uses.filter((u) => !/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/.test(u)),
                    [],
                );
            });

            it("uses only verified pins, each with the release its SHA is tagged as", () => {
                const uses = textOf(file)
                    .split("\n")
                    .map((line) => /uses:\s*(\S+) # (v[\d.]+)$/.exec(line))
                    .filter((m): m is RegExpExecArray => m !== null);
                assert.deepEqual(
                    uses.filter(([, action, version]) => VERIFIED_PINS[action] !== version).map((m) => m[0]),
                    [],
                );
            });

            it("grants nothing by default and id-token: write only to jobs that assume an AWS role", () => {
                const workflow = workflowOf(file);
                assert.deepEqual(workflow.permissions, {});
                for (const [name, job] of Object.entries(workflow.jobs)) {
                    assert.equal(job.permissions?.["id-token"] === "write", assumesRole(job), name);
                    assert.equal(job.permissions?.contents, "read", name);
                }
            });

            it("holds no long-lived AWS key", () => {
                assert.doesNotMatch(textOf(file), /aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/i);
            });

            it("runs npm test with the runner's Chrome, which the plan report's browser test drives", () => {
                const test = workflowOf(file).jobs.test.steps.find((s) => s.run === "npm test");
                assert.deepEqual(test?.env, { CHROMIUM_PATH: "/usr/bin/google-chrome" });
            });

            it("runs the offline tests before anything touches AWS", () => {
                const workflow = workflowOf(file);
                assert.ok(workflow.jobs.test.steps.some((s) => s.run === "npm test"));
                for (const [name, job] of Object.entries(workflow.jobs).filter(([, j]) => assumesRole(j))) {
                    assert.ok(job.needs !== undefined, name);
                }
            });
        });
    }

    describe("deploy.yml", () => {
        const deploy = workflowOf("deploy.yml");

        it("runs on pushes to main only", () => assert.deepEqual(deploy.on, { push: { branches: ["main"] } }));

        it("deploys staging in environment staging, after the build", () => {
            assert.equal(deploy.jobs.staging.environment, "staging");
            assert.deepEqual([deploy.jobs.staging.needs].flat(), ["build"]);
        });

        it("deploys production in environment production, only after staging succeeded", () => {
            assert.equal(deploy.jobs.production.environment, "production");
            assert.ok([deploy.jobs.production.needs].flat().includes("staging"));
        });

        it("assumes each stack's own deploy role and runs pulumi up with the policy pack and the built tag", () => {
            for (const stack of ["staging", "production"]) {
                const steps = deploy.jobs[stack].steps;
                const aws = steps.find((s) => s.uses?.startsWith(CONFIGURE_AWS));
                assert.equal(aws?.with?.["role-to-assume"], `\${{ vars.AWS_DEPLOY_ROLE_ARN_${stack.toUpperCase()} }}`);
                const up = steps.find((s) => s.uses?.startsWith("pulumi/actions@"));
                assert.deepEqual(
                    [up?.with?.command, up?.with?.["stack-name"], up?.with?.policyPacks],
                    ["up", `\${{ vars.PULUMI_ORG }}/${stack}`, "policy"],
                );
                assert.deepEqual(parse(String(up?.with?.["config-map"])), {
                    "fraud-detector:imageTag": { value: "${{ needs.build.outputs.image-tag }}", secret: false },
                });
                // The images are in ECR before the services are pointed at them.
                const order = [aws, steps.find((s) => s.run === ".github/push-images.sh"), up].map((s) =>
                    steps.indexOf(s as Step),
                );
                assert.deepEqual(
                    order,
                    [...order].sort((a, b) => a - b),
                );
                assert.ok(order.every((i) => i >= 0));
            }
        });

        it("builds exactly the guide's two images, the ones the tasks run, in a job with no AWS access", () => {
            const images = (deploy.env?.IMAGES ?? "")
                .split("\n")
                .filter((line) => line.trim() !== "")
                .map((line) => line.trim().split(/\s+/).join(" "));
            // No Dockerfile.worker: the worker runs the fraud-api image's queue worker.
            assert.deepEqual(images, ["fraud-api Dockerfile .", "fraud-ml ml-service/Dockerfile ml-service"]);
            assert.equal(assumesRole(deploy.jobs.build), false);
        });

        it("trusts the GitHub environments the stack files name", () => {
            for (const stack of ["staging", "production"]) {
                const file = parse(readFileSync(join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as {
                    config: Record<string, { githubEnvironment?: string }>;
                };
                assert.equal(
                    file.config["fraud-detector:deployAccess"].githubEnvironment,
                    deploy.jobs[stack].environment,
                );
            }
        });
    });

    describe("pull-request.yml", () => {
        const pr = workflowOf("pull-request.yml");

        it("previews staging only, with the policy pack, posted on the pull request", () => {
            const preview = pr.jobs.preview.steps.find((s) => s.with?.command === "preview");
            assert.equal((pr.jobs.preview as unknown as { strategy?: unknown }).strategy, undefined);
            assert.equal(pr.jobs.preview.env?.STACK, "staging");
            assert.deepEqual(
                [preview?.with?.policyPacks, preview?.with?.["comment-on-pr"], preview?.with?.["stack-name"]],
                ["policy", true, "${{ vars.PULUMI_ORG }}/staging"],
            );
        });

        it("assumes staging's preview role, never a deploy role, and runs in no environment", () => {
            const aws = pr.jobs.preview.steps.find((s) => s.uses?.startsWith(CONFIGURE_AWS));
            assert.equal(aws?.with?.["role-to-assume"], "${{ vars.AWS_PREVIEW_ROLE_ARN_STAGING }}");
            assert.doesNotMatch(textOf("pull-request.yml"), /AWS_DEPLOY_ROLE/);
            // An environment would change the OIDC subject away from repo:<repo>:pull_request.
            assert.equal(pr.jobs.preview.environment, undefined);
        });

        it("hands the preview only staging's token and state", () =>
            assert.deepEqual(
                [pr.jobs.preview.env?.PULUMI_ACCESS_TOKEN, pr.jobs.preview.env?.PULUMI_BACKEND_URL],
                ["${{ secrets.PULUMI_PREVIEW_TOKEN }}", "${{ vars.PULUMI_PREVIEW_BACKEND_URL }}"],
            ));
    });

    describe("no route from a pull request to production secrets", () => {
        /** A copy of the repository's workflows in a temporary root, with `edit` applied to one file. */
        function brokenCopy(file: string, edit: (text: string) => string): string {
            const root = mkdtempSync(join(tmpdir(), "workflows-"));
            mkdirSync(join(root, ".github", "workflows"), { recursive: true });
            for (const name of WORKFLOWS) {
                const text = textOf(name);
                writeFileSync(join(root, ".github", "workflows", name), name === file ? edit(text) : text);
            }
            return root;
        }

        it("holds in the repository's workflows", () => assert.deepEqual(previewExposure(ROOT), []));

        it("flags a pull request previewing production", () =>
            assert.deepEqual(
                previewExposure(
                    brokenCopy("pull-request.yml", (t) =>
                        t.replace(
                            "stack-name: ${{ vars.PULUMI_ORG }}/staging",
                            "stack-name: ${{ vars.PULUMI_ORG }}/production",
                        ),
                    ),
                ),
                [
                    "pull-request.yml line 103 names production (stack-name: ${{ vars.PULUMI_ORG }}/production); pull requests preview staging only",
                ],
            ));

        it("flags the deploy token handed to pull-request code", () =>
            assert.deepEqual(
                previewExposure(
                    brokenCopy("pull-request.yml", (t) =>
                        t.replace("secrets.PULUMI_PREVIEW_TOKEN }}", "secrets.PULUMI_ACCESS_TOKEN }}"),
                    ),
                ),
                [
                    "pull-request.yml reads secrets.PULUMI_ACCESS_TOKEN; a pull request's code can read every secret its workflow names, so give it only secrets.PULUMI_PREVIEW_TOKEN (staging only)",
                    "pull-request.yml job preview reads secrets.PULUMI_ACCESS_TOKEN outside a GitHub environment; only the staging and production jobs (main only) may",
                ],
            ));

        it("flags the deploy token outside a protected environment, and --show-secrets", () =>
            assert.deepEqual(
                previewExposure(
                    brokenCopy("deploy.yml", (t) =>
                        t
                            .replace("    environment: staging\n", "")
                            .replace("command: up", "command: up\n          diff: --show-secrets"),
                    ),
                ),
                [
                    "deploy.yml line 159 shows secrets; no workflow prints secret values",
                    "deploy.yml job staging reads secrets.PULUMI_ACCESS_TOKEN outside a GitHub environment; only the staging and production jobs (main only) may",
                ],
            ));
    });

    describe("reproducible delivery: one pin each for the Pulumi CLI and Node", () => {
        /** A copy of the delivery files in a temporary root, with `edits` (path -> new text) applied. */
        function copyWith(edits: Readonly<Record<string, string>>): string {
            const root = mkdtempSync(join(tmpdir(), "pins-"));
            mkdirSync(join(root, ".github", "workflows"), { recursive: true });
            const files = [
                ".pulumi-version",
                ".nvmrc",
                "package.json",
                ...WORKFLOWS.map((w) => `.github/workflows/${w}`),
            ];
            for (const file of files) {
                const text = edits[file] ?? readFileSync(join(ROOT, file), "utf8");
                if (text !== "") {
                    writeFileSync(join(root, file), text);
                }
            }
            return root;
        }

        it("pins the CLI to the @pulumi/pulumi release the program locks, and Node to one exact version", () => {
            assert.deepEqual(pinProblems(ROOT), []);
            assert.deepEqual(
                [readFileSync(join(ROOT, ".pulumi-version"), "utf8"), readFileSync(join(ROOT, ".nvmrc"), "utf8")],
                ["3.270.0\n", "22.23.0\n"],
            );
        });

        it('fails on "latest", a range, or a missing version file', () =>
            assert.deepEqual(pinProblems(copyWith({ ".pulumi-version": "latest\n", ".nvmrc": "" })), [
                '.pulumi-version is "latest"; write one exact version such as 3.270.0 (no range, no "latest")',
                ".nvmrc is missing; write the one exact version the workflows install, such as 22.23.0",
            ]));

        it("fails on a CLI pin that is not the program's SDK release", () =>
            assert.deepEqual(pinProblems(copyWith({ ".pulumi-version": "3.200.0\n", ".nvmrc": "^22\n" })), [
                ".pulumi-version is 3.200.0 but package.json locks @pulumi/pulumi 3.270.0; install the CLI of the release the program is built with",
                '.nvmrc is "^22"; write one exact version such as 22.23.0 (no range, no "latest")',
            ]));

        it("fails on a step that installs the CLI or Node without the version file, or a -latest runner", () => {
            const pr = textOf("pull-request.yml")
                .replace(
                    "      - name: Install the Pulumi CLI\n        uses: pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d # v7.0.0\n        with:\n          pulumi-version-file: .pulumi-version\n",
                    "      - name: Install the Pulumi CLI\n        uses: pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d # v7.0.0\n",
                )
                .replace(
                    "pulumi-version-file: .pulumi-version\n          command: preview",
                    'pulumi-version: "^3"\n          command: preview',
                )
                .replace(
                    "node-version-file: .nvmrc\n          cache: npm\n      - run: npm ci\n      # The same",
                    "node-version: 22\n          cache: npm\n      - run: npm ci\n      # The same",
                )
                .replace("  test:\n    runs-on: ubuntu-24.04", "  test:\n    runs-on: ubuntu-latest");
            assert.deepEqual(pinProblems(copyWith({ ".github/workflows/pull-request.yml": pr })), [
                'pull-request.yml job test runs on "ubuntu-latest"; name a fixed runner image such as ubuntu-24.04',
                "pull-request.yml job test step 2 sets node-version 22; read it from .nvmrc (node-version-file) instead",
                "pull-request.yml job preview step 6 installs whatever Pulumi CLI is newest; set pulumi-version-file: .pulumi-version",
                'pull-request.yml job preview step 8 sets pulumi-version "^3"; read it from .pulumi-version (pulumi-version-file) instead',
            ]);
        });
    });

    describe(".github/check-deploy-access.cjs", () => {
        const check = (stack: string, repository: string) =>
            spawnSync(process.execPath, [join(ROOT, ".github", "check-deploy-access.cjs")], {
                cwd: ROOT,
                encoding: "utf8",
                env: { ...process.env, STACK: stack, GITHUB_REPOSITORY: repository },
            });

        it("passes when the stack file names the repository the workflow runs in", () =>
            assert.equal(check("production", "github/replace-with-your-owner-and-repository").status, 0));

        it("stops another repository with the key, the value and the fix", () => {
            const run = check("staging", "acme-corp/fraud-infra");
            assert.equal(run.status, 1);
            assert.match(
                run.stderr,
                /^Pulumi\.staging\.yaml: fraud-detector:deployAccess\.githubRepository is "github\/replace-with-your-owner-and-repository", but this workflow runs in acme-corp\/fraud-infra; set it to acme-corp\/fraud-infra/,
            );
        });
    });

    describe(".github/check-base-images.cjs", () => {
        const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;
        const IMAGES = "fraud-api Dockerfile .\nfraud-ml ml-service/Dockerfile ml-service\n";

        /** Runs the checker over a temporary application checkout holding `files`. */
        function check(files: Readonly<Record<string, string>>, images = IMAGES) {
            const app = mkdtempSync(join(tmpdir(), "app-"));
            for (const [path, text] of Object.entries(files)) {
                mkdirSync(join(app, path, ".."), { recursive: true });
                writeFileSync(join(app, path), text);
            }
            const run = spawnSync(process.execPath, [join(ROOT, ".github", "check-base-images.cjs"), app], {
                encoding: "utf8",
                env: { ...process.env, IMAGES: images },
            });
            return { status: run.status, stdout: run.stdout, stderr: run.stderr.split(app).join("<app>") };
        }

        it("passes base images pinned by digest, earlier stages and scratch", () =>
            assert.deepEqual(
                check({
                    Dockerfile: `# syntax=docker/dockerfile:1@${DIGEST}\nFROM php:8.2-fpm@${DIGEST} AS base\nFROM base\n`,
                    "ml-service/Dockerfile": `FROM --platform=linux/amd64 python:3.12-slim@${DIGEST} AS build\nFROM scratch\nCOPY --from=build /app /app\n`,
                }),
                { status: 0, stdout: "every base image of 2 Dockerfiles is pinned by digest\n", stderr: "" },
            ));

        it("stops on a tag, an unpinned frontend or a base from a build argument, one line each", () =>
            assert.deepEqual(
                check({
                    Dockerfile: "# syntax=docker/dockerfile:1\nFROM php:8.2-fpm\n",
                    "ml-service/Dockerfile": "ARG BASE=python:3.12-slim\nfrom ${BASE} as build\n",
                }),
                {
                    status: 1,
                    stdout: "",
                    stderr: [
                        "<app>/Dockerfile:1: the frontend docker/dockerfile:1 is not pinned; name it by digest (image@sha256:<digest>)",
                        "<app>/Dockerfile:2: FROM php:8.2-fpm is not pinned; use php:8.2-fpm@sha256:<digest> so that a rebuild is the same image",
                        "<app>/ml-service/Dockerfile:2: FROM ${BASE} takes its image from a build argument; write the image with its digest in the Dockerfile",
                        "",
                    ].join("\n"),
                },
            ));

        it("answers a Dockerfile IMAGES names but the checkout lacks with exit 2 and one line", () =>
            assert.deepEqual(check({ Dockerfile: `FROM php@${DIGEST}\n` }), {
                status: 2,
                stdout: "",
                stderr: `check-base-images: fraud-ml's Dockerfile "ml-service/Dockerfile" is not in <app>; fix IMAGES\n`,
            }));

        it("answers an empty IMAGES with exit 2 and one line", () =>
            assert.deepEqual(check({}, ""), {
                status: 2,
                stdout: "",
                stderr: "check-base-images: IMAGES is empty; expected lines of <ECR repository> <Dockerfile> <build context>\n",
            }));

        it("runs in the build job before any image is built", () => {
            const steps = workflowOf("deploy.yml").jobs.build.steps;
            const check = steps.findIndex((s) => s.run === "node infra/.github/check-base-images.cjs app");
            const build = steps.findIndex((s) => s.run?.includes("docker build") === true);
            assert.ok(check >= 0 && check < build, `${check} < ${build}`);
        });
    });

    describe(".github/push-images.sh", () => {
        /** Runs the script with stub aws and docker commands that log their arguments. */
        function push(describeImages: (image: string) => { status: number; stderr?: string }) {
            const dir = mkdtempSync(join(tmpdir(), "push-"));
            const log = join(dir, "calls.log");
            const stub = (name: string, body: string) => {
                writeFileSync(join(dir, name), `#!/usr/bin/env bash\necho "${name} $*" >> "${log}"\n${body}\n`);
                chmodSync(join(dir, name), 0o755);
            };
            const cases = ["fraud-api", "fraud-ml"]
                .map((image) => {
                    const answer = describeImages(image);
                    return `  *"--repository-name ${image} "*) echo "${answer.stderr ?? ""}" >&2; exit ${answer.status};;`;
                })
                .join("\n");
            stub(
                "aws",
                `case "$*" in\n  "sts get-caller-identity"*) echo 111122223333;;\n${cases}\n  *) exit 0;;\nesac`,
            );
            stub("docker", "cat > /dev/null || true");
            writeFileSync(join(dir, "images.tar.gz"), gzipSync("saved images"));
            const run = spawnSync("bash", [join(ROOT, ".github", "push-images.sh")], {
                cwd: dir,
                encoding: "utf8",
                env: {
                    ...process.env,
                    PATH: `${dir}:${process.env.PATH ?? ""}`,
                    AWS_REGION: "ca-central-1",
                    IMAGE_TAG: "3f9c2e1",
                    IMAGES: "fraud-api Dockerfile .\nfraud-ml ml-service/Dockerfile ml-service\n",
                },
            });
            const calls = readFileSync(log, "utf8").split("\n");
            return {
                status: run.status,
                described: calls.filter((c) => c.startsWith("aws ecr describe-images")).length,
                pushed: calls.filter((c) => c.startsWith("docker push")),
            };
        }

        it("pushes the images ECR lacks and keeps the ones it has, whose tags are immutable", () => {
            const missing = { status: 254, stderr: "An error occurred (ImageNotFoundException)" };
            const result = push((image) => (image === "fraud-ml" ? { status: 0 } : missing));
            assert.deepEqual(result, {
                status: 0,
                described: 2,
                pushed: ["docker push 111122223333.dkr.ecr.ca-central-1.amazonaws.com/fraud-api:3f9c2e1"],
            });
        });

        it("stops on any other ECR error instead of pushing blind", () => {
            const denied = { status: 254, stderr: "An error occurred (AccessDeniedException)" };
            assert.deepEqual(
                push(() => denied),
                { status: 1, described: 1, pushed: [] },
            );
        });
    });
});
