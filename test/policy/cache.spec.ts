import { strict as assert } from "assert";
import { PlanResource } from "../../plan/engine/contract";
import { From, Props, securityGroup, SERVICE, SG, vpc } from "./data-tier-fixtures";
import { levelsOf, messagesOf, resource, stackTags } from "./harness";

const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

const CACHE_SUBNET_GROUP = "aws:elasticache/subnetGroup:SubnetGroup";

/** A compliant production replication group's inputs. */
function cacheProps(environment = "production"): Props {
    return {
        description: "fraud-detector cache",
        engine: "redis",
        engineVersion: "7.0",
        nodeType: "cache.r6g.large",
        numCacheClusters: 3,
        automaticFailoverEnabled: true,
        multiAzEnabled: true,
        preferredCacheClusterAzs: ["ca-central-1a", "ca-central-1b", "ca-central-1a"],
        atRestEncryptionEnabled: true,
        kmsKeyId: "arn:aws:kms:ca-central-1:123456789012:key/cache",
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        authTokenWo: "[secret]",
        authTokenWoVersion: 1,
        snapshotRetentionLimit: 7,
        snapshotWindow: "03:00-04:00",
        maintenanceWindow: "sun:05:00-sun:06:00",
        finalSnapshotIdentifier: "fraud-detector-production-cache-final",
        subnetGroupName: "cache-subnets",
        securityGroupIds: ["cache-sg-id"],
        tags: stackTags(environment),
    };
}

function cache(props: Props = cacheProps(), from: From = {}): PlanResource {
    return resource(REPLICATION_GROUP, props, { name: "cache", from });
}

/** A replication group in its subnet group and security group (spread `props` over the compliant ones). */
function cacheStack(
    change: { props?: Props; network?: PlanResource; from?: From; extra?: PlanResource[] } = {},
): PlanResource[] {
    const network = change.network ?? vpc();
    const subnets = resource(
        CACHE_SUBNET_GROUP,
        { subnetIds: ["subnet-1", "subnet-2"], tags: stackTags() },
        { name: "cache-subnets", from: { subnetIds: [network] } },
    );
    const group = securityGroup("cache-sg");
    const replicationGroup = cache(
        { ...cacheProps(), ...change.props },
        { subnetGroupName: [subnets], securityGroupIds: [group], ...change.from },
    );
    return [network, subnets, group, replicationGroup, ...(change.extra ?? [])];
}

