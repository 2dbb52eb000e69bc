import { strict as assert } from "assert";
import { onlyOf, planOf, resourcesOf, STACKS } from "../helpers/plan";
import { dependentsOf, sourceOf } from "../helpers/relations";

const SECRET = "aws:secretsmanager/secret:Secret";
const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const SHORT = { production: "prod", staging: "staging", local: "local" } as const;

describe("Secrets", () => {
    for (const stack of STACKS) {
        const prefix = `fraud-detector/${SHORT[stack]}`;
        describe(`in ${stack}`, () => {
            it(`creates the guide's ${prefix}/database and ${prefix}/hmac-keys, plus the app key and the Redis token`, () =>
                assert.deepEqual(
                    resourcesOf(planOf(stack), SECRET)
                        .map((s) => s.inputs.name)
                        .sort(),
                    [`${prefix}/app-key`, `${prefix}/database`, `${prefix}/hmac-keys`, `${prefix}/redis`],
                ));

            it("encrypts every secret with the data key, with a description and a recovery window", () => {
                const plan = planOf(stack);
                for (const secret of resourcesOf(plan, SECRET)) {
                    assert.equal(sourceOf(plan, secret, "kmsKeyId")?.type, "aws:kms/key:Key");
                    assert.ok(String(secret.inputs.description).length > 0);
                    assert.equal(secret.inputs.recoveryWindowInDays, stack === "local" ? 7 : 30);
                }
            });

            it("fills the HMAC keys from two generated passwords, never a literal, and never prints them", () => {
                const plan = planOf(stack);
                const hmac = resourcesOf(plan, SECRET).find((s) => s.inputs.name === `${prefix}/hmac-keys`);
                assert.ok(hmac);
                const [version] = dependentsOf(plan, VERSION, "secretId", hmac);
                assert.equal(version.inputs.secretString, "[secret]");
                const sources = version.options.propertyDependencies.secretString.map(
                    (urn) => plan.resources.find((r) => r.urn === urn)?.type,
                );
                assert.deepEqual(sources, [
                    "random:index/randomPassword:RandomPassword",
                    "random:index/randomPassword:RandomPassword",
                ]);
            });

            it("points the database secret at the instance and its RDS-managed password", () => {
                const plan = planOf(stack);
                const db = resourcesOf(plan, SECRET).find((s) => s.inputs.name === `${prefix}/database`);
                assert.ok(db);
                const [version] = dependentsOf(plan, VERSION, "secretId", db);
                assert.equal(sourceOf(plan, version, "secretString")?.type, "aws:rds/instance:Instance");
            });

            it(`keeps the app configuration the guide rolls back in /${prefix}/config`, () => {
                const parameter = onlyOf(planOf(stack), "aws:ssm/parameter:Parameter").inputs;
                assert.equal(parameter.name, `/${prefix}/config`);
                const config = JSON.parse(String(parameter.insecureValue)) as Record<string, string>;
                assert.equal(config.APP_ENV, stack);
                assert.equal(config.APP_DEBUG, stack === "local" ? "true" : "false");
                assert.equal(config.MOCK_EXTERNAL_SERVICES, stack === "local" ? "true" : "false");
            });
        });
    }

    it("sets the guide's production flags in the configuration", () => {
        const config = JSON.parse(
            String(onlyOf(planOf("production"), "aws:ssm/parameter:Parameter").inputs.insecureValue),
        ) as Record<string, string>;
        assert.deepEqual(
            [
                config.ENCRYPT_SENSITIVE_DATA,
                config.AUDIT_LOGGING_ENABLED,
                config.SECURE_HEADERS_ENABLED,
                config.QUEUE_WORKERS,
                config.CACHE_DRIVER,
                config.SESSION_DRIVER,
            ],
            ["true", "true", "true", "4", "redis", "redis"],
        );
    });
});
