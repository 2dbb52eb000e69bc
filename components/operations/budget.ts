import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { mergeTags, Tags } from "../tags";

/** Arguments of the `Budget` component. */
export interface BudgetArgs {
    /** The budget's name, e.g. `fraud-detector-prod-monthly`. */
    readonly budgetName: string;
    /** The monthly limit in US dollars. */
    readonly monthlyLimitUsd: number;
    /** The stack's alarm topic: budget alerts reach whoever it notifies (`fraud-detector:alerts.email`). */
    readonly alertTopicArn: pulumi.Input<string>;
    /** The stack's base tags; `Project` and `Environment` also filter the costs the budget counts. */
    readonly tags: Tags;
}

/** Percent of the limit that actual spend may reach before the first alert (issue #6). */
const ACTUAL_ALERT_PERCENT = 80;
/** Percent of the limit that forecasted spend may reach before the second alert (issue #6). */
const FORECASTED_ALERT_PERCENT = 100;

/**
 * The stack's monthly AWS Budgets cost budget (guide: Cost Optimization › Cost Monitoring). It counts
 * only the costs of resources tagged with both this stack's `Project` and `Environment`, and alerts
 * the stack's alarm topic when actual spend passes 80% of the limit and when the month's forecast
 * passes 100%. The topic's policy and KMS key admit budgets.amazonaws.com (see `Observability`).
 *
 * The tag filter works only once `Project` and `Environment` are activated as cost-allocation tags
 * in the Billing console (Cost allocation tags › User-defined); until then AWS has no tagged costs
 * to match and the budget stays at zero. Activation is per payer account and is not done here.
 *
 * Creates: 1. the budget. Cost: none; plain budgets are free (action-enabled budgets cost $0.10 per
 * budget-day after the first 62 budget-days a month; this one has no actions).
 *
 * @example
 * new Budget("prod-budget", { budgetName: "fraud-detector-prod-monthly", monthlyLimitUsd: 3000, alertTopicArn, tags });
 */
export class Budget extends pulumi.ComponentResource {
    /** The budget's name. */
    public readonly budgetName: pulumi.Output<string>;

    constructor(name: string, args: BudgetArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:operations:Budget", name, {}, opts);
        if (!Number.isFinite(args.monthlyLimitUsd) || args.monthlyLimitUsd <= 0) {
            throw new pulumi.ResourceError(
                `monthlyLimitUsd: ${args.monthlyLimitUsd} given; a budget needs a positive limit in US dollars (budget.monthlyLimitUsd)`,
                this,
            );
        }

        const budget = this.createBudget(`${name}-monthly`, args);

        this.budgetName = budget.name;
        this.registerOutputs({ budgetName: this.budgetName });
    }

    private createBudget(name: string, args: BudgetArgs): aws.budgets.Budget {
        // The topic, not an e-mail address: one place decides who is paged, for alarms and budgets alike.
        const notify = (notificationType: "ACTUAL" | "FORECASTED", threshold: number) => ({
            notificationType,
            comparisonOperator: "GREATER_THAN",
            threshold,
            thresholdType: "PERCENTAGE",
            subscriberSnsTopicArns: [args.alertTopicArn],
        });
        return new aws.budgets.Budget(
            name,
            {
                name: args.budgetName,
                budgetType: "COST",
                timeUnit: "MONTHLY",
                limitAmount: args.monthlyLimitUsd.toFixed(2),
                limitUnit: "USD",
                // An AND of the two tags: the values of one `costFilters` entry are ORed, so a
                // `TagKeyValue` filter listing both would also count other projects' costs in
                // this environment and this project's costs in other environments.
                filterExpression: {
                    ands: [
                        { tags: { key: "Project", values: [args.tags.Project] } },
                        { tags: { key: "Environment", values: [args.tags.Environment] } },
                    ],
                },
                notifications: [notify("ACTUAL", ACTUAL_ALERT_PERCENT), notify("FORECASTED", FORECASTED_ALERT_PERCENT)],
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
    }
}
