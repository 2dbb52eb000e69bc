import { strict as assert } from "assert";
import { PlanResource } from "../../plan/engine/contract";
import { levelsOf, messagesOf, resource, stackTags } from "./harness";
import { mutate, shortName, swap } from "./storage/fixtures";

const RDS = "aws:rds/instance:Instance";

const SECRET = "aws:secretsmanager/secret:Secret";

const SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";

const SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";

const KMS_KEY = "aws:kms/key:Key";

/** The guide's two secrets for an environment, with generated values, behind an RDS instance. */
function secretsTier(environment = "production") {
    const short = shortName(environment);
    const database = resource(RDS, { tags: stackTags(environment) }, { name: "database" });
    const password = resource("random:index/randomPassword:RandomPassword", { length: 32 }, { name: "db-password" });
    const hmac = resource("random:index/randomBytes:RandomBytes", { length: 64 }, { name: "hmac-bytes" });
    const secret = (name: string, description: string) =>
        resource(
            SECRET,
            { name: `fraud-detector/${short}/${name}`, description, tags: stackTags(environment) },
            { name: `${name}-secret` },
        );
    const databaseSecret = secret("database", "PostgreSQL master credentials for fraud-api");
    const hmacSecret = secret("hmac-keys", "HMAC keys that sign fraud-api requests");
    const version = (of: PlanResource, value: string, source: PlanResource) =>
        resource(
            SECRET_VERSION,
            {
                secretId: `arn:aws:secretsmanager:ca-central-1:123456789012:secret:${String(of.inputs.name)}`,
                secretString: value,
            },
            { name: `${of.name}-version`, from: { secretId: [of], secretString: [source] } },
        );
    const databaseVersion = version(databaseSecret, '{"username":"fraud_user","password":"generated"}', password);
    const hmacVersion = version(hmacSecret, '{"signing":"generated"}', hmac);
    const all = [database, password, hmac, databaseSecret, hmacSecret, databaseVersion, hmacVersion];
    return { database, password, hmac, databaseSecret, hmacSecret, databaseVersion, hmacVersion, all };
}

/** A key policy granting the account root, as AWS's default key policy does. */
const ACCOUNT_ROOT_POLICY = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        {
            Sid: "EnableRootAccess",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::123456789012:root" },
            Action: "kms:*",
            Resource: "*",
        },
    ],
});

/** A compliant customer-managed key. */
function key(environment = "production", changes: Record<string, unknown> = {}) {
    return resource(KMS_KEY, {
        description: "fraud-detector data key",
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: ACCOUNT_ROOT_POLICY,
        tags: stackTags(environment),
        ...changes,
    });
}

/** A secret encrypted with a customer key and rotated monthly by a Lambda. */
function rotatedSecret(environment = "production") {
    const cmk = key(environment);
    const secret = resource(
        SECRET,
        {
            name: "fraud-detector/prod/database",
            kmsKeyId: "arn:aws:kms:ca-central-1:123456789012:key/1",
            tags: stackTags(environment),
        },
        { name: "database-secret", from: { kmsKeyId: [cmk] } },
    );
    const rotation = resource(
        SECRET_ROTATION,
        {
            secretId: "arn:aws:secretsmanager:ca-central-1:123456789012:secret:fraud-detector/prod/database",
            rotationLambdaArn: "arn:aws:lambda:ca-central-1:123456789012:function:rotate",
            rotationRules: { automaticallyAfterDays: 30 },
        },
        { name: "database-rotation", from: { secretId: [secret] } },
    );
    return { cmk, secret, rotation, all: [cmk, secret, rotation] };
}

