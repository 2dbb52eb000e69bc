import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DeployAccessArgs } from "./args";
import { GITHUB_REPOSITORY } from "../../../stacks/schema";
import {
    DEPLOY_ACCESS_PATH,
    DEPLOY_POLICY_NAMES,
    deployPolicy,
    deploySubject,
    GITHUB_OIDC_URL,
    githubTrustPolicy,
    previewSubject,
    READ_POLICY_NAMES,
    readPolicy,
    StackScope,
    STS_AUDIENCE,
} from "./policies";
import { mergeTags } from "../../tags";

/** A managed policy of the component with its short name (`read-compute`, `network`, ...). */
type NamedPolicy = readonly [string, aws.iam.Policy];

/** The longest session a deploy may need: a Multi-AZ database or a restore runs well past an hour. */
const DEPLOY_SESSION_SECONDS = 7200;

/**
 * GitHub Actions access to one stack through OIDC, so no AWS key is stored anywhere.
 *
 * Creates: 1. the IAM OIDC provider for token.actions.githubusercontent.com (audience
 * sts.amazonaws.com), unless `existingOidcProviderArn` names one; 2. two read-only managed policies
 * and six deploy policies (`*-grants.ts`), under `/github-actions/`; 3. with
 * `pullRequestPreviews` only, the preview role, assumable only by pull requests of
 * `githubRepository` (`repo:<repo>:pull_request`), with the read-only policies (which read no
 * secret value, decrypt nothing and read no object); 4. the deploy role, assumable only by jobs of that repository running in the
 * GitHub environment `githubEnvironment` (`repo:<repo>:environment:<env>`), with both sets.
 * The environment's deployment-branch rule (main only) is what keeps other branches out: with an
 * environment, GitHub's `sub` claim carries no branch.
 *
 * The deploy role may rewrite only the stack's own roles, each only with the stack's permissions
 * boundary on it (`roleBoundaryArn`), and never this component's roles and policies, the boundary,
 * or any policy version of them (explicit Deny statements), nor assume any role: a change to this
 * access needs an administrator's `pulumi up`. Cost: none (IAM is free).
 *
 * @example
 * const access = new DeployAccess("prod-deploy-access", { githubRepository: "acme/infra", githubEnvironment: "production", ... });
 * export const deployRoleArn = access.deployRoleArn;
 */
export class DeployAccess extends pulumi.ComponentResource {
    /** The role the deploy workflow assumes (role-to-assume), once all its policies are attached. */
    public readonly deployRoleArn: pulumi.Output<string>;
    /** The role pull-request previews assume, once its policies are attached; none without `pullRequestPreviews`. */
    public readonly previewRoleArn?: pulumi.Output<string>;
    /** The OIDC provider both roles trust: the one created here, or `existingOidcProviderArn`. */
    public readonly oidcProviderArn: pulumi.Output<string>;

    constructor(name: string, args: DeployAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:delivery:DeployAccess", name, {}, opts);
        this.validate(args);

        this.oidcProviderArn =
            args.existingOidcProviderArn === undefined
                ? this.createOidcProvider(`${name}-oidc-provider`, args).arn
                : pulumi.output(args.existingOidcProviderArn);
        const scope = this.scopeOf(name, args);
        const readPolicies = this.createPolicies(name, READ_POLICY_NAMES, readPolicy, scope, args);
        const deployPolicies = this.createPolicies(name, DEPLOY_POLICY_NAMES, deployPolicy, scope, args);
        if (args.pullRequestPreviews) {
            this.previewRoleArn = this.createRole(`${name}-preview-role`, args, {
                description: `pulumi preview of ${args.namePrefix} from pull requests of ${args.githubRepository}`,
                subject: previewSubject(args.githubRepository),
                policies: readPolicies,
            });
        }
        this.deployRoleArn = this.createRole(`${name}-deploy-role`, args, {
            description: `pulumi up of ${args.namePrefix} from ${args.githubRepository} (environment ${args.githubEnvironment})`,
            subject: deploySubject(args.githubRepository, args.githubEnvironment),
            policies: [...readPolicies, ...deployPolicies],
            maxSessionDuration: DEPLOY_SESSION_SECONDS,
        });

        this.registerOutputs({
            deployRoleArn: this.deployRoleArn,
            previewRoleArn: this.previewRoleArn,
            oidcProviderArn: this.oidcProviderArn,
        });
    }

