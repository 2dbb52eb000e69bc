import { strict as assert } from "assert";
import { planOf } from "../helpers/plan";

/** Stateful types, and whether Pulumi must also keep them in AWS when it deletes them. */
const STATEFUL: Readonly<Record<string, boolean>> = {
    "aws:rds/instance:Instance": false,
    "aws:elasticache/replicationGroup:ReplicationGroup": false,
    "aws:s3/bucket:Bucket": true,
    "aws:secretsmanager/secret:Secret": false,
    "aws:kms/key:Key": true,
};

describe("destroy safety of production", () => {
    const plan = planOf("production");
    const stateful = plan.resources.filter((r) => r.type in STATEFUL);

    it("has the stateful resources it should: database, cache, three buckets, four secrets, the key", () =>
        assert.equal(stateful.length, 10));

    it("protects every stateful resource, and retains buckets and keys on delete", () => {
        const unsafe = stateful.filter((r) => !r.options.protect || (STATEFUL[r.type] && !r.options.retainOnDelete));
        assert.deepEqual(
            unsafe.map((r) => r.urn),
            [],
        );
    });

    it("turns on the services' own deletion protection and final snapshots", () => {
        const db = stateful.find((r) => r.type === "aws:rds/instance:Instance")!.inputs;
        const cache = stateful.find((r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup")!.inputs;
        assert.deepEqual(
            [db.deletionProtection, db.skipFinalSnapshot, db.deleteAutomatedBackups],
            [true, false, false],
        );
        assert.equal(cache.finalSnapshotIdentifier, "fraud-detector-prod-final");
        for (const bucket of stateful.filter((r) => r.type === "aws:s3/bucket:Bucket")) {
            assert.equal(bucket.inputs.forceDestroy, false);
        }
    });
});
