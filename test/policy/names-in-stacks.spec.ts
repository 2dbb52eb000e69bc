import { strict as assert } from "assert";
import { RESOURCE_NAMES } from "../../facts/aws/resource-names";
import type { PlanDocument } from "../../plan/engine/contract";
import { planOf, STACKS } from "../helpers/plan";
import { planWith, resource } from "./harness";

/** The AWS resource types `plan` creates that facts/aws/resource-names.ts has no row for. */
function typesWithoutRow(plan: PlanDocument): string[] {
    const types = plan.resources.filter((r) => r.custom && r.type.startsWith("aws:")).map((r) => r.type);
    return [...new Set(types)].filter((type) => RESOURCE_NAMES[type] === undefined).sort();
}

describe("resource names in the stacks", () => {
    it("finds a type without a row (a new type is never judged by default)", () =>
        assert.deepEqual(
            typesWithoutRow(
                planWith([
                    resource("aws:lb/targetGroup:TargetGroup", {}),
                    resource("aws:sqs/queue:Queue", {}),
                    resource("random:index/randomPassword:RandomPassword", {}),
                ]),
            ),
            ["aws:sqs/queue:Queue"],
        ));

    for (const stack of STACKS) {
        describe(`in ${stack}`, () => {
            it("has looked up every AWS resource type the stack creates", () =>
                assert.deepEqual(typesWithoutRow(planOf(stack)), []));

            it("shows every auto-name in the inputs, as the provider's Check fills it in", () => {
                const unnamed = planOf(stack).resources.filter((r) => {
                    const row = RESOURCE_NAMES[r.type];
                    return r.custom && row?.input !== undefined && typeof r.inputs[row.input] !== "string";
                });
                assert.deepEqual(
                    unnamed.map((r) => r.urn),
                    [],
                );
            });

            it("keeps every given and auto-generated name within what AWS accepts", () =>
                assert.deepEqual(
                    planOf(stack).policy.violations.filter((v) => v.policy === "aws-resource-names"),
                    [],
                ));
        });
    }
});