describe("policy: secrets and KMS", () => {
    describe("secrets-per-guide", () => {
        const rule = "secrets-per-guide";

        it("does not apply before the data tier exists (no RDS instance)", async () => {
            assert.deepEqual(await messagesOf([], rule), []);
        });

        it("passes both guide secrets with descriptions and generated values", async () => {
            assert.deepEqual(await messagesOf(secretsTier().all, rule), []);
        });

        it("accepts a value passed write-only through secretStringWo", async () => {
            const tier = secretsTier();
            const version = resource(
                SECRET_VERSION,
                { secretId: "arn", secretStringWo: "[secret]", secretStringWoVersion: 1 },
                { name: "hmac-version", from: { secretId: [tier.hmacSecret] } },
            );
            assert.deepEqual(await messagesOf(swap(tier.all, tier.hmacVersion, version), rule), []);
        });

        it("treats a masked value without a known source as unknown, not as a literal", async () => {
            const tier = secretsTier();
            const version = resource(
                SECRET_VERSION,
                { secretId: "arn", secretString: "[secret]" },
                { name: "hmac-version", from: { secretId: [tier.hmacSecret] } },
            );
            assert.deepEqual(await messagesOf(swap(tier.all, tier.hmacVersion, version), rule), []);
        });

        it("rejects a staging stack without the hmac-keys secret (mandatory)", async () => {
            const tier = secretsTier("staging");
            const resources = swap(swap(tier.all, tier.hmacSecret), tier.hmacVersion);
            assert.deepEqual(await levelsOf(resources, rule), [
                [
                    "mandatory",
                    'the RDS instance database has no secret named "fraud-detector/staging/hmac-keys"; add a Secret with name: "fraud-detector/staging/hmac-keys" and a description (guide: Secrets Management)',
                ],
            ]);
        });

        it("rejects a guide secret without a description", async () => {
            const tier = secretsTier();
            const secret = mutate(tier.databaseSecret, { description: undefined });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.databaseSecret, secret), rule), [
                "secret fraud-detector/prod/database: description is unset; set description to what the secret holds",
            ]);
        });

        it("rejects a guide secret without a value", async () => {
            const tier = secretsTier();
            assert.deepEqual(await messagesOf(swap(tier.all, tier.hmacVersion), rule), [
                "secret fraud-detector/prod/hmac-keys: has no SecretVersion; add one with secretId → this secret and secretString from a RandomPassword",
            ]);
        });

        it("rejects a literal value such as the guide's placeholder", async () => {
            const tier = secretsTier();
            const version = resource(
                SECRET_VERSION,
                { secretId: "arn", secretString: '{"username":"fraud_user","password":"your-secure-password"}' },
                { name: "database-secret-version", from: { secretId: [tier.databaseSecret] } },
            );
            assert.deepEqual(await messagesOf(swap(tier.all, tier.databaseVersion, version), rule), [
                "secret fraud-detector/prod/database: SecretVersion database-secret-version stores a literal value; build secretString from a RandomPassword's result (or pass it write-only in secretStringWo), never a string in the program",
            ]);
        });

        it("rejects a database secret without a username", async () => {
            const tier = secretsTier();
            const version = mutate(tier.databaseVersion, { secretString: '{"password":"generated"}' });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.databaseVersion, version), rule), [
                "secret fraud-detector/prod/database: SecretVersion database-secret-version lacks username; store a JSON object with username and password (or passwordSecretArn, the RDS-managed secret)",
            ]);
        });

        it("passes a database secret that holds the instance's connection and the ARN of its RDS-managed password", async () => {
            const tier = secretsTier();
            const connection = resource(
                SECRET_VERSION,
                {
                    secretId: "arn:database-secret",
                    secretString:
                        '{"username":"fraud_user","host":"db.example","passwordSecretArn":"arn:aws:secretsmanager:ca-central-1:123456789012:secret:rds!db-1"}',
                },
                {
                    name: "database-secret-version",
                    from: { secretId: [tier.databaseSecret], secretString: [tier.database] },
                },
            );
            assert.deepEqual(await messagesOf(swap(tier.all, tier.databaseVersion, connection), rule), []);
        });

        it("still rejects HMAC keys taken from the database instance rather than generated", async () => {
            const tier = secretsTier();
            const version = resource(
                SECRET_VERSION,
                { secretId: "arn:hmac-secret", secretString: '{"key1":"db.example"}' },
                {
                    name: "hmac-keys-secret-version",
                    from: { secretId: [tier.hmacSecret], secretString: [tier.database] },
                },
            );
            assert.deepEqual(await messagesOf(swap(tier.all, tier.hmacVersion, version), rule), [
                "secret fraud-detector/prod/hmac-keys: SecretVersion hmac-keys-secret-version stores a literal value; build secretString from a RandomPassword's result (or pass it write-only in secretStringWo), never a string in the program",
            ]);
        });
    });

    describe("secrets-recovery-window", () => {
        const rule = "secrets-recovery-window";
        const secret = (environment: string, recoveryWindowInDays?: number) =>
            resource(SECRET, {
                name: "fraud-detector/prod/database",
                recoveryWindowInDays,
                tags: stackTags(environment),
            });

        it("passes a production secret with a 7-day window", async () => {
            assert.deepEqual(await messagesOf([secret("production", 7)], rule), []);
        });

        it("passes a production secret that keeps the default 30-day window", async () => {
            assert.deepEqual(await messagesOf([secret("production")], rule), []);
        });

        it("rejects a production secret deleted at once (mandatory)", async () => {
            assert.deepEqual(await levelsOf([secret("production", 0)], rule), [
                [
                    "mandatory",
                    "recoveryWindowInDays is 0 (deleted at once, no recovery); set recoveryWindowInDays between 7 and 30, or leave it unset for 30",
                ],
            ]);
        });

        it("rejects a production window longer than 30 days", async () => {
            assert.deepEqual(await messagesOf([secret("production", 45)], rule), [
                "recoveryWindowInDays is 45; set recoveryWindowInDays between 7 and 30, or leave it unset for 30",
            ]);
        });

        it("lets staging delete secrets at once", async () => {
            assert.deepEqual(await messagesOf([secret("staging", 0)], rule), []);
        });
    });

    describe("secrets-rotation-and-cmk", () => {
        const rule = "secrets-rotation-and-cmk";

        it("passes a secret under a customer key, rotated every 30 days by a Lambda", async () => {
            assert.deepEqual(await messagesOf(rotatedSecret().all, rule), []);
        });

        it("accepts a rate schedule expression of 30 days", async () => {
            const tier = rotatedSecret();
            const rotation = mutate(tier.rotation, { rotationRules: { scheduleExpression: "rate(30 days)" } });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.rotation, rotation), rule), []);
        });

        it("advises a production secret without a customer key (advisory)", async () => {
            const tier = rotatedSecret();
            const secret = mutate(tier.secret, { kmsKeyId: undefined });
            assert.deepEqual(await levelsOf(swap(tier.all, tier.secret, secret), rule), [
                [
                    "advisory",
                    "secret fraud-detector/prod/database: kmsKeyId is unset; encrypt the secret with a customer-managed key (kmsKeyId from an aws.kms.Key)",
                ],
            ]);
        });

        it("advises a secret that is never rotated", async () => {
            const tier = rotatedSecret();
            assert.deepEqual(await messagesOf(swap(tier.all, tier.rotation), rule), [
                "secret fraud-detector/prod/database: is never rotated; add a SecretRotation with secretId → this secret, a rotationLambdaArn and rotationRules.automaticallyAfterDays at most 90",
            ]);
        });

        it("advises a rotation less often than every 90 days", async () => {
            const tier = rotatedSecret();
            const rotation = mutate(tier.rotation, { rotationRules: { automaticallyAfterDays: 180 } });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.rotation, rotation), rule), [
                "secret fraud-detector/prod/database: the rotation schedule is 180; rotate at least every 90 days (rotationRules.automaticallyAfterDays at most 90)",
            ]);
        });

        it("advises a rotation that is turned off", async () => {
            const tier = rotatedSecret();
            const rotation = mutate(tier.rotation, { rotationEnabled: false });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.rotation, rotation), rule), [
                "secret fraud-detector/prod/database: rotation is turned off (rotationEnabled false); remove rotationEnabled or set it to true",
            ]);
        });

        it("advises a rotation without a Lambda", async () => {
            const tier = rotatedSecret();
            const rotation = mutate(tier.rotation, { rotationLambdaArn: undefined });
            assert.deepEqual(await messagesOf(swap(tier.all, tier.rotation, rotation), rule), [
                "secret fraud-detector/prod/database: the rotation has no rotationLambdaArn; set it to the rotation function's ARN",
            ]);
        });
    });

    describe("kms-key-safety", () => {
        const rule = "kms-key-safety";

        it("passes a rotating, enabled key with a 30-day deletion window and a named-principal policy", async () => {
            assert.deepEqual(await messagesOf([key()], rule), []);
        });

        it("passes a key that keeps the provider's default 30-day deletion window", async () => {
            assert.deepEqual(await messagesOf([key("production", { deletionWindowInDays: undefined })], rule), []);
        });

        it("rejects a production key whose rotation is left at the provider default (mandatory)", async () => {
            assert.deepEqual(await levelsOf([key("production", { enableKeyRotation: undefined })], rule), [
                [
                    "mandatory",
                    "enableKeyRotation is unset (the provider default is false); set enableKeyRotation: true",
                ],
            ]);
        });

        it("only advises in local", async () => {
            assert.deepEqual(await levelsOf([key("local", { enableKeyRotation: false })], rule), [
                ["advisory", "enableKeyRotation is false (the provider default is false); set enableKeyRotation: true"],
            ]);
        });

        it("does not ask asymmetric keys to rotate, which AWS cannot do", async () => {
            const signing = key("production", { enableKeyRotation: undefined, customerMasterKeySpec: "RSA_2048" });
            assert.deepEqual(await messagesOf([signing], rule), []);
        });

        it("rejects a rotation period longer than a year", async () => {
            assert.deepEqual(await messagesOf([key("production", { rotationPeriodInDays: 730 })], rule), [
                "rotationPeriodInDays is 730; set it to at most 365 (or leave it unset for yearly rotation)",
            ]);
        });

        it("rejects a deletion window shorter than 30 days", async () => {
            assert.deepEqual(await messagesOf([key("production", { deletionWindowInDays: 7 })], rule), [
                "deletionWindowInDays is 7; set deletionWindowInDays: 30 (or leave it unset) so a deleted key can be recovered",
            ]);
        });

        it("rejects a disabled key", async () => {
            assert.deepEqual(await messagesOf([key("production", { isEnabled: false })], rule), [
                "isEnabled is false; a disabled key makes everything it encrypts unreadable; set isEnabled: true",
            ]);
        });

        it("rejects a key without an explicit policy", async () => {
            assert.deepEqual(await messagesOf([key("production", { policy: undefined })], rule), [
                "has no explicit key policy; set policy to a document that names this account's principals",
            ]);
        });

        it("rejects a key policy that does not parse", async () => {
            assert.deepEqual(await messagesOf([key("production", { policy: "{" })], rule), [
                'the key policy does not parse ("{"); set policy to a valid JSON policy document',
            ]);
        });

        it("rejects a key policy that allows Principal * without a Condition", async () => {
            const open = { Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" };
            const policy = JSON.stringify({ Statement: [open] });
            assert.deepEqual(await messagesOf([key("production", { policy })], rule), [
                'the key policy allows kms:Decrypt to Principal "*" without a Condition; name the principals or add a Condition (e.g. kms:CallerAccount)',
            ]);
        });

        it("passes a Principal * statement bounded by a Condition", async () => {
            const bounded = {
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: "kms:Decrypt",
                Resource: "*",
                Condition: { StringEquals: { "kms:CallerAccount": "123456789012" } },
            };
            const policy = JSON.stringify({ Statement: [bounded] });
            assert.deepEqual(await messagesOf([key("production", { policy })], rule), []);
        });
    });
});
