import { strict as assert } from "assert";
import { resource, stackTags } from "../harness";
import { byPass, fromResourcePass } from "../resource-parts-harness";

/** Issue #11: this family's stack rules decide their single-resource parts in the resource pass (see ../resource-parts-harness.ts). */

describe("stack rules' single-resource parts are decided in the resource pass (issue #11)", () => {
    describe("iam-roles-bounded", () => {
        it("reports a role without a boundary from the role alone, a boundary not of the stack from the stack pass", async () => {
            const trust = JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" },
                ],
            });
            const unbounded = resource(
                "aws:iam/role:Role",
                { assumeRolePolicy: trust, tags: stackTags() },
                { name: "free" },
            );
            await fromResourcePass(
                [unbounded],
                "iam-roles-bounded",
                unbounded,
                "mandatory",
                "role free has permissionsBoundary unset; set it to the stack's boundary policy (RoleBoundary, under /boundaries/), which caps what the role can ever do",
            );
            const elsewhere = resource(
                "aws:iam/role:Role",
                {
                    assumeRolePolicy: trust,
                    permissionsBoundary: "arn:aws:iam::111122223333:policy/other",
                    tags: stackTags(),
                },
                { name: "capped" },
            );
            const found = await byPass([elsewhere], "iam-roles-bounded");
            assert.deepEqual(found.resource, []);
            assert.deepEqual(found.stack, [
                [
                    elsewhere.urn,
                    "mandatory",
                    'role capped has permissionsBoundary "arn:aws:iam::111122223333:policy/other"; set it to the stack\'s boundary policy (RoleBoundary, under /boundaries/), which caps what the role can ever do',
                ],
            ]);
        });
    });
    describe("iam-secrets-and-keys-scoped", () => {
        it("reports a policy that reads every secret from the policy alone", async () => {
            const policy = resource(
                "aws:iam/policy:Policy",
                {
                    policy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }],
                    }),
                    tags: stackTags(),
                },
                { name: "reads-all" },
            );
            const found = await byPass([policy], "iam-secrets-and-keys-scoped");
            const message = found.resource.map((v) => v[2])[0];
            assert.ok(message?.startsWith("Policy reads-all: "), String(message));
            assert.ok(message?.includes('allows secretsmanager:GetSecretValue on "*"; name this stack\'s secret ARNs'));
            await fromResourcePass([policy], "iam-secrets-and-keys-scoped", policy, "mandatory", message!);
        });
    });
});
