import { strict as assert } from "assert";
import { levelsOf, messagesOf, resource, stackTags, violationsOf } from "../harness";
import { alertTopic, Doc, TOPIC_ARN } from "./fixtures";

const BUDGET = "aws:budgets/budget:Budget";

const ECS_CLUSTER = "aws:ecs/cluster:Cluster";

describe("policy: observability", () => {
    describe("budget-per-guide", () => {
        const RULE = "budget-per-guide";
        const notification = (
            notificationType: string,
            to: Doc = { subscriberEmailAddresses: ["oncall@example.com"] },
        ) => ({
            notificationType,
            comparisonOperator: "GREATER_THAN",
            threshold: notificationType === "ACTUAL" ? 80 : 100,
            thresholdType: "PERCENTAGE",
            ...to,
        });
        const HAPPY = {
            budgetType: "COST",
            timeUnit: "MONTHLY",
            limitAmount: "3000",
            limitUnit: "USD",
            notifications: [
                notification("ACTUAL"),
                notification("FORECASTED", { subscriberSnsTopicArns: [TOPIC_ARN] }),
            ],
            tags: stackTags(),
        };
        const budget = (change: Doc = {}) => resource(BUDGET, { ...HAPPY, ...change }, { name: "monthly" });
        const cluster = () => resource(ECS_CLUSTER, { tags: stackTags("staging") }, { name: "cluster" });

        it("passes a monthly cost budget alerting on actual and forecasted spend", async () => {
            assert.deepEqual(await messagesOf([cluster(), budget()], RULE), []);
        });

        it("requires no budget while the stack has no ECS cluster", async () => {
            assert.deepEqual(await messagesOf([alertTopic()], RULE), []);
        });

        it("rejects a staging cluster without a budget (mandatory, on the cluster)", async () => {
            const c = cluster();
            const found = await violationsOf([c], RULE);
            assert.deepEqual(
                found.map((v) => [v.enforcementLevel, v.urn, v.message]),
                [
                    [
                        "mandatory",
                        c.urn,
                        "the stack runs an ECS cluster but has no AWS Budgets budget; create a monthly COST budget with ACTUAL and FORECASTED notifications to alerts.email",
                    ],
                ],
            );
        });

        it("requires no budget of a local cluster: no LocalStack plan emulates AWS Budgets", async () => {
            const local = resource(ECS_CLUSTER, { tags: stackTags("local") }, { name: "local-cluster" });
            assert.deepEqual(await messagesOf([local], RULE), []);
        });

        it("still judges a budget a local stack does create", async () => {
            const localBudget = resource(
                BUDGET,
                { ...HAPPY, timeUnit: "ANNUALLY", tags: stackTags("local") },
                { name: "local-monthly" },
            );
            assert.deepEqual(await levelsOf([localBudget], RULE), [
                ["advisory", 'timeUnit is "ANNUALLY"; set timeUnit: "MONTHLY"'],
            ]);
        });

        it("rejects a usage budget", async () => {
            assert.deepEqual(await messagesOf([budget({ budgetType: "USAGE" })], RULE), [
                'budgetType is "USAGE"; set budgetType: "COST"',
            ]);
        });

        it("rejects an annual budget", async () => {
            assert.deepEqual(await messagesOf([budget({ timeUnit: "ANNUALLY" })], RULE), [
                'timeUnit is "ANNUALLY"; set timeUnit: "MONTHLY"',
            ]);
        });

        it("rejects a zero limit", async () => {
            assert.deepEqual(await messagesOf([budget({ limitAmount: "0" })], RULE), [
                'limitAmount is "0"; set a positive monthly limit (budget.monthlyLimitUsd)',
            ]);
        });

        it("rejects a budget that does not alert on forecasted spend", async () => {
            assert.deepEqual(await messagesOf([budget({ notifications: [notification("ACTUAL")] })], RULE), [
                'no FORECASTED notification reaches anyone; add a notifications entry with notificationType "FORECASTED" and subscriberEmailAddresses or subscriberSnsTopicArns',
            ]);
        });

        it("rejects a notification without subscribers", async () => {
            const nobody = [notification("ACTUAL", {}), notification("FORECASTED")];
            assert.deepEqual(await messagesOf([budget({ notifications: nobody })], RULE), [
                'no ACTUAL notification reaches anyone; add a notifications entry with notificationType "ACTUAL" and subscriberEmailAddresses or subscriberSnsTopicArns',
            ]);
        });
    });
});
