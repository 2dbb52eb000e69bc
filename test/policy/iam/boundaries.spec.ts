import { strict as assert } from "assert";
import { PlanResource } from "../../../plan/engine/contract";
import { levelsOf, messagesOf, resource, stackTags } from "../harness";
import { ACCOUNT, allow, doc, POLICY, role, ROLE, ROLE_ATTACHMENT, trust } from "./fixtures";

describe("policy: iam", () => {
    describe("iam-roles-bounded", () => {
        const RULE = "iam-roles-bounded";
        const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT}:policy/boundaries/fraud-detector-prod-role-boundary`;
        /** The stack's boundary: a Policy under /boundaries/ (its wildcards cap, they grant nothing). */
        const boundary = (path = "/boundaries/") =>
            resource(
                POLICY,
                {
                    path,
                    policy: JSON.stringify(
                        doc(allow("ssmmessages:*", "*"), { Effect: "Deny", Action: "iam:*", Resource: "*" }),
                    ),
                    tags: stackTags(),
                },
                { name: "role-boundary" },
            );
        /** A role whose permissionsBoundary came from `policy`. */
        const bounded = (name: string, policy: PlanResource, environment = "production") =>
            resource(
                ROLE,
                { assumeRolePolicy: trust(), permissionsBoundary: BOUNDARY_ARN, tags: stackTags(environment) },
                { name, from: { permissionsBoundary: [policy] } },
            );
        const GITHUB_TRUST = JSON.stringify(
            doc({
                Effect: "Allow",
                Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
                Action: "sts:AssumeRoleWithWebIdentity",
            }),
        );

        it("passes a role bounded by the stack's boundary policy", async () => {
            const policy = boundary();
            assert.deepEqual(await messagesOf([policy, bounded("api-task", policy)], RULE), []);
        });

        it("passes a role naming an existing boundary under /boundaries/ by ARN", async () =>
            assert.deepEqual(await messagesOf([role("api-task", { permissionsBoundary: BOUNDARY_ARN })], RULE), []));

        it("passes the GitHub OIDC roles, which only an administrator changes", async () =>
            assert.deepEqual(await messagesOf([role("deploy-role", { assumeRolePolicy: GITHUB_TRUST })], RULE), []));

        it("rejects a role without a boundary (mandatory)", async () =>
            assert.deepEqual(await levelsOf([role("api-task")], RULE), [
                [
                    "mandatory",
                    "role api-task has permissionsBoundary unset; set it to the stack's boundary policy (RoleBoundary, under /boundaries/), which caps what the role can ever do",
                ],
            ]));

        it("reports a local role without a boundary as advisory", async () =>
            assert.deepEqual(
                (await levelsOf([role("api-task", {}, "local")], RULE)).map(([level]) => level),
                ["advisory"],
            ));

        it("rejects a role bounded by a policy outside /boundaries/", async () => {
            const policy = boundary("/");
            const found = resource(
                ROLE,
                {
                    assumeRolePolicy: trust(),
                    permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/anything-goes`,
                    tags: stackTags(),
                },
                { name: "api-task", from: { permissionsBoundary: [policy] } },
            );
            assert.deepEqual(await messagesOf([policy, found], RULE), [
                `role api-task has permissionsBoundary "arn:aws:iam::${ACCOUNT}:policy/anything-goes"; set it to the stack's boundary policy (RoleBoundary, under /boundaries/), which caps what the role can ever do`,
            ]);
        });

        it("rejects the boundary attached as a permission policy", async () => {
            const policy = boundary();
            const task = bounded("api-task", policy);
            const attachment = resource(
                ROLE_ATTACHMENT,
                { role: "api-task-id", policyArn: BOUNDARY_ARN },
                { name: "api-task-boundary", from: { role: [task], policyArn: [policy] } },
            );
            assert.deepEqual(await messagesOf([policy, task, attachment], RULE), [
                "api-task-boundary attaches a permissions boundary (a policy under /boundaries/) as a permission policy; a boundary only caps a role, attach a policy of grants instead",
            ]);
        });

        it("leaves the boundary's wildcards to this rule, but judges the same document elsewhere as a grant", async () => {
            assert.deepEqual(await messagesOf([boundary()], "iam-no-wildcards"), []);
            assert.deepEqual(await messagesOf([boundary("/")], "iam-no-wildcards"), [
                'policy statement 1 allows "ssmmessages:*"; name the actions the role needs instead of "*" or "service:*"',
            ]);
        });
    });
});
