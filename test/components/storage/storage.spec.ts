import { strict as assert } from "assert";
import { Storage, StorageArgs } from "../../../components/storage/storage";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
const KEY = "arn:aws:kms:ca-central-1:111122223333:key/data";
/** Production: protected, the models bucket replicated into the backup bucket. */
const PRODUCTION: StorageArgs = {
    namePrefix: "fraud-detector-prod",
    kmsKeyArn: KEY,
    region: "ca-central-1",
    replicateModels: true,
    deletionProtection: true,
    tags: TAGS,
    roleBoundaryArn: "arn:aws:iam::111122223333:policy/boundaries/fraud-detector-prod-role-boundary",
};
/** Local: unprotected, no replication. */
const LOCAL: StorageArgs = {
    ...PRODUCTION,
    namePrefix: "fraud-detector-local",
    replicateModels: false,
    deletionProtection: false,
    tags: { ...TAGS, Environment: "local" },
};

const build = (args: StorageArgs) => () => new Storage("storage", args);
const BUCKET = "fraud-detector:storage:PrivateBucket";
const REPLICATION = [
    "aws:iam/role:Role storage-replication",
    "aws:iam/rolePolicy:RolePolicy storage-replication",
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig storage-replication",
];

describe("components/storage Storage (built in-process)", () => {
    const cases = [
        {
            title: "production: three protected buckets, models replicated to backup",
            args: PRODUCTION,
            replication: REPLICATION,
        },
        { title: "local: three buckets, no replication", args: LOCAL, replication: [] },
    ];
    for (const c of cases) {
        describe(c.title, () => {
            const built = builtOnce(build(c.args));

            it("creates the logs, models and backup buckets (and the replication) under the component", async () => {
                const { children, parentName } = await built();
                assert.deepEqual(
                    children
                        .filter((r) => parentName(r) === "storage")
                        .map((r) => `${r.type} ${r.name}`)
                        .sort(),
                    [
                        `${BUCKET} storage-backup`,
                        `${BUCKET} storage-logs`,
                        `${BUCKET} storage-models`,
                        ...c.replication,
                    ].sort(),
                );
                const buckets = children.filter((r) => r.type === "aws:s3/bucket:Bucket");
                assert.deepEqual(
                    buckets.map((b) => [parentName(b), b.inputs.bucket, b.options.protect]),
                    [
                        ["storage-logs", `${c.args.namePrefix}-access-logs`, c.args.deletionProtection],
                        ["storage-models", `${c.args.namePrefix}-models`, c.args.deletionProtection],
                        ["storage-backup", `${c.args.namePrefix}-backup-models`, c.args.deletionProtection],
                    ],
                );
            });

            it("logs models and backup access into the log bucket; locks backup versions 30 days", async () => {
                const { child } = await built();
                for (const bucket of ["storage-models", "storage-backup"]) {
                    assert.equal(
                        child("aws:s3/bucketLogging:BucketLogging", `${bucket}-logging`).inputs.targetBucket,
                        `${c.args.namePrefix}-access-logs`,
                    );
                }
                const lock = child(
                    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
                    "storage-backup-object-lock",
                );
                assert.deepEqual(lock.inputs.rule, { defaultRetention: { mode: "GOVERNANCE", days: 30 } });
            });

            it("lets S3 server access logs and the region's ELB account write to the log bucket", async () => {
                const policy = JSON.parse(
                    String(
                        (await built()).child("aws:s3/bucketPolicy:BucketPolicy", "storage-logs-policy").inputs.policy,
                    ),
                ) as { Statement: { Sid: string; Principal: unknown }[] };
                assert.deepEqual(
                    policy.Statement.map((s) => [s.Sid, s.Principal]),
                    [
                        ["DenyPlainHttp", "*"],
                        ["S3ServerAccessLogsOfThisAccount", { Service: "logging.s3.amazonaws.com" }],
                        ["AlbAccessLogsOfThisAccount", { AWS: "arn:aws:iam::985666609251:root" }],
                    ],
                );
            });

            it("outputs the bucket names", async () => {
                const { outputs } = await built();
                assert.deepEqual(
                    [outputs.modelsBucketName, outputs.backupBucketName, outputs.logBucketName],
                    [
                        `${c.args.namePrefix}-models`,
                        `${c.args.namePrefix}-backup-models`,
                        `${c.args.namePrefix}-access-logs`,
                    ],
                );
            });
        });
    }

    it("replicates with a bounded role, within 15 minutes, once both buckets are versioned", async () => {
        const { child } = await builtOnce(build(PRODUCTION))();
        assert.equal(
            child("aws:iam/role:Role", "storage-replication").inputs.permissionsBoundary,
            PRODUCTION.roleBoundaryArn,
        );
        const replication = child("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "storage-replication");
        const rule = (replication.inputs.rules as { id: string; destination: Record<string, unknown> }[])[0];
        assert.equal(rule.id, "models-to-backup");
        assert.deepEqual(rule.destination.replicationTime, { status: "Enabled", time: { minutes: 15 } });
        for (const bucket of ["storage-models", "storage-backup"]) {
            const versioning = child("aws:s3/bucketVersioning:BucketVersioning", `${bucket}-versioning`);
            assert.ok(replication.options.dependsOn.includes(versioning.urn), bucket);
        }
    });

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<StorageArgs>[] = [
        [
            "stack tags that would lose a bucket's Name",
            { tags: { ...TAGS, Name: "shared" } },
            'tag Name is set by the stack to "shared" and cannot be changed to "fraud-detector-prod-access-logs"',
        ],
        [
            "stack tags that would lose a bucket's Purpose",
            { tags: { ...TAGS, Purpose: "shared" } },
            'tag Purpose is set by the stack to "shared" and cannot be changed to "logs"',
        ],
    ];
    refusesEach(build, PRODUCTION, ARGUMENT_ERRORS);
});
