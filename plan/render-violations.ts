import { PlanViolation } from "./contract";

/** The readable verdict of a policy run: a count, then each violation, mandatory ones first. */
export function renderViolations(violations: readonly PlanViolation[]): string {
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const lines = [`Policy: ${mandatory} mandatory, ${violations.length - mandatory} advisory violation(s)`];
    for (const v of violations) {
        lines.push(`  [${v.enforcementLevel}] ${v.policy}  ${v.urn ?? "(stack)"}`);
        lines.push(...v.message.split("\n").map((line) => `      ${line}`));
    }
    return lines.join("\n");
}
