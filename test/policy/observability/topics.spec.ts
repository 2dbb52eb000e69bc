import { strict as assert } from "assert";
import { levelsOf, messagesOf, resource, stackTags } from "../harness";
import { ACCOUNT, alertTopic, Doc, doc, TOPIC, TOPIC_ARN, TOPIC_POLICY } from "./fixtures";

describe("policy: observability", () => {
    describe("sns-topic-not-public", () => {
        const RULE = "sns-topic-not-public";
        const publish = (service: string, condition: Doc | undefined) => ({
            Effect: "Allow",
            Principal: { Service: service },
            Action: "SNS:Publish",
            Resource: TOPIC_ARN,
            ...(condition ? { Condition: condition } : {}),
        });
        const SOURCE_ACCOUNT = { StringEquals: { "aws:SourceAccount": ACCOUNT } };
        const OWNER = {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: ["SNS:Publish", "SNS:Subscribe"],
            Resource: TOPIC_ARN,
        };
        const topicPolicy = (...statements: Doc[]) =>
            resource(TOPIC_POLICY, { arn: TOPIC_ARN, policy: doc(...statements) }, { name: "alerts-policy" });

        it("passes the account and the three publishing services under a source condition", async () => {
            const p = topicPolicy(
                OWNER,
                publish("cloudwatch.amazonaws.com", SOURCE_ACCOUNT),
                publish("budgets.amazonaws.com", SOURCE_ACCOUNT),
                publish("events.rds.amazonaws.com", SOURCE_ACCOUNT),
            );
            assert.deepEqual(await messagesOf([p], RULE), []);
        });

        it("passes a topic without a policy (AWS's default admits the owner only)", async () => {
            assert.deepEqual(await messagesOf([alertTopic()], RULE), []);
        });

        it("rejects a topic policy open to * (mandatory)", async () => {
            const open = { ...OWNER, Principal: "*" };
            assert.deepEqual(await levelsOf([topicPolicy(open)], RULE), [
                [
                    "mandatory",
                    'policy statement 1 lets any principal ("*") use the topic; allow only this account and cloudwatch.amazonaws.com / budgets.amazonaws.com / events.rds.amazonaws.com',
                ],
            ]);
        });

        it("rejects another account, judging a topic's own policy string", async () => {
            const other = { ...OWNER, Principal: { AWS: "999999999999" } };
            const topic = resource(
                TOPIC,
                { policy: JSON.stringify(doc(other)), tags: stackTags("local") },
                { name: "alerts" },
            );
            assert.deepEqual(await levelsOf([topic], RULE), [
                [
                    "advisory",
                    `policy statement 1 admits AWS "999999999999", outside account ${ACCOUNT}; allow only this account`,
                ],
            ]);
        });

        it("rejects CloudWatch publishing without a source condition", async () => {
            assert.deepEqual(await messagesOf([topicPolicy(publish("cloudwatch.amazonaws.com", undefined))], RULE), [
                "policy statement 1 lets cloudwatch.amazonaws.com publish without an aws:SourceAccount or aws:SourceArn condition; add one",
            ]);
        });

        it("rejects another service", async () => {
            assert.deepEqual(await messagesOf([topicPolicy(publish("s3.amazonaws.com", SOURCE_ACCOUNT))], RULE), [
                'policy statement 1 admits Service "s3.amazonaws.com"; only cloudwatch.amazonaws.com, budgets.amazonaws.com, events.rds.amazonaws.com may publish',
            ]);
        });

        it("rejects a publishing service allowed more than sns:Publish", async () => {
            const more = {
                ...publish("budgets.amazonaws.com", SOURCE_ACCOUNT),
                Action: ["SNS:Publish", "SNS:Subscribe"],
            };
            assert.deepEqual(await messagesOf([topicPolicy(more)], RULE), [
                'policy statement 1 lets budgets.amazonaws.com do ["SNS:Subscribe"]; allow the services only sns:Publish',
            ]);
        });
    });
});
