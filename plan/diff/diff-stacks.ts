import { planInChild } from "../engine/child-plan";
import { diffPlans } from "./compare";
import type { PlanDiff } from "./contract";

/**
 * `npm run plan -- --diff FROM TO`: plans both stacks, each in a child process of its own (the
 * Pulumi runtime is global state, one stack per process), in parallel, and diffs the two plans.
 */
export async function diffStacks(from: string, to: string): Promise<PlanDiff> {
    const [fromPlan, toPlan] = await Promise.all([planInChild(from), planInChild(to)]);
    return diffPlans(fromPlan, toPlan);
}
