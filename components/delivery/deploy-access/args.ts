/**
 * The contract of `DeployAccess`: its arguments, beside the grants and policies it is built from,
 * so that anything in this folder can read them without importing the component class.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../../tags";

/** Arguments of the `DeployAccess` component. */
export interface DeployAccessArgs {
    /** `owner/name` of the only repository whose workflows may assume the roles, spelt as GitHub does. */
    readonly githubRepository: string;
    /** The GitHub environment the deploy job of this stack runs in (`staging`, `production`). */
    readonly githubEnvironment: string;
    /**
     * Whether pull requests preview the stack: only then is there a preview role trusting them.
     * A pull request's code runs with whatever its preview gets, so production has none.
     */
    readonly pullRequestPreviews: boolean;
    /**
     * ARN of the account's GitHub OIDC provider, when one exists already (AWS allows one per URL
     * per account, so two stacks in one account, or another project, may own it).
     * @default - a provider for token.actions.githubusercontent.com is created
     */
    readonly existingOidcProviderArn?: string;
    /** The stack's region, ca-central-1. */
    readonly region: string;
    /** Prefix of the stack's names (`fraud-detector-prod`): the scope of every write grant. */
    readonly namePrefix: string;
    /** Path of the stack's secrets and SSM parameters (`fraud-detector/prod`). */
    readonly secretPathPrefix: string;
    /** The guide's service names: task families, ECS services, `/ecs/<name>` log groups. */
    readonly serviceNames: readonly string[];
    /** The stack's ECR repositories: the only ones CI may push to. */
    readonly repositoryArns: readonly pulumi.Input<string>[];
    /** The stack's data key, which the deploy role encrypts the stack's data with. */
    readonly dataKeyArn: pulumi.Input<string>;
    /** The VPC flow-log group. */
    readonly flowLogGroupName: pulumi.Input<string>;
    /**
     * The permissions boundary of the stack's roles (`RoleBoundary`): the deploy role may create or
     * change a role only with this boundary on it.
     */
    readonly roleBoundaryArn: pulumi.Input<string>;
    /**
     * The API's DNS name: the only records (with its certificate validation) the role may change.
     * @default - no DNS grant
     */
    readonly apiDomainName?: string;
    /** The stack's base tags. */
    readonly tags: Tags;
}
