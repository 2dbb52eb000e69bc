import { strict as assert } from "assert";
import { baseTags, mergeTags } from "../../components/tags";

describe("components/tags", () => {
    const base = baseTags("fraud-detector", "staging");

    it("gives the stack's cost-allocation tags", () =>
        assert.deepEqual(base, { Project: "fraud-detector", Environment: "staging", ManagedBy: "pulumi" }));

    it("merges layers in order, later layers adding and overriding their own keys", () =>
        assert.deepEqual(mergeTags(base, { Tier: "data", Name: "a" }, { Name: "b" }), {
            ...base,
            Tier: "data",
            Name: "b",
        }));

    it("refuses a layer that would change a base tag", () =>
        assert.throws(
            () => mergeTags(base, { Environment: "production" }),
            /^Error: tag Environment is set by the stack to "staging" and cannot be changed to "production"$/,
        ));
});
