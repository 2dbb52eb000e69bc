import { strict as assert } from "assert";
import { PolicyResource, ResourceValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { readFileSync } from "fs";
import { join } from "path";
import { evaluatePolicies, PolicyCrash } from "../../plan/policy/policy-runner";
import { ROOT } from "../helpers/plan";
import { planWith, resource, stackTags } from "./harness";

describe("plan/policy/policy-runner", () => {
    const bucket = resource("aws:s3/bucket:Bucket", { bucket: "b", tags: stackTags() }, { protect: true });

    it("prefixes a string violation with the policy's description and gives it the policy's level, as the analyzer does", async () => {
        const policy = {
            name: "p",
            description: "Protects things.",
            enforcementLevel: "advisory" as const,
            validateResource: (_args: ResourceValidationArgs, report: (m: string) => void) => report("found x"),
        };
        assert.deepEqual(await evaluatePolicies(planWith([bucket]), [policy]), [
            { policy: "p", enforcementLevel: "advisory", urn: null, message: "Protects things.\nfound x" },
        ]);
    });

    it("takes the level, message and URN of an object violation", async () => {
        const policy = {
            name: "p",
            description: "d",
            enforcementLevel: "advisory" as const,
            // The object form is untyped in @pulumi/policy but accepted by its analyzer.
            validateResource: (args: ResourceValidationArgs, report: (m: string) => void) =>
                report({ message: "m", urn: args.urn, enforcementLevel: "mandatory" } as unknown as string),
        };
        assert.deepEqual(await evaluatePolicies(planWith([bucket]), [policy]), [
            { policy: "p", enforcementLevel: "mandatory", urn: bucket.urn, message: "m" },
        ]);
    });

    it("skips a resource the policy declares not applicable, and a disabled policy", async () => {
        const notApplicable = {
            name: "na",
            description: "d",
            enforcementLevel: "mandatory" as const,
            validateResource: (args: ResourceValidationArgs, report: (m: string) => void) => {
                args.notApplicable("not a bucket");
                report("unreachable");
            },
        };
        const disabled = {
            ...notApplicable,
            name: "off",
            enforcementLevel: "disabled" as const,
            validateResource: () => assert.fail(),
        };
        assert.deepEqual(await evaluatePolicies(planWith([bucket]), [notApplicable, disabled]), []);
    });

    it("hands a resource policy the inputs, options and isType by the class's type token", async () => {
        let seen: ResourceValidationArgs | undefined;
        await evaluatePolicies(planWith([bucket]), [
            {
                name: "p",
                description: "d",
                enforcementLevel: "advisory",
                validateResource: (args) => void (seen = args),
            },
        ]);
        assert.deepEqual(seen?.props, { bucket: "b", tags: stackTags() });
        assert.equal(seen?.opts.protect, true);
        assert.equal(seen?.isType({ __pulumiType: "aws:s3/bucket:Bucket" } as never), true);
        assert.equal(seen?.isType({ __pulumiType: "aws:s3/bucketV2:BucketV2" } as never), false);
    });

    it("links stack-policy resources to what their inputs came from", async () => {
        const role = resource("aws:iam/role:Role", {});
        const policy = resource("aws:iam/rolePolicy:RolePolicy", { role: "r" }, { from: { role: [role] } });
        let resources: PolicyResource[] = [];
        const stackPolicy: StackValidationPolicy = {
            name: "s",
            description: "d",
            enforcementLevel: "advisory",
            validateStack: (args) => void (resources = args.resources),
        };
        await evaluatePolicies(planWith([role, policy]), [stackPolicy]);
        assert.equal(resources[1].propertyDependencies.role[0], resources[0]);
        assert.deepEqual(resources[1].dependencies, [resources[0]]);
    });

    it("runs a policy with both validateResource and validateStack in both passes, as the analyzer classifies it", async () => {
        // @pulumi/policy 1.21 server.js runs a policy in its resource pass when isResourcePolicy holds
        // and in its stack pass when isStackPolicy holds; the two tests are independent.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const analyzer = require("@pulumi/policy/policy") as {
            isResourcePolicy: (p: unknown) => boolean;
            isStackPolicy: (p: unknown) => boolean;
        };
        const both = {
            name: "both",
            description: "d",
            enforcementLevel: "advisory" as const,
            validateResource: (args: ResourceValidationArgs, report: (m: string) => void) =>
                report({ message: "resource", urn: args.urn } as unknown as string),
            validateStack: (_args: unknown, report: (m: string) => void) =>
                report({ message: "stack" } as unknown as string),
        };
        assert.equal(analyzer.isResourcePolicy(both), true);
        assert.equal(analyzer.isStackPolicy(both), true);
        const found = await evaluatePolicies(planWith([bucket]), [both]);
        assert.deepEqual(
            found.map((v) => [v.urn, v.message]),
            [
                [null, "stack"],
                [bucket.urn, "resource"],
            ],
        );
    });

    it("stops with a PolicyCrash naming the policy and the resource when a resource policy throws", async () => {
        const policy = {
            name: "fragile",
            description: "d",
            enforcementLevel: "mandatory" as const,
            validateResource: () => {
                throw new TypeError("Cannot read properties of undefined (reading 'Role')\n    at stack frame");
            },
        };
        await assert.rejects(evaluatePolicies(planWith([bucket]), [policy]), (err: Error) => {
            assert.ok(err instanceof PolicyCrash);
            assert.equal(
                err.message,
                `policy fragile failed on ${bucket.urn}: Cannot read properties of undefined (reading 'Role')`,
            );
            return true;
        });
    });

    it("stops with a PolicyCrash naming the policy when a stack policy throws", async () => {
        const policy: StackValidationPolicy = {
            name: "fragile-stack",
            description: "d",
            enforcementLevel: "mandatory",
            validateStack: () => {
                throw new Error("no resources");
            },
        };
        await assert.rejects(evaluatePolicies(planWith([bucket]), [policy]), {
            message: "policy fragile-stack failed on the stack: no resources",
        });
    });

    it("relies on an analyzer that honours a violation's own enforcement level (@pulumi/policy server.js)", () => {
        // The pack reports environment-specific levels through this; an upgrade that drops it must fail here.
        const server = readFileSync(join(ROOT, "node_modules", "@pulumi", "policy", "server.js"), "utf8");
        assert.match(server, /enforcementLevel: policyInfo\.enforcementLevel \|\| enforcementLevel/);
    });
});
