import { strict as assert } from "assert";
import { levelsOf, messagesOf, resource, stackTags, violationsOf } from "../harness";
import { ACCOUNT, allow, doc, POLICY, rolePolicy, taskRoles } from "./fixtures";

const SECRET_ARN = `arn:aws:secretsmanager:ca-central-1:${ACCOUNT}:secret:fraud-detector/prod/database-AbCdEf`;

const KEY_ARN = `arn:aws:kms:ca-central-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

describe("policy: iam", () => {
    describe("iam-secrets-and-keys-scoped", () => {
        const RULE = "iam-secrets-and-keys-scoped";
        const readSecrets = (secrets: string | string[]) =>
            allow(["secretsmanager:GetSecretValue", "kms:Decrypt"], [...[secrets].flat(), KEY_ARN]);

        it("passes an execution role reading named secrets with a named key", async () => {
            const { task, execution, td } = taskRoles();
            const reads = allow("secretsmanager:GetSecretValue", SECRET_ARN);
            const decrypts = allow("kms:Decrypt", KEY_ARN);
            assert.deepEqual(
                await messagesOf([task, execution, td, rolePolicy(execution, [reads, decrypts])], RULE),
                [],
            );
        });

        it("rejects GetSecretValue on * in the execution role (mandatory)", async () => {
            const { task, execution, td } = taskRoles();
            const found = await violationsOf(
                [task, execution, td, rolePolicy(execution, [allow("secretsmanager:GetSecretValue", "*")])],
                RULE,
            );
            assert.deepEqual(
                found.map((v) => [v.enforcementLevel, v.urn, v.message]),
                [
                    [
                        "mandatory",
                        execution.urn,
                        'Role api-execution: RolePolicy api-execution-policy: policy statement 1 allows secretsmanager:GetSecretValue on "*"; name this stack\'s secret ARNs',
                    ],
                ],
            );
        });

        it("rejects secretsmanager:* on every secret of the account", async () => {
            const { task, execution, td } = taskRoles();
            const everySecret = `arn:aws:secretsmanager:ca-central-1:${ACCOUNT}:secret:*`;
            const grants = rolePolicy(execution, [allow("secretsmanager:*", everySecret)]);
            assert.deepEqual(await messagesOf([task, execution, td, grants], RULE), [
                `Role api-execution: RolePolicy api-execution-policy: policy statement 1 allows secretsmanager:GetSecretValue on "${everySecret}"; name this stack's secret ARNs`,
            ]);
        });

        it("rejects a task role reading secrets", async () => {
            const { task, execution, td } = taskRoles();
            assert.deepEqual(
                await messagesOf([task, execution, td, rolePolicy(task, [readSecrets(SECRET_ARN)])], RULE),
                [
                    "role api-task is no task definition's executionRoleArn but RolePolicy api-task-policy: policy statement 1 allows secretsmanager:GetSecretValue; only execution roles read secrets (guide: IAM Roles)",
                ],
            );
        });

        it("rejects kms:Decrypt on * in a standalone policy", async () => {
            const p = resource(
                POLICY,
                { policy: doc(allow("kms:Decrypt", "*")), tags: stackTags("staging") },
                { name: "decrypt" },
            );
            assert.deepEqual(await levelsOf([p], RULE), [
                [
                    "mandatory",
                    'Policy decrypt: policy statement 1 allows kms:Decrypt on "*"; name the key ARNs (arn:aws:kms:…:key/<id>)',
                ],
            ]);
        });
    });
});
