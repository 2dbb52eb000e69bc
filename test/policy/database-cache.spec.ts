import { strict as assert } from "assert";
import { PlanResource } from "../../plan/engine/contract";
import { levelsOf, messagesOf, resource, stackTags } from "./harness";

const INSTANCE = "aws:rds/instance:Instance";
const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const DB_SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
const EVENT_SUBSCRIPTION = "aws:rds/eventSubscription:EventSubscription";
const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const CACHE_SUBNET_GROUP = "aws:elasticache/subnetGroup:SubnetGroup";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const SUBNET = "aws:ec2/subnet:Subnet";
const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
const SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const TOPIC = "aws:sns/topic:Topic";
const SERVICE = "aws:ecs/service:Service";

type Props = Record<string, unknown>;
type From = Record<string, PlanResource[]>;

/** The guide's awsx VPC, with an isolated tier. */
function vpc(props: Props = {}): PlanResource {
    return resource(
        "awsx:ec2:Vpc",
        {
            cidrBlock: "10.0.0.0/16",
            subnetSpecs: [{ type: "Public" }, { type: "Private" }, { type: "Isolated" }],
            tags: stackTags(),
            ...props,
        },
        { name: "vpc", custom: false },
    );
}

function securityGroup(name: string): PlanResource {
    return resource(SG, { description: name, tags: stackTags() }, { name });
}

// ---------------------------------------------------------------- RDS fixtures

/** Everything a compliant RDS instance refers to. */
interface DbParts {
    readonly subnetGroup: PlanResource;
    readonly parameterGroup: PlanResource;
    readonly group: PlanResource;
    readonly password: PlanResource;
    readonly others: PlanResource[];
}

function dbSubnetGroup(from: From = { subnetIds: [vpc()] }, name = "db-subnets"): PlanResource {
    return resource(DB_SUBNET_GROUP, { subnetIds: ["subnet-1", "subnet-2"], tags: stackTags() }, { name, from });
}

function parameterGroupProps(): Props {
    return { family: "postgres15", parameters: [{ name: "rds.force_ssl", value: "1" }], tags: stackTags() };
}

function parameterGroup(props: Props = parameterGroupProps()): PlanResource {
    return resource(PARAMETER_GROUP, props, { name: "db-params" });
}

function dbParts(): DbParts {
    const network = vpc();
    const password = resource(RANDOM_PASSWORD, { length: 32, special: false }, { name: "db-password" });
    const secretVersion = resource(
        SECRET_VERSION,
        { secretString: "[secret]" },
        { from: { secretString: [password] } },
    );
    return {
        subnetGroup: dbSubnetGroup({ subnetIds: [network] }),
        parameterGroup: parameterGroup(),
        group: securityGroup("db-sg"),
        password,
        others: [network, secretVersion],
    };
}

/** A compliant production instance's inputs. */
function instanceProps(environment = "production"): Props {
    return {
        engine: "postgres",
        engineVersion: "15",
        instanceClass: "db.r5.large",
        username: "fraud_user",
        password: "[secret]",
        storageEncrypted: true,
        kmsKeyId: "arn:aws:kms:ca-central-1:123456789012:key/db",
        parameterGroupName: "db-params",
        dbSubnetGroupName: "db-subnets",
        vpcSecurityGroupIds: ["db-sg-id"],
        publiclyAccessible: false,
        multiAz: true,
        backupRetentionPeriod: 7,
        backupWindow: "03:00-04:00",
        maintenanceWindow: "sun:04:30-sun:05:30",
        deletionProtection: true,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: "fraud-detector-production-final",
        deleteAutomatedBackups: false,
        enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
        autoMinorVersionUpgrade: true,
        monitoringInterval: 60,
        monitoringRoleArn: "arn:aws:iam::123456789012:role/rds-monitoring",
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: "arn:aws:kms:ca-central-1:123456789012:key/pi",
        iamDatabaseAuthenticationEnabled: true,
        copyTagsToSnapshot: true,
        caCertIdentifier: "rds-ca-rsa2048-g1",
        tags: stackTags(environment),
    };
}

/** Where a compliant instance's inputs come from. */
function instanceFrom(parts: DbParts): From {
    return {
        parameterGroupName: [parts.parameterGroup],
        dbSubnetGroupName: [parts.subnetGroup],
        vpcSecurityGroupIds: [parts.group],
        password: [parts.password],
    };
}

function instance(props: Props = instanceProps(), from: From = instanceFrom(dbParts())): PlanResource {
    return resource(INSTANCE, props, { name: "db", from });
}

function subscriptionProps(): Props {
    return {
        sourceType: "db-instance",
        sourceIds: ["db-id"],
        eventCategories: ["failure", "maintenance", "configuration change"],
        snsTopic: "arn:aws:sns:ca-central-1:123456789012:alarms",
        tags: stackTags(),
    };
}

