import { strict as assert } from "assert";
import { onlyOf, planOf, runPlanCli, STACKS } from "../helpers/plan";
import { dependentsOf, sourceOf } from "../helpers/relations";

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

/** The guide's cache per stack (Caching Strategy; Staging: t3.micro), and the profile's rest. */
const EXPECTED = {
    production: {
        id: "fraud-detector-prod",
        node: "cache.r6g.large",
        clusters: 3,
        ha: true,
        snapshots: 7,
        protected: true,
    },
    staging: {
        id: "fraud-detector-staging",
        node: "cache.t3.micro",
        clusters: 1,
        ha: false,
        snapshots: 1,
        protected: true,
    },
    local: {
        id: "fraud-detector-local",
        node: "cache.t4g.micro",
        clusters: 1,
        ha: false,
        snapshots: 1,
        protected: false,
    },
} as const;

describe("Cache", () => {
    for (const stack of STACKS) {
        const expected = EXPECTED[stack];
        describe(`in ${stack}`, () => {
            it(`is Redis 7.0 on ${expected.clusters} x ${expected.node}, failover and Multi-AZ ${expected.ha}`, () => {
                const redis = onlyOf(planOf(stack), GROUP).inputs;
                assert.deepEqual(
                    [
                        redis.replicationGroupId,
                        redis.engine,
                        redis.engineVersion,
                        redis.nodeType,
                        redis.numCacheClusters,
                    ],
                    [expected.id, "redis", "7.0", expected.node, expected.clusters],
                );
                assert.deepEqual([redis.automaticFailoverEnabled, redis.multiAzEnabled], [expected.ha, expected.ha]);
            });

            it("encrypts at rest with the data key and requires TLS in transit, clients authenticated by a write-only token", () => {
                const plan = planOf(stack);
                const redis = onlyOf(plan, GROUP);
                assert.deepEqual(
                    [
                        redis.inputs.atRestEncryptionEnabled,
                        redis.inputs.transitEncryptionEnabled,
                        redis.inputs.transitEncryptionMode,
                    ],
                    [true, true, "required"],
                );
                assert.equal(sourceOf(plan, redis, "kmsKeyId")?.type, "aws:kms/key:Key");
                assert.equal(redis.inputs.authTokenWo, "[secret]");
                assert.equal(redis.inputs.authToken, undefined);
                assert.equal(sourceOf(plan, redis, "authTokenWo")?.type, "random:index/randomPassword:RandomPassword");
            });

            it(`keeps daily snapshots ${expected.snapshots} day(s), outside the maintenance window`, () => {
                const redis = onlyOf(planOf(stack), GROUP).inputs;
                assert.deepEqual(
                    [redis.snapshotRetentionLimit, redis.snapshotWindow, redis.maintenanceWindow],
                    [expected.snapshots, "04:00-05:00", "sun:06:00-sun:07:00"],
                );
                assert.equal(redis.finalSnapshotIdentifier, expected.protected ? `${expected.id}-final` : undefined);
            });

            it("admits 6379 only from the three application security groups, in the isolated subnets", () => {
                const plan = planOf(stack);
                const redis = onlyOf(plan, GROUP);
                const group = sourceOf(plan, redis, "securityGroupIds", "aws:ec2/securityGroup:SecurityGroup");
                assert.ok(group);
                const rules = dependentsOf(
                    plan,
                    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                    "securityGroupId",
                    group,
                );
                assert.deepEqual(
                    new Set(
                        rules.map(
                            (r) =>
                                `${String(r.inputs.ipProtocol)}/${String(r.inputs.fromPort)}-${String(r.inputs.toPort)}`,
                        ),
                    ),
                    new Set(["tcp/6379-6379"]),
                );
                assert.deepEqual(
                    rules.map((r) => r.inputs.referencedSecurityGroupId).sort(),
                    Object.values(plan.outputs.serviceSecurityGroupIds as Record<string, string>).sort(),
                );
                assert.deepEqual(
                    onlyOf(plan, "aws:elasticache/subnetGroup:SubnetGroup").inputs.subnetIds,
                    plan.outputs.isolatedSubnetIds,
                );
            });
        });
    }

    it("spreads production's three nodes over both AZs", () =>
        assert.deepEqual(onlyOf(planOf("production"), GROUP).inputs.preferredCacheClusterAzs, [
            "ca-central-1a",
            "ca-central-1b",
            "ca-central-1a",
        ]));

    describe("AUTH token rotation (cache.authTokenVersion, cache.authTokenUpdateStrategy)", () => {
        const REDIS_AUTH = "random:index/randomPassword:RandomPassword";
        const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
        /** The token's keepers, the group's write version and strategy, under the overrides. */
        const rotation = (...overrides: string[]) => {
            const plan = planOf("production", overrides);
            const token = plan.resources.find((r) => r.type === REDIS_AUTH && r.name.endsWith("-redis-auth"))!;
            const redis = onlyOf(plan, GROUP).inputs;
            return [token.inputs.keepers ?? null, redis.authTokenWoVersion, redis.authTokenUpdateStrategy ?? null];
        };

        it("keeps the created token as it is by default: no keepers, write version 1, no strategy", () =>
            assert.deepEqual(rotation(), [null, 1, null]));

        it("step 1, version 2 with ROTATE: a new token (its keepers change), write version 2, ROTATE", () =>
            assert.deepEqual(
                rotation(
                    "fraud-detector:cache.authTokenVersion=2",
                    "fraud-detector:cache.authTokenUpdateStrategy=ROTATE",
                ),
                [{ authTokenVersion: "2" }, 2, "ROTATE"],
            ));

        it("step 2, version 2 with SET: the same token (same keepers) sent again, write version 3, SET", () =>
            assert.deepEqual(
                rotation("fraud-detector:cache.authTokenVersion=2", "fraud-detector:cache.authTokenUpdateStrategy=SET"),
                [{ authTokenVersion: "2" }, 3, "SET"],
            ));

        it("the next rotation, version 3 with ROTATE, goes on from there: write version 4", () =>
            assert.deepEqual(
                rotation(
                    "fraud-detector:cache.authTokenVersion=3",
                    "fraud-detector:cache.authTokenUpdateStrategy=ROTATE",
                ),
                [{ authTokenVersion: "3" }, 4, "ROTATE"],
            ));

        it("refuses ROTATE without a new token, with one line saying why, and plans nothing", () => {
            const run = runPlanCli([
                "--stack",
                "production",
                "--config",
                "fraud-detector:cache.authTokenUpdateStrategy=ROTATE",
            ]);
            assert.deepEqual(
                [run.status, run.stdout, run.stderr.trim()],
                [
                    2,
                    "",
                    'fraud-detector:cache.authTokenUpdateStrategy: "ROTATE" is not allowed; expected SET while authTokenVersion is 1; ROTATE comes with a new token (authTokenVersion 2 or more)',
                ],
            );
        });

        for (const stack of STACKS) {
            it(`writes the token into the redis secret only after the replication group of ${stack} has it`, () => {
                const plan = planOf(stack);
                const version = plan.resources.find((r) => r.type === VERSION && r.name.endsWith("-secrets-redis"))!;
                assert.ok(version.options.dependsOn.includes(onlyOf(plan, GROUP).urn));
            });
        }
    });
});
