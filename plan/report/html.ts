/**
 * The plan report: one self-contained HTML page per stack with the architecture diagram, the policy
 * verdict, the resources by component and the cost estimate. It loads nothing from anywhere (styles
 * inline, the SVG inline, no script, no font, no image), so it can be opened from a CI artifact,
 * offline, as it is.
 */
import type { PlanDocument } from "../engine/contract";
import { costLines } from "../cost/cost-lines";
import { violationSummary } from "../policy/render-violations";
import { costSection } from "./cost-section";
import { html, Markup, trustedMarkup } from "./markup";
import { policySection } from "./policy-section";
import { resourcesSection } from "./resources-section";
import { REPORT_CSS } from "./style";

/**
 * Refuses anything but an `<svg>` element: the diagram is inserted unescaped, so a wrong argument
 * (a file path, an empty string, a whole HTML page) must fail here rather than break the page.
 * The prolog a standalone .svg file starts with (XML declaration, DOCTYPE, comments, as Graphviz
 * writes them) is dropped: inside HTML only the element itself belongs.
 */
function inlineSvg(svg: string): Markup {
    const element = svg.trim().replace(/^(?:<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--[\s\S]*?-->|\s)+/, "");
    if (!/^<svg[\s>]/.test(element) || !element.endsWith("</svg>")) {
        throw new Error(`the architecture diagram must be one <svg> element; got: ${element.slice(0, 40)}`);
    }
    return trustedMarkup(element);
}

/** The page's headline figures: resources, verdict, estimate. */
function summary(plan: PlanDocument): Markup {
    const custom = plan.resources.filter((r) => r.custom).length;
    const policy = plan.policy.evaluated ? violationSummary(plan.policy.violations) : "not evaluated";
    const cost = plan.cost.evaluated ? costLines(plan.cost).total : "not estimated";
    return html`<ul class="summary">
        <li>${plan.resources.length} resources (${custom} custom)</li>
        <li>Policy: ${policy}</li>
        <li>Cost: ${cost}</li>
    </ul>`;
}

/**
 * Renders the report of `plan`. `architectureSvg` is the diagram as one `<svg>` element (from
 * `renderArchitectureSvg`), inserted as it is; every value from the plan is escaped.
 * @throws Error when `architectureSvg` is not an `<svg>` element.
 */
export function renderReportHtml(plan: PlanDocument, architectureSvg: string): string {
    const diagram = inlineSvg(architectureSvg);
    const title = `${plan.project} / ${plan.stack}: offline plan`;
    const page = html`<html lang="en">
        <head>
            <meta charset="utf-8" />
            <meta
                http-equiv="Content-Security-Policy"
                content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"
            />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>${title}</title>
            <style>
                ${trustedMarkup(REPORT_CSS)}
            </style>
        </head>
        <body>
            <header>
                <h1>${plan.project} / ${plan.stack}</h1>
                <p class="lede">
                    Offline plan: the real program under Pulumi mocks, with the stack's own configuration; nothing was
                    deployed.
                </p>
                ${summary(plan)}
                <nav aria-label="Sections">
                    <ul>
                        <li><a href="#diagram">Architecture</a></li>
                        <li><a href="#policy">Policy</a></li>
                        <li><a href="#resources">Resources</a></li>
                        <li><a href="#cost">Cost</a></li>
                    </ul>
                </nav>
            </header>
            <main>
                <section id="diagram" aria-labelledby="diagram-title">
                    <h2 id="diagram-title">Architecture</h2>
                    <figure>
                        ${diagram}
                        <figcaption>The resources of ${plan.stack} as the plan has them.</figcaption>
                    </figure>
                </section>
                ${policySection(plan)} ${resourcesSection(plan)} ${costSection(plan)}
            </main>
            <footer>
                Made from the offline plan of ${plan.project}/${plan.stack}. Prices are on-demand list prices from the
                committed price table; see each price's source.
            </footer>
        </body>
    </html>`;
    return `<!DOCTYPE html>\n${page.toString()}\n`;
}
