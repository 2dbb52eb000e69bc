import { strict as assert } from "assert";
import type { PlanDocument } from "../../../plan/engine/contract";
import { diffPlans } from "../../../plan/diff/compare";
import { renderDiff } from "../../../plan/diff/render";
import { costSection } from "../../../plan/report/cost-section";
import { planOf } from "../../helpers/plan";

/** The body rows of the table with this class, each as its cells' text. */
function rows(markup: string, tableClass: string): string[][] {
    const start = markup.indexOf(`<table class="${tableClass}"`);
    assert.ok(start >= 0, `no table.${tableClass}`);
    const table = markup.slice(start, markup.indexOf("</table>", start));
    const body = table.slice(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
    return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
        [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
            cell[1]
                .replace(/<[^>]+>/g, "")
                .replace(/\s+/g, " ")
                .trim(),
        ),
    );
}

const usd = (value: number) => value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe("cost subtotals in the report and the diff", () => {
    const production: PlanDocument = planOf("production");
    const staging: PlanDocument = planOf("staging");

    it("the report's cost section has one subtotal row per component, as the estimate has them", () => {
        const markup = costSection(production).toString();
        assert.deepEqual(
            rows(markup, "subtotals").map((row) => [row[0], row[1]]),
            production.cost.subtotals!.map((sub) => [sub.component, usd(sub.monthly)]),
        );
    });

    it("the report marks approximate rows, and lists each approximation with its basis and the assumptions", () => {
        const markup = costSection(production).toString();
        const flagged = production.cost.items.filter((item) => item.basis === "approximation").length;
        assert.equal(markup.match(/<tr class="approximate">/g)?.length, flagged);
        const approximations = rows(markup, "approximations");
        assert.equal(approximations.length, production.cost.bases!.approximations.length);
        for (const row of approximations) assert.match(row[4], /^Basis: ./);
        assert.equal(rows(markup, "assumptions").length, production.cost.assumptions!.length);
        assert.match(markup, /of which flagged approximations \(≈, not prices\)/);
    });

    it("the diff gives each component's subtotal in both stacks, and the changes add up to the total's", () => {
        const diff = diffPlans(staging, production);
        const database = diff.cost.components.find((c) => c.component === "database");
        assert.deepEqual(database, {
            component: "database",
            from: staging.cost.subtotals!.find((s) => s.component === "database")!.monthly,
            to: production.cost.subtotals!.find((s) => s.component === "database")!.monthly,
            change: database!.change,
        });
        const total = diff.cost.components.reduce((sum, c) => sum + c.change, 0);
        assert.ok(Math.abs(total - (diff.cost.change ?? NaN)) <= 0.01 * diff.cost.components.length);
        const text = renderDiff(diff);
        assert.match(text, /\n {2}component\s+staging\s+production\s+change\n/);
        assert.match(text, new RegExp(`\\n {2}database\\s+${usd(database.from)}\\s+${usd(database.to)}\\s+\\+`));
    });
});
