import { PolicyResource } from "@pulumi/policy";
import { dailyOverlapsWeekly, parseDailyWindow, parseWeeklyWindow } from "../../stacks/windows";
import { asList, ofType, refersTo, shown, sourcesOf, tagsOf } from "../lib/resources";
import { Finding, Props, resourceRule, Rule, stackRule } from "../lib/rule";
import { GroupRole, groupRoles, SECURITY_GROUP } from "../lib/security-groups";

const INSTANCE = "aws:rds/instance:Instance";
const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
const EVENT_SUBSCRIPTION = "aws:rds/eventSubscription:EventSubscription";
const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
const SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const SNS_TOPIC = "aws:sns/topic:Topic";
const AWSX_VPC = "awsx:ec2:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";

const GUIDE_BACKUP_WINDOW = "03:00-04:00";
const MIN_BACKUP_DAYS = 7;
const GUIDE_USERNAME = "fraud_user";
/** Master user names that come with engines, tools and tutorials: the first ones an attacker tries. */
const DEFAULT_USERNAMES = [
    "postgres",
    "admin",
    "administrator",
    "root",
    "master",
    "masteruser",
    "sa",
    "user",
    "dbadmin",
];
const REQUIRED_LOG_EXPORTS = ["postgresql", "upgrade"];
const REQUIRED_EVENT_CATEGORIES = ["failure", "maintenance", "configuration change"];
/** The RDS certificate authorities that are current (rds-ca-2019 expired in August 2024). */
const CURRENT_CAS = ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"];
/** awsx's subnet tiers when `subnetSpecs` is unset. */
const AWSX_DEFAULT_TIERS = ["Public", "Private"];

/** The subnet tiers of awsx (its `subnetSpecs[].type` and the `SubnetType` tag of its subnets). */
export type SubnetTier = "Public" | "Private" | "Isolated";

/**
 * Where the subnets of a data-tier subnet group may come from, for `rds-network-isolation` and
 * `cache-network-isolation`: the owner (instance or replication group) names, in `property`, a
 * subnet group of `groupType` from this stack, whose `subnetIds` come from an awsx VPC declaring a
 * subnet tier of `tiers` or from `aws:ec2/subnet:Subnet`s tagged `SubnetType` of `tiers`.
 *
 * Limit: policies see a component's inputs, not its outputs, so a dependency on the awsx VPC cannot
 * tell `isolatedSubnetIds` from `privateSubnetIds`. It is accepted when the VPC declares a tier of
 * `tiers`; which of its outputs was used is left to review (and to the program's own tests).
 */
export function subnetGroupProblems(
    owner: PolicyResource,
    property: string,
    groupType: string,
    tiers: readonly SubnetTier[],
): string[] {
    const wanted = tiers.join(" or ");
    const groups = sourcesOf(owner, property).filter((source) => source.type === groupType);
    if (groups.length === 0) {
        const value = owner.props[property] as unknown;
        const found = value === undefined ? "unset, so the default subnet group is used" : shown(value);
        return [
            `${property} is ${found}, not a subnet group of this stack; create a dedicated subnet group over the ${wanted} subnets and set ${property} to its name`,
        ];
    }
    return groups.flatMap((group) => {
        const sources = sourcesOf(group, "subnetIds");
        if (sources.length === 0) {
            return [
                `subnet group ${group.name} lists subnetIds ${shown(group.props.subnetIds)}, which come from no VPC or subnet of this stack; take them from the VPC's ${wanted} subnet ids`,
            ];
        }
        return sources.flatMap((source) => subnetSourceProblems(group, source, tiers));
    });
}

