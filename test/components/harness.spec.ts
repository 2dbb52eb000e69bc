import { strict as assert } from "assert";
import { Budget } from "../../components/operations/budget";
import { argumentError, buildComponent } from "../helpers/component-harness";

const budget = (name: string, monthlyLimitUsd: number) => () =>
    new Budget(name, { budgetName: `${name}-monthly`, monthlyLimitUsd, alertTopicArn: "arn:topic", tags: {} });

describe("test/helpers/component-harness", () => {
    it("starts each build from a fresh runtime: nothing of the previous build remains", async () => {
        await buildComponent(budget("first", 10));
        const second = await buildComponent(budget("second", 10));
        assert.equal(second.component.name, "second");
        assert.deepEqual(
            second.children.map((r) => r.name),
            ["second-monthly"],
        );
    });

    it("runs builds asked for at once one after the other", async () => {
        const [a, b] = await Promise.all([buildComponent(budget("a", 10)), buildComponent(budget("b", 20))]);
        assert.deepEqual(
            [a.children.map((r) => r.inputs.limitAmount), b.children.map((r) => r.inputs.limitAmount)],
            [["10.00"], ["20.00"]],
        );
    });

    it("returns a constructor's error as its message, and fails when there was none", async () => {
        assert.equal(
            await argumentError(budget("bad", 0)),
            "monthlyLimitUsd: 0 given; a budget needs a positive limit in US dollars (budget.monthlyLimitUsd)",
        );
        await assert.rejects(argumentError(budget("good", 1)), {
            message: "expected an argument error, but the component was built",
        });
    });
});
