import { strict as assert } from "assert";
import type { PlanResource } from "../../plan/engine/contract";
import { onlyOf, planOf, resourcesOf } from "../helpers/plan";

// These tests read the plan built under mocks: they prove what the program asks AWS Budgets for, not
// that AWS accepts it, nor that the tag filter matches any cost (that needs `Project` and
// `Environment` activated as cost-allocation tags in the Billing console).

const BUDGET = "aws:budgets/budget:Budget";

/** Per cloud stack: the budget's name and the profile's limit (stacks/profiles.ts). Local has none. */
const EXPECTED = {
    production: {
        name: "fraud-detector-prod-monthly",
        limit: "3000.00",
    },
    staging: {
        name: "fraud-detector-staging-monthly",
        limit: "600.00",
    },
} as const;

const budgetOf = (stack: string, overrides: readonly string[] = []): PlanResource =>
    onlyOf(planOf(stack, overrides), BUDGET);

describe("Budget", () => {
    for (const stack of ["staging", "production"] as const) {
        const expected = EXPECTED[stack];

        describe(`in ${stack}`, () => {
            it(`is the one budget, named ${expected.name}`, () =>
                assert.equal(budgetOf(stack).inputs.name, expected.name));

            it(`is a monthly COST budget of ${expected.limit} USD`, () => {
                const { budgetType, timeUnit, limitAmount, limitUnit } = budgetOf(stack).inputs;
                assert.deepEqual(
                    { budgetType, timeUnit, limitAmount, limitUnit },
                    { budgetType: "COST", timeUnit: "MONTHLY", limitAmount: expected.limit, limitUnit: "USD" },
                );
            });

            it("counts only costs tagged with both this project and this environment", () => {
                const { filterExpression, costFilters } = budgetOf(stack).inputs;
                assert.deepEqual(filterExpression, {
                    ands: [
                        { tags: { key: "Project", values: ["fraud-detector"] } },
                        { tags: { key: "Environment", values: [stack] } },
                    ],
                });
                assert.equal(costFilters, undefined);
            });

            it("alerts the stack's alarm topic at 80% actual and 100% forecasted spend, and nothing else", () => {
                const topicArn = onlyOf(planOf(stack), "aws:sns/topic:Topic").outputs.arn;
                assert.match(String(topicArn), /^arn:aws:sns:ca-central-1:\d{12}:fraud-detector-[a-z]+-alarms$/);
                assert.deepEqual(budgetOf(stack).inputs.notifications, [
                    {
                        notificationType: "ACTUAL",
                        comparisonOperator: "GREATER_THAN",
                        threshold: 80,
                        thresholdType: "PERCENTAGE",
                        subscriberSnsTopicArns: [topicArn],
                    },
                    {
                        notificationType: "FORECASTED",
                        comparisonOperator: "GREATER_THAN",
                        threshold: 100,
                        thresholdType: "PERCENTAGE",
                        subscriberSnsTopicArns: [topicArn],
                    },
                ]);
            });

            it("carries the stack's tags", () =>
                assert.deepEqual(budgetOf(stack).inputs.tags, {
                    Project: "fraud-detector",
                    Environment: stack,
                    ManagedBy: "pulumi",
                }));

            it("satisfies budget-per-guide", () => {
                const { policy } = planOf(stack);
                assert.equal(policy.evaluated, true);
                assert.deepEqual(
                    policy.violations.filter((v) => v.policy === "budget-per-guide"),
                    [],
                );
            });

            it("leaves no mandatory policy violation", () =>
                assert.deepEqual(
                    planOf(stack).policy.violations.filter((v) => v.enforcementLevel === "mandatory"),
                    [],
                ));
        });
    }

    describe("in local", () => {
        it("is absent: no LocalStack plan emulates AWS Budgets (budget.enabled is false)", () =>
            assert.equal(resourcesOf(planOf("local"), BUDGET).length, 0));

        it("asks for none in budget-per-guide, and leaves no mandatory policy violation", () =>
            assert.deepEqual(
                planOf("local").policy.violations.filter(
                    (v) => v.policy === "budget-per-guide" || v.enforcementLevel === "mandatory",
                ),
                [],
            ));

        it("is created, at the profile's 50 USD, when budget.enabled is set to true", () =>
            assert.equal(budgetOf("local", ["fraud-detector:budget.enabled=true"]).inputs.limitAmount, "50.00"));
    });

    it("writes an overridden limit of 1234.5 as 1234.50 USD", () =>
        assert.equal(
            budgetOf("production", ["fraud-detector:budget.monthlyLimitUsd=1234.5"]).inputs.limitAmount,
            "1234.50",
        ));

    it("names its child after the component, not a literal", () =>
        assert.equal(budgetOf("production").name, "fraud-detector-prod-budget-monthly"));
});