/**
 * A whole data tier around one instance: the instance's inputs (spread over the compliant ones),
 * its sources, and an event subscription to the alarm topic (none when `subscription` is null).
 */
function dbStack(
    change: { props?: Props; parts?: Partial<DbParts>; from?: From; subscription?: Props | null } = {},
): PlanResource[] {
    const parts = { ...dbParts(), ...change.parts };
    const db = instance({ ...instanceProps(), ...change.props }, { ...instanceFrom(parts), ...change.from });
    const topic = resource(TOPIC, { tags: stackTags() }, { name: "alarms" });
    const subscription =
        change.subscription === null
            ? []
            : [
                  resource(EVENT_SUBSCRIPTION, change.subscription ?? subscriptionProps(), {
                      name: "db-events",
                      from: { sourceIds: [db], snsTopic: [topic] },
                  }),
              ];
    return [
        ...parts.others,
        parts.subnetGroup,
        parts.parameterGroup,
        parts.group,
        parts.password,
        db,
        topic,
        ...subscription,
    ];
}

// ---------------------------------------------------------------- ElastiCache fixtures

/** A compliant production replication group's inputs. */
function cacheProps(environment = "production"): Props {
    return {
        description: "fraud-detector cache",
        engine: "redis",
        engineVersion: "7.0",
        nodeType: "cache.r6g.large",
        numCacheClusters: 3,
        automaticFailoverEnabled: true,
        multiAzEnabled: true,
        preferredCacheClusterAzs: ["ca-central-1a", "ca-central-1b", "ca-central-1a"],
        atRestEncryptionEnabled: true,
        kmsKeyId: "arn:aws:kms:ca-central-1:123456789012:key/cache",
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        authTokenWo: "[secret]",
        authTokenWoVersion: 1,
        snapshotRetentionLimit: 7,
        snapshotWindow: "03:00-04:00",
        maintenanceWindow: "sun:05:00-sun:06:00",
        finalSnapshotIdentifier: "fraud-detector-production-cache-final",
        subnetGroupName: "cache-subnets",
        securityGroupIds: ["cache-sg-id"],
        tags: stackTags(environment),
    };
}

function cache(props: Props = cacheProps(), from: From = {}): PlanResource {
    return resource(REPLICATION_GROUP, props, { name: "cache", from });
}

/** A replication group in its subnet group and security group (spread `props` over the compliant ones). */
function cacheStack(
    change: { props?: Props; network?: PlanResource; from?: From; extra?: PlanResource[] } = {},
): PlanResource[] {
    const network = change.network ?? vpc();
    const subnets = resource(
        CACHE_SUBNET_GROUP,
        { subnetIds: ["subnet-1", "subnet-2"], tags: stackTags() },
        { name: "cache-subnets", from: { subnetIds: [network] } },
    );
    const group = securityGroup("cache-sg");
    const replicationGroup = cache(
        { ...cacheProps(), ...change.props },
        { subnetGroupName: [subnets], securityGroupIds: [group], ...change.from },
    );
    return [network, subnets, group, replicationGroup, ...(change.extra ?? [])];
}

