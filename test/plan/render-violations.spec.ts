import { strict as assert } from "assert";
import type { PlanViolation } from "../../plan/engine/contract";
import { orderViolations, renderViolations } from "../../plan/policy/render-violations";

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

describe("policy verdict, readable form, with when a deploy meets each violation", () => {
    const phased = [
        { ...violation("a-mandatory", "mandatory"), decidedAt: "preview" as const },
        { ...violation("b-mandatory", "mandatory"), decidedAt: "up" as const },
        { ...violation("c-advisory", "advisory"), decidedAt: "up" as const },
    ];

    it("counts the mandatory ones a preview catches and those only pulumi up meets", () =>
        assert.match(
            renderViolations(phased),
            /^Policy: 2 mandatory, 1 advisory violation\(s\); of the mandatory, 1 caught by pulumi preview before anything changes, 1 only by pulumi up\n/,
        ));

    it("says it on each violation's line", () => {
        const lines = renderViolations(phased).split("\n");
        assert.ok(lines.includes("  [mandatory] a-mandatory  (stack)  (caught by pulumi preview)"), lines.join("\n"));
        assert.ok(
            lines.includes(
                "  [mandatory] b-mandatory  (stack)  (only pulumi up decides: rests on values unknown at preview)",
            ),
            lines.join("\n"),
        );
    });

    it("adds nothing for a plan written before violations said it", () =>
        assert.match(
            renderViolations([violation("d-mandatory", "mandatory")]),
            /^Policy: 1 mandatory, 0 advisory violation\(s\)\n  \[mandatory\] d-mandatory  \(stack\)\n/,
        ));
});
