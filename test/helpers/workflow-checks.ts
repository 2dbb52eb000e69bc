import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";

// Checks over the repository's delivery files, as problem lines: empty means sound. The workflow
// tests run them on the repository and on broken copies, so each message is asserted too.

interface Step {
    readonly uses?: string;
    readonly with?: Record<string, unknown>;
}
interface Job {
    readonly "runs-on"?: string;
    readonly environment?: string;
    readonly steps?: Step[];
}

/** The workflow files the checks read. */
export const WORKFLOW_FILES = ["deploy.yml", "pull-request.yml"] as const;

const EXACT_VERSION = /^\d+\.\d+\.\d+$/;

/** The jobs of one workflow file under `root`. */
function jobsOf(root: string, file: string): Array<[string, Job]> {
    const text = readFileSync(join(root, ".github", "workflows", file), "utf8");
    return Object.entries((parse(text) as { jobs: Record<string, Job> }).jobs);
}

/** A version file's problem: missing, or not one exact x.y.z. */
function versionFileProblem(root: string, file: string, example: string): string | undefined {
    const path = join(root, file);
    if (!existsSync(path)) {
        return `${file} is missing; write the one exact version the workflows install, such as ${example}`;
    }
    const value = readFileSync(path, "utf8").trim();
    return EXACT_VERSION.test(value)
        ? undefined
        : `${file} is ${JSON.stringify(value)}; write one exact version such as ${example} (no range, no "latest")`;
}

/**
 * What keeps delivery from being reproducible: the Pulumi CLI and Node versions not pinned in one
 * place each (`.pulumi-version`, the release of the @pulumi/pulumi the program locks; `.nvmrc`), a
 * workflow step that installs either without reading that file, or a runner image named `-latest`.
 */
export function pinProblems(root: string): string[] {
    const problems: string[] = [];
    const pulumi = versionFileProblem(root, ".pulumi-version", "3.270.0");
    if (pulumi) {
        problems.push(pulumi);
    } else {
        const cli = readFileSync(join(root, ".pulumi-version"), "utf8").trim();
        const sdk = (
            JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
                dependencies: Record<string, string>;
            }
        ).dependencies["@pulumi/pulumi"];
        if (cli !== sdk) {
            problems.push(
                `.pulumi-version is ${cli} but package.json locks @pulumi/pulumi ${sdk}; install the CLI of the release the program is built with`,
            );
        }
    }
    const node = versionFileProblem(root, ".nvmrc", "22.23.0");
    if (node) {
        problems.push(node);
    }
    for (const file of WORKFLOW_FILES) {
        for (const [name, job] of jobsOf(root, file)) {
            const at = `${file} job ${name}`;
            if (!/^ubuntu-\d\d\.\d\d$/.test(job["runs-on"] ?? "")) {
                problems.push(
                    `${at} runs on ${JSON.stringify(job["runs-on"])}; name a fixed runner image such as ubuntu-24.04`,
                );
            }
            (job.steps ?? []).forEach((step, i) => {
                const where = `${at} step ${i + 1}`;
                const options = step.with ?? {};
                if (step.uses?.startsWith("pulumi/actions@")) {
                    if (options["pulumi-version"] !== undefined) {
                        problems.push(
                            `${where} sets pulumi-version ${JSON.stringify(options["pulumi-version"])}; read it from .pulumi-version (pulumi-version-file) instead`,
                        );
                    } else if (options["pulumi-version-file"] !== ".pulumi-version") {
                        problems.push(
                            `${where} installs whatever Pulumi CLI is newest; set pulumi-version-file: .pulumi-version`,
                        );
                    }
                }
                if (step.uses?.startsWith("actions/setup-node@")) {
                    const versionFile = options["node-version-file"];
                    if (options["node-version"] !== undefined) {
                        problems.push(
                            `${where} sets node-version ${JSON.stringify(options["node-version"])}; read it from .nvmrc (node-version-file) instead`,
                        );
                    } else if (typeof versionFile !== "string" || !/(^|\/)\.nvmrc$/.test(versionFile)) {
                        problems.push(`${where} installs Node without node-version-file: .nvmrc`);
                    }
                }
            });
        }
    }
    return problems;
}

/** Lines of `text` that are not comments, with their 1-based numbers. */
function codeLines(text: string): Array<[number, string]> {
    return text
        .split("\n")
        .map((line, i): [number, string] => [i + 1, line])
        .filter(([, line]) => !/^\s*#/.test(line));
}

/** The only secrets pull-request code may be handed: staging's preview token and GitHub's own. */
const PREVIEW_SECRETS = ["GITHUB_TOKEN", "PULUMI_PREVIEW_TOKEN"];

/**
 * Routes from a pull request's code to production secrets in the workflows: pull-request.yml naming
 * production or any secret beyond staging's preview token, a job that reads the deploy token
 * outside a GitHub environment (whose deployment-branch rule admits main only), `--show-secrets`.
 */
export function previewExposure(root: string): string[] {
    const problems: string[] = [];
    const textOf = (file: string) => readFileSync(join(root, ".github", "workflows", file), "utf8");
    const pr = codeLines(textOf("pull-request.yml"));
    for (const [line, code] of pr.filter(([, code]) => /production/i.test(code))) {
        problems.push(
            `pull-request.yml line ${line} names production (${code.trim()}); pull requests preview staging only`,
        );
    }
    const secrets = [...new Set(pr.flatMap(([, code]) => [...code.matchAll(/secrets\.(\w+)/g)].map((m) => m[1])))];
    for (const secret of secrets.filter((s) => !PREVIEW_SECRETS.includes(s))) {
        problems.push(
            `pull-request.yml reads secrets.${secret}; a pull request's code can read every secret its workflow names, so give it only secrets.PULUMI_PREVIEW_TOKEN (staging only)`,
        );
    }
    for (const file of WORKFLOW_FILES) {
        for (const [line] of codeLines(textOf(file)).filter(([, code]) => code.includes("show-secrets"))) {
            problems.push(`${file} line ${line} shows secrets; no workflow prints secret values`);
        }
        const text = parse(textOf(file)) as { jobs: Record<string, Job> };
        for (const [name, job] of Object.entries(text.jobs)) {
            if (JSON.stringify(job).includes("secrets.PULUMI_ACCESS_TOKEN") && job.environment === undefined) {
                problems.push(
                    `${file} job ${name} reads secrets.PULUMI_ACCESS_TOKEN outside a GitHub environment; only the staging and production jobs (main only) may`,
                );
            }
        }
    }
    return problems;
}
