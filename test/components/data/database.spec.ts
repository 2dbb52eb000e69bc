import { strict as assert } from "assert";
import { Database, DatabaseArgs } from "../../../components/data/database";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
/** The guide's production database: db.r6g.large Multi-AZ, PostgreSQL 15, backups at 03:00-04:00. */
const PRODUCTION: DatabaseArgs = {
    identifier: "fraud-detector-prod",
    dbName: "fraud_detector_prod",
    instanceClass: "db.r6g.large",
    multiAz: true,
    engineVersion: "15",
    allocatedStorageGb: 100,
    backupRetentionDays: 7,
    backupWindow: "03:00-04:00",
    maintenanceWindow: "sun:05:00-sun:06:00",
    deletionProtection: true,
    enhancedMonitoring: true,
    logRetentionDays: 90,
    vpcId: "vpc-1",
    subnetIds: ["subnet-isolated-a", "subnet-isolated-b"],
    clientSecurityGroupIds: { api: "sg-api", worker: "sg-worker", mlService: "sg-ml" },
    kmsKeyArn: "arn:aws:kms:ca-central-1:111122223333:key/data",
    tags: TAGS,
    roleBoundaryArn: "arn:aws:iam::111122223333:policy/boundaries/fraud-detector-prod-role-boundary",
};
/** Local: a small single-AZ instance, unprotected, without enhanced monitoring, restored from a snapshot. */
const LOCAL_FROM_SNAPSHOT: DatabaseArgs = {
    ...PRODUCTION,
    identifier: "fraud-detector-local",
    dbName: "fraud_detector_local",
    instanceClass: "db.t3.micro",
    multiAz: false,
    deletionProtection: false,
    enhancedMonitoring: false,
    restoreFromSnapshot: "fraud-detector-prod-final",
    clientSecurityGroupIds: { api: "sg-api" },
};

const build = (args: DatabaseArgs) => () => new Database("database", args);
const INSTANCE = "aws:rds/instance:Instance";

describe("components/data Database (built in-process)", () => {
    const cases = [
        {
            title: "production: Multi-AZ, protected, enhanced monitoring",
            args: PRODUCTION,
            extra: [
                "aws:iam/role:Role database-monitoring",
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment database-monitoring",
            ],
            clients: ["api", "worker", "mlService"],
            expected: {
                dbName: "fraud_detector_prod",
                snapshotIdentifier: undefined,
                skipFinalSnapshot: false,
                finalSnapshotIdentifier: "fraud-detector-prod-final",
                monitoringInterval: 60,
                performanceInsightsEnabled: true,
                performanceInsightsRetentionPeriod: 7,
            },
        },
        {
            title: "local, restored from a snapshot: no database name, no monitoring, no final snapshot",
            args: LOCAL_FROM_SNAPSHOT,
            extra: [],
            clients: ["api"],
            expected: {
                dbName: undefined,
                snapshotIdentifier: "fraud-detector-prod-final",
                skipFinalSnapshot: true,
                finalSnapshotIdentifier: undefined,
                monitoringInterval: 0,
                performanceInsightsEnabled: false,
                performanceInsightsRetentionPeriod: undefined,
            },
        },
    ];
    for (const c of cases) {
        describe(c.title, () => {
            const built = builtOnce(build(c.args));

            it("creates the guarded group, subnets, parameters, log groups and the instance", async () => {
                const { children, parentName } = await built();
                assert.deepEqual(
                    children.map((r) => `${r.type} ${r.name}`).sort(),
                    [
                        "aws:cloudwatch/logGroup:LogGroup database-postgresql-logs",
                        "aws:cloudwatch/logGroup:LogGroup database-upgrade-logs",
                        "aws:ec2/securityGroup:SecurityGroup database-sg",
                        "aws:rds/instance:Instance database-instance",
                        "aws:rds/parameterGroup:ParameterGroup database-params",
                        "aws:rds/subnetGroup:SubnetGroup database-subnets",
                        ...c.clients.map(
                            (client) =>
                                `aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule database-from-${client}`,
                        ),
                        ...c.extra,
                    ].sort(),
                );
                assert.ok(children.every((r) => parentName(r) === "database"));
            });

            it("names the log groups RDS writes to, so they exist before the instance", async () => {
                const { child } = await built();
                const logs = child("aws:cloudwatch/logGroup:LogGroup", "database-postgresql-logs");
                assert.equal(logs.inputs.name, `/aws/rds/instance/${c.args.identifier}/postgresql`);
                const instance = child(INSTANCE, "database-instance");
                assert.ok(instance.options.dependsOn.includes(logs.urn));
            });

            it("runs PostgreSQL privately, encrypted, TLS only, with managed password and the guide's windows", async () => {
                const { child } = await built();
                const i = child(INSTANCE, "database-instance").inputs;
                assert.deepEqual(
                    [i.identifier, i.engine, i.instanceClass, i.multiAz, i.username, i.storageType],
                    [c.args.identifier, "postgres", c.args.instanceClass, c.args.multiAz, "fraud_user", "gp3"],
                );
                assert.deepEqual(
                    [i.publiclyAccessible, i.storageEncrypted, i.manageMasterUserPassword],
                    [false, true, true],
                );
                assert.deepEqual([i.backupWindow, i.maintenanceWindow], ["03:00-04:00", "sun:05:00-sun:06:00"]);
                assert.deepEqual(i.enabledCloudwatchLogsExports, ["postgresql", "upgrade"]);
                const { dbName, snapshotIdentifier, skipFinalSnapshot, finalSnapshotIdentifier, ...monitoring } =
                    c.expected;
                assert.deepEqual(
                    {
                        dbName: i.dbName,
                        snapshotIdentifier: i.snapshotIdentifier,
                        skipFinalSnapshot: i.skipFinalSnapshot,
                        finalSnapshotIdentifier: i.finalSnapshotIdentifier,
                        monitoringInterval: i.monitoringInterval,
                        performanceInsightsEnabled: i.performanceInsightsEnabled,
                        performanceInsightsRetentionPeriod: i.performanceInsightsRetentionPeriod,
                    },
                    { dbName, snapshotIdentifier, skipFinalSnapshot, finalSnapshotIdentifier, ...monitoring },
                );
                const params = child("aws:rds/parameterGroup:ParameterGroup", "database-params").inputs;
                assert.equal(params.family, "postgres15");
                assert.deepEqual((params.parameters as { name: string }[])[0], { name: "rds.force_ssl", value: "1" });
            });

            it("protects the instance exactly when deletion protection is on", async () => {
                const instance = (await built()).child(INSTANCE, "database-instance");
                assert.equal(instance.options.protect, c.args.deletionProtection);
                assert.equal(instance.inputs.deletionProtection, c.args.deletionProtection);
            });
        });
    }

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<DatabaseArgs>[] = [
        [
            "stack tags that would lose the security group's Name",
            { tags: { ...TAGS, Name: "shared" } },
            'tag Name is set by the stack to "shared" and cannot be changed to "fraud-detector-prod-db"',
        ],
        [
            "stack tags that would lose the security group's Role",
            { tags: { ...TAGS, Role: "shared" } },
            'tag Role is set by the stack to "shared" and cannot be changed to "database"',
        ],
    ];
    refusesEach(build, PRODUCTION, ARGUMENT_ERRORS);
});
