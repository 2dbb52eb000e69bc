import { PlanViolation } from "../engine/contract";

/** Enforcement levels in the order a reader must act on them; unknown levels go last. */
const LEVEL_ORDER = ["mandatory", "advisory", "disabled"];

const levelRank = (violation: PlanViolation): number => {
    const rank = LEVEL_ORDER.indexOf(violation.enforcementLevel);
    return rank < 0 ? LEVEL_ORDER.length : rank;
};

/**
 * The violations, mandatory ones first, then advisory, each level in the order given: the pack
 * already lists them so, but a plan file handed to `npm run policy` or the report need not.
 */
export function orderViolations(violations: readonly PlanViolation[]): PlanViolation[] {
    return [...violations].sort((a, b) => levelRank(a) - levelRank(b));
}

/** The verdict's headline: how many mandatory and how many other violations. */
export function violationSummary(violations: readonly PlanViolation[]): string {
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    return `${mandatory} mandatory, ${violations.length - mandatory} advisory violation(s)`;
}

/** When a real deploy meets a violation, as its line says it; nothing for a plan without the field. */
const PHASE_NOTE: Readonly<Record<string, string>> = {
    preview: "  (caught by pulumi preview)",
    up: "  (only pulumi up decides: rests on values unknown at preview)",
};

/** How many mandatory violations a real preview catches, and how many only `pulumi up` meets. */
export function phaseSummary(violations: readonly PlanViolation[]): string | undefined {
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory" && v.decidedAt !== undefined);
    if (mandatory.length === 0) {
        return undefined;
    }
    const atPreview = mandatory.filter((v) => v.decidedAt === "preview").length;
    return `of the mandatory, ${atPreview} caught by pulumi preview before anything changes, ${mandatory.length - atPreview} only by pulumi up`;
}

/** The readable verdict of a policy run: a count, then each violation, mandatory ones first. */
export function renderViolations(violations: readonly PlanViolation[]): string {
    const phases = phaseSummary(violations);
    const lines = [`Policy: ${violationSummary(violations)}${phases === undefined ? "" : `; ${phases}`}`];
    for (const v of orderViolations(violations)) {
        lines.push(
            `  [${v.enforcementLevel}] ${v.policy}  ${v.urn ?? "(stack)"}${PHASE_NOTE[v.decidedAt ?? ""] ?? ""}`,
        );
        lines.push(...v.message.split("\n").map((line) => `      ${line}`));
    }
    return lines.join("\n");
}