    /** The stack schema checks these too; a component built by other code must not trust more. */
    private validate(args: DeployAccessArgs): void {
        const problems: string[] = [];
        if (!GITHUB_REPOSITORY.test(args.githubRepository)) {
            problems.push(
                `githubRepository is "${args.githubRepository}"; use owner/name exactly as GitHub spells it, with no wildcard`,
            );
        }
        if (!/^[A-Za-z0-9._-]{1,255}$/.test(args.githubEnvironment)) {
            problems.push(
                `githubEnvironment is "${args.githubEnvironment}"; use 1 to 255 letters, digits, . _ - (no wildcard, no colon)`,
            );
        }
        if (problems.length > 0) {
            throw new pulumi.ResourceError(problems.join("\n"), this);
        }
    }

    private createOidcProvider(name: string, args: DeployAccessArgs): aws.iam.OpenIdConnectProvider {
        // No thumbprint: IAM validates GitHub's certificate against its own trusted CAs.
        return new aws.iam.OpenIdConnectProvider(
            name,
            { url: GITHUB_OIDC_URL, clientIdLists: [STS_AUDIENCE], tags: mergeTags(args.tags) },
            { parent: this },
        );
    }

    /** The grants' scope, once the account id and the other resources' ARNs are known. */
    private scopeOf(name: string, args: DeployAccessArgs): pulumi.Output<StackScope> {
        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        return pulumi
            .all([
                account,
                args.dataKeyArn,
                args.flowLogGroupName,
                pulumi.all([...args.repositoryArns]),
                args.roleBoundaryArn,
            ])
            .apply(([accountId, dataKeyArn, flowLogGroupName, repositoryArns, roleBoundaryArn]) => ({
                accountId,
                region: args.region,
                namePrefix: args.namePrefix,
                secretPathPrefix: args.secretPathPrefix,
                serviceNames: args.serviceNames,
                repositoryArns,
                dataKeyArn,
                flowLogGroupName,
                apiDomainName: args.apiDomainName,
                roleBoundaryArn,
                // IAM names this component's roles and policies `<name>-<suffix>`.
                accessName: name,
            }));
    }

    /** One managed policy per group name, holding `document(name, scope)`. */
    private createPolicies(
        name: string,
        names: readonly string[],
        document: (group: string, scope: StackScope) => object,
        scope: pulumi.Output<StackScope>,
        args: DeployAccessArgs,
    ): NamedPolicy[] {
        return names.map((group): NamedPolicy => {
            const policy = new aws.iam.Policy(
                `${name}-${group}`,
                {
                    path: DEPLOY_ACCESS_PATH,
                    description: `GitHub Actions access to ${args.namePrefix}: ${group}`,
                    policy: scope.apply((s) => JSON.stringify(document(group, s))),
                    tags: mergeTags(args.tags),
                },
                { parent: this },
            );
            return [group, policy];
        });
    }

    /** A role trusting exactly `subject`, with `policies` attached; its ARN resolves once they are. */
    private createRole(
        name: string,
        args: DeployAccessArgs,
        role: {
            description: string;
            subject: string;
            policies: readonly NamedPolicy[];
            maxSessionDuration?: number;
        },
    ): pulumi.Output<string> {
        const created = new aws.iam.Role(
            name,
            {
                path: DEPLOY_ACCESS_PATH,
                description: role.description,
                assumeRolePolicy: this.oidcProviderArn.apply((arn) =>
                    JSON.stringify(githubTrustPolicy(arn, role.subject)),
                ),
                maxSessionDuration: role.maxSessionDuration,
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        const attachments = role.policies.map(
            ([policyName, policy]) =>
                new aws.iam.RolePolicyAttachment(
                    `${name}-${policyName}`,
                    { role: created.name, policyArn: policy.arn },
                    { parent: this },
                ),
        );
        return pulumi.all([created.arn, ...attachments.map((a) => a.id)]).apply(([arn]) => arn);
    }
}