/** Whether one source of a subnet group's `subnetIds` can only hold subnets of `tiers`. */
function subnetSourceProblems(group: PolicyResource, source: PolicyResource, tiers: readonly SubnetTier[]): string[] {
    const wanted = tiers.join(" or ");
    if (source.type === AWSX_VPC) {
        const specs = source.props.subnetSpecs as Array<{ type?: string }> | undefined;
        const declared = specs === undefined ? AWSX_DEFAULT_TIERS : specs.map((spec) => String(spec.type));
        return declared.some((tier) => (tiers as readonly string[]).includes(tier))
            ? []
            : [
                  `subnet group ${group.name} takes its subnets from VPC ${source.name}, which declares only ${declared.join(", ")} subnets; add a subnetSpec of type ${wanted} and use those subnet ids`,
              ];
    }
    if (source.type === SUBNET) {
        const tier = tagsOf(source.props).SubnetType;
        return (tiers as readonly unknown[]).includes(tier)
            ? []
            : [
                  `subnet group ${group.name} includes subnet ${source.name} of tier ${shown(tier)}; use only ${wanted} subnets`,
              ];
    }
    return [
        `subnet group ${group.name} takes subnetIds from ${source.type} ${source.name}; take them from the VPC's ${wanted} subnet ids`,
    ];
}

/**
 * The security groups a data-tier resource attaches in `property`, for `rds-network-isolation` and
 * `cache-network-isolation`: groups of this stack that no other tier uses (the roles come from
 * the resources that attach each group), and with `onlyOne` a single group.
 */
export function securityGroupProblems(
    resources: readonly PolicyResource[],
    owner: PolicyResource,
    property: string,
    role: GroupRole,
    onlyOne: boolean,
): string[] {
    const value = asList(owner.props[property] as unknown[]);
    const groups = sourcesOf(owner, property).filter((source) => source.type === SECURITY_GROUP);
    if (groups.length === 0) {
        const found = value.length === 0 ? "unset, so the VPC's default security group is attached" : shown(value);
        return [`${property} is ${found}; attach the ${role} tier's own security group of this stack`];
    }
    const problems: string[] = [];
    if (onlyOne && Math.max(value.length, groups.length) > 1) {
        problems.push(
            `${Math.max(value.length, groups.length)} security groups are attached in ${property}; attach only the ${role} security group`,
        );
    }
    const roles = groupRoles(resources);
    for (const group of groups) {
        const others = [...(roles.get(group.urn) ?? [])].filter((other) => other !== role);
        if (others.length > 0) {
            problems.push(
                `security group ${group.name} is also attached to the ${others.join(", ")} tier; give the ${role} tier a security group of its own`,
            );
        }
    }
    return problems;
}

/**
 * Whether a daily window (backups, snapshots) and the weekly maintenance window collide, for
 * `rds-backups` and `cache-backups`. Unset or unreadable daily windows are left to the caller;
 * an unset maintenance window is chosen by AWS outside the daily one.
 */
export function windowOverlapProblems(
    dailyName: string,
    daily: unknown,
    weeklyName: string,
    weekly: unknown,
    example: string,
): string[] {
    const dailyWindow = typeof daily === "string" ? parseDailyWindow(daily) : undefined;
    if (weekly === undefined || dailyWindow === undefined) {
        return [];
    }
    const weeklyWindow = typeof weekly === "string" ? parseWeeklyWindow(weekly) : undefined;
    if (weeklyWindow === undefined) {
        return [
            `${weeklyName} is ${shown(weekly)}, not ddd:hh24:mi-ddd:hh24:mi (UTC); set e.g. ${weeklyName}: "${example}"`,
        ];
    }
    return dailyOverlapsWeekly(dailyWindow, weeklyWindow)
        ? [
              `${weeklyName} ${shown(weekly)} overlaps ${dailyName} ${shown(daily)}; move ${weeklyName} outside it, e.g. "${example}"`,
          ]
        : [];
}

/** True when `value` is the masked form of a secret: unknown, never judged as a literal. */
function isMasked(value: unknown): boolean {
    return value === "[secret]";
}

