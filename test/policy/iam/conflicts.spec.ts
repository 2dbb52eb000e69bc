import { strict as assert } from "assert";
import { levelsOf, messagesOf, resource } from "../harness";
import { ACCOUNT, doc, GUIDE_GRANTS, POLICY_ATTACHMENT, role, rolePolicy } from "./fixtures";

describe("policy: iam", () => {
    describe("iam-role-policy-conflicts", () => {
        const RULE = "iam-role-policy-conflicts";

        it("passes a role managed only through standalone policy resources", async () => {
            const task = role("api-task");
            assert.deepEqual(await messagesOf([task, rolePolicy(task, GUIDE_GRANTS)], RULE), []);
        });

        it("passes a role whose managedPolicyArns no attachment competes with", async () => {
            const task = role("api-task", { managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/api-grants`] });
            assert.deepEqual(await messagesOf([task], RULE), []);
        });

        it("rejects a role with inlinePolicies that a RolePolicy also targets (mandatory)", async () => {
            const task = role("api-task", {
                inlinePolicies: [{ name: "grants", policy: JSON.stringify(doc(...GUIDE_GRANTS)) }],
            });
            assert.deepEqual(await levelsOf([task, rolePolicy(task, GUIDE_GRANTS)], RULE), [
                [
                    "mandatory",
                    "role api-task sets inlinePolicies and is also the target of RolePolicy api-task-policy; the two overwrite each other: remove inlinePolicies (deprecated in v7) and keep the standalone resources",
                ],
            ]);
        });

        it("rejects an empty managedPolicyArns, which detaches what a PolicyAttachment attaches", async () => {
            const task = role("api-task", { managedPolicyArns: [] });
            const attachment = resource(
                POLICY_ATTACHMENT,
                { roles: ["api-task"], policyArn: `arn:aws:iam::${ACCOUNT}:policy/api-grants` },
                { name: "api-grants", from: { roles: [task] } },
            );
            assert.deepEqual(await messagesOf([task, attachment], RULE), [
                "role api-task sets managedPolicyArns and is also the target of PolicyAttachment api-grants; the two overwrite each other: remove managedPolicyArns (deprecated in v7) and keep the standalone resources",
            ]);
        });
    });
});
