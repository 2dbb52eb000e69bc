import { strict as assert } from "assert";
import { levelsOf, messagesOf, resource, stackTags } from "./harness";

const RULE = "aws-resource-names";
const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
const BUCKET = "aws:s3/bucket:Bucket";
const ROLE = "aws:iam/role:Role";

/** A resource of `type` with `props`, the stack's tags and logical name `name`. */
function named(type: string, props: Record<string, unknown>, name = "fixture", environment = "production") {
    return resource(type, { ...props, tags: stackTags(environment) }, { name });
}

describe("policy: aws-resource-names", () => {
    it("passes names within their type's limits, given or auto-named", async () =>
        assert.deepEqual(
            await messagesOf(
                [
                    named(TARGET_GROUP, { name: "fd-prod-blue-1b4f442" }, "fd-prod-blue"),
                    named(LOAD_BALANCER, { name: "fraud-detector-prod" }),
                    named(BUCKET, { bucket: "fraud-detector-prod-models" }),
                    named(ROLE, { name: "fraud-detector-prod-fraud-worker-execution-role-2fe0b33" }),
                    named(TARGET_GROUP, { namePrefix: "fdprd-" }),
                ],
                RULE,
            ),
            [],
        ));

    it("does not judge a name it cannot see (an output of another resource, unknown at preview)", async () =>
        assert.deepEqual(await messagesOf([named(TARGET_GROUP, {}, "fraud-detector-prod-alb-blue")], RULE), []));

    it("rejects a given name over the type's limit", async () =>
        assert.deepEqual(
            await messagesOf([named(TARGET_GROUP, { name: "fraud-detector-staging-alb-green" + "-x" })], RULE),
            [
                'name is "fraud-detector-staging-alb-green-x", 34 characters; AWS accepts at most 32 for a TargetGroup: set name to at most 32 characters',
            ],
        ));

    it("rejects an auto-name over AWS's limit, and says which logical name it came from", async () =>
        assert.deepEqual(
            await messagesOf(
                [named(LOAD_BALANCER, { name: "fraud-detector-prod-alb-lb-0f3a9c1" }, "fraud-detector-prod-alb-lb")],
                RULE,
            ),
            [
                'name is "fraud-detector-prod-alb-lb-0f3a9c1" (the provider\'s auto-name from the logical name "fraud-detector-prod-alb-lb"), 34 characters; AWS accepts at most 32 for a LoadBalancer: shorten the logical name to at most 24 characters, or set name to at most 32',
            ],
        ));

    it("rejects a character the type does not allow", async () =>
        assert.deepEqual(await messagesOf([named(ROLE, { name: "fraud detector api" })], RULE), [
            'name is "fraud detector api", with characters AWS refuses for a Role: set name using only letters, digits and _+=,.@-',
        ]));

    it("rejects an uppercase letter where AWS takes only lowercase", async () =>
        assert.deepEqual(await messagesOf([named(BUCKET, { bucket: "Fraud-Detector-Models" })], RULE), [
            'bucket is "Fraud-Detector-Models", with uppercase letters; AWS accepts only lowercase for a Bucket: set bucket in lowercase',
        ]));

    it("rejects a form AWS refuses although its characters are allowed", async () =>
        assert.deepEqual(await messagesOf([named(TARGET_GROUP, { name: "fd-prod-blue-" })], RULE), [
            'name is "fd-prod-blue-", but a TargetGroup name must not begin or end with a hyphen: set another name',
        ]));

    it("rejects a namePrefix over its own limit (6 for target groups)", async () =>
        assert.deepEqual(await messagesOf([named(TARGET_GROUP, { namePrefix: "fd-prod-" })], RULE), [
            'namePrefix is "fd-prod-", 8 characters; a TargetGroup takes a prefix of at most 6 (the generated name must fit AWS\'s 32): set namePrefix to at most 6 characters',
        ]));

    it("blocks in every stack, local included: AWS refuses the create whatever the environment", async () =>
        assert.deepEqual(
            (
                await levelsOf(
                    ["local", "staging", "production"].map((env) =>
                        named(TARGET_GROUP, { name: "fd-prod-blue-" }, `group-${env}`, env),
                    ),
                    RULE,
                )
            ).map(([level]) => level),
            ["mandatory", "mandatory", "mandatory"],
        ));
});
