import { strict as assert } from "assert";
import { renderCost } from "../../../plan/cost/render-cost";
import { planOf, runPlanCli } from "../../helpers/plan";

describe("cost estimate, readable form", () => {
    const cost = planOf("production").cost;
    const text = renderCost(cost);

    it("shows each priced item with its footnoted source, and the footnote names the source and its date", () => {
        const api = cost.items.find((item) => item.description.startsWith("fraud-api") && item.monthly !== null);
        assert.ok(api);
        const row = text.split("\n").find((line) => line.includes(api.description));
        const footnote = row?.match(/\[(\d+)\]/)?.[1];
        assert.ok(row?.trimEnd().endsWith(api.monthly?.toFixed(2) ?? "?"), row);
        const source = text.split("\n").find((line) => line.startsWith(`  [${footnote}] `));
        assert.equal(source, `  [${footnote}] ${api.source} (as of: ${api.asOf})`);
    });

    it("states the total as a lower bound while items are unpriced, and names their keys", () => {
        const total = cost.monthly?.toLocaleString("en-US", { minimumFractionDigits: 2 });
        assert.match(text, new RegExp(`Total of priced items: ${total} USD/month`));
        if ((cost.unpriced?.items ?? 0) > 0) {
            assert.match(text, /a lower bound/);
            for (const key of cost.unpriced?.keys ?? []) assert.ok(text.includes(`unpriced (${key})`), key);
        }
    });

    it("is part of the plan's readable output", () => {
        const run = runPlanCli(["--stack", "staging"]);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /Cost estimate \(ca-central-1, on-demand list prices, 730 hours a month\):/);
    });
});
