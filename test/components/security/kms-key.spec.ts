import { strict as assert } from "assert";
import { KmsKey, KmsKeyArgs } from "../../../components/security/kms-key";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
/** Production on Fargate: protected, no Auto Scaling hosts. */
const PRODUCTION: KmsKeyArgs = {
    description: "Data of fraud-detector-prod",
    alias: "alias/fraud-detector-prod-data",
    region: "ca-central-1",
    deletionProtection: true,
    autoScalingVolumes: false,
    tags: TAGS,
};
/** Staging on EC2 hosts: Auto Scaling launches volumes encrypted with the key. */
const STAGING: KmsKeyArgs = {
    ...PRODUCTION,
    description: "Data of fraud-detector-staging",
    alias: "alias/fraud-detector-staging-data",
    deletionProtection: false,
    autoScalingVolumes: true,
    tags: { ...TAGS, Environment: "staging" },
};

const build = (args: KmsKeyArgs) => () => new KmsKey("data-key", args);

describe("components/security KmsKey (built in-process)", () => {
    const cases = [
        {
            title: "production: protected, no Auto Scaling statements",
            args: PRODUCTION,
            sids: ["AccountAdministersThroughIam", "CloudWatchLogsOfThisAccount", "TopicPublishersOfThisAccount"],
            name: "fraud-detector-prod-data",
        },
        {
            title: "staging on EC2: Auto Scaling may use the key and grant for host volumes",
            args: STAGING,
            sids: [
                "AccountAdministersThroughIam",
                "CloudWatchLogsOfThisAccount",
                "TopicPublishersOfThisAccount",
                "AutoScalingUsesTheKeyForHostVolumes",
                "AutoScalingGrantsForHostVolumes",
            ],
            name: "fraud-detector-staging-data",
        },
    ];
    for (const c of cases) {
        describe(c.title, () => {
            const built = builtOnce(build(c.args));

            it("creates the key and its alias under the component", async () => {
                const { children, parentName, child } = await built();
                assert.deepEqual(
                    children.map((r) => `${r.type} ${r.name}`),
                    ["aws:kms/key:Key data-key-key", "aws:kms/alias:Alias data-key-alias"],
                );
                assert.ok(children.every((r) => parentName(r) === "data-key"));
                assert.equal(child("aws:kms/alias:Alias", "data-key-alias").inputs.name, c.args.alias);
            });

            it("rotates yearly, keeps the 30-day window, and is protected and retained exactly with deletion protection", async () => {
                const key = (await built()).child("aws:kms/key:Key", "data-key-key");
                assert.deepEqual(
                    [key.inputs.enableKeyRotation, key.inputs.rotationPeriodInDays, key.inputs.deletionWindowInDays],
                    [true, 365, 30],
                );
                assert.deepEqual(
                    [key.options.protect, key.options.retainOnDelete],
                    [c.args.deletionProtection, c.args.deletionProtection],
                );
                assert.equal((key.inputs.tags as Record<string, string>).Name, c.name);
            });

            it("states the key policy's statements, CloudWatch Logs of this region among them", async () => {
                const { child, outputs } = await built();
                const policy = JSON.parse(String(child("aws:kms/key:Key", "data-key-key").inputs.policy)) as {
                    Statement: { Sid: string; Principal: { Service?: unknown } }[];
                };
                assert.deepEqual(
                    policy.Statement.map((s) => s.Sid),
                    c.sids,
                );
                assert.equal(policy.Statement[1].Principal.Service, "logs.ca-central-1.amazonaws.com");
                assert.match(String(outputs.keyArn), /^arn:aws:kms:ca-central-1:\d{12}:key\//);
            });
        });
    }

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<KmsKeyArgs>[] = [
        [
            "stack tags that would lose the key's Name",
            { tags: { ...TAGS, Name: "shared" } },
            'tag Name is set by the stack to "shared" and cannot be changed to "fraud-detector-prod-data"',
        ],
    ];
    refusesEach(build, PRODUCTION, ARGUMENT_ERRORS);
});
