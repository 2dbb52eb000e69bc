import { strict as assert } from "assert";
import type { PlanDocument, PlanResource, PlanViolation } from "../../../plan/engine/contract";
import { renderReportHtml } from "../../../plan/report/html";
import { planOf } from "../../helpers/plan";
import { testDiagramSvg } from "../../helpers/report";

/** The markup of the section with this id, up to the next top-level section. */
function section(page: string, id: string): string {
    const start = page.indexOf(`<section id="${id}"`);
    assert.ok(start >= 0, `no section #${id}`);
    const next = ["diagram", "policy", "resources", "cost"]
        .map((other) => page.indexOf(`<section id="${other}"`, start + 1))
        .filter((index) => index > start);
    return page.slice(start, Math.min(page.indexOf("</main>"), ...next));
}

/** How many rows the body of the first table with this class has. */
function bodyRows(markup: string, tableClass: string): number {
    const table = markup.slice(markup.indexOf(`<table class="${tableClass}"`));
    const body = table.slice(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
    return body.match(/<tr[\s>]/g)?.length ?? 0;
}

const withViolations = (plan: PlanDocument, violations: PlanViolation[]): PlanDocument => ({
    ...plan,
    policy: { evaluated: true, violations },
});

describe("plan report, HTML", () => {
    const plan = planOf("production");
    const svg = testDiagramSvg(plan);
    const page = renderReportHtml(plan, svg);

    it("is one HTML document titled with the project and the stack", () => {
        assert.match(page, /^<!DOCTYPE html>\n<html lang="en">/);
        assert.match(page, /<title>fraud-detector \/ production: offline plan<\/title>/);
        assert.match(page, /<h1>fraud-detector \/ production<\/h1>/);
    });

    it("has the diagram, policy, resources and cost sections, each with its heading", () => {
        for (const id of ["diagram", "policy", "resources", "cost"]) {
            assert.match(
                section(page, id),
                new RegExp(`^<section id="${id}" aria-labelledby="${id}-title">\\s*<h2 id="${id}-title">`),
            );
        }
    });

    it("inlines the given diagram as it is", () => {
        assert.ok(section(page, "diagram").includes(svg));
    });

    it("refuses a diagram that is not one <svg> element, since it is inserted unescaped", () => {
        for (const wrong of ["", "architecture.svg", "<div><svg></svg></div>", "<svg>"]) {
            assert.throws(() => renderReportHtml(plan, wrong), /the architecture diagram must be one <svg> element/);
        }
    });

    it("escapes names, inputs and messages, so a resource cannot inject markup", () => {
        const attack = `<script>alert("x")</script>`;
        const target = plan.resources.find((r) => r.type === "aws:rds/instance:Instance") as PlanResource;
        const hostile: PlanResource = {
            ...target,
            name: attack,
            inputs: { ...target.inputs, identifier: `"><img src=x onerror=alert(1)>`, instanceClass: attack },
        };
        const resources = plan.resources.map((r) => (r === target ? hostile : r));
        const violation = { policy: attack, enforcementLevel: "mandatory", urn: target.urn, message: attack };
        const html = renderReportHtml(withViolations({ ...plan, resources }, [violation]), svg);
        assert.doesNotMatch(html, /<script/i);
        assert.doesNotMatch(html, /<img/i);
        assert.ok(html.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
        assert.ok(html.includes("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    });

    it("lists violations mandatory first, whatever order the plan gives", () => {
        const urn = plan.resources[2].urn;
        const given: PlanViolation[] = [
            { policy: "first-advisory", enforcementLevel: "advisory", urn, message: "a" },
            { policy: "late-mandatory", enforcementLevel: "mandatory", urn, message: "m" },
        ];
        const policy = section(renderReportHtml(withViolations(plan, given), svg), "policy");
        assert.ok(policy.indexOf("late-mandatory") < policy.indexOf("first-advisory"));
        assert.match(policy, /class="verdict fail"/);
        assert.equal(bodyRows(policy, "violations"), 2);
    });

    it("says plainly when there are no violations, with no empty table", () => {
        const policy = section(renderReportHtml(withViolations(plan, []), svg), "policy");
        assert.match(policy, /No violations/);
        assert.doesNotMatch(policy, /<table/);
    });

    it("has one cost row per priced item and one per unpriced price key", () => {
        const cost = section(page, "cost");
        const priced = plan.cost.items.filter((item) => item.monthly !== null);
        assert.ok(priced.length > 0);
        assert.equal(bodyRows(cost, "priced"), priced.length);
        assert.equal(bodyRows(cost, "unpriced"), plan.cost.unpriced?.keys.length);
        const total = plan.cost.monthly?.toLocaleString("en-US", { minimumFractionDigits: 2 });
        assert.match(cost, new RegExp(`Total of priced items</th>\\s*<td colspan="2">${total} USD/month`));
    });

    it("gives every component an entry and lists every custom resource exactly once", () => {
        const resources = section(page, "resources");
        for (const [index, resource] of plan.resources.entries()) {
            const id = `id="resource-${index}"`;
            assert.equal(resources.split(id).length - 1, 1, `${resource.type} ${resource.name}`);
            if (!resource.custom) assert.ok(resources.includes(`data-urn="${resource.urn}"`), resource.urn);
        }
    });

    it("shows protect and retainOnDelete on the resources that set them", () => {
        const index = plan.resources.findIndex((r) => r.options.protect && r.options.retainOnDelete);
        const row = section(page, "resources").split(`<tr id="resource-${index}">`)[1].split("</tr>")[0];
        assert.match(row, /<span class="flag">protected<\/span>/);
        assert.match(row, /<span class="flag">retained on delete<\/span>/);
    });

    it("references nothing the browser would fetch: no script, stylesheet, font or image from anywhere", () => {
        // An <a href> is followed only when the reader clicks it, never fetched while the page loads,
        // so the price sources may stay links; every other tag's attributes must not point off the page.
        const tags = page.match(/<[a-z][^>]*>/gi) ?? [];
        const fetching = tags.filter(
            (tag) =>
                !/^<a\s/i.test(tag) &&
                /\s(src|srcset|href|poster|data|action|xlink:href)\s*=\s*"\s*(https?:)?\/\//i.test(tag),
        );
        assert.deepEqual(fetching, []);
        assert.doesNotMatch(page, /<script|<link|<iframe|<object|<embed|@import|url\(/i);
    });
});
