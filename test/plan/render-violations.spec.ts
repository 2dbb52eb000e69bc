import { strict as assert } from "assert";
import type { PlanViolation } from "../../plan/contract";
import { orderViolations, renderViolations } from "../../plan/render-violations";

const violation = (policy: string, enforcementLevel: string): PlanViolation => ({
    policy,
    enforcementLevel,
    urn: null,
    message: `${policy} is violated`,
});

describe("policy verdict, readable form", () => {
    const given = [
        violation("a-advisory", "advisory"),
        violation("b-mandatory", "mandatory"),
        violation("c-advisory", "advisory"),
        violation("d-mandatory", "mandatory"),
    ];

    it("orders violations mandatory first, keeping the given order within each level", () => {
        assert.deepEqual(
            orderViolations(given).map((v) => v.policy),
            ["b-mandatory", "d-mandatory", "a-advisory", "c-advisory"],
        );
    });

    it("prints the mandatory ones first even when a plan file lists them later", () => {
        const text = renderViolations(given);
        assert.ok(text.indexOf("d-mandatory") < text.indexOf("a-advisory"), text);
        assert.match(text, /^Policy: 2 mandatory, 2 advisory violation\(s\)/);
    });
});