describe("policy: database and cache", () => {
    describe("cache-encryption", () => {
        it("passes a group encrypted at rest and in transit", async () =>
            assert.deepEqual(await messagesOf([cache()], "cache-encryption"), []));

        it("passes valkey's default at-rest encryption", async () =>
            assert.deepEqual(
                await messagesOf(
                    [cache({ ...cacheProps(), engine: "valkey", atRestEncryptionEnabled: undefined })],
                    "cache-encryption",
                ),
                [],
            ));

        it("rejects redis without at-rest encryption, mandatory in staging", async () =>
            assert.deepEqual(
                await levelsOf(
                    [cache({ ...cacheProps("staging"), atRestEncryptionEnabled: undefined })],
                    "cache-encryption",
                ),
                [
                    [
                        "mandatory",
                        "atRestEncryptionEnabled is unset (off by default for redis); set atRestEncryptionEnabled: true (a customer KMS key in kmsKeyId is preferred)",
                    ],
                ],
            ));

        it("rejects a group without transit encryption", async () =>
            assert.deepEqual(
                await messagesOf(
                    [cache({ ...cacheProps(), transitEncryptionEnabled: false, transitEncryptionMode: undefined })],
                    "cache-encryption",
                ),
                [
                    "transitEncryptionEnabled is false; set transitEncryptionEnabled: true",
                    'transitEncryptionMode is unset; set transitEncryptionMode: "required" so no client connects without TLS',
                ],
            ));

        it("rejects the preferred transit mode, which still admits plain connections", async () =>
            assert.deepEqual(
                await messagesOf([cache({ ...cacheProps(), transitEncryptionMode: "preferred" })], "cache-encryption"),
                [
                    'transitEncryptionMode is "preferred"; set transitEncryptionMode: "required" so no client connects without TLS',
                ],
            ));
    });

    describe("cache-high-availability", () => {
        it("passes three clusters with failover over both AZs", async () =>
            assert.deepEqual(await messagesOf([cache()], "cache-high-availability"), []));

        it("rejects a production group without automatic failover as mandatory", async () =>
            assert.deepEqual(
                await levelsOf(
                    [cache({ ...cacheProps(), automaticFailoverEnabled: undefined })],
                    "cache-high-availability",
                ),
                [
                    [
                        "mandatory",
                        "automaticFailoverEnabled is unset (the provider's default is false); set automaticFailoverEnabled: true",
                    ],
                ],
            ));

        it("rejects a group without Multi-AZ", async () =>
            assert.deepEqual(
                await messagesOf([cache({ ...cacheProps(), multiAzEnabled: false })], "cache-high-availability"),
                ["multiAzEnabled is false (the provider's default is false); set multiAzEnabled: true"],
            ));

        it("only advises a second cluster in staging", async () =>
            assert.deepEqual(
                await levelsOf(
                    [cache({ ...cacheProps("staging"), numCacheClusters: 1, preferredCacheClusterAzs: undefined })],
                    "cache-high-availability",
                ),
                [
                    [
                        "advisory",
                        "numCacheClusters is 1 (the default is 1); set numCacheClusters: 2 or more (the guide runs 3)",
                    ],
                ],
            ));

        it("rejects clusters kept in one AZ", async () =>
            assert.deepEqual(
                await messagesOf(
                    [cache({ ...cacheProps(), preferredCacheClusterAzs: ["ca-central-1a", "ca-central-1a"] })],
                    "cache-high-availability",
                ),
                [
                    'preferredCacheClusterAzs is ["ca-central-1a","ca-central-1a"]; spread the clusters over both AZs, e.g. ["ca-central-1a", "ca-central-1b", "ca-central-1a"]',
                ],
            ));
    });

    describe("cache-backups", () => {
        it("passes a week of snapshots clear of maintenance with a final snapshot", async () =>
            assert.deepEqual(await messagesOf([cache()], "cache-backups"), []));

        it("rejects a group without snapshots, mandatory in staging", async () =>
            assert.deepEqual(
                await levelsOf([cache({ ...cacheProps("staging"), snapshotRetentionLimit: 0 })], "cache-backups"),
                [
                    [
                        "mandatory",
                        "snapshotRetentionLimit is 0 (0 or unset turns snapshots off); set snapshotRetentionLimit: 7 (at least 1)",
                    ],
                ],
            ));

        it("rejects a malformed snapshot window", async () =>
            assert.deepEqual(await messagesOf([cache({ ...cacheProps(), snapshotWindow: "3am" })], "cache-backups"), [
                'snapshotWindow is "3am", not hh24:mi-hh24:mi (UTC); set e.g. snapshotWindow: "03:00-04:00"',
            ]));

        it("rejects a snapshot window that overlaps maintenance", async () =>
            assert.deepEqual(
                await messagesOf(
                    [cache({ ...cacheProps(), maintenanceWindow: "mon:03:00-mon:04:00" })],
                    "cache-backups",
                ),
                [
                    'maintenanceWindow "mon:03:00-mon:04:00" overlaps snapshotWindow "03:00-04:00"; move maintenanceWindow outside it, e.g. "sun:05:00-sun:06:00"',
                ],
            ));

        it("rejects a production group without a final snapshot", async () =>
            assert.deepEqual(
                await messagesOf([cache({ ...cacheProps(), finalSnapshotIdentifier: undefined })], "cache-backups"),
                [
                    'finalSnapshotIdentifier is unset; name a final snapshot in production, e.g. finalSnapshotIdentifier: "fraud-detector-production-cache-final"',
                ],
            ));

        it("does not require a final snapshot in staging", async () =>
            assert.deepEqual(
                await messagesOf(
                    [cache({ ...cacheProps("staging"), finalSnapshotIdentifier: undefined })],
                    "cache-backups",
                ),
                [],
            ));
    });

    describe("cache-network-isolation", () => {
        it("passes a group in its own subnet group and security group", async () =>
            assert.deepEqual(await messagesOf(cacheStack(), "cache-network-isolation"), []));

        it("rejects the default subnet group, mandatory in production", async () =>
            assert.deepEqual(
                await levelsOf(
                    cacheStack({ props: { subnetGroupName: undefined }, from: { subnetGroupName: [] } }),
                    "cache-network-isolation",
                ),
                [
                    [
                        "mandatory",
                        "subnetGroupName is unset, so the default subnet group is used, not a subnet group of this stack; create a dedicated subnet group over the Private or Isolated subnets and set subnetGroupName to its name",
                    ],
                ],
            ));

        it('rejects a subnet group named "default"', async () =>
            assert.deepEqual(
                await messagesOf(
                    cacheStack({ props: { subnetGroupName: "default" }, from: { subnetGroupName: [] } }),
                    "cache-network-isolation",
                ),
                [
                    'subnetGroupName is "default", not a subnet group of this stack; create a dedicated subnet group over the Private or Isolated subnets and set subnetGroupName to its name',
                ],
            ));

        it("rejects subnets of a VPC with only public subnets", async () =>
            assert.deepEqual(
                await messagesOf(
                    cacheStack({ network: vpc({ subnetSpecs: [{ type: "Public" }] }) }),
                    "cache-network-isolation",
                ),
                [
                    "subnet group cache-subnets takes its subnets from VPC vpc, which declares only Public subnets; add a subnetSpec of type Private or Isolated and use those subnet ids",
                ],
            ));

        it("rejects a group without a security group", async () =>
            assert.deepEqual(
                await messagesOf(
                    cacheStack({ props: { securityGroupIds: undefined }, from: { securityGroupIds: [] } }),
                    "cache-network-isolation",
                ),
                [
                    "securityGroupIds is unset, so the VPC's default security group is attached; attach the cache tier's own security group of this stack",
                ],
            ));

        it("rejects a security group shared with the application tier", async () => {
            const stack = cacheStack();
            const group = stack.find((r) => r.type === SG) as PlanResource;
            const service = resource(SERVICE, { tags: stackTags() }, { from: { networkConfiguration: [group] } });
            assert.deepEqual(await messagesOf([...stack, service], "cache-network-isolation"), [
                "security group cache-sg is also attached to the app tier; give the cache tier a security group of its own",
            ]);
        });
    });

    describe("cache-minor-version-upgrades", () => {
        it("passes redis 7.0 with automatic minor upgrades", async () =>
            assert.deepEqual(await messagesOf([cache()], "cache-minor-version-upgrades"), []));

        it("rejects turning automatic minor upgrades off, advisory in local", async () =>
            assert.deepEqual(
                await levelsOf(
                    [cache({ ...cacheProps("local"), autoMinorVersionUpgrade: false })],
                    "cache-minor-version-upgrades",
                ),
                [["advisory", "autoMinorVersionUpgrade is false; remove it or set autoMinorVersionUpgrade: true"]],
            ));

        it("rejects an engine other than Redis OSS or Valkey", async () =>
            assert.deepEqual(
                await messagesOf([cache({ ...cacheProps(), engine: "memcached" })], "cache-minor-version-upgrades"),
                ['engine is "memcached"; set engine: "redis" or "valkey"'],
            ));

        it("rejects a version before 7.0", async () =>
            assert.deepEqual(
                await messagesOf([cache({ ...cacheProps(), engineVersion: "6.2" })], "cache-minor-version-upgrades"),
                ['engineVersion is "6.2"; set engineVersion: "7.0" or later, as the guide specifies'],
            ));

        it("rejects an unpinned version", async () =>
            assert.deepEqual(
                await messagesOf(
                    [cache({ ...cacheProps(), engineVersion: undefined })],
                    "cache-minor-version-upgrades",
                ),
                ['engineVersion is unset; set engineVersion: "7.0" or later, as the guide specifies'],
            ));
    });

    describe("cache-auth", () => {
        it("passes a write-only AUTH token", async () =>
            assert.deepEqual(await messagesOf([cache()], "cache-auth"), []));

        it("passes an RBAC user group", async () =>
            assert.deepEqual(
                await messagesOf(
                    [
                        cache({
                            ...cacheProps(),
                            authTokenWo: undefined,
                            authTokenWoVersion: undefined,
                            userGroupIds: ["app-users"],
                        }),
                    ],
                    "cache-auth",
                ),
                [],
            ));

        it("advises moving an AUTH token out of the state, even in production", async () =>
            assert.deepEqual(
                await levelsOf(
                    [
                        cache({
                            ...cacheProps(),
                            authTokenWo: undefined,
                            authTokenWoVersion: undefined,
                            authToken: "[secret]",
                        }),
                    ],
                    "cache-auth",
                ),
                [
                    [
                        "advisory",
                        "authToken is set, so the AUTH token is stored in the Pulumi state; pass it as authTokenWo with authTokenWoVersion, or attach an RBAC user group in userGroupIds",
                    ],
                ],
            ));

        it("advises authentication when there is none", async () =>
            assert.deepEqual(
                await messagesOf(
                    [cache({ ...cacheProps(), authTokenWo: undefined, authTokenWoVersion: undefined })],
                    "cache-auth",
                ),
                [
                    "authTokenWo and userGroupIds are unset, so clients connect without authenticating; set authTokenWo (with authTokenWoVersion) or attach an RBAC user group in userGroupIds",
                ],
            ));
    });
});
