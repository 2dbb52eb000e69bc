// Stops the image build when a Dockerfile's base image is not pinned by digest: `FROM php:8.2-fpm`
// is whatever the registry serves that day, so a rebuild of the same commit is not the same image.
// Usage: node .github/check-base-images.cjs <checkout folder>, with IMAGES set as in deploy.yml
// (lines of <ECR repository> <Dockerfile> <build context>, the Dockerfile relative to the folder).
// Exit 0: every FROM (and `# syntax=` frontend) names a digest, a previous stage or scratch;
// exit 1: one line per unpinned reference; exit 2: one line saying what input is wrong.
const { existsSync, readFileSync, statSync } = require("fs");
const { join } = require("path");

const DIGEST = /@sha256:[0-9a-f]{64}$/;

/** Stops with exit 2 and one line: what is wrong and what is expected. */
function badInput(message) {
    console.error(message);
    process.exit(2);
}

/** The unpinned references of one Dockerfile, as `<file>:<line>: ...` messages. */
function problemsOf(file) {
    const stages = new Set(["scratch"]);
    const problems = [];
    readFileSync(file, "utf8")
        .split("\n")
        .forEach((raw, index) => {
            const line = raw.trim();
            const at = `${file}:${index + 1}`;
            const syntax = /^#\s*syntax\s*=\s*(\S+)/i.exec(line);
            if (syntax && !DIGEST.test(syntax[1])) {
                problems.push(
                    `${at}: the frontend ${syntax[1]} is not pinned; name it by digest (image@sha256:<digest>)`,
                );
            }
            const from = /^FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
            if (!from) {
                return;
            }
            const [, image, stage] = from;
            if (image.includes("$")) {
                problems.push(
                    `${at}: FROM ${image} takes its image from a build argument; write the image with its digest in the Dockerfile`,
                );
            } else if (!stages.has(image.toLowerCase()) && !DIGEST.test(image)) {
                problems.push(
                    `${at}: FROM ${image} is not pinned; use ${image}@sha256:<digest> so that a rebuild is the same image`,
                );
            }
            if (stage) {
                stages.add(stage.toLowerCase());
            }
        });
    return problems;
}

const root = process.argv[2];
if (root === undefined || !existsSync(root) || !statSync(root).isDirectory()) {
    badInput(`check-base-images: expected the checkout folder as the only argument, got ${JSON.stringify(root)}`);
}
const rows = (process.env.IMAGES ?? "")
    .split("\n")
    .map((row) => row.trim().split(/\s+/))
    .filter((cells) => cells[0] !== "");
if (rows.length === 0) {
    badInput("check-base-images: IMAGES is empty; expected lines of <ECR repository> <Dockerfile> <build context>");
}
const problems = [];
for (const [image, dockerfile] of rows) {
    const file = join(root, dockerfile ?? "");
    if (dockerfile === undefined || !existsSync(file)) {
        badInput(
            `check-base-images: ${image}'s Dockerfile ${JSON.stringify(dockerfile)} is not in ${root}; fix IMAGES`,
        );
    }
    problems.push(...problemsOf(file));
}
if (problems.length > 0) {
    console.error(problems.join("\n"));
    process.exit(1);
}
console.log(`every base image of ${rows.length} Dockerfiles is pinned by digest`);
