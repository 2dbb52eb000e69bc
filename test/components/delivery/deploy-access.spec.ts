import { strict as assert } from "assert";
import { DeployAccess } from "../../../components/delivery/deploy-access/deploy-access";
import { DeployAccessArgs } from "../../../components/delivery/deploy-access/args";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "staging", ManagedBy: "pulumi" };
/** Staging: a new OIDC provider, and pull requests preview the stack. */
const STAGING: DeployAccessArgs = {
    githubRepository: "acme/fraud-detector",
    githubEnvironment: "staging",
    pullRequestPreviews: true,
    region: "ca-central-1",
    namePrefix: "fraud-detector-staging",
    secretPathPrefix: "fraud-detector/staging",
    serviceNames: ["fraud-api", "fraud-worker", "fraud-ml"],
    repositoryArns: ["arn:aws:ecr:ca-central-1:111122223333:repository/fraud-api"],
    dataKeyArn: "arn:aws:kms:ca-central-1:111122223333:key/data",
    flowLogGroupName: "/aws/vpc/fraud-detector-staging/flow-logs",
    roleBoundaryArn: "arn:aws:iam::111122223333:policy/boundaries/fraud-detector-staging-role-boundary",
    apiDomainName: "api.staging.example.com",
    tags: TAGS,
};
const EXISTING_PROVIDER = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
/** Production: the provider staging created, and no previews. */
const PRODUCTION: DeployAccessArgs = {
    ...STAGING,
    githubEnvironment: "production",
    pullRequestPreviews: false,
    existingOidcProviderArn: EXISTING_PROVIDER,
    namePrefix: "fraud-detector-prod",
};

const READ = ["read-compute", "read-data"];
const DEPLOY = ["network", "compute", "data", "edge", "operations", "identity"];
const build = (args: DeployAccessArgs) => () => new DeployAccess("access", args);
const ROLE = "aws:iam/role:Role";

/** The `sub` a role's trust policy admits, and the provider it trusts. */
function trustOf(assumeRolePolicy: unknown): { provider: string; subject: string } {
    const statement = (
        JSON.parse(String(assumeRolePolicy)) as {
            Statement: { Principal: { Federated: string }; Condition: { StringEquals: Record<string, string> } }[];
        }
    ).Statement[0];
    return {
        provider: statement.Principal.Federated,
        subject: statement.Condition.StringEquals["token.actions.githubusercontent.com:sub"],
    };
}

describe("components/delivery DeployAccess (built in-process)", () => {
    describe("staging: its own OIDC provider, a preview role and a deploy role", () => {
        const built = builtOnce(build(STAGING));

        it("creates the provider, 8 policies, both roles and their attachments under the component", async () => {
            const { children, parentName } = await built();
            assert.deepEqual(
                children.map((r) => `${r.type} ${r.name}`).sort(),
                [
                    "aws:iam/openIdConnectProvider:OpenIdConnectProvider access-oidc-provider",
                    ...[...READ, ...DEPLOY].map((p) => `aws:iam/policy:Policy access-${p}`),
                    `${ROLE} access-preview-role`,
                    `${ROLE} access-deploy-role`,
                    ...READ.map((p) => `aws:iam/rolePolicyAttachment:RolePolicyAttachment access-preview-role-${p}`),
                    ...[...READ, ...DEPLOY].map(
                        (p) => `aws:iam/rolePolicyAttachment:RolePolicyAttachment access-deploy-role-${p}`,
                    ),
                ].sort(),
            );
            assert.ok(children.every((r) => parentName(r) === "access"));
        });

        it("trusts GitHub's token issuer for the STS audience", async () => {
            const provider = (await built()).child(
                "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
                "access-oidc-provider",
            );
            assert.equal(provider.inputs.url, "https://token.actions.githubusercontent.com");
            assert.deepEqual(provider.inputs.clientIdLists, ["sts.amazonaws.com"]);
        });

        it("admits the environment to the deploy role (2 h sessions) and pull requests to the preview role", async () => {
            const { child, outputs } = await built();
            const deploy = child(ROLE, "access-deploy-role");
            assert.deepEqual(
                [deploy.inputs.path, deploy.inputs.maxSessionDuration, trustOf(deploy.inputs.assumeRolePolicy).subject],
                ["/github-actions/", 7200, "repo:acme/fraud-detector:environment:staging"],
            );
            const preview = child(ROLE, "access-preview-role");
            assert.equal(trustOf(preview.inputs.assumeRolePolicy).subject, "repo:acme/fraud-detector:pull_request");
            assert.equal(trustOf(preview.inputs.assumeRolePolicy).provider, outputs.oidcProviderArn);
            assert.match(String(outputs.previewRoleArn), /:role\/access-preview-role-/);
        });
    });

    describe("production: the existing provider, no preview role", () => {
        const built = builtOnce(build(PRODUCTION));

        it("creates no provider and no preview role", async () => {
            const { ofType, outputs } = await built();
            assert.deepEqual(ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider"), []);
            assert.deepEqual(
                ofType(ROLE).map((r) => r.name),
                ["access-deploy-role"],
            );
            assert.equal(outputs.previewRoleArn, undefined);
            assert.equal(outputs.oidcProviderArn, EXISTING_PROVIDER);
        });

        it("trusts the existing provider for the production environment", async () => {
            const deploy = (await built()).child(ROLE, "access-deploy-role");
            assert.deepEqual(trustOf(deploy.inputs.assumeRolePolicy), {
                provider: EXISTING_PROVIDER,
                subject: "repo:acme/fraud-detector:environment:production",
            });
        });
    });

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<DeployAccessArgs>[] = [
        [
            "a repository with a wildcard",
            { githubRepository: "acme/*" },
            'githubRepository is "acme/*"; use owner/name exactly as GitHub spells it, with no wildcard',
        ],
        [
            "a repository without an owner",
            { githubRepository: "fraud-detector" },
            'githubRepository is "fraud-detector"; use owner/name exactly as GitHub spells it, with no wildcard',
        ],
        [
            "an environment with a colon",
            { githubEnvironment: "prod:*" },
            'githubEnvironment is "prod:*"; use 1 to 255 letters, digits, . _ - (no wildcard, no colon)',
        ],
        [
            "an empty environment",
            { githubEnvironment: "" },
            'githubEnvironment is ""; use 1 to 255 letters, digits, . _ - (no wildcard, no colon)',
        ],
        [
            "both at once, one line each",
            { githubRepository: "*", githubEnvironment: "*" },
            'githubRepository is "*"; use owner/name exactly as GitHub spells it, with no wildcard\n' +
                'githubEnvironment is "*"; use 1 to 255 letters, digits, . _ - (no wildcard, no colon)',
        ],
    ];
    refusesEach(build, STAGING, ARGUMENT_ERRORS);
});
