// Stops a deploy or a preview early, saying how to fix it, when the stack file's deployAccess does
// not name the repository the workflow runs in (the placeholder not replaced yet, or a fork): AWS
// would refuse the role anyway, with a message that does not say why.
// Reads STACK (staging, production) and GITHUB_REPOSITORY (set by GitHub Actions).
const { readFileSync } = require("fs");
const { parse } = require("yaml");

const file = `Pulumi.${process.env.STACK}.yaml`;
const access = (parse(readFileSync(file, "utf8"))?.config ?? {})["fraud-detector:deployAccess"];
const repository = process.env.GITHUB_REPOSITORY;
if (access?.githubRepository !== repository) {
    console.error(
        `${file}: fraud-detector:deployAccess.githubRepository is ${JSON.stringify(access?.githubRepository)}, ` +
            `but this workflow runs in ${repository}; set it to ${repository} and run \`pulumi up\` of the stack ` +
            "as an administrator once, so the roles trust this repository (README: Continuous delivery)",
    );
    process.exit(1);
}
console.log(`${file}: the roles trust ${repository}`);