/** `rds-encryption`: encrypted storage and a postgres parameter group that forces TLS. */
function encryptionProblems(instance: PolicyResource): string[] {
    const props = instance.props;
    const problems: string[] = [];
    if (props.storageEncrypted !== true) {
        problems.push(
            `storageEncrypted is ${shown(props.storageEncrypted)}; set storageEncrypted: true (a customer KMS key in kmsKeyId is preferred)`,
        );
    }
    const groups = sourcesOf(instance, "parameterGroupName").filter((source) => source.type === PARAMETER_GROUP);
    if (groups.length === 0) {
        const found =
            props.parameterGroupName === undefined
                ? "unset, so the default parameter group is used"
                : shown(props.parameterGroupName);
        problems.push(
            `parameterGroupName is ${found}, not a parameter group of this stack; set it to an aws.rds.ParameterGroup (family postgres*) with the parameter rds.force_ssl = "1"`,
        );
    }
    for (const group of groups) {
        const family = group.props.family as unknown;
        if (typeof family !== "string" || !family.startsWith("postgres")) {
            problems.push(
                `parameter group ${group.name} has family ${shown(family)}; use the instance's postgres* family (e.g. "postgres15")`,
            );
        }
        const parameters = asList(group.props.parameters as Array<{ name?: unknown; value?: unknown }>);
        const forceSsl = parameters.find((parameter) => parameter.name === "rds.force_ssl")?.value;
        // The parameter is a string input; a number 1 is read the same way.
        if (forceSsl !== "1" && forceSsl !== 1) {
            problems.push(
                `parameter group ${group.name} sets rds.force_ssl to ${shown(forceSsl)}; add the parameter { name: "rds.force_ssl", value: "1" } so clients must use TLS`,
            );
        }
    }
    return problems;
}

/** `rds-credentials`: the master user name. */
function usernameProblems(props: Props): string[] {
    const username = props.username;
    if (username === GUIDE_USERNAME || isMasked(username)) {
        return [];
    }
    if (typeof username === "string" && DEFAULT_USERNAMES.includes(username.toLowerCase())) {
        return [
            `username is ${shown(username)}, a default master user name that is tried first; set username: "${GUIDE_USERNAME}" (the guide's DB_USERNAME)`,
        ];
    }
    return [
        `username is ${shown(username)}; set username: "${GUIDE_USERNAME}", the guide's DB_USERNAME the applications connect as`,
    ];
}

/**
 * `rds-credentials`: where the master password comes from, judged by property dependencies (the
 * value itself is masked or unknown). A generated password must also be stored in a secret, or
 * nobody could read it.
 */
function passwordProblems(resources: readonly PolicyResource[], instance: PolicyResource): string[] {
    const props = instance.props;
    if (props.manageMasterUserPassword === true) {
        return [];
    }
    if (props.password === undefined && props.passwordWo === undefined) {
        return [
            "no master password source is set; set manageMasterUserPassword: true, or take password (better passwordWo) from the random.RandomPassword stored in fraud-detector/<env>/database",
        ];
    }
    const property = props.passwordWo !== undefined ? "passwordWo" : "password";
    const generators = sourcesOf(instance, property).filter((source) => source.type === RANDOM_PASSWORD);
    if (generators.length === 0) {
        // A write-only password stays out of state, so any source is accepted for it.
        return property === "passwordWo"
            ? []
            : [
                  "password does not come from a random.RandomPassword, so it is a literal (or config value) in the program; take it from the RandomPassword stored in fraud-detector/<env>/database, or set manageMasterUserPassword: true",
              ];
    }
    const versions = ofType(resources, SECRET_VERSION);
    return generators
        .filter(
            (generator) =>
                !versions.some(
                    (version) =>
                        refersTo(version, "secretString", generator) || refersTo(version, "secretStringWo", generator),
                ),
        )
        .map(
            (generator) =>
                `the ${property} comes from RandomPassword ${generator.name}, which fills no Secrets Manager secret version; store it in fraud-detector/<env>/database through an aws.secretsmanager.SecretVersion whose secretString uses it`,
        );
}

