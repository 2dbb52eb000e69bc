import { strict as assert } from "assert";
import { onlyOf, planOf } from "../helpers/plan";
import { named } from "../helpers/relations";

describe("KmsKey", () => {
    const key = () => onlyOf(planOf("production"), "aws:kms/key:Key");

    it("rotates yearly, keeps the 30-day deletion window and stays enabled", () =>
        assert.deepEqual(
            [
                key().inputs.enableKeyRotation,
                key().inputs.rotationPeriodInDays,
                key().inputs.deletionWindowInDays,
                key().inputs.isEnabled,
            ],
            [true, 365, 30, true],
        ));

    it("lets only the account, this account's log groups and the alarm topic's publishers use it", () => {
        const policy = JSON.parse(String(key().inputs.policy)) as {
            Statement: Array<{ Principal: unknown; Condition?: unknown }>;
        };
        assert.deepEqual(
            policy.Statement.map((s) => s.Principal),
            [
                { AWS: "arn:aws:iam::111122223333:root" },
                { Service: "logs.ca-central-1.amazonaws.com" },
                // The topic's publishers: alarms, budget alerts and database events reach an encrypted topic.
                { Service: ["cloudwatch.amazonaws.com", "budgets.amazonaws.com", "events.rds.amazonaws.com"] },
            ],
        );
        assert.ok(policy.Statement.slice(1).every((s) => s.Condition !== undefined));
    });

    it("is the key of the flow-log group, with the group's deletion protection in production", () => {
        const plan = planOf("production");
        const group = named(plan, "aws:cloudwatch/logGroup:LogGroup", "-flow-logs").inputs;
        assert.deepEqual([group.kmsKeyId, group.deletionProtectionEnabled], [key().outputs.arn, true]);
    });

    it("has the alias alias/fraud-detector-prod-data", () =>
        assert.equal(
            onlyOf(planOf("production"), "aws:kms/alias:Alias").inputs.name,
            "alias/fraud-detector-prod-data",
        ));
});
