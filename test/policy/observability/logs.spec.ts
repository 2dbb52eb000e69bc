import { strict as assert } from "assert";
import { levelsOf, messagesOf, resource, stackTags, violationsOf } from "../harness";
import { Doc, LOG_GROUP } from "./fixtures";

describe("policy: observability", () => {
    describe("log-group-retention", () => {
        const RULE = "log-group-retention";
        const logGroup = (props: Doc = {}, environment = "production") =>
            resource(LOG_GROUP, {
                name: "/ecs/fraud-api",
                retentionInDays: 30,
                tags: stackTags(environment),
                ...props,
            });

        it("passes a log group with an explicit retention", async () => {
            assert.deepEqual(await messagesOf([logGroup()], RULE), []);
        });

        it("rejects a production log group without retention (mandatory)", async () => {
            assert.deepEqual(await levelsOf([logGroup({ retentionInDays: undefined })], RULE), [
                [
                    "mandatory",
                    "retentionInDays is unset, so logs are kept (and billed) forever; set retentionInDays (e.g. 30, 365 in production)",
                ],
            ]);
        });

        it("only advises in local", async () => {
            assert.deepEqual(
                (await violationsOf([logGroup({ retentionInDays: undefined }, "local")], RULE)).map(
                    (v) => v.enforcementLevel,
                ),
                ["advisory"],
            );
        });

        it("rejects retention 0, which never expires", async () => {
            assert.deepEqual(await messagesOf([logGroup({ retentionInDays: 0 })], RULE), [
                "retentionInDays is 0 (never expire); set retentionInDays (e.g. 30, 365 in production)",
            ]);
        });
    });
});
