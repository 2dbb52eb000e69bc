/**
 * Fixtures the database and cache specs share: the guide's VPC, security groups and SNS topic the
 * data tier sits in, as policy/lib/data-tier.ts is the checks both families share.
 */
import { PlanResource } from "../../plan/engine/contract";
import { resource, stackTags } from "./harness";

/** The RDS instance type token. */
export const INSTANCE = "aws:rds/instance:Instance";

/** The RDS parameter group type token. */
export const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";

/** The RDS subnet group type token. */
export const DB_SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";

/** The RDS event subscription type token. */
export const EVENT_SUBSCRIPTION = "aws:rds/eventSubscription:EventSubscription";

/** The security group type token. */
export const SG = "aws:ec2/securityGroup:SecurityGroup";

/** The random password type token (the database's master password). */
export const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";

/** The secret version type token (where the password is stored). */
export const SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";

/** The SNS topic type token. */
export const TOPIC = "aws:sns/topic:Topic";

/** The ECS service type token. */
export const SERVICE = "aws:ecs/service:Service";

/** Resource inputs as the fixtures build them. */
export type Props = Record<string, unknown>;

/** Input property -> the fixtures its value came from. */
export type From = Record<string, PlanResource[]>;

/** The guide's awsx VPC, with an isolated tier. */
export function vpc(props: Props = {}): PlanResource {
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

/** A security group named `name`, tagged for production. */
export function securityGroup(name: string): PlanResource {
    return resource(SG, { description: name, tags: stackTags() }, { name });
}

/** Everything a compliant RDS instance refers to. */
export interface DbParts {
    readonly subnetGroup: PlanResource;
    readonly parameterGroup: PlanResource;
    readonly group: PlanResource;
    readonly password: PlanResource;
    readonly others: PlanResource[];
}

/** A DB subnet group over the VPC's subnets (`from` says where its subnet IDs came from). */
export function dbSubnetGroup(from: From = { subnetIds: [vpc()] }, name = "db-subnets"): PlanResource {
    return resource(DB_SUBNET_GROUP, { subnetIds: ["subnet-1", "subnet-2"], tags: stackTags() }, { name, from });
}

/** The inputs of a parameter group that forces TLS. */
export function parameterGroupProps(): Props {
    return { family: "postgres15", parameters: [{ name: "rds.force_ssl", value: "1" }], tags: stackTags() };
}

/** The instance's parameter group. */
export function parameterGroup(props: Props = parameterGroupProps()): PlanResource {
    return resource(PARAMETER_GROUP, props, { name: "db-params" });
}

/** A fresh set of the parts a compliant instance refers to. */
export function dbParts(): DbParts {
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
export function instanceProps(environment = "production"): Props {
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
export function instanceFrom(parts: DbParts): From {
    return {
        parameterGroupName: [parts.parameterGroup],
        dbSubnetGroupName: [parts.subnetGroup],
        vpcSecurityGroupIds: [parts.group],
        password: [parts.password],
    };
}

/** An RDS instance (compliant by default). */
export function instance(props: Props = instanceProps(), from: From = instanceFrom(dbParts())): PlanResource {
    return resource(INSTANCE, props, { name: "db", from });
}

/** The inputs of an RDS event subscription to the alerts topic. */
export function subscriptionProps(): Props {
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
export function dbStack(
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
