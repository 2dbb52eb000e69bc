import { strict as assert } from "assert";
import { onlyOf, planOf, resourcesOf, STACKS } from "../helpers/plan";
import { dependentsOf, named, sourceOf } from "../helpers/relations";

const INSTANCE = "aws:rds/instance:Instance";

/** The guide's database per stack (Staging and Production Infrastructure), and the profile's rest. */
const EXPECTED = {
    production: {
        id: "fraud-detector-prod",
        class: "db.r5.large",
        multiAz: true,
        retention: 7,
        protected: true,
        monitored: true,
        logDays: 365,
    },
    staging: {
        id: "fraud-detector-staging",
        class: "db.t3.small",
        multiAz: false,
        retention: 7,
        protected: true,
        monitored: false,
        logDays: 30,
    },
    local: {
        id: "fraud-detector-local",
        class: "db.t3.micro",
        multiAz: false,
        retention: 1,
        protected: false,
        monitored: false,
        logDays: 7,
    },
} as const;

describe("Database", () => {
    for (const stack of STACKS) {
        const expected = EXPECTED[stack];
        describe(`in ${stack}`, () => {
            it(`is PostgreSQL 15 on ${expected.class}, Multi-AZ ${expected.multiAz}, named ${expected.id}`, () => {
                const db = onlyOf(planOf(stack), INSTANCE).inputs;
                assert.deepEqual(
                    [
                        db.identifier,
                        db.engine,
                        db.engineVersion,
                        db.instanceClass,
                        db.multiAz,
                        db.autoMinorVersionUpgrade,
                        db.allowMajorVersionUpgrade,
                    ],
                    [expected.id, "postgres", "15", expected.class, expected.multiAz, true, false],
                );
            });

            it("holds the guide's database fraud_detector_<env> and user fraud_user, the password managed by RDS", () => {
                const db = onlyOf(planOf(stack), INSTANCE).inputs;
                assert.equal(db.dbName, expected.id.replace(/-/g, "_"));
                assert.equal(db.username, "fraud_user");
                assert.equal(db.manageMasterUserPassword, true);
                assert.equal(db.password, undefined);
            });

            it(`keeps ${expected.retention} days of backups in 03:00-04:00, maintenance after it`, () => {
                const db = onlyOf(planOf(stack), INSTANCE).inputs;
                assert.deepEqual(
                    [db.backupRetentionPeriod, db.backupWindow, db.maintenanceWindow],
                    [expected.retention, "03:00-04:00", "sun:04:30-sun:05:30"],
                );
            });

            it("encrypts storage and the master-password secret with the stack's data key", () => {
                const plan = planOf(stack);
                const db = onlyOf(plan, INSTANCE);
                assert.equal(db.inputs.storageEncrypted, true);
                assert.equal(sourceOf(plan, db, "kmsKeyId")?.type, "aws:kms/key:Key");
                assert.equal(db.inputs.kmsKeyId, db.inputs.masterUserSecretKmsKeyId);
            });

            it("sits in a subnet group of the isolated subnets, not publicly accessible", () => {
                const plan = planOf(stack);
                const db = onlyOf(plan, INSTANCE);
                const subnetGroup = onlyOf(plan, "aws:rds/subnetGroup:SubnetGroup");
                assert.equal(db.inputs.dbSubnetGroupName, subnetGroup.outputs.name);
                assert.deepEqual(subnetGroup.inputs.subnetIds, plan.outputs.isolatedSubnetIds);
                assert.equal(db.inputs.publiclyAccessible, false);
            });

            it("forces TLS and logs queries slower than a second through its parameter group", () => {
                const plan = planOf(stack);
                const params = onlyOf(plan, "aws:rds/parameterGroup:ParameterGroup");
                assert.equal(onlyOf(plan, INSTANCE).inputs.parameterGroupName, params.outputs.name);
                assert.equal(params.inputs.family, "postgres15");
                const values = Object.fromEntries(
                    (params.inputs.parameters as Array<{ name: string; value: string }>).map((p) => [p.name, p.value]),
                );
                assert.deepEqual([values["rds.force_ssl"], values.log_min_duration_statement], ["1", "1000"]);
            });

            it(`admits 5432 only from the three application security groups${expected.protected ? " and the bastion" : ""}, one rule each`, () => {
                const plan = planOf(stack);
                const db = onlyOf(plan, INSTANCE);
                const dbGroup = sourceOf(plan, db, "vpcSecurityGroupIds", "aws:ec2/securityGroup:SecurityGroup");
                assert.ok(dbGroup);
                const rules = dependentsOf(
                    plan,
                    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                    "securityGroupId",
                    dbGroup,
                );
                const bastion = resourcesOf(plan, "aws:ec2/securityGroup:SecurityGroup").filter(
                    (g) => (g.inputs.tags as Record<string, string>).Role === "bastion",
                );
                const clients = [
                    ...Object.values(plan.outputs.serviceSecurityGroupIds as Record<string, string>),
                    ...bastion.map((g) => String(g.id)),
                ].sort();
                assert.equal(bastion.length, stack === "local" ? 0 : 1);
                assert.deepEqual(
                    new Set(
                        rules.map(
                            (r) =>
                                `${String(r.inputs.ipProtocol)}/${String(r.inputs.fromPort)}-${String(r.inputs.toPort)}`,
                        ),
                    ),
                    new Set(["tcp/5432-5432"]),
                );
                assert.deepEqual(rules.map((r) => r.inputs.referencedSecurityGroupId).sort(), clients);
            });

            it(`${expected.protected ? "is" : "is not"} protected against deletion`, () => {
                const db = onlyOf(planOf(stack), INSTANCE);
                assert.deepEqual(
                    [
                        db.inputs.deletionProtection,
                        db.inputs.skipFinalSnapshot,
                        db.inputs.finalSnapshotIdentifier,
                        db.options.protect,
                    ],
                    expected.protected ? [true, false, `${expected.id}-final`, true] : [false, true, undefined, false],
                );
                assert.equal(db.inputs.deleteAutomatedBackups, false);
            });

            it(`${expected.monitored ? "has" : "has no"} Performance Insights and enhanced monitoring`, () => {
                const plan = planOf(stack);
                const db = onlyOf(plan, INSTANCE).inputs;
                assert.equal(db.performanceInsightsEnabled, expected.monitored);
                assert.equal(db.monitoringInterval, expected.monitored ? 60 : 0);
                assert.equal(
                    resourcesOf(plan, "aws:iam/role:Role").filter((r) => r.name.endsWith("-database-monitoring"))
                        .length,
                    expected.monitored ? 1 : 0,
                );
            });

            it(`creates RDS's log groups itself: ${expected.logDays} days, the stack's data key`, () => {
                const plan = planOf(stack);
                const groups = ["postgresql", "upgrade"].map((type) =>
                    named(plan, "aws:cloudwatch/logGroup:LogGroup", `-database-${type}-logs`),
                );
                assert.deepEqual(
                    groups.map((g) => [
                        g.inputs.name,
                        g.inputs.retentionInDays,
                        sourceOf(plan, g, "kmsKeyId")?.type,
                        g.inputs.deletionProtectionEnabled,
                    ]),
                    ["postgresql", "upgrade"].map((type) => [
                        `/aws/rds/instance/${expected.id}/${type}`,
                        expected.logDays,
                        "aws:kms/key:Key",
                        expected.protected,
                    ]),
                );
            });

            it("creates the instance after its log groups, so RDS never creates them without retention or key", () => {
                const plan = planOf(stack);
                const db = onlyOf(plan, INSTANCE);
                for (const type of ["postgresql", "upgrade"]) {
                    const group = named(plan, "aws:cloudwatch/logGroup:LogGroup", `-database-${type}-logs`);
                    assert.ok(db.options.dependsOn.includes(group.urn), type);
                }
            });
        });
    }

    it("creates the production instance after its monitoring role's policy attachment, which RDS checks", () => {
        const plan = planOf("production");
        const attachment = named(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "-database-monitoring");
        assert.equal(
            attachment.inputs.policyArn,
            "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
        );
        assert.ok(onlyOf(plan, INSTANCE).options.dependsOn.includes(attachment.urn));
    });

    it("lets the stack's key admit CloudWatch Logs for the RDS log groups' names", () => {
        const key = onlyOf(planOf("production"), "aws:kms/key:Key");
        const statements = (JSON.parse(key.inputs.policy as string) as { Statement: Record<string, unknown>[] })
            .Statement;
        const logs = statements.find((st) => st.Sid === "CloudWatchLogsOfThisAccount");
        const pattern = JSON.stringify(logs?.Condition).match(/arn:aws:logs:[^"]+/)?.[0] ?? "";
        assert.equal(pattern, "arn:aws:logs:ca-central-1:111122223333:log-group:*");
    });

    it("exports the PostgreSQL logs the guide's troubleshooting reads", () =>
        assert.deepEqual(onlyOf(planOf("production"), INSTANCE).inputs.enabledCloudwatchLogsExports, [
            "postgresql",
            "upgrade",
        ]));

    it("restores from a snapshot when database.restoreFromSnapshot is set, keeping everything else", () => {
        const plan = planOf("production", ["fraud-detector:database.restoreFromSnapshot=fraud-detector-20240115"]);
        const db = onlyOf(plan, INSTANCE).inputs;
        assert.equal(db.snapshotIdentifier, "fraud-detector-20240115");
        // The snapshot brings its own database; the user is the snapshot's own fraud_user.
        assert.deepEqual([db.dbName, db.username], [undefined, "fraud_user"]);
        assert.deepEqual(
            [db.identifier, db.instanceClass, db.multiAz, db.storageEncrypted],
            ["fraud-detector-prod", "db.r5.large", true, true],
        );
        assert.equal(plan.policy.violations.filter((v) => v.enforcementLevel === "mandatory").length, 0);
    });

    it("names its monitoring role after the component, not a literal", () =>
        assert.match(
            named(planOf("production"), "aws:iam/role:Role", "-database-monitoring").name,
            /^fraud-detector-prod-database-monitoring$/,
        ));
});
