import { strict as assert } from "assert";
import { resource, stackTags } from "./harness";
import { byPass, fromResourcePass } from "./resource-parts-harness";

/** Issue #11: this family's stack rules decide their single-resource parts in the resource pass (see ./resource-parts-harness.ts). */

describe("stack rules' single-resource parts are decided in the resource pass (issue #11)", () => {
    describe("secrets-rotation-and-cmk", () => {
        it("reports AWS's own key from the secret alone, missing rotation from the stack pass", async () => {
            const secret = resource("aws:secretsmanager/secret:Secret", {
                name: "fraud-detector/production/database",
                kmsKeyId: "alias/aws/secretsmanager",
                tags: stackTags(),
            });
            await fromResourcePass(
                [secret],
                "secrets-rotation-and-cmk",
                secret,
                "advisory",
                'secret fraud-detector/production/database: kmsKeyId is "alias/aws/secretsmanager"; encrypt the secret with a customer-managed key (kmsKeyId from an aws.kms.Key)',
            );
            const found = await byPass([secret], "secrets-rotation-and-cmk");
            assert.deepEqual(
                found.stack.map((v) => v[2]),
                [
                    "secret fraud-detector/production/database: is never rotated; add a SecretRotation with secretId → this secret, a rotationLambdaArn and rotationRules.automaticallyAfterDays at most 90",
                ],
            );
        });
    });
});
