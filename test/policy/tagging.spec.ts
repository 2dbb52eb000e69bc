import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import { findTaggableTypes } from "../../policy/tools/taggable-types";
import { ROOT } from "../helpers/plan";
import { messagesOf, resource, stackTags, violationsOf } from "./harness";

describe("policy: tagging", () => {
    describe("region-ca-central-1", () => {
        const provider = (region: unknown) => resource("pulumi:providers:aws", { region });

        it("passes a provider pinned to ca-central-1 and resources without a region override", async () => {
            const bucket = resource("aws:s3/bucket:Bucket", { tags: stackTags() });
            assert.deepEqual(await messagesOf([provider("ca-central-1"), bucket], "region-ca-central-1"), []);
        });

        it("rejects a provider in another region", async () => {
            assert.deepEqual(await messagesOf([provider("us-east-1")], "region-ca-central-1"), [
                'the AWS provider\'s region is "us-east-1"; set region: "ca-central-1"',
            ]);
        });

        it("rejects a per-resource region override (new in @pulumi/aws v7)", async () => {
            const bucket = resource("aws:s3/bucket:Bucket", { region: "us-west-2", tags: stackTags() });
            assert.deepEqual(await messagesOf([bucket], "region-ca-central-1"), [
                'region is overridden to "us-west-2"; remove region or set it to "ca-central-1"',
            ]);
        });
    });

    describe("tags-required", () => {
        it("passes resources carrying Project, Environment and ManagedBy", async () => {
            const group = resource("aws:cloudwatch/logGroup:LogGroup", { tags: stackTags("staging") });
            assert.deepEqual(await messagesOf([group], "tags-required"), []);
        });

        it("ignores types AWS cannot tag", async () => {
            const policy = resource("aws:iam/rolePolicy:RolePolicy", { policy: "{}" });
            assert.deepEqual(await messagesOf([policy], "tags-required"), []);
        });

        it("rejects a resource without tags, judging it as production (mandatory)", async () => {
            const group = resource("aws:cloudwatch/logGroup:LogGroup", {});
            const found = await violationsOf([group], "tags-required");
            assert.deepEqual(
                found.map((v) => [v.enforcementLevel, v.message]),
                [
                    ["mandatory", 'tag Project is unset; set tags.Project to "fraud-detector"'],
                    [
                        "mandatory",
                        "tag Environment is unset; set tags.Environment to the stack's environment (local, staging or production)",
                    ],
                    ["mandatory", 'tag ManagedBy is unset; set tags.ManagedBy to "pulumi"'],
                ],
            );
        });

        it("rejects the awsx VPC component without tags (awsx passes them to its children)", async () => {
            const vpc = resource(
                "awsx:ec2:Vpc",
                { tags: { ...stackTags(), ManagedBy: "terraform" } },
                { custom: false },
            );
            assert.deepEqual(await messagesOf([vpc], "tags-required"), [
                'tag ManagedBy is "terraform"; set tags.ManagedBy to "pulumi"',
            ]);
        });

        it("rejects a resource whose Environment differs from the rest of the stack", async () => {
            const a = resource("aws:cloudwatch/logGroup:LogGroup", { tags: stackTags("staging") });
            const b = resource("aws:cloudwatch/logGroup:LogGroup", { tags: stackTags("staging") });
            const odd = resource("aws:cloudwatch/logGroup:LogGroup", { tags: stackTags("production") });
            const found = await violationsOf([a, b, odd], "tags-required");
            assert.deepEqual(
                found.map((v) => [v.urn, v.message]),
                [
                    [
                        odd.urn,
                        'tag Environment is "production" but the stack\'s resources are "staging"; one stack is one environment',
                    ],
                ],
            );
        });

        it("knows exactly the taggable types of the installed @pulumi/aws (regenerate with npm run policy:taggable)", () => {
            const shipped = JSON.parse(
                readFileSync(join(ROOT, "policy", "lib", "taggable-types.json"), "utf8"),
            ) as string[];
            assert.deepEqual(shipped, findTaggableTypes(join(ROOT, "node_modules", "@pulumi", "aws")));
        });
    });
});
