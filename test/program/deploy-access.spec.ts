import { strict as assert } from "assert";
import type { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { onlyOf, planOf, resourcesOf } from "../helpers/plan";
import { named, sourceOf } from "../helpers/relations";

// These tests read the plan built under mocks from the real stack files: they prove what the program
// asks IAM for and how the pieces point at each other, not that AWS accepts it.

const COMPONENT = "fraud-detector:delivery:DeployAccess";
const PROVIDER = "aws:iam/openIdConnectProvider:OpenIdConnectProvider";
const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

/** The placeholder repository the stack files ship with (README: Continuous delivery). */
const PLACEHOLDER = "github/replace-with-your-owner-and-repository";
const EXISTING = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";

const READ = ["read-compute", "read-data"];
const DEPLOY = ["network", "compute", "data", "edge", "operations", "identity"];

/** The roles of DeployAccess in `plan`, by kind. */
const roleOf = (plan: PlanDocument, kind: "deploy" | "preview") => named(plan, ROLE, `deploy-access-${kind}-role`);

/** The short names of the policies attached to `role` (`read-compute`, ...), followed through the attachments. */
function attachedTo(plan: PlanDocument, role: PlanResource): string[] {
    return resourcesOf(plan, ATTACHMENT)
        .filter((a) => sourceOf(plan, a, "role", ROLE)?.urn === role.urn)
        .map((a) => sourceOf(plan, a, "policyArn", POLICY)?.name.replace(/^.*-deploy-access-/, "") ?? "?")
        .sort();
}

const trustOf = (role: PlanResource) => JSON.parse(String(role.inputs.assumeRolePolicy)) as Record<string, unknown>;

function expectedTrust(federated: unknown, sub: string): Record<string, unknown> {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "GitHubActionsOidc",
                Effect: "Allow",
                Principal: { Federated: federated },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                        "token.actions.githubusercontent.com:sub": sub,
                    },
                },
            },
        ],
    };
}

