/**
 * `npm run plan -- --stack S --out DIR`: the plan's three files, written together so they always
 * describe the same run: the contract document, the architecture diagram and the HTML report.
 */
import { mkdirSync, writeFileSync } from "fs";
import { join } from "path";
import type { PlanDocument } from "../engine/contract";
import { renderArchitectureSvg } from "./architecture-svg";
import { renderReportHtml } from "./html";

/** The files `--out` writes, by role. */
export const REPORT_FILES = { plan: "plan.json", diagram: "architecture.svg", report: "index.html" } as const;

/** Writes DIR/plan.json (`json`, the exact bytes `--json` prints), DIR/architecture.svg and DIR/index.html. */
export async function writeReport(dir: string, plan: PlanDocument, json: string): Promise<void> {
    const svg = await renderArchitectureSvg(plan);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, REPORT_FILES.plan), json);
    writeFileSync(join(dir, REPORT_FILES.diagram), svg);
    writeFileSync(join(dir, REPORT_FILES.report), renderReportHtml(plan, svg));
}
