import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { Secrets, SecretsArgs } from "../../../components/security/secrets";
import { builtOnce } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
/** Production: protected secrets, an APP_KEY generated here, the first Redis token. */
const PRODUCTION: SecretsArgs = {
    pathPrefix: "fraud-detector/prod",
    kmsKeyArn: "arn:aws:kms:ca-central-1:111122223333:key/data",
    database: {
        host: "fraud-detector-prod.abc.ca-central-1.rds.amazonaws.com",
        port: 5432,
        dbName: "fraud_detector_prod",
        username: "fraud_user",
        passwordSecretArn: "arn:aws:secretsmanager:ca-central-1:111122223333:secret:rds!db-1",
    },
    redisAuthTokenVersion: 1,
    appConfig: { FEATURE_ML_SCORING: "true" },
    deletionProtection: true,
    tags: TAGS,
};
/** Local: unprotected, an APP_KEY from the stack's config, a rotated Redis token. */
const LOCAL: SecretsArgs = {
    ...PRODUCTION,
    pathPrefix: "fraud-detector/local",
    appKey: pulumi.secret("base64:bG9jYWw="),
    redisAuthTokenVersion: 2,
    deletionProtection: false,
};

const SECRET = "aws:secretsmanager/secret:Secret";
const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const PASSWORD = "random:index/randomPassword:RandomPassword";

/** The component with its Redis token stored after a stand-in for the cache, as Platform does. */
const build = (args: SecretsArgs) => () => {
    const secrets = new Secrets("secrets", args);
    // A custom resource: a dependency on a component is one on its children, and a stand-in has none.
    const cache = new random.RandomId("cache", { byteLength: 1 }, { parent: secrets });
    secrets.storeRedisAuthToken("secrets", cache);
    return secrets;
};

describe("components/security Secrets (built in-process)", () => {
    const cases = [
        {
            title: "production: generated APP_KEY, protected, the first token",
            args: PRODUCTION,
            appKeyBytes: true,
            recovery: 30,
            keepers: undefined,
        },
        {
            title: "local: APP_KEY from config, unprotected, token version 2",
            args: LOCAL,
            appKeyBytes: false,
            recovery: 7,
            keepers: { authTokenVersion: "2" },
        },
    ];
    for (const c of cases) {
        describe(c.title, () => {
            const built = builtOnce(build(c.args));

            it("creates four secrets under the stack's path, each with a version, and the config parameter", async () => {
                const { children, parentName, child } = await built();
                assert.deepEqual(
                    children
                        .filter((r) => r.name !== "cache")
                        .map((r) => `${r.type} ${r.name}`)
                        .sort(),
                    [
                        `${PASSWORD} secrets-hmac-key1`,
                        `${PASSWORD} secrets-hmac-key2`,
                        `${PASSWORD} secrets-redis-auth`,
                        ...(c.appKeyBytes ? ["random:index/randomBytes:RandomBytes secrets-app-key"] : []),
                        `${SECRET} secrets-app-key`,
                        `${SECRET} secrets-database`,
                        `${SECRET} secrets-hmac-keys`,
                        `${SECRET} secrets-redis`,
                        `${VERSION} secrets-app-key`,
                        `${VERSION} secrets-database`,
                        `${VERSION} secrets-hmac-keys`,
                        `${VERSION} secrets-redis`,
                        "aws:ssm/parameter:Parameter secrets-config",
                    ].sort(),
                );
                assert.ok(children.every((r) => parentName(r) === "secrets"));
                for (const suffix of ["database", "hmac-keys", "app-key", "redis"]) {
                    const secret = child(SECRET, `secrets-${suffix}`);
                    assert.deepEqual(
                        [secret.inputs.name, secret.inputs.recoveryWindowInDays, secret.options.protect],
                        [`${c.args.pathPrefix}/${suffix}`, c.recovery, c.args.deletionProtection],
                    );
                }
            });

            it("never shows a secret value, and writes the Redis token only after the cache", async () => {
                const { ofType, child } = await built();
                for (const version of ofType(VERSION)) {
                    assert.equal(version.inputs.secretString, "[secret]");
                }
                const cache = child("random:index/randomId:RandomId", "cache");
                assert.ok(child(VERSION, "secrets-redis").options.dependsOn.includes(cache.urn));
            });

            it("keys the Redis token to its version only from version 2", async () => {
                const token = (await built()).child(PASSWORD, "secrets-redis-auth");
                assert.deepEqual(
                    [token.inputs.length, token.inputs.special, token.inputs.keepers],
                    [64, false, c.keepers],
                );
            });

            it("stores the app configuration readable in /<path>/config", async () => {
                const { child, outputs } = await built();
                const parameter = child("aws:ssm/parameter:Parameter", "secrets-config").inputs;
                assert.deepEqual(
                    [parameter.name, parameter.type, parameter.insecureValue],
                    [`/${c.args.pathPrefix}/config`, "String", '{"FEATURE_ML_SCORING":"true"}'],
                );
                assert.equal(outputs.configParameterName, `/${c.args.pathPrefix}/config`);
            });
        });
    }

    describe("argument errors", () => {
        // Secrets validates nothing of its own and sets no tag a stack could hold: any tags pass.
        it("has none: even a stack Name tag passes through to every secret", async () => {
            const built = await builtOnce(build({ ...PRODUCTION, tags: { ...TAGS, Name: "shared" } }))();
            assert.equal((built.child(SECRET, "secrets-redis").inputs.tags as Record<string, string>).Name, "shared");
        });
    });
});
