/**
 * The IAM documents of `DeployAccess`: who may assume the GitHub Actions roles (trust policies) and
 * how the grants (`read-grants.ts`, `write-grants.ts`) are packed into
 * managed policies. Pure builders over
 * plain strings, testable without mocks; the component resolves its inputs (account id, key and
 * repository ARNs) and calls them.
 */
import { READ_GROUPS } from "./read-grants";
import {
    POLICY_VERSION,
    type GrantGroups,
    type PolicyDocument,
    type StackScope,
    type Statement,
} from "../../security/iam-scope";
import { DEPLOY_GROUPS } from "./write-grants";

export type { StackScope, Statement } from "../../security/iam-scope";

/** The host of GitHub's OIDC issuer; IAM names its condition keys after it. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";

/** The issuer URL the OIDC identity provider is registered for (one provider per URL per account). */
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;

/** The audience configure-aws-credentials asks GitHub for, and the one client id the provider admits. */
export const STS_AUDIENCE = "sts.amazonaws.com";

/**
 * The IAM path of the roles and policies `DeployAccess` creates. The deploy role may write only
 * roles named `<namePrefix>-*` at the root path, and a Deny by name covers these at any path, so it
 * can never rewrite its own trust or grants: changes to this access are applied by an administrator.
 */
export const DEPLOY_ACCESS_PATH = "/github-actions/";

/** The largest managed policy IAM accepts, in characters without whitespace (IAM quotas). */
export const MAX_MANAGED_POLICY_CHARS = 6144;

/**
 * The `sub` claim of a job that runs in the GitHub environment `environment` of `repository`. A
 * job with `environment:` never presents `ref:refs/heads/main`, so the branch is enforced by the
 * environment's deployment-branch rule (main only), a repository setting.
 */
export function deploySubject(repository: string, environment: string): string {
    return `repo:${repository}:environment:${environment}`;
}

/** The `sub` claim of a job triggered by a pull request of `repository`, whatever its branch. */
export function previewSubject(repository: string): string {
    return `repo:${repository}:pull_request`;
}

/**
 * The trust policy of a role that only a GitHub Actions job presenting exactly `subject`, with an
 * STS audience, can assume through the OIDC provider `providerArn`. StringEquals on both claims:
 * no wildcard, so no other repository, branch, environment or event matches.
 */
export function githubTrustPolicy(providerArn: string, subject: string): PolicyDocument {
    return {
        Version: POLICY_VERSION,
        Statement: [
            {
                Sid: "GitHubActionsOidc",
                Effect: "Allow",
                Principal: { Federated: providerArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE,
                        [`${GITHUB_OIDC_HOST}:sub`]: subject,
                    },
                },
            },
        ],
    };
}

/** The names of the read-only managed policies, held by both roles. */
export const READ_POLICY_NAMES: readonly string[] = Object.keys(READ_GROUPS);

/** The names of the managed policies only the deploy role holds. */
export const DEPLOY_POLICY_NAMES: readonly string[] = Object.keys(DEPLOY_GROUPS);

/** The document of one named group of `groups`, for `scope`. */
function groupDocument(groups: GrantGroups, name: string, scope: StackScope): PolicyDocument {
    const build = groups[name];
    if (build === undefined) {
        throw new Error(`no policy group ${name}; groups: ${Object.keys(groups).join(", ")}`);
    }
    return { Version: POLICY_VERSION, Statement: build(scope) };
}

/** The read-only document `name` (one of `READ_POLICY_NAMES`) for `scope`. */
export function readPolicy(name: string, scope: StackScope): PolicyDocument {
    return groupDocument(READ_GROUPS, name, scope);
}

/** The deploy document `name` (one of `DEPLOY_POLICY_NAMES`) for `scope`. */
export function deployPolicy(name: string, scope: StackScope): PolicyDocument {
    return groupDocument(DEPLOY_GROUPS, name, scope);
}

/** Every statement of every document the deploy role holds (read and deploy), for checks. */
export function allDeployStatements(scope: StackScope): Statement[] {
    return [
        ...READ_POLICY_NAMES.map((n) => readPolicy(n, scope)),
        ...DEPLOY_POLICY_NAMES.map((n) => deployPolicy(n, scope)),
    ].flatMap((document) => document.Statement as Statement[]);
}

/** The size IAM counts against `MAX_MANAGED_POLICY_CHARS`: the JSON without whitespace. */
export function policySize(document: PolicyDocument): number {
    return JSON.stringify(document).length;
}