/** `rds-hardening-extras`: the per-instance settings. */
function extrasProblems(props: Props): string[] {
    const problems: string[] = [];
    const interval = props.monitoringInterval;
    if (typeof interval !== "number" || interval <= 0 || interval > 60) {
        problems.push(
            `monitoringInterval is ${shown(interval)}; set monitoringInterval: 60 (or less) with a monitoringRoleArn for enhanced monitoring`,
        );
    } else if (props.monitoringRoleArn === undefined) {
        problems.push(
            "monitoringRoleArn is unset; enhanced monitoring needs a role that monitoring.rds.amazonaws.com can assume",
        );
    }
    if (props.performanceInsightsEnabled !== true) {
        problems.push(
            `performanceInsightsEnabled is ${shown(props.performanceInsightsEnabled)}; set performanceInsightsEnabled: true with a customer key in performanceInsightsKmsKeyId`,
        );
    } else if (props.performanceInsightsKmsKeyId === undefined) {
        problems.push("performanceInsightsKmsKeyId is unset; encrypt Performance Insights with a customer KMS key");
    }
    if (props.iamDatabaseAuthenticationEnabled !== true) {
        problems.push(
            `iamDatabaseAuthenticationEnabled is ${shown(props.iamDatabaseAuthenticationEnabled)}; set iamDatabaseAuthenticationEnabled: true`,
        );
    }
    if (props.copyTagsToSnapshot !== true) {
        problems.push(`copyTagsToSnapshot is ${shown(props.copyTagsToSnapshot)}; set copyTagsToSnapshot: true`);
    }
    const ca = props.caCertIdentifier;
    if (ca !== undefined && !(typeof ca === "string" && CURRENT_CAS.includes(ca))) {
        problems.push(
            `caCertIdentifier is ${shown(ca)}; set caCertIdentifier to a current CA such as "${CURRENT_CAS[0]}"`,
        );
    }
    return problems;
}

/** `rds-hardening-extras`: an enabled event subscription for the instance that reaches the alarm topic. */
function eventSubscriptionProblems(resources: readonly PolicyResource[], instance: PolicyResource): string[] {
    const covering = ofType(resources, EVENT_SUBSCRIPTION).filter(
        (sub) =>
            sub.props.enabled !== false &&
            sub.props.sourceType === "db-instance" &&
            (asList(sub.props.sourceIds as unknown[]).length === 0 || refersTo(sub, "sourceIds", instance)),
    );
    if (covering.length === 0) {
        return [
            `no RDS event subscription covers instance ${instance.name}; add an aws.rds.EventSubscription with sourceType "db-instance", this instance in sourceIds, eventCategories ${JSON.stringify(REQUIRED_EVENT_CATEGORIES)} and snsTopic the alarm topic`,
        ];
    }
    const problems: string[] = [];
    const missingOf = (sub: PolicyResource) => {
        const categories = sub.props.eventCategories as unknown[] | undefined;
        // No categories means every category.
        return categories === undefined || categories.length === 0
            ? []
            : REQUIRED_EVENT_CATEGORIES.filter((category) => !categories.includes(category));
    };
    if (!covering.some((sub) => missingOf(sub).length === 0)) {
        problems.push(
            `event subscription ${covering[0].name} leaves out ${missingOf(covering[0]).join(", ")}; include eventCategories ${JSON.stringify(REQUIRED_EVENT_CATEGORIES)}`,
        );
    }
    if (!covering.some((sub) => sourcesOf(sub, "snsTopic").some((topic) => topic.type === SNS_TOPIC))) {
        problems.push(
            `event subscription ${covering[0].name} sends to ${shown(covering[0].props.snsTopic)}, not an SNS topic of this stack; set snsTopic to the alarm topic's ARN`,
        );
    }
    return problems;
}

/** One finding per message, on the instance (its Environment tag sets the level). */
function onInstance(instance: PolicyResource, messages: readonly string[]): Finding[] {
    return messages.map((message) => ({ resource: instance, message }));
}

