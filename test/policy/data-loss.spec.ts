import { strict as assert } from "assert";
import { messagesOf, resource, stackTags, violationsOf } from "./harness";

describe("policy: data-loss", () => {
    describe("stateful-resources-protected", () => {
        it("passes a protected production database and a protected, retained bucket", async () => {
            const db = resource("aws:rds/instance:Instance", { tags: stackTags() }, { protect: true });
            const bucket = resource(
                "aws:s3/bucket:Bucket",
                { tags: stackTags() },
                { protect: true, retainOnDelete: true },
            );
            assert.deepEqual(await messagesOf([db, bucket], "stateful-resources-protected"), []);
        });

        it("rejects an unprotected production replication group", async () => {
            const cache = resource("aws:elasticache/replicationGroup:ReplicationGroup", { tags: stackTags() });
            const found = await violationsOf([cache], "stateful-resources-protected");
            assert.deepEqual(
                found.map((v) => [v.enforcementLevel, v.message]),
                [["mandatory", "the resource is not protected; register it with the resource option protect: true"]],
            );
        });

        it("rejects a production KMS key that is protected but not retained on delete", async () => {
            const key = resource("aws:kms/key:Key", { tags: stackTags() }, { protect: true });
            assert.deepEqual(await messagesOf([key], "stateful-resources-protected"), [
                "the resource is not retained on delete; register it with the resource option retainOnDelete: true",
            ]);
        });

        it("does not require protection outside production", async () => {
            const secret = resource("aws:secretsmanager/secret:Secret", { tags: stackTags("staging") });
            assert.deepEqual(await messagesOf([secret], "stateful-resources-protected"), []);
        });
    });
});
