// The benchmark's floor: a process that loads the SDKs the program loads, starts the mock runtime and
// the root stack as the plan engine does, and registers nothing. What the plan costs above this is
// the program itself.
import * as pulumi from "@pulumi/pulumi";
import "@pulumi/aws";
import "@pulumi/awsx";

void (async () => {
    await pulumi.runtime.setMocks(
        { newResource: (args) => ({ id: "", state: args.inputs as Record<string, unknown> }), call: () => ({}) },
        "fraud-detector",
        "floor",
    );
    await pulumi.runtime.runInPulumiStack(() => Promise.resolve({}));
})();
