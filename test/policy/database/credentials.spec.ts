import { strict as assert } from "assert";
import { dbParts, dbStack, SECRET_VERSION } from "../data-tier-fixtures";
import { levelsOf, messagesOf } from "../harness";

describe("policy: database and cache", () => {
    describe("rds-credentials", () => {
        it("passes fraud_user with the password from the RandomPassword stored in a secret", async () =>
            assert.deepEqual(await messagesOf(dbStack(), "rds-credentials"), []));

        it("passes a password managed by RDS", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { password: undefined, manageMasterUserPassword: true }, from: { password: [] } }),
                    "rds-credentials",
                ),
                [],
            ));

        it("passes a write-only password", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({
                        props: { password: undefined, passwordWo: "[secret]", passwordWoVersion: 1 },
                        from: { password: [] },
                    }),
                    "rds-credentials",
                ),
                [],
            ));

        it("rejects a default master user name, mandatory in production", async () =>
            assert.deepEqual(await levelsOf(dbStack({ props: { username: "postgres" } }), "rds-credentials"), [
                [
                    "mandatory",
                    'username is "postgres", a default master user name that is tried first; set username: "fraud_user" (the guide\'s DB_USERNAME)',
                ],
            ]));

        it("rejects a user name other than the guide's", async () =>
            assert.deepEqual(await messagesOf(dbStack({ props: { username: "fraud" } }), "rds-credentials"), [
                'username is "fraud"; set username: "fraud_user", the guide\'s DB_USERNAME the applications connect as',
            ]));

        it("rejects a password that comes from no RandomPassword, without printing it", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { password: "ChangeMe123!" }, from: { password: [] } }),
                    "rds-credentials",
                ),
                [
                    "password does not come from a random.RandomPassword, so it is a literal (or config value) in the program; take it from the RandomPassword stored in fraud-detector/<env>/database, or set manageMasterUserPassword: true",
                ],
            ));

        it("rejects a generated password that no secret stores", async () => {
            const parts = dbParts();
            const stack = dbStack({
                parts: { ...parts, others: parts.others.filter((r) => r.type !== SECRET_VERSION) },
            });
            assert.deepEqual(await messagesOf(stack, "rds-credentials"), [
                "the password comes from RandomPassword db-password, which fills no Secrets Manager secret version; store it in fraud-detector/<env>/database through an aws.secretsmanager.SecretVersion whose secretString uses it",
            ]);
        });

        it("rejects an instance with no password source", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { password: undefined }, from: { password: [] } }),
                    "rds-credentials",
                ),
                [
                    "no master password source is set; set manageMasterUserPassword: true, or take password (better passwordWo) from the random.RandomPassword stored in fraud-detector/<env>/database",
                ],
            ));
    });
});
