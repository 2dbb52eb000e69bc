import { strict as assert } from "assert";
import { resource, stackTags } from "../harness";
import { fromResourcePass, phasesOn } from "../resource-parts-harness";

/** Issue #11: this family's stack rules decide their single-resource parts in the resource pass (see ../resource-parts-harness.ts). */

describe("stack rules' single-resource parts are decided in the resource pass (issue #11)", () => {
    describe("s3-data-protection and s3-policy-and-acls", () => {
        const bucket = (props: Record<string, unknown>) =>
            resource("aws:s3/bucketV2:BucketV2", {
                bucket: "fraud-detector-prod-logs",
                tags: { ...stackTags(), Purpose: "logs" },
                ...props,
            });

        it("reports forceDestroy on a production bucket from the bucket alone", async () => {
            const b = bucket({ forceDestroy: true });
            await fromResourcePass(
                [b],
                "s3-data-protection",
                b,
                "mandatory",
                "bucket fraud-detector-prod-logs: forceDestroy is true; remove forceDestroy so a destroy cannot empty the bucket",
            );
        });

        it("reports the bucket's own acl and grants at preview while its bucket policy is unknown", async () => {
            const b = bucket({ acl: "log-delivery-write", grants: [{ type: "Group" }] });
            const policy = resource(
                "aws:s3/bucketPolicy:BucketPolicy",
                { bucket: b.id, policy: `{"Statement":[{"Resource":"arn:aws:s3:::${b.id}/*"}]}` },
                { from: { bucket: [b], policy: [b] } },
            );
            const messages = [
                'bucket fraud-detector-prod-logs: sets acl "log-delivery-write"; remove acl (ACLs stay off, ownership BucketOwnerEnforced)',
                "bucket fraud-detector-prod-logs: sets grants; remove grants and grant access through the bucket policy or IAM",
            ];
            for (const message of messages) {
                await fromResourcePass([b, policy], "s3-policy-and-acls", b, "mandatory", message);
            }
            const phases = await phasesOn([b, policy], "s3-policy-and-acls", b);
            assert.deepEqual(
                phases.filter(([, message]) => messages.includes(String(message))),
                messages.map((message) => ["preview", message]),
            );
        });
    });
});