describe("policy: database and cache", () => {
    describe("rds-encryption", () => {
        it("passes an encrypted instance with a postgres parameter group forcing TLS", async () =>
            assert.deepEqual(await messagesOf(dbStack(), "rds-encryption"), []));

        it("rejects unencrypted storage, mandatory in staging and advisory in local", async () => {
            for (const [environment, level] of [
                ["staging", "mandatory"],
                ["local", "advisory"],
            ]) {
                const stack = dbStack({ props: { tags: stackTags(environment), storageEncrypted: undefined } });
                assert.deepEqual(await levelsOf(stack, "rds-encryption"), [
                    [
                        level,
                        "storageEncrypted is unset; set storageEncrypted: true (a customer KMS key in kmsKeyId is preferred)",
                    ],
                ]);
            }
        });

        it("rejects an instance on the default parameter group", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { parameterGroupName: undefined }, from: { parameterGroupName: [] } }),
                    "rds-encryption",
                ),
                [
                    'parameterGroupName is unset, so the default parameter group is used, not a parameter group of this stack; set it to an aws.rds.ParameterGroup (family postgres*) with the parameter rds.force_ssl = "1"',
                ],
            ));

        it("rejects a parameter group named by a literal", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { parameterGroupName: "default.postgres15" }, from: { parameterGroupName: [] } }),
                    "rds-encryption",
                ),
                [
                    'parameterGroupName is "default.postgres15", not a parameter group of this stack; set it to an aws.rds.ParameterGroup (family postgres*) with the parameter rds.force_ssl = "1"',
                ],
            ));

        it("rejects a parameter group of another family", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({
                        parts: { parameterGroup: parameterGroup({ ...parameterGroupProps(), family: "mysql8.0" }) },
                    }),
                    "rds-encryption",
                ),
                [
                    'parameter group db-params has family "mysql8.0"; use the instance\'s postgres* family (e.g. "postgres15")',
                ],
            ));

        it("rejects a parameter group that does not force TLS", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({
                        parts: {
                            parameterGroup: parameterGroup({
                                ...parameterGroupProps(),
                                parameters: [{ name: "rds.force_ssl", value: "0" }],
                            }),
                        },
                    }),
                    "rds-encryption",
                ),
                [
                    'parameter group db-params sets rds.force_ssl to "0"; add the parameter { name: "rds.force_ssl", value: "1" } so clients must use TLS',
                ],
            ));

        it("passes a stack without a database", async () =>
            assert.deepEqual(await messagesOf([vpc()], "rds-encryption"), []));
    });

    describe("rds-network-isolation", () => {
        it("passes an instance in the isolated subnet group behind its own group", async () =>
            assert.deepEqual(await messagesOf(dbStack(), "rds-network-isolation"), []));

        it("rejects a publicly accessible instance, mandatory in production", async () =>
            assert.deepEqual(
                await levelsOf(dbStack({ props: { publiclyAccessible: true } }), "rds-network-isolation"),
                [["mandatory", "publiclyAccessible is true; set publiclyAccessible: false"]],
            ));

        it("rejects an instance on the default subnet group", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { dbSubnetGroupName: undefined }, from: { dbSubnetGroupName: [] } }),
                    "rds-network-isolation",
                ),
                [
                    "dbSubnetGroupName is unset, so the default subnet group is used, not a subnet group of this stack; create a dedicated subnet group over the Isolated subnets and set dbSubnetGroupName to its name",
                ],
            ));

        it("rejects a subnet group over a VPC that has no isolated tier", async () => {
            const network = vpc({ subnetSpecs: [{ type: "Public" }, { type: "Private" }] });
            const stack = [...dbStack({ parts: { subnetGroup: dbSubnetGroup({ subnetIds: [network] }) } }), network];
            assert.deepEqual(await messagesOf(stack, "rds-network-isolation"), [
                "subnet group db-subnets takes its subnets from VPC vpc, which declares only Public, Private subnets; add a subnetSpec of type Isolated and use those subnet ids",
            ]);
        });

        it("rejects a subnet group that includes a private subnet", async () => {
            const isolated = resource(
                SUBNET,
                { tags: { ...stackTags(), SubnetType: "Isolated" } },
                { name: "isolated-1" },
            );
            const privateSubnet = resource(
                SUBNET,
                { tags: { ...stackTags(), SubnetType: "Private" } },
                { name: "private-1" },
            );
            const subnetGroup = dbSubnetGroup({ subnetIds: [isolated, privateSubnet] });
            const stack = [...dbStack({ parts: { subnetGroup } }), isolated, privateSubnet];
            assert.deepEqual(await messagesOf(stack, "rds-network-isolation"), [
                'subnet group db-subnets includes subnet private-1 of tier "Private"; use only Isolated subnets',
            ]);
        });

        it("rejects a subnet group of literal subnet ids", async () =>
            assert.deepEqual(
                await messagesOf(dbStack({ parts: { subnetGroup: dbSubnetGroup({}) } }), "rds-network-isolation"),
                [
                    'subnet group db-subnets lists subnetIds ["subnet-1","subnet-2"], which come from no VPC or subnet of this stack; take them from the VPC\'s Isolated subnet ids',
                ],
            ));

        it("rejects an instance on the VPC's default security group", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { vpcSecurityGroupIds: undefined }, from: { vpcSecurityGroupIds: [] } }),
                    "rds-network-isolation",
                ),
                [
                    "vpcSecurityGroupIds is unset, so the VPC's default security group is attached; attach the database tier's own security group of this stack",
                ],
            ));

        it("rejects a second security group", async () => {
            const parts = dbParts();
            const extra = securityGroup("extra-sg");
            const stack = [
                ...dbStack({
                    parts,
                    props: { vpcSecurityGroupIds: ["db-sg-id", "extra-sg-id"] },
                    from: { vpcSecurityGroupIds: [parts.group, extra] },
                }),
                extra,
            ];
            assert.deepEqual(await messagesOf(stack, "rds-network-isolation"), [
                "2 security groups are attached in vpcSecurityGroupIds; attach only the database security group",
            ]);
        });

        it("rejects a security group shared with the application tier", async () => {
            const parts = dbParts();
            const service = resource(SERVICE, { tags: stackTags() }, { from: { networkConfiguration: [parts.group] } });
            assert.deepEqual(await messagesOf([...dbStack({ parts }), service], "rds-network-isolation"), [
                "security group db-sg is also attached to the app tier; give the database tier a security group of its own",
            ]);
        });
    });

    describe("rds-multi-az", () => {
        it("passes a Multi-AZ instance", async () =>
            assert.deepEqual(await messagesOf([instance()], "rds-multi-az"), []));

        it("rejects a single-AZ production instance as mandatory", async () =>
            assert.deepEqual(await levelsOf([instance({ ...instanceProps(), multiAz: false })], "rds-multi-az"), [
                ["mandatory", "multiAz is false; set multiAz: true"],
            ]));

        it("only advises Multi-AZ in staging", async () =>
            assert.deepEqual(
                await levelsOf([instance({ ...instanceProps("staging"), multiAz: undefined })], "rds-multi-az"),
                [["advisory", "multiAz is unset; set multiAz: true"]],
            ));
    });

    describe("rds-backups", () => {
        it("passes seven days of backups in the guide's window", async () =>
            assert.deepEqual(await messagesOf([instance()], "rds-backups"), []));

        it("rejects an unset retention period, which the provider takes as 0", async () =>
            assert.deepEqual(
                await levelsOf([instance({ ...instanceProps(), backupRetentionPeriod: undefined })], "rds-backups"),
                [
                    [
                        "mandatory",
                        "backupRetentionPeriod is unset (the provider's default is 0, no backups); set backupRetentionPeriod: 7 or more",
                    ],
                ],
            ));

        it("only advises on a short retention in local", async () =>
            assert.deepEqual(
                await levelsOf([instance({ ...instanceProps("local"), backupRetentionPeriod: 1 })], "rds-backups"),
                [
                    [
                        "advisory",
                        "backupRetentionPeriod is 1 (the provider's default is 0, no backups); set backupRetentionPeriod: 7 or more",
                    ],
                ],
            ));

        it("rejects a backup window other than the guide's", async () =>
            assert.deepEqual(
                await messagesOf([instance({ ...instanceProps(), backupWindow: "01:00-02:00" })], "rds-backups"),
                ['backupWindow is "01:00-02:00"; set backupWindow: "03:00-04:00" (UTC, the guide\'s window)'],
            ));

        it("rejects a maintenance window that overlaps the backup window", async () =>
            assert.deepEqual(
                await messagesOf(
                    [instance({ ...instanceProps(), maintenanceWindow: "wed:03:30-wed:04:30" })],
                    "rds-backups",
                ),
                [
                    'maintenanceWindow "wed:03:30-wed:04:30" overlaps backupWindow "03:00-04:00"; move maintenanceWindow outside it, e.g. "sun:04:30-sun:05:30"',
                ],
            ));

        it("rejects a malformed maintenance window", async () =>
            assert.deepEqual(
                await messagesOf([instance({ ...instanceProps(), maintenanceWindow: "sunday 4am" })], "rds-backups"),
                [
                    'maintenanceWindow is "sunday 4am", not ddd:hh24:mi-ddd:hh24:mi (UTC); set e.g. maintenanceWindow: "sun:04:30-sun:05:30"',
                ],
            ));
    });

    describe("rds-deletion-safety", () => {
        it("passes a protected instance with a named final snapshot", async () =>
            assert.deepEqual(await messagesOf([instance()], "rds-deletion-safety"), []));

        it("rejects an instance without deletion protection", async () =>
            assert.deepEqual(
                await levelsOf(
                    [instance({ ...instanceProps(), deletionProtection: undefined })],
                    "rds-deletion-safety",
                ),
                [["mandatory", "deletionProtection is unset; set deletionProtection: true"]],
            ));

        it("rejects skipping the final snapshot", async () =>
            assert.deepEqual(
                await messagesOf([instance({ ...instanceProps(), skipFinalSnapshot: true })], "rds-deletion-safety"),
                ["skipFinalSnapshot is true; set skipFinalSnapshot: false"],
            ));

        it("rejects an unnamed final snapshot", async () =>
            assert.deepEqual(
                await messagesOf(
                    [instance({ ...instanceProps(), finalSnapshotIdentifier: undefined })],
                    "rds-deletion-safety",
                ),
                [
                    'finalSnapshotIdentifier is unset; name the final snapshot, e.g. finalSnapshotIdentifier: "fraud-detector-<env>-final"',
                ],
            ));

        it("rejects the default of deleting automated backups with the instance", async () =>
            assert.deepEqual(
                await messagesOf(
                    [instance({ ...instanceProps(), deleteAutomatedBackups: undefined })],
                    "rds-deletion-safety",
                ),
                ["deleteAutomatedBackups is unset (the provider's default is true); set deleteAutomatedBackups: false"],
            ));
    });

    describe("rds-logs-exported", () => {
        it("passes an instance exporting postgresql and upgrade logs", async () =>
            assert.deepEqual(await messagesOf([instance()], "rds-logs-exported"), []));

        it("rejects an instance that does not export the upgrade log", async () =>
            assert.deepEqual(
                await levelsOf(
                    [instance({ ...instanceProps(), enabledCloudwatchLogsExports: ["postgresql"] })],
                    "rds-logs-exported",
                ),
                [
                    [
                        "mandatory",
                        'enabledCloudwatchLogsExports is ["postgresql"], without upgrade; set enabledCloudwatchLogsExports: ["postgresql","upgrade"]',
                    ],
                ],
            ));

        it("rejects an instance that exports nothing", async () =>
            assert.deepEqual(
                await messagesOf(
                    [instance({ ...instanceProps(), enabledCloudwatchLogsExports: undefined })],
                    "rds-logs-exported",
                ),
                [
                    'enabledCloudwatchLogsExports is unset, without postgresql, upgrade; set enabledCloudwatchLogsExports: ["postgresql","upgrade"]',
                ],
            ));
    });

    describe("rds-minor-version-upgrades", () => {
        it("passes automatic minor upgrades on a major-only version", async () =>
            assert.deepEqual(await messagesOf([instance()], "rds-minor-version-upgrades"), []));

        it("rejects turning automatic minor upgrades off", async () =>
            assert.deepEqual(
                await levelsOf(
                    [instance({ ...instanceProps(), autoMinorVersionUpgrade: false })],
                    "rds-minor-version-upgrades",
                ),
                [["mandatory", "autoMinorVersionUpgrade is false; remove it or set autoMinorVersionUpgrade: true"]],
            ));

        it("rejects a minor version in engineVersion", async () =>
            assert.deepEqual(
                await messagesOf(
                    [instance({ ...instanceProps(), engineVersion: "15.4" })],
                    "rds-minor-version-upgrades",
                ),
                [
                    'engineVersion is "15.4"; name only the major version, e.g. engineVersion: "15", so minor upgrades do not show up as drift',
                ],
            ));

        it("rejects automatic major upgrades", async () =>
            assert.deepEqual(
                await messagesOf(
                    [instance({ ...instanceProps(), allowMajorVersionUpgrade: true })],
                    "rds-minor-version-upgrades",
                ),
                ["allowMajorVersionUpgrade is true; remove it so a major upgrade stays a deliberate, manual step"],
            ));
    });

    describe("rds-credentials", () => {
        it("passes fraud_user with the password from the RandomPassword stored in a secret", async () =>
            assert.deepEqual(await messagesOf(dbStack(), "rds-credentials"), []));

        it("passes a password managed by RDS", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { password: undefined, manageMasterUserPassword: true }, from: { password: [] } }),
                    "rds-credentials",
                ),
                [],
            ));

        it("passes a write-only password", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({
                        props: { password: undefined, passwordWo: "[secret]", passwordWoVersion: 1 },
                        from: { password: [] },
                    }),
                    "rds-credentials",
                ),
                [],
            ));

        it("rejects a default master user name, mandatory in production", async () =>
            assert.deepEqual(await levelsOf(dbStack({ props: { username: "postgres" } }), "rds-credentials"), [
                [
                    "mandatory",
                    'username is "postgres", a default master user name that is tried first; set username: "fraud_user" (the guide\'s DB_USERNAME)',
                ],
            ]));

        it("rejects a user name other than the guide's", async () =>
            assert.deepEqual(await messagesOf(dbStack({ props: { username: "fraud" } }), "rds-credentials"), [
                'username is "fraud"; set username: "fraud_user", the guide\'s DB_USERNAME the applications connect as',
            ]));

        it("rejects a password that comes from no RandomPassword, without printing it", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { password: "ChangeMe123!" }, from: { password: [] } }),
                    "rds-credentials",
                ),
                [
                    "password does not come from a random.RandomPassword, so it is a literal (or config value) in the program; take it from the RandomPassword stored in fraud-detector/<env>/database, or set manageMasterUserPassword: true",
                ],
            ));

        it("rejects a generated password that no secret stores", async () => {
            const parts = dbParts();
            const stack = dbStack({
                parts: { ...parts, others: parts.others.filter((r) => r.type !== SECRET_VERSION) },
            });
            assert.deepEqual(await messagesOf(stack, "rds-credentials"), [
                "the password comes from RandomPassword db-password, which fills no Secrets Manager secret version; store it in fraud-detector/<env>/database through an aws.secretsmanager.SecretVersion whose secretString uses it",
            ]);
        });

        it("rejects an instance with no password source", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { password: undefined }, from: { password: [] } }),
                    "rds-credentials",
                ),
                [
                    "no master password source is set; set manageMasterUserPassword: true, or take password (better passwordWo) from the random.RandomPassword stored in fraud-detector/<env>/database",
                ],
            ));
    });

    describe("rds-hardening-extras", () => {
        it("passes a fully hardened instance with an event subscription to the alarm topic", async () =>
            assert.deepEqual(await messagesOf(dbStack(), "rds-hardening-extras"), []));

        it("only advises enhanced monitoring, even in production", async () =>
            assert.deepEqual(await levelsOf(dbStack({ props: { monitoringInterval: 0 } }), "rds-hardening-extras"), [
                [
                    "advisory",
                    "monitoringInterval is 0; set monitoringInterval: 60 (or less) with a monitoringRoleArn for enhanced monitoring",
                ],
            ]));

        it("advises a monitoring role", async () =>
            assert.deepEqual(
                await messagesOf(dbStack({ props: { monitoringRoleArn: undefined } }), "rds-hardening-extras"),
                [
                    "monitoringRoleArn is unset; enhanced monitoring needs a role that monitoring.rds.amazonaws.com can assume",
                ],
            ));

        it("advises Performance Insights", async () =>
            assert.deepEqual(
                await messagesOf(dbStack({ props: { performanceInsightsEnabled: undefined } }), "rds-hardening-extras"),
                [
                    "performanceInsightsEnabled is unset; set performanceInsightsEnabled: true with a customer key in performanceInsightsKmsKeyId",
                ],
            ));

        it("advises a customer key for Performance Insights", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { performanceInsightsKmsKeyId: undefined } }),
                    "rds-hardening-extras",
                ),
                ["performanceInsightsKmsKeyId is unset; encrypt Performance Insights with a customer KMS key"],
            ));

        it("advises IAM database authentication", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { iamDatabaseAuthenticationEnabled: false } }),
                    "rds-hardening-extras",
                ),
                ["iamDatabaseAuthenticationEnabled is false; set iamDatabaseAuthenticationEnabled: true"],
            ));

        it("advises copying tags to snapshots", async () =>
            assert.deepEqual(
                await messagesOf(dbStack({ props: { copyTagsToSnapshot: undefined } }), "rds-hardening-extras"),
                ["copyTagsToSnapshot is unset; set copyTagsToSnapshot: true"],
            ));

        it("advises against an expired CA", async () =>
            assert.deepEqual(
                await messagesOf(dbStack({ props: { caCertIdentifier: "rds-ca-2019" } }), "rds-hardening-extras"),
                ['caCertIdentifier is "rds-ca-2019"; set caCertIdentifier to a current CA such as "rds-ca-rsa2048-g1"'],
            ));

        it("advises an event subscription when there is none", async () =>
            assert.deepEqual(await messagesOf(dbStack({ subscription: null }), "rds-hardening-extras"), [
                'no RDS event subscription covers instance db; add an aws.rds.EventSubscription with sourceType "db-instance", this instance in sourceIds, eventCategories ["failure","maintenance","configuration change"] and snsTopic the alarm topic',
            ]));

        it("advises the missing event categories", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ subscription: { ...subscriptionProps(), eventCategories: ["failure"] } }),
                    "rds-hardening-extras",
                ),
                [
                    'event subscription db-events leaves out maintenance, configuration change; include eventCategories ["failure","maintenance","configuration change"]',
                ],
            ));

        it("advises sending events to the stack's alarm topic", async () => {
            const stack = dbStack({ subscription: null });
            const db = stack.find((r) => r.type === INSTANCE) as PlanResource;
            const subscription = resource(
                EVENT_SUBSCRIPTION,
                { ...subscriptionProps(), snsTopic: "arn:aws:sns:ca-central-1:999999999999:elsewhere" },
                { name: "db-events", from: { sourceIds: [db] } },
            );
            assert.deepEqual(await messagesOf([...stack, subscription], "rds-hardening-extras"), [
                'event subscription db-events sends to "arn:aws:sns:ca-central-1:999999999999:elsewhere", not an SNS topic of this stack; set snsTopic to the alarm topic\'s ARN',
            ]);
        });
    });

    describe("cache-encryption", () => {
        it("passes a group encrypted at rest and in transit", async () =>
            assert.deepEqual(await messagesOf([cache()], "cache-encryption"), []));

        it("passes valkey's default at-rest encryption", async () =>
            assert.deepEqual(
                await messagesOf(
                    [cache({ ...cacheProps(), engine: "valkey", atRestEncryptionEnabled: undefined })],
                    "cache-encryption",
                ),
                [],
            ));

        it("rejects redis without at-rest encryption, mandatory in staging", async () =>
            assert.deepEqual(
                await levelsOf(
                    [cache({ ...cacheProps("staging"), atRestEncryptionEnabled: undefined })],
                    "cache-encryption",
                ),
                [
                    [
                        "mandatory",
                        "atRestEncryptionEnabled is unset (off by default for redis); set atRestEncryptionEnabled: true (a customer KMS key in kmsKeyId is preferred)",
                    ],
                ],
            ));

        it("rejects a group without transit encryption", async () =>
            assert.deepEqual(
                await messagesOf(
                    [cache({ ...cacheProps(), transitEncryptionEnabled: false, transitEncryptionMode: undefined })],
                    "cache-encryption",
                ),
                [
                    "transitEncryptionEnabled is false; set transitEncryptionEnabled: true",
                    'transitEncryptionMode is unset; set transitEncryptionMode: "required" so no client connects without TLS',
                ],
            ));

        it("rejects the preferred transit mode, which still admits plain connections", async () =>
            assert.deepEqual(
                await messagesOf([cache({ ...cacheProps(), transitEncryptionMode: "preferred" })], "cache-encryption"),
                [
                    'transitEncryptionMode is "preferred"; set transitEncryptionMode: "required" so no client connects without TLS',
                ],
            ));
    });

    describe("cache-high-availability", () => {
        it("passes three clusters with failover over both AZs", async () =>
            assert.deepEqual(await messagesOf([cache()], "cache-high-availability"), []));

        it("rejects a production group without automatic failover as mandatory", async () =>
            assert.deepEqual(
                await levelsOf(
                    [cache({ ...cacheProps(), automaticFailoverEnabled: undefined })],
                    "cache-high-availability",
                ),
                [
                    [
                        "mandatory",
                        "automaticFailoverEnabled is unset (the provider's default is false); set automaticFailoverEnabled: true",
                    ],
                ],
            ));

        it("rejects a group without Multi-AZ", async () =>
            assert.deepEqual(
                await messagesOf([cache({ ...cacheProps(), multiAzEnabled: false })], "cache-high-availability"),
                ["multiAzEnabled is false (the provider's default is false); set multiAzEnabled: true"],
            ));

        it("only advises a second cluster in staging", async () =>
            assert.deepEqual(
                await levelsOf(
                    [cache({ ...cacheProps("staging"), numCacheClusters: 1, preferredCacheClusterAzs: undefined })],
                    "cache-high-availability",
                ),
                [
                    [
                        "advisory",
                        "numCacheClusters is 1 (the default is 1); set numCacheClusters: 2 or more (the guide runs 3)",
                    ],
                ],
            ));

        it("rejects clusters kept in one AZ", async () =>
            assert.deepEqual(
                await messagesOf(
                    [cache({ ...cacheProps(), preferredCacheClusterAzs: ["ca-central-1a", "ca-central-1a"] })],
                    "cache-high-availability",
                ),
                [
                    'preferredCacheClusterAzs is ["ca-central-1a","ca-central-1a"]; spread the clusters over both AZs, e.g. ["ca-central-1a", "ca-central-1b", "ca-central-1a"]',
                ],
            ));
    });

    describe("cache-backups", () => {
        it("passes a week of snapshots clear of maintenance with a final snapshot", async () =>
            assert.deepEqual(await messagesOf([cache()], "cache-backups"), []));

        it("rejects a group without snapshots, mandatory in staging", async () =>
            assert.deepEqual(
                await levelsOf([cache({ ...cacheProps("staging"), snapshotRetentionLimit: 0 })], "cache-backups"),
                [
                    [
                        "mandatory",
                        "snapshotRetentionLimit is 0 (0 or unset turns snapshots off); set snapshotRetentionLimit: 7 (at least 1)",
                    ],
                ],
            ));

        it("rejects a malformed snapshot window", async () =>
            assert.deepEqual(await messagesOf([cache({ ...cacheProps(), snapshotWindow: "3am" })], "cache-backups"), [
                'snapshotWindow is "3am", not hh24:mi-hh24:mi (UTC); set e.g. snapshotWindow: "03:00-04:00"',
            ]));

        it("rejects a snapshot window that overlaps maintenance", async () =>
            assert.deepEqual(
                await messagesOf(
                    [cache({ ...cacheProps(), maintenanceWindow: "mon:03:00-mon:04:00" })],
                    "cache-backups",
                ),
                [
                    'maintenanceWindow "mon:03:00-mon:04:00" overlaps snapshotWindow "03:00-04:00"; move maintenanceWindow outside it, e.g. "sun:05:00-sun:06:00"',
                ],
            ));

        it("rejects a production group without a final snapshot", async () =>
            assert.deepEqual(
                await messagesOf([cache({ ...cacheProps(), finalSnapshotIdentifier: undefined })], "cache-backups"),
                [
                    'finalSnapshotIdentifier is unset; name a final snapshot in production, e.g. finalSnapshotIdentifier: "fraud-detector-production-cache-final"',
                ],
            ));

        it("does not require a final snapshot in staging", async () =>
            assert.deepEqual(
                await messagesOf(
                    [cache({ ...cacheProps("staging"), finalSnapshotIdentifier: undefined })],
                    "cache-backups",
                ),
                [],
            ));
    });

    describe("cache-network-isolation", () => {
        it("passes a group in its own subnet group and security group", async () =>
            assert.deepEqual(await messagesOf(cacheStack(), "cache-network-isolation"), []));

        it("rejects the default subnet group, mandatory in production", async () =>
            assert.deepEqual(
                await levelsOf(
                    cacheStack({ props: { subnetGroupName: undefined }, from: { subnetGroupName: [] } }),
                    "cache-network-isolation",
                ),
                [
                    [
                        "mandatory",
                        "subnetGroupName is unset, so the default subnet group is used, not a subnet group of this stack; create a dedicated subnet group over the Private or Isolated subnets and set subnetGroupName to its name",
                    ],
                ],
            ));

        it('rejects a subnet group named "default"', async () =>
            assert.deepEqual(
                await messagesOf(
                    cacheStack({ props: { subnetGroupName: "default" }, from: { subnetGroupName: [] } }),
                    "cache-network-isolation",
                ),
                [
                    'subnetGroupName is "default", not a subnet group of this stack; create a dedicated subnet group over the Private or Isolated subnets and set subnetGroupName to its name',
                ],
            ));

        it("rejects subnets of a VPC with only public subnets", async () =>
            assert.deepEqual(
                await messagesOf(
                    cacheStack({ network: vpc({ subnetSpecs: [{ type: "Public" }] }) }),
                    "cache-network-isolation",
                ),
                [
                    "subnet group cache-subnets takes its subnets from VPC vpc, which declares only Public subnets; add a subnetSpec of type Private or Isolated and use those subnet ids",
                ],
            ));

        it("rejects a group without a security group", async () =>
            assert.deepEqual(
                await messagesOf(
                    cacheStack({ props: { securityGroupIds: undefined }, from: { securityGroupIds: [] } }),
                    "cache-network-isolation",
                ),
                [
                    "securityGroupIds is unset, so the VPC's default security group is attached; attach the cache tier's own security group of this stack",
                ],
            ));

        it("rejects a security group shared with the application tier", async () => {
            const stack = cacheStack();
            const group = stack.find((r) => r.type === SG) as PlanResource;
            const service = resource(SERVICE, { tags: stackTags() }, { from: { networkConfiguration: [group] } });
            assert.deepEqual(await messagesOf([...stack, service], "cache-network-isolation"), [
                "security group cache-sg is also attached to the app tier; give the cache tier a security group of its own",
            ]);
        });
    });

    describe("cache-minor-version-upgrades", () => {
        it("passes redis 7.0 with automatic minor upgrades", async () =>
            assert.deepEqual(await messagesOf([cache()], "cache-minor-version-upgrades"), []));

        it("rejects turning automatic minor upgrades off, advisory in local", async () =>
            assert.deepEqual(
                await levelsOf(
                    [cache({ ...cacheProps("local"), autoMinorVersionUpgrade: false })],
                    "cache-minor-version-upgrades",
                ),
                [["advisory", "autoMinorVersionUpgrade is false; remove it or set autoMinorVersionUpgrade: true"]],
            ));

        it("rejects an engine other than Redis OSS or Valkey", async () =>
            assert.deepEqual(
                await messagesOf([cache({ ...cacheProps(), engine: "memcached" })], "cache-minor-version-upgrades"),
                ['engine is "memcached"; set engine: "redis" or "valkey"'],
            ));

        it("rejects a version before 7.0", async () =>
            assert.deepEqual(
                await messagesOf([cache({ ...cacheProps(), engineVersion: "6.2" })], "cache-minor-version-upgrades"),
                ['engineVersion is "6.2"; set engineVersion: "7.0" or later, as the guide specifies'],
            ));

        it("rejects an unpinned version", async () =>
            assert.deepEqual(
                await messagesOf(
                    [cache({ ...cacheProps(), engineVersion: undefined })],
                    "cache-minor-version-upgrades",
                ),
                ['engineVersion is unset; set engineVersion: "7.0" or later, as the guide specifies'],
            ));
    });

    describe("cache-auth", () => {
        it("passes a write-only AUTH token", async () =>
            assert.deepEqual(await messagesOf([cache()], "cache-auth"), []));

        it("passes an RBAC user group", async () =>
            assert.deepEqual(
                await messagesOf(
                    [
                        cache({
                            ...cacheProps(),
                            authTokenWo: undefined,
                            authTokenWoVersion: undefined,
                            userGroupIds: ["app-users"],
                        }),
                    ],
                    "cache-auth",
                ),
                [],
            ));

        it("advises moving an AUTH token out of the state, even in production", async () =>
            assert.deepEqual(
                await levelsOf(
                    [
                        cache({
                            ...cacheProps(),
                            authTokenWo: undefined,
                            authTokenWoVersion: undefined,
                            authToken: "[secret]",
                        }),
                    ],
                    "cache-auth",
                ),
                [
                    [
                        "advisory",
                        "authToken is set, so the AUTH token is stored in the Pulumi state; pass it as authTokenWo with authTokenWoVersion, or attach an RBAC user group in userGroupIds",
                    ],
                ],
            ));

        it("advises authentication when there is none", async () =>
            assert.deepEqual(
                await messagesOf(
                    [cache({ ...cacheProps(), authTokenWo: undefined, authTokenWoVersion: undefined })],
                    "cache-auth",
                ),
                [
                    "authTokenWo and userGroupIds are unset, so clients connect without authenticating; set authTokenWo (with authTokenWoVersion) or attach an RBAC user group in userGroupIds",
                ],
            ));
    });
});
