/**
 * The cost section of the report: the estimate's own lines (`costLines`, shared with the plan's
 * text) as tables: the subtotal of each component, priced items with their sources (flagged
 * approximations marked `≈`), the total split into Price List prices and approximations, the
 * budget, each approximation's basis, the usage assumptions, what is unpriced, and what is left out.
 */
import type { PlanDocument } from "../engine/contract";
import { CostLines, CostSource, costLines } from "../cost/cost-lines";
import { html, Markup } from "./markup";
import { resourceLink } from "./resource-link";

/**
 * A source with its leading URL as a link. An `<a href>` is fetched only when the reader follows it,
 * never while the page loads, so the report stays self-contained (the browser test checks that
 * loading it makes no request).
 */
function sourceItem({ source, asOf }: CostSource, index: number): Markup {
    const [, url, rest] = /^(https?:\/\/\S+)(.*)$/s.exec(source) ?? [undefined, undefined, source];
    const where = url ? html`<a href="${url}" rel="noreferrer">${url}</a>${rest}` : html`${rest}`;
    return html`<li id="source-${index + 1}">${where} <span class="none">(as of: ${asOf})</span></li>`;
}

function pricedTable(plan: PlanDocument, view: CostLines): Markup {
    const budget = view.budget;
    return html`<table class="priced">
        <caption>
            Priced items, largest first
        </caption>
        <thead>
            <tr>
                <th scope="col">Item</th>
                <th scope="col" class="number">Quantity/month</th>
                <th scope="col" class="number">Unit price (USD)</th>
                <th scope="col" class="number">USD/month</th>
                <th scope="col">Source</th>
            </tr>
        </thead>
        <tbody>
            ${view.priced.map(
                (line) =>
                    html`<tr class="${line.approximate ? "approximate" : ""}">
                        <td>${resourceLink(plan, line.item.urn, line.item.description)}</td>
                        <td class="number">${line.quantity}</td>
                        <td class="number">${line.unitPrice}</td>
                        <td class="number">${line.monthly}</td>
                        <td><a href="#source-${line.footnote}">[${line.footnote}]</a></td>
                    </tr>`,
            )}
        </tbody>
        <tfoot>
            <tr>
                <th scope="row" colspan="3">Total of priced items</th>
                <td colspan="2">${view.total}</td>
            </tr>
            ${
                view.bases
                    ? html`<tr>
                              <th scope="row" colspan="3">of which Price List prices</th>
                              <td colspan="2">${view.bases.sourced}</td>
                          </tr>
                          <tr>
                              <th scope="row" colspan="3">of which flagged approximations (≈, not prices)</th>
                              <td colspan="2">${view.bases.approximated} (${view.bases.share} of the total)</td>
                          </tr>`
                    : null
            }
            ${
                budget
                    ? html`<tr>
                          <th scope="row" colspan="3">Budget (AWS Budgets monthly limit)</th>
                          <td colspan="2" class="${budget.exceeded ? "exceeded" : ""}">
                              ${budget.limit}${budget.exceeded ? ": exceeded by the estimate" : ": within it"}
                          </td>
                      </tr>`
                    : null
            }
        </tfoot>
    </table>`;
}

function subtotalsTable(view: CostLines): Markup | null {
    if (view.subtotals.length === 0) return null;
    return html`<table class="subtotals">
        <caption>
            Subtotals per component, largest first
        </caption>
        <thead>
            <tr>
                <th scope="col">Component</th>
                <th scope="col" class="number">USD/month</th>
                <th scope="col" class="number">of which ≈</th>
                <th scope="col" class="number">Share</th>
            </tr>
        </thead>
        <tbody>
            ${view.subtotals.map(
                (sub) =>
                    html`<tr>
                        <td>${sub.component}</td>
                        <td class="number">${sub.monthly}</td>
                        <td class="number">${sub.approximated}</td>
                        <td class="number">${sub.share}</td>
                    </tr>`,
            )}
        </tbody>
    </table>`;
}

function approximationsPart(view: CostLines): Markup | null {
    if (view.approximations.length === 0) return null;
    return html`<h3>Flagged approximations</h3>
        <p>
            No ca-central-1 Price List record was found for these; each figure is an approximation on the basis stated,
            not a price.
        </p>
        <table class="approximations">
            <thead>
                <tr>
                    <th scope="col">Price key</th>
                    <th scope="col" class="number">Figure</th>
                    <th scope="col" class="number">USD/month</th>
                    <th scope="col" class="number">Share</th>
                    <th scope="col">Basis</th>
                </tr>
            </thead>
            <tbody>
                ${view.approximations.map(
                    (a) =>
                        html`<tr>
                            <td><code>${a.priceKey}</code></td>
                            <td class="number">${a.figure}</td>
                            <td class="number">${a.monthly}</td>
                            <td class="number">${a.share}</td>
                            <td>${a.basis}</td>
                        </tr>`,
                )}
            </tbody>
        </table>`;
}

function assumptionsPart(view: CostLines): Markup | null {
    if (view.assumptions.length === 0) return null;
    return html`<h3>Usage assumptions</h3>
        <p>Usage-driven items are sized by these; override one with <code>--usage KEY=VALUE</code>.</p>
        <table class="assumptions">
            <thead>
                <tr>
                    <th scope="col">Key</th>
                    <th scope="col">Value</th>
                    <th scope="col">What</th>
                </tr>
            </thead>
            <tbody>
                ${view.assumptions.map(
                    (a) =>
                        html`<tr>
                            <td><code>${a.key}</code></td>
                            <td>${a.value}${a.overridden ? " (overridden)" : ""}</td>
                            <td>${a.description}</td>
                        </tr>`,
                )}
            </tbody>
        </table>`;
}

function unpricedPart(view: CostLines): Markup | null {
    if (view.unpriced.length === 0) return null;
    return html`<h3>Unpriced items</h3>
        <p>${view.unpricedNote}</p>
        <table class="unpriced">
            <thead>
                <tr>
                    <th scope="col">Item</th>
                    <th scope="col" class="number">Quantity/month</th>
                    <th scope="col">Price key without a price</th>
                </tr>
            </thead>
            <tbody>
                ${view.unpriced.map(
                    (line) =>
                        html`<tr>
                            <td>${line.label}</td>
                            <td class="number">${line.quantity}</td>
                            <td><code>${line.priceKey}</code></td>
                        </tr>`,
                )}
            </tbody>
        </table>`;
}

/** The `#cost` section. */
export function costSection(plan: PlanDocument): Markup {
    const title = html`<h2 id="cost-title">Monthly cost estimate</h2>`;
    if (!plan.cost.evaluated) {
        return html`<section id="cost" aria-labelledby="cost-title">
            ${title}
            <p>Not estimated for this plan.</p>
        </section>`;
    }
    const view = costLines(plan.cost);
    return html`<section id="cost" aria-labelledby="cost-title">
        ${title}
        <p class="lede">${view.heading}.</p>
        ${view.endpointNote ? html`<p>${view.endpointNote}</p>` : null} ${subtotalsTable(view)}
        ${pricedTable(plan, view)} ${approximationsPart(view)} ${assumptionsPart(view)} ${unpricedPart(view)}
        ${
            view.usage.length > 0
                ? html`<h3>Not estimated: charges that depend on use</h3>
                      <ul>
                          ${view.usage.map((kind) => html`<li>${kind}</li>`)}
                      </ul>`
                : null
        }
        <h3>Price sources</h3>
        <ol class="sources">
            ${view.sources.map(sourceItem)}
        </ol>
    </section>`;
}
