import type { Policies } from "@pulumi/policy";
import type { PlanDocument, PlanViolation } from "../engine/contract";
import { evaluatePolicies } from "./policy-runner";
import { previewView } from "../engine/preview-view";

/**
 * When a real deploy would meet each violation. `pulumi preview --policy-pack` runs the pack
 * before anything changes, but over inputs where every id and ARN of a resource not yet created is
 * unknown, and the analyzer skips a policy that reads one (a stack policy altogether). So the pack
 * runs twice: over the plan, and over its preview view (plan/engine/preview-view.ts); a violation the
 * preview run reports too is caught at preview, any other only when `pulumi up` creates what it
 * depends on, after earlier resources have been changed.
 *
 * @module
 */

const keyOf = (v: PlanViolation): string => `${v.policy}\u0000${v.urn ?? ""}\u0000${v.message}`;

/** The pack's violations over `plan`, each with `decidedAt`: `preview` or `up`. */
export async function judgePolicies(
    plan: PlanDocument,
    policies: ReadonlyArray<Policies[number]>,
): Promise<PlanViolation[]> {
    const violations = await evaluatePolicies(plan, policies);
    if (violations.length === 0) {
        return violations;
    }
    const atPreview = new Set((await evaluatePolicies(previewView(plan), policies, { unknowns: true })).map(keyOf));
    return violations.map((v) => ({ ...v, decidedAt: atPreview.has(keyOf(v)) ? "preview" : "up" }));
}
