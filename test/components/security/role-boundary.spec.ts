import { strict as assert } from "assert";
import { RoleBoundary } from "../../../components/security/role-boundary/role-boundary";
import { RoleBoundaryArgs } from "../../../components/security/role-boundary/args";
import { builtOnce } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
const PRODUCTION: RoleBoundaryArgs = {
    region: "ca-central-1",
    namePrefix: "fraud-detector-prod",
    secretPathPrefix: "fraud-detector/prod",
    dataKeyArn: "arn:aws:kms:ca-central-1:111122223333:key/prod-data",
    tags: TAGS,
};
const STAGING: RoleBoundaryArgs = {
    ...PRODUCTION,
    namePrefix: "fraud-detector-staging",
    secretPathPrefix: "fraud-detector/staging",
    dataKeyArn: "arn:aws:kms:ca-central-1:111122223333:key/staging-data",
    tags: { ...TAGS, Environment: "staging" },
};

const build = (args: RoleBoundaryArgs) => () => new RoleBoundary("boundary", args);

interface Statement {
    Sid: string;
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
}

describe("components/security RoleBoundary (built in-process)", () => {
    for (const args of [PRODUCTION, STAGING]) {
        describe(args.namePrefix, () => {
            const built = builtOnce(build(args));

            it("creates one managed policy, named <prefix>-role-boundary under /boundaries/", async () => {
                const { children, parentName, outputs } = await built();
                assert.deepEqual(
                    children.map((r) => `${r.type} ${r.name}`),
                    ["aws:iam/policy:Policy boundary"],
                );
                assert.equal(parentName(children[0]), "boundary");
                assert.deepEqual(
                    [children[0].inputs.name, children[0].inputs.path, children[0].inputs.description],
                    [
                        `${args.namePrefix}-role-boundary`,
                        "/boundaries/",
                        `Permissions boundary of every role of ${args.namePrefix}`,
                    ],
                );
                // The policy's own ARN (IAM puts the path in it; the offline mock leaves it out).
                assert.equal(outputs.arn, children[0].outputs.arn);
            });

            it("denies IAM and sts:AssumeRole outright, and names only the stack's own key", async () => {
                const { children } = await built();
                const statements = (JSON.parse(String(children[0].inputs.policy)) as { Statement: Statement[] })
                    .Statement;
                const denied = statements.filter((s) => s.Effect === "Deny").flatMap((s) => [s.Action].flat());
                assert.ok(denied.includes("iam:*"), JSON.stringify(denied));
                assert.ok(denied.includes("sts:AssumeRole"), JSON.stringify(denied));
                const keys = statements
                    .flatMap((s) => [s.Resource].flat())
                    .filter((r) => typeof r === "string" && r.startsWith("arn:aws:kms:"));
                assert.deepEqual([...new Set(keys)], [args.dataKeyArn]);
            });
        });
    }

    describe("argument errors", () => {
        // RoleBoundary validates nothing of its own and sets no tag a stack could hold: any tags pass.
        it("has none: even a stack Name tag passes through to the policy", async () => {
            const built = await builtOnce(build({ ...PRODUCTION, tags: { ...TAGS, Name: "shared" } }))();
            assert.equal((built.children[0].inputs.tags as Record<string, string>).Name, "shared");
        });
    });
});