/** A stack rule over every RDS instance: triggered by the instances, so a stack without a data tier passes. */
function perInstance(
    check: (resources: readonly PolicyResource[], instance: PolicyResource) => readonly string[],
): (resources: readonly PolicyResource[]) => Finding[] {
    return (resources) =>
        ofType(resources, INSTANCE).flatMap((instance) => onInstance(instance, check(resources, instance)));
}

/** The RDS PostgreSQL rules of security-rules.md, in the table's order. */
export const databaseRules: readonly Rule[] = [
    stackRule({
        id: "rds-encryption",
        description:
            "Keeps the fraud data encrypted at rest and on the wire (FSBP RDS.3; guide: ENCRYPT_SENSITIVE_DATA): every RDS instance has storageEncrypted (a customer key preferred) and a postgres* parameter group of this stack with rds.force_ssl = 1.",
        kind: "security",
        check: perInstance((_resources, instance) => encryptionProblems(instance)),
    }),
    stackRule({
        id: "rds-network-isolation",
        description:
            "Keeps the database out of reach of the internet (FSBP RDS.2; guide: subnet_ids = database_subnet_ids): not publicly accessible, in a subnet group of the isolated subnets, behind its own single security group. Limit: a dependency on the awsx VPC is accepted when the VPC declares Isolated subnets, since policies cannot see which of its outputs was used.",
        kind: "security",
        check: perInstance((resources, instance) => [
            ...(instance.props.publiclyAccessible === true
                ? ["publiclyAccessible is true; set publiclyAccessible: false"]
                : []),
            ...subnetGroupProblems(instance, "dbSubnetGroupName", SUBNET_GROUP, ["Isolated"]),
            ...securityGroupProblems(resources, instance, "vpcSecurityGroupIds", "database", true),
        ]),
    }),
    resourceRule({
        id: "rds-multi-az",
        description:
            "Keeps the database up when an AZ fails (FSBP RDS.5; guide: Production Infrastructure, multi_az = true): the instance is deployed Multi-AZ. Advisory outside production.",
        kind: "resilience",
        types: [INSTANCE],
        check: (props) => (props.multiAz === true ? [] : [`multiAz is ${shown(props.multiAz)}; set multiAz: true`]),
    }),
    resourceRule({
        id: "rds-backups",
        description:
            "Keeps a week of point-in-time recovery (FSBP RDS.11; guide: Database Backups, backup_retention = 7): an explicit backupRetentionPeriod of at least 7 days, taken in the guide's 03:00-04:00 UTC window, clear of the maintenance window.",
        kind: "security",
        types: [INSTANCE],
        check: (props) => {
            const problems: string[] = [];
            const days = props.backupRetentionPeriod;
            if (typeof days !== "number" || days < MIN_BACKUP_DAYS) {
                problems.push(
                    `backupRetentionPeriod is ${shown(days)} (the provider's default is 0, no backups); set backupRetentionPeriod: ${MIN_BACKUP_DAYS} or more`,
                );
            }
            if (props.backupWindow !== GUIDE_BACKUP_WINDOW) {
                problems.push(
                    `backupWindow is ${shown(props.backupWindow)}; set backupWindow: "${GUIDE_BACKUP_WINDOW}" (UTC, the guide's window)`,
                );
            }
            problems.push(
                ...windowOverlapProblems(
                    "backupWindow",
                    props.backupWindow,
                    "maintenanceWindow",
                    props.maintenanceWindow,
                    "sun:04:30-sun:05:30",
                ),
            );
            return problems;
        },
    }),
    resourceRule({
        id: "rds-deletion-safety",
        description:
            "Stops the database from being deleted by mistake and keeps a way back if it is (FSBP RDS.8; guide: Backup & Disaster Recovery, restore from snapshot): deletion protection, a named final snapshot, automated backups kept after deletion.",
        kind: "security",
        types: [INSTANCE],
        check: (props) => {
            const problems: string[] = [];
            if (props.deletionProtection !== true) {
                problems.push(`deletionProtection is ${shown(props.deletionProtection)}; set deletionProtection: true`);
            }
            if (props.skipFinalSnapshot === true) {
                problems.push("skipFinalSnapshot is true; set skipFinalSnapshot: false");
            }
            if (typeof props.finalSnapshotIdentifier !== "string" || props.finalSnapshotIdentifier === "") {
                problems.push(
                    `finalSnapshotIdentifier is ${shown(props.finalSnapshotIdentifier)}; name the final snapshot, e.g. finalSnapshotIdentifier: "fraud-detector-<env>-final"`,
                );
            }
            if (props.deleteAutomatedBackups !== false) {
                problems.push(
                    `deleteAutomatedBackups is ${shown(props.deleteAutomatedBackups)} (the provider's default is true); set deleteAutomatedBackups: false`,
                );
            }
            return problems;
        },
    }),
    resourceRule({
        id: "rds-logs-exported",
        description:
            "Keeps the database's own logs for troubleshooting and audit (FSBP RDS.9; guide: Troubleshooting, AUDIT_LOGGING_ENABLED): the postgresql and upgrade logs are exported to CloudWatch Logs.",
        kind: "security",
        types: [INSTANCE],
        check: (props) => {
            const exports = asList(props.enabledCloudwatchLogsExports as unknown[]);
            const missing = REQUIRED_LOG_EXPORTS.filter((log) => !exports.includes(log));
            return missing.length === 0
                ? []
                : [
                      `enabledCloudwatchLogsExports is ${shown(props.enabledCloudwatchLogsExports)}, without ${missing.join(", ")}; set enabledCloudwatchLogsExports: ${JSON.stringify(REQUIRED_LOG_EXPORTS)}`,
                  ];
        },
    }),
    resourceRule({
        id: "rds-minor-version-upgrades",
        description:
            "Keeps PostgreSQL patched without drift (FSBP RDS.13; guide: Database Maintenance): automatic minor upgrades stay on, engineVersion names only the major version, major upgrades stay manual.",
        kind: "security",
        types: [INSTANCE],
        check: (props) => {
            const problems: string[] = [];
            if (props.autoMinorVersionUpgrade === false) {
                problems.push("autoMinorVersionUpgrade is false; remove it or set autoMinorVersionUpgrade: true");
            }
            const version = props.engineVersion;
            if (typeof version !== "string" || !/^\d+$/.test(version)) {
                problems.push(
                    `engineVersion is ${shown(version)}; name only the major version, e.g. engineVersion: "15", so minor upgrades do not show up as drift`,
                );
            }
            if (props.allowMajorVersionUpgrade === true) {
                problems.push(
                    "allowMajorVersionUpgrade is true; remove it so a major upgrade stays a deliberate, manual step",
                );
            }
            return problems;
        },
    }),
    stackRule({
        id: "rds-credentials",
        description:
            "Keeps the database's master credentials out of the code and out of guessing range (FSBP RDS.25; guide: DB_USERNAME=fraud_user, DB_PASSWORD from Secrets Manager): a non-default user name, and a password managed by RDS, write-only, or from the RandomPassword stored in Secrets Manager (judged by property dependencies).",
        kind: "security",
        check: perInstance((resources, instance) => [
            ...usernameProblems(instance.props),
            ...passwordProblems(resources, instance),
        ]),
    }),
    stackRule({
        id: "rds-hardening-extras",
        description:
            "Optional database hardening (FSBP RDS.6, RDS.10, RDS.17, RDS.20): enhanced monitoring at 60 s or less, encrypted Performance Insights, IAM authentication, tags copied to snapshots, a current CA, and an event subscription to the alarm topic. Triggered by each RDS instance.",
        kind: "advisory",
        check: perInstance((resources, instance) => [
            ...extrasProblems(instance.props),
            ...eventSubscriptionProblems(resources, instance),
        ]),
    }),
];
