import type { PlanDocument } from "../../plan/engine/contract";
import { escapeHtml } from "../../plan/report/markup";

/**
 * A small valid SVG made from the plan (one labelled box per component under the platform), in
 * place of `renderArchitectureSvg`: the report's tests check how the page holds a diagram, not
 * what the diagram draws.
 */
export function testDiagramSvg(plan: PlanDocument): string {
    const platform = plan.resources.find((r) => r.type === "fraud-detector:platform:Platform");
    const components = plan.resources.filter((r) => !r.custom && r.parent !== null && r.parent === platform?.urn);
    const boxes = components.map(
        (component, index) =>
            `<rect x="10" y="${10 + index * 30}" width="380" height="24" fill="#e8f0fe" stroke="#0b5cad"/>` +
            `<text x="20" y="${27 + index * 30}" font-size="13">${escapeHtml(component.name)}</text>`,
    );
    const height = 20 + components.length * 30;
    return (
        `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="${height}" viewBox="0 0 400 ${height}" role="img">` +
        `<title>${escapeHtml(`${plan.project} ${plan.stack}`)}</title>${boxes.join("")}</svg>`
    );
}
