import { RULES } from "../../policy/rules";
import type { PlanViolation } from "../engine/contract";
import { readPlanFile } from "../engine/read-plan";
import { judgePolicies } from "./policy-phase";

/**
 * The pack's violations over any plan file (`npm run policy`), so the pack can be tried on plans
 * the program would never produce. The file is checked against the plan contract first: no rule
 * ever sees a document it was not written for. Throws a `PlanFileError` for a file that is not a
 * plan document and a `PolicyCrash` for a rule that fails on it.
 */
export function judgePlanFile(path: string): Promise<PlanViolation[]> {
    return judgePolicies(readPlanFile(path), RULES);
}
