import { strict as assert } from "assert";
import { Budget, BudgetArgs } from "../../../components/operations/budget";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
const TOPIC = "arn:aws:sns:ca-central-1:111122223333:fraud-detector-prod-alarms";
const PRODUCTION: BudgetArgs = {
    budgetName: "fraud-detector-prod-monthly",
    monthlyLimitUsd: 3000,
    alertTopicArn: TOPIC,
    tags: TAGS,
};

const build = (args: BudgetArgs) => () => new Budget("budget", args);

describe("components/operations Budget (built in-process)", () => {
    const cases = [
        { args: PRODUCTION, limit: "3000.00" },
        {
            args: {
                ...PRODUCTION,
                budgetName: "fraud-detector-staging-monthly",
                monthlyLimitUsd: 812.5,
                tags: { ...TAGS, Environment: "staging" },
            },
            limit: "812.50",
        },
    ];
    for (const c of cases) {
        describe(`${c.args.budgetName} at ${c.args.monthlyLimitUsd} USD`, () => {
            const built = builtOnce(build(c.args));

            it("creates one monthly cost budget, in dollars with cents", async () => {
                const { children, parentName } = await built();
                assert.deepEqual(
                    children.map((r) => `${r.type} ${r.name}`),
                    ["aws:budgets/budget:Budget budget-monthly"],
                );
                assert.equal(parentName(children[0]), "budget");
                const i = children[0].inputs;
                assert.deepEqual(
                    [i.name, i.budgetType, i.timeUnit, i.limitAmount, i.limitUnit],
                    [c.args.budgetName, "COST", "MONTHLY", c.limit, "USD"],
                );
            });

            it("counts only costs tagged with both the stack's Project and Environment", async () => {
                const { children } = await built();
                assert.deepEqual(children[0].inputs.filterExpression, {
                    ands: [
                        { tags: { key: "Project", values: ["fraud-detector"] } },
                        { tags: { key: "Environment", values: [c.args.tags.Environment] } },
                    ],
                });
            });

            it("alerts the alarm topic at 80 % actual and 100 % forecast spend", async () => {
                const { children, outputs } = await built();
                const notifications = children[0].inputs.notifications as Record<string, unknown>[];
                assert.deepEqual(
                    notifications.map((n) => [
                        n.notificationType,
                        n.threshold,
                        n.thresholdType,
                        n.subscriberSnsTopicArns,
                    ]),
                    [
                        ["ACTUAL", 80, "PERCENTAGE", [TOPIC]],
                        ["FORECASTED", 100, "PERCENTAGE", [TOPIC]],
                    ],
                );
                assert.equal(outputs.budgetName, c.args.budgetName);
            });
        });
    }

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<BudgetArgs>[] = [
        [
            "a zero limit",
            { monthlyLimitUsd: 0 },
            "monthlyLimitUsd: 0 given; a budget needs a positive limit in US dollars (budget.monthlyLimitUsd)",
        ],
        [
            "a negative limit",
            { monthlyLimitUsd: -5 },
            "monthlyLimitUsd: -5 given; a budget needs a positive limit in US dollars (budget.monthlyLimitUsd)",
        ],
        [
            "an infinite limit",
            { monthlyLimitUsd: Infinity },
            "monthlyLimitUsd: Infinity given; a budget needs a positive limit in US dollars (budget.monthlyLimitUsd)",
        ],
        [
            "a limit that is not a number",
            { monthlyLimitUsd: NaN },
            "monthlyLimitUsd: NaN given; a budget needs a positive limit in US dollars (budget.monthlyLimitUsd)",
        ],
    ];
    refusesEach(build, PRODUCTION, ARGUMENT_ERRORS);
});