describe("DeployAccess", () => {
    for (const stack of ["staging", "production"] as const) {
        describe(`in ${stack}`, () => {
            it("creates one GitHub OIDC provider for the STS audience, without a thumbprint", () =>
                assert.deepEqual(onlyOf(planOf(stack), PROVIDER).inputs, {
                    url: "https://token.actions.githubusercontent.com",
                    clientIdLists: ["sts.amazonaws.com"],
                    tags: { Project: "fraud-detector", Environment: stack, ManagedBy: "pulumi" },
                }));

            it("lets only the stack's GitHub environment of the repository assume the deploy role", () => {
                const plan = planOf(stack);
                const provider = onlyOf(plan, PROVIDER);
                assert.deepEqual(
                    trustOf(roleOf(plan, "deploy")),
                    expectedTrust(provider.outputs.arn, `repo:${PLACEHOLDER}:environment:${stack}`),
                );
            });

            it("attaches every policy to the deploy role", () => {
                const plan = planOf(stack);
                assert.deepEqual(attachedTo(plan, roleOf(plan, "deploy")), [...READ, ...DEPLOY].sort());
            });

            it("keeps its roles and policies under /github-actions/, out of the deploy role's reach", () => {
                const plan = planOf(stack);
                const own = plan.resources.filter(
                    (r) => (r.type === ROLE || r.type === POLICY) && r.name.includes("-deploy-access-"),
                );
                // Production has no preview role: pull requests never preview it.
                assert.equal(own.length, (stack === "staging" ? 2 : 1) + READ.length + DEPLOY.length);
                assert.deepEqual([...new Set(own.map((r) => r.inputs.path))], ["/github-actions/"]);
            });

            it("gives the deploy role a two-hour session, for a database that takes long to change", () =>
                assert.equal(roleOf(planOf(stack), "deploy").inputs.maxSessionDuration, 7200));

            it("scopes the image push to the stack's two repositories (fraud-api, fraud-ml) and decryption to its data key", () => {
                const plan = planOf(stack);
                const compute = named(plan, POLICY, "deploy-access-compute");
                const statements = (
                    JSON.parse(String(compute.inputs.policy)) as { Statement: Array<Record<string, unknown>> }
                ).Statement;
                const push = statements.find((s) => s.Sid === "ImageRepositories");
                const repositories = resourcesOf(plan, "aws:ecr/repository:Repository").map((r) => r.outputs.arn);
                assert.deepEqual(push?.Resource, repositories);
                const data = JSON.parse(String(named(plan, POLICY, "deploy-access-data").inputs.policy)) as {
                    Statement: Array<Record<string, unknown>>;
                };
                assert.deepEqual(data.Statement.find((s) => s.Sid === "DataKey")?.Resource, [
                    onlyOf(plan, "aws:kms/key:Key").outputs.arn,
                ]);
            });

            it("exports the deploy role and provider ARNs as stack outputs", () => {
                const plan = planOf(stack);
                assert.deepEqual(
                    [plan.outputs.deployRoleArn, plan.outputs.githubOidcProviderArn],
                    [roleOf(plan, "deploy").outputs.arn, onlyOf(plan, PROVIDER).outputs.arn],
                );
            });

            it("leaves no mandatory policy violation", () =>
                assert.deepEqual(
                    planOf(stack).policy.violations.filter((v) => v.enforcementLevel === "mandatory"),
                    [],
                ));
        });
    }

    describe("pull-request previews", () => {
        it("lets only pull requests of the repository assume staging's read-only preview role", () => {
            const plan = planOf("staging");
            assert.deepEqual(
                trustOf(roleOf(plan, "preview")),
                expectedTrust(onlyOf(plan, PROVIDER).outputs.arn, `repo:${PLACEHOLDER}:pull_request`),
            );
            assert.deepEqual(attachedTo(plan, roleOf(plan, "preview")), [...READ].sort());
            assert.equal(roleOf(plan, "preview").inputs.maxSessionDuration, undefined);
            assert.equal(plan.outputs.previewRoleArn, roleOf(plan, "preview").outputs.arn);
        });

        it("gives production no role a pull request can assume", () => {
            const plan = planOf("production");
            assert.deepEqual(
                resourcesOf(plan, ROLE)
                    .filter((r) => String(r.inputs.assumeRolePolicy).includes(":pull_request"))
                    .map((r) => r.name),
                [],
            );
            assert.equal(plan.outputs.previewRoleArn, undefined);
        });

        it("gives production one when its profile is overridden to allow previews", () => {
            const plan = planOf("production", ["fraud-detector:delivery.pullRequestPreviews=true"]);
            assert.deepEqual(attachedTo(plan, roleOf(plan, "preview")), [...READ].sort());
        });
    });

    it("reuses an existing OIDC provider instead of creating a second one", () => {
        const plan = planOf("production", [`fraud-detector:deployAccess.existingOidcProviderArn=${EXISTING}`]);
        assert.equal(resourcesOf(plan, PROVIDER).length, 0);
        assert.deepEqual(
            trustOf(roleOf(plan, "deploy")),
            expectedTrust(EXISTING, `repo:${PLACEHOLDER}:environment:production`),
        );
        assert.equal(plan.outputs.githubOidcProviderArn, EXISTING);
    });

    it("is absent from local, which never deploys from GitHub", () => {
        const plan = planOf("local");
        assert.equal(resourcesOf(plan, COMPONENT).length, 0);
        assert.equal(resourcesOf(plan, PROVIDER).length, 0);
        assert.equal(plan.outputs.deployRoleArn, undefined);
    });

    it("is absent when the stack does not set deployAccess", () => {
        const plan = planOf("production", ["fraud-detector:deployAccess={}"]);
        assert.equal(resourcesOf(plan, COMPONENT).length, 0);
        assert.equal(resourcesOf(plan, PROVIDER).length, 0);
        assert.deepEqual(
            plan.resources.filter((r) => r.name.includes("deploy-access")),
            [],
        );
    });

    it("names its children after the component", () => {
        const children = planOf("production").resources.filter((r) =>
            r.parent?.endsWith(`${COMPONENT}::fraud-detector-prod-deploy-access`),
        );
        // The provider, 8 policies, the deploy role and its 8 attachments (no preview role in production).
        assert.equal(children.length, 18);
        assert.deepEqual(
            children.map((r) => r.name).filter((n) => !n.startsWith("fraud-detector-prod-deploy-access-")),
            [],
        );
    });
});
