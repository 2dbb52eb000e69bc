import { asList, MASKED, ofType, shown } from "../../../lib/relations/resources";
import { LOCAL_STACK_LOCALSTACK, LOCALSTACK_COVERAGE, LOCALSTACK_PLANS } from "../../../facts/localstack-coverage";
import { enforcementEnvironment, Finding, Rule, stackRule } from "../../lib/rule";
import { Props } from "../../../lib/relations/resource-shape";

const BUDGET = "aws:budgets/budget:Budget";
const ECS_CLUSTER = "aws:ecs/cluster:Cluster";

/** The problems of one budget: a monthly COST budget, a positive limit, both alerts reaching someone. */
function budgetProblems(props: Props): string[] {
    const problems: string[] = [];
    if (props.budgetType !== "COST") {
        problems.push(`budgetType is ${shown(props.budgetType)}; set budgetType: "COST"`);
    }
    if (props.timeUnit !== "MONTHLY") {
        problems.push(`timeUnit is ${shown(props.timeUnit)}; set timeUnit: "MONTHLY"`);
    }
    if (props.limitAmount !== MASKED && !(Number(props.limitAmount) > 0)) {
        problems.push(
            `limitAmount is ${shown(props.limitAmount)}; set a positive monthly limit (budget.monthlyLimitUsd)`,
        );
    }
    // ACTUAL says the money is spent; FORECASTED warns while there is still time to act.
    const notifications = asList(props.notifications as Array<Record<string, unknown>>);
    for (const type of ["ACTUAL", "FORECASTED"]) {
        const reachesSomeone = notifications.some(
            (n) =>
                n?.notificationType === type &&
                asList(n.subscriberEmailAddresses as string[]).length +
                    asList(n.subscriberSnsTopicArns as string[]).length >
                    0,
        );
        if (!reachesSomeone) {
            problems.push(
                `no ${type} notification reaches anyone; add a notifications entry with notificationType "${type}" and subscriberEmailAddresses or subscriberSnsTopicArns`,
            );
        }
    }
    return problems;
}

/**
 * Whether the LocalStack plan the local stack runs on emulates AWS Budgets. It does not (no plan
 * does, facts/localstack-coverage.ts), so the local stack has no budget, and none is asked of it.
 */
const LOCALSTACK_EMULATES_BUDGETS = ((): boolean => {
    const minimum = LOCALSTACK_COVERAGE.find((row) => row.service === "budgets")?.minimumPlan;
    return (
        minimum !== undefined &&
        LOCALSTACK_PLANS.indexOf(minimum) <= LOCALSTACK_PLANS.indexOf(LOCAL_STACK_LOCALSTACK.plan)
    );
})();

/** `budget-per-guide`: a stack that runs ECS has a monthly cost budget that alerts someone. */
export const budgetPerGuide: Rule = stackRule({
    id: "budget-per-guide",
    description:
        "Warns before the bill surprises anyone (guide: Cost Optimization › Cost Monitoring): every budget is a monthly COST budget with a positive limit whose ACTUAL and FORECASTED notifications reach an email or the SNS topic. Triggered by an ECS cluster, which then needs a budget, except in local: no LocalStack plan emulates AWS Budgets.",
    kind: "security",
    check: (resources) => {
        const budgets = ofType(resources, BUDGET);
        const cluster = ofType(resources, ECS_CLUSTER)[0];
        const findings: Finding[] = budgets.flatMap((budget) =>
            budgetProblems(budget.props as Props).map((message) => ({ resource: budget, message })),
        );
        const budgetPossible =
            cluster === undefined ||
            LOCALSTACK_EMULATES_BUDGETS ||
            enforcementEnvironment({ ...cluster, props: cluster.props as Props }) !== "local";
        if (cluster !== undefined && budgets.length === 0 && budgetPossible) {
            findings.push({
                resource: cluster,
                message:
                    "the stack runs an ECS cluster but has no AWS Budgets budget; create a monthly COST budget with ACTUAL and FORECASTED notifications to alerts.email",
            });
        }
        return findings;
    },
});
