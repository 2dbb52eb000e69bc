import { strict as assert } from "assert";
import { Cache, CacheArgs } from "../../../components/data/cache";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
/** The guide's production Redis: 3 x cache.r6g.large, 7.0, over two AZs. */
const PRODUCTION: CacheArgs = {
    replicationGroupId: "fraud-detector-prod",
    nodeType: "cache.r6g.large",
    numCacheClusters: 3,
    engineVersion: "7.0",
    snapshotRetentionDays: 7,
    deletionProtection: true,
    availabilityZones: ["ca-central-1a", "ca-central-1b"],
    vpcId: "vpc-1",
    subnetIds: ["subnet-isolated-a", "subnet-isolated-b"],
    clientSecurityGroupIds: { api: "sg-api", worker: "sg-worker" },
    kmsKeyArn: "arn:aws:kms:ca-central-1:111122223333:key/data",
    authToken: "token",
    authTokenVersion: 1,
    authTokenUpdateStrategy: "ROTATE",
    tags: TAGS,
};
/** One node, unprotected, as in local. */
const SINGLE: CacheArgs = {
    ...PRODUCTION,
    replicationGroupId: "fraud-detector-local",
    nodeType: "cache.t3.micro",
    numCacheClusters: 1,
    deletionProtection: false,
    clientSecurityGroupIds: { api: "sg-api" },
};

const build = (args: CacheArgs) => () => new Cache("cache", args);
const REDIS = "aws:elasticache/replicationGroup:ReplicationGroup";

describe("components/data Cache (built in-process)", () => {
    const cases = [
        {
            title: "production: three nodes with failover over two AZs, protected",
            args: PRODUCTION,
            clients: ["api", "worker"],
            replicated: true,
            azs: ["ca-central-1a", "ca-central-1b", "ca-central-1a"],
            finalSnapshot: "fraud-detector-prod-final",
        },
        {
            title: "one node: no failover, no AZ list, no final snapshot",
            args: SINGLE,
            clients: ["api"],
            replicated: false,
            azs: undefined,
            finalSnapshot: undefined,
        },
    ];
    for (const c of cases) {
        describe(c.title, () => {
            const built = builtOnce(build(c.args));

            it("creates a security group with one 6379 rule per client, a subnet group and the group", async () => {
                const { children, parentName } = await built();
                assert.deepEqual(
                    children.map((r) => `${r.type} ${r.name}`).sort(),
                    [
                        "aws:ec2/securityGroup:SecurityGroup cache-sg",
                        "aws:elasticache/replicationGroup:ReplicationGroup cache-redis",
                        "aws:elasticache/subnetGroup:SubnetGroup cache-subnets",
                        ...c.clients.map(
                            (client) =>
                                `aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule cache-from-${client}`,
                        ),
                    ].sort(),
                );
                assert.ok(children.every((r) => parentName(r) === "cache"));
                for (const client of c.clients) {
                    const rule = (await built()).child(
                        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                        `cache-from-${client}`,
                    );
                    assert.deepEqual(
                        [rule.inputs.fromPort, rule.inputs.toPort, rule.inputs.referencedSecurityGroupId],
                        [6379, 6379, `sg-${client}`],
                    );
                }
            });

            it("encrypts at rest and in transit, requires TLS and AUTH, snapshots daily", async () => {
                const redis = (await built()).child(REDIS, "cache-redis");
                const i = redis.inputs;
                assert.deepEqual(
                    [i.replicationGroupId, i.nodeType, i.numCacheClusters, i.engineVersion, i.port],
                    [c.args.replicationGroupId, c.args.nodeType, c.args.numCacheClusters, "7.0", 6379],
                );
                assert.deepEqual(
                    [i.atRestEncryptionEnabled, i.transitEncryptionEnabled, i.transitEncryptionMode],
                    [true, true, "required"],
                );
                assert.equal(i.authTokenWo, "[secret]");
                assert.deepEqual([i.snapshotWindow, i.maintenanceWindow], ["04:00-05:00", "sun:06:00-sun:07:00"]);
                assert.deepEqual(
                    [
                        i.automaticFailoverEnabled,
                        i.multiAzEnabled,
                        i.preferredCacheClusterAzs,
                        i.finalSnapshotIdentifier,
                    ],
                    [c.replicated, c.replicated, c.azs, c.finalSnapshot],
                );
                assert.equal(redis.options.protect, c.args.deletionProtection);
            });
        });
    }

    describe("the AUTH token's write versions", () => {
        const versions = [
            { version: 1, strategy: "ROTATE", wo: 0, sent: undefined },
            { version: 1, strategy: "SET", wo: 1, sent: undefined },
            { version: 2, strategy: "ROTATE", wo: 2, sent: "ROTATE" },
            { version: 2, strategy: "SET", wo: 3, sent: "SET" },
        ] as const;
        for (const v of versions) {
            it(`version ${v.version} ${v.strategy}: write version ${v.wo}, strategy ${v.sent ?? "unset"}`, async () => {
                const built = await builtOnce(
                    build({ ...SINGLE, authTokenVersion: v.version, authTokenUpdateStrategy: v.strategy }),
                )();
                const redis = built.child(REDIS, "cache-redis");
                assert.deepEqual(
                    [redis.inputs.authTokenWoVersion, redis.inputs.authTokenUpdateStrategy],
                    [v.wo, v.sent],
                );
            });
        }
    });

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<CacheArgs>[] = [
        [
            "stack tags that would lose the security group's Name",
            { tags: { ...TAGS, Name: "shared" } },
            'tag Name is set by the stack to "shared" and cannot be changed to "fraud-detector-prod-cache"',
        ],
        [
            "stack tags that would lose the security group's Role",
            { tags: { ...TAGS, Role: "shared" } },
            'tag Role is set by the stack to "shared" and cannot be changed to "cache"',
        ],
    ];
    refusesEach(build, PRODUCTION, ARGUMENT_ERRORS);
});
