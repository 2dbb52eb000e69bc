import { strict as assert } from "assert";
import type { PlanCost } from "../../../plan/engine/contract";
import { diffCost, diffPolicy } from "../../../plan/diff/verdicts";
import { violation } from "./fixtures";

const cost = (monthly: number | null, evaluated = true): PlanCost => ({
    currency: "USD",
    evaluated,
    monthly,
    items: [],
});

describe("plan diff: policy verdicts and cost totals", () => {
    it("counts each stack's violations by level and lists the rules violated a different number of times", () => {
        const diff = diffPolicy(
            {
                evaluated: true,
                violations: [
                    violation("rds-multi-az", "advisory"),
                    violation("cache-high-availability", "advisory"),
                    violation("cache-high-availability", "advisory"),
                    violation("alb-edge-protection", "advisory"),
                ],
            },
            {
                evaluated: true,
                violations: [violation("alb-edge-protection", "advisory"), violation("s3-encryption", "mandatory")],
            },
        );
        assert.deepEqual(diff, {
            from: { mandatory: 0, advisory: 4 },
            to: { mandatory: 1, advisory: 1 },
            rules: [
                { policy: "cache-high-availability", enforcementLevel: "advisory", from: 2, to: 0 },
                { policy: "rds-multi-az", enforcementLevel: "advisory", from: 1, to: 0 },
                { policy: "s3-encryption", enforcementLevel: "mandatory", from: 0, to: 1 },
            ],
        });
    });

    it("gives no counts for a plan the pack did not evaluate", () => {
        const diff = diffPolicy({ evaluated: false, violations: [] }, { evaluated: true, violations: [] });
        assert.deepEqual(diff, { from: null, to: { mandatory: 0, advisory: 0 }, rules: [] });
    });

    it("gives both totals and their change in cents", () => {
        assert.deepEqual(diffCost(cost(188.45), cost(1161.44)), {
            currency: "USD",
            from: 188.45,
            to: 1161.44,
            change: 972.99,
            components: [],
        });
    });

    it("gives no change when a stack was not estimated", () => {
        assert.deepEqual(diffCost(cost(188.45), cost(90, false)), {
            currency: "USD",
            from: 188.45,
            to: null,
            change: null,
            components: [],
        });
    });
});
