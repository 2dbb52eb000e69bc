import { strict as assert } from "assert";
import { PlanResource } from "../../../plan/engine/contract";
import { dbStack, EVENT_SUBSCRIPTION, INSTANCE, subscriptionProps } from "../data-tier-fixtures";
import { levelsOf, messagesOf, resource } from "../harness";

describe("policy: database and cache", () => {
    describe("rds-hardening-extras", () => {
        it("passes a fully hardened instance with an event subscription to the alarm topic", async () =>
            assert.deepEqual(await messagesOf(dbStack(), "rds-hardening-extras"), []));

        it("only advises enhanced monitoring, even in production", async () =>
            assert.deepEqual(await levelsOf(dbStack({ props: { monitoringInterval: 0 } }), "rds-hardening-extras"), [
                [
                    "advisory",
                    "monitoringInterval is 0; set monitoringInterval: 60 (or less) with a monitoringRoleArn for enhanced monitoring",
                ],
            ]));

        it("advises a monitoring role", async () =>
            assert.deepEqual(
                await messagesOf(dbStack({ props: { monitoringRoleArn: undefined } }), "rds-hardening-extras"),
                [
                    "monitoringRoleArn is unset; enhanced monitoring needs a role that monitoring.rds.amazonaws.com can assume",
                ],
            ));

        it("advises Performance Insights", async () =>
            assert.deepEqual(
                await messagesOf(dbStack({ props: { performanceInsightsEnabled: undefined } }), "rds-hardening-extras"),
                [
                    "performanceInsightsEnabled is unset; set performanceInsightsEnabled: true with a customer key in performanceInsightsKmsKeyId",
                ],
            ));

        it("advises a customer key for Performance Insights", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { performanceInsightsKmsKeyId: undefined } }),
                    "rds-hardening-extras",
                ),
                ["performanceInsightsKmsKeyId is unset; encrypt Performance Insights with a customer KMS key"],
            ));

        it("advises IAM database authentication", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { iamDatabaseAuthenticationEnabled: false } }),
                    "rds-hardening-extras",
                ),
                ["iamDatabaseAuthenticationEnabled is false; set iamDatabaseAuthenticationEnabled: true"],
            ));

        it("advises copying tags to snapshots", async () =>
            assert.deepEqual(
                await messagesOf(dbStack({ props: { copyTagsToSnapshot: undefined } }), "rds-hardening-extras"),
                ["copyTagsToSnapshot is unset; set copyTagsToSnapshot: true"],
            ));

        it("advises against an expired CA", async () =>
            assert.deepEqual(
                await messagesOf(dbStack({ props: { caCertIdentifier: "rds-ca-2019" } }), "rds-hardening-extras"),
                ['caCertIdentifier is "rds-ca-2019"; set caCertIdentifier to a current CA such as "rds-ca-rsa2048-g1"'],
            ));

        it("advises an event subscription when there is none", async () =>
            assert.deepEqual(await messagesOf(dbStack({ subscription: null }), "rds-hardening-extras"), [
                'no RDS event subscription covers instance db; add an aws.rds.EventSubscription with sourceType "db-instance", this instance in sourceIds, eventCategories ["failure","maintenance","configuration change"] and snsTopic the alarm topic',
            ]));

        it("advises the missing event categories", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ subscription: { ...subscriptionProps(), eventCategories: ["failure"] } }),
                    "rds-hardening-extras",
                ),
                [
                    'event subscription db-events leaves out maintenance, configuration change; include eventCategories ["failure","maintenance","configuration change"]',
                ],
            ));

        it("advises sending events to the stack's alarm topic", async () => {
            const stack = dbStack({ subscription: null });
            const db = stack.find((r) => r.type === INSTANCE) as PlanResource;
            const subscription = resource(
                EVENT_SUBSCRIPTION,
                { ...subscriptionProps(), snsTopic: "arn:aws:sns:ca-central-1:999999999999:elsewhere" },
                { name: "db-events", from: { sourceIds: [db] } },
            );
            assert.deepEqual(await messagesOf([...stack, subscription], "rds-hardening-extras"), [
                'event subscription db-events sends to "arn:aws:sns:ca-central-1:999999999999:elsewhere", not an SNS topic of this stack; set snsTopic to the alarm topic\'s ARN',
            ]);
        });
    });
});
