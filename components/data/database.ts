import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { rdsLogGroupName } from "../../facts/aws/create-time-ordering";
import { GUIDE_DATABASE_USER } from "../../facts/guide/data";
import { clientSecurityGroup } from "../network/client-security-group";
import { mergeTags, Tags } from "../tags";

/** PostgreSQL's port. */
export const POSTGRES_PORT = 5432;

/** Arguments of the `Database` component. */
export interface DatabaseArgs {
    /** Physical name, the guide's `fraud-detector-prod` (also the final snapshot's prefix). */
    readonly identifier: string;
    /** The database the app uses, the guide's `fraud_detector_<env>`. */
    readonly dbName: string;
    /** RDS instance class, e.g. `db.r5.large`. */
    readonly instanceClass: string;
    /** Standby in the second AZ. */
    readonly multiAz: boolean;
    /** PostgreSQL major version only (`15`); minor upgrades are applied in the maintenance window. */
    readonly engineVersion: string;
    /** Storage in GB (gp3). */
    readonly allocatedStorageGb: number;
    /** Automated backups and point-in-time recovery, in days (RDS allows 1 to 35). */
    readonly backupRetentionDays: number;
    /** Daily backup window, UTC `HH:MM-HH:MM`. */
    readonly backupWindow: string;
    /** Weekly maintenance window, UTC `ddd:HH:MM-ddd:HH:MM`; never overlaps the backup window. */
    readonly maintenanceWindow: string;
    /** When set, the instance is created from this snapshot (identifier or ARN). @default - a new, empty database */
    readonly restoreFromSnapshot?: string;
    /** Deletion protection, a final snapshot on delete, and `protect`. */
    readonly deletionProtection: boolean;
    /** Performance Insights (encrypted with the stack's key) and 60-second enhanced monitoring. */
    readonly enhancedMonitoring: boolean;
    /** Retention of the exported PostgreSQL logs, in days (a CloudWatch retention value). */
    readonly logRetentionDays: number;
    /** VPC of the database. */
    readonly vpcId: pulumi.Input<string>;
    /** The isolated (database) subnets, one per AZ. */
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Security groups allowed to connect on 5432: the application services. */
    readonly clientSecurityGroupIds: Readonly<Record<string, pulumi.Input<string>>>;
    /** The customer-managed key for storage, Performance Insights and the master-password secret. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The stack's base tags. */
    readonly tags: Tags;
    /** The stack's permissions boundary (`RoleBoundary`), carried by every role created here. */
    readonly roleBoundaryArn: pulumi.Input<string>;
}

/** The guide's database user (`DB_USERNAME=fraud_user`). */
export const DATABASE_USER = GUIDE_DATABASE_USER;

/** The PostgreSQL logs the instance exports to CloudWatch Logs. */
export const EXPORTED_LOGS = ["postgresql", "upgrade"] as const;

/**
 * The platform's PostgreSQL: RDS in the isolated subnets, encrypted with the stack's key, TLS
 * forced, slow queries logged, the master password managed by RDS in Secrets Manager (it never
 * passes through code, config or state), backups and PITR for the retention period.
 *
 * Creates: 1. a security group admitting 5432 only from the client groups (one rule each), 2. a
 * subnet group over the isolated subnets, 3. a parameter group, 4. the enhanced-monitoring role
 * and its policy attachment (when monitoring is on), 5. the log groups of the exported logs,
 * `/aws/rds/instance/<identifier>/postgresql` and `/upgrade`, with the stack's retention and key
 * (RDS would otherwise create them itself, kept forever and unencrypted), 6. the instance, created
 * after the role's policy attachment and the log groups (RDS checks the one and writes to the
 * other as soon as it exists: facts/aws/create-time-ordering.ts).
 *
 * Cost: the instance class per hour (twice with Multi-AZ), gp3 storage per GB-month, backups beyond
 * the allocated storage.
 */
export class Database extends pulumi.ComponentResource {
    /** Host name clients connect to (`DB_HOST`). */
    public readonly address: pulumi.Output<string>;
    /** Port, 5432. */
    public readonly port: pulumi.Output<number>;
    /** The instance's ARN. */
    public readonly arn: pulumi.Output<string>;
    /** ARN of the RDS-managed secret holding the master password. */
    public readonly masterUserSecretArn: pulumi.Output<string>;
    /** The database's security group. */
    public readonly securityGroupId: pulumi.Output<string>;

    constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:data:Database", name, {}, opts);
        const securityGroup = clientSecurityGroup(
            name,
            {
                vpcId: args.vpcId,
                description: `PostgreSQL ${args.identifier}: 5432 from the application services only`,
                nameTag: `${args.identifier}-db`,
                role: "database",
                port: POSTGRES_PORT,
                service: "PostgreSQL",
                clientSecurityGroupIds: args.clientSecurityGroupIds,
                tags: args.tags,
            },
            this,
        );
        const subnetGroup = new aws.rds.SubnetGroup(
            `${name}-subnets`,
            {
                description: `Isolated subnets of ${args.identifier}`,
                subnetIds: args.subnetIds,
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        const parameterGroup = this.createParameterGroup(name, args);
        const monitoring = args.enhancedMonitoring ? this.createMonitoringRole(name, args) : undefined;
        const logGroups = this.createLogGroups(name, args);
        const instance = this.createInstance(name, args, securityGroup, subnetGroup, parameterGroup, monitoring?.role, [
            ...(monitoring ? [monitoring.attachment] : []),
            ...logGroups,
        ]);

        this.address = instance.address;
        this.port = instance.port;
        this.arn = instance.arn;
        this.masterUserSecretArn = instance.masterUserSecrets.apply((secrets) => secrets[0]?.secretArn ?? "");
        this.securityGroupId = securityGroup.id;
        this.registerOutputs({
            address: this.address,
            port: this.port,
            arn: this.arn,
            masterUserSecretArn: this.masterUserSecretArn,
            securityGroupId: this.securityGroupId,
        });
    }

    /** TLS only (`rds.force_ssl`), and statements over one second in the PostgreSQL log. */
    private createParameterGroup(name: string, args: DatabaseArgs): aws.rds.ParameterGroup {
        return new aws.rds.ParameterGroup(
            `${name}-params`,
            {
                family: `postgres${args.engineVersion}`,
                description: `TLS only and slow-query log for ${args.identifier}`,
                parameters: [
                    { name: "rds.force_ssl", value: "1" },
                    { name: "log_min_duration_statement", value: "1000" },
                    { name: "log_connections", value: "1" },
                ],
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
    }

    /** The role RDS enhanced monitoring assumes, and its AWS managed policy. */
    private createMonitoringRole(
        name: string,
        args: DatabaseArgs,
    ): { role: aws.iam.Role; attachment: aws.iam.RolePolicyAttachment } {
        const role = new aws.iam.Role(
            `${name}-monitoring`,
            {
                description: `RDS enhanced monitoring of ${args.identifier}`,
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "monitoring.rds.amazonaws.com" },
                            Action: "sts:AssumeRole",
                        },
                    ],
                }),
                permissionsBoundary: args.roleBoundaryArn,
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        const attachment = new aws.iam.RolePolicyAttachment(
            `${name}-monitoring`,
            { role: role.name, policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" },
            { parent: this },
        );
        return { role, attachment };
    }

    /**
     * The log groups RDS exports to, named as RDS names them, with the stack's retention and key.
     * The key policy admits CloudWatch Logs for every log group of the account (`KmsKey`).
     */
    private createLogGroups(name: string, args: DatabaseArgs): aws.cloudwatch.LogGroup[] {
        return EXPORTED_LOGS.map(
            (logType) =>
                new aws.cloudwatch.LogGroup(
                    `${name}-${logType}-logs`,
                    {
                        name: rdsLogGroupName(args.identifier, logType),
                        retentionInDays: args.logRetentionDays,
                        kmsKeyId: args.kmsKeyArn,
                        deletionProtectionEnabled: args.deletionProtection,
                        tags: mergeTags(args.tags, { Name: `${args.identifier}-${logType}` }),
                    },
                    { parent: this },
                ),
        );
    }

    private createInstance(
        name: string,
        args: DatabaseArgs,
        securityGroup: aws.ec2.SecurityGroup,
        subnetGroup: aws.rds.SubnetGroup,
        parameterGroup: aws.rds.ParameterGroup,
        monitoringRole: aws.iam.Role | undefined,
        createdAfter: pulumi.Resource[],
    ): aws.rds.Instance {
        return new aws.rds.Instance(
            `${name}-instance`,
            {
                identifier: args.identifier,
                engine: "postgres",
                engineVersion: args.engineVersion,
                autoMinorVersionUpgrade: true,
                allowMajorVersionUpgrade: false,
                instanceClass: args.instanceClass,
                allocatedStorage: args.allocatedStorageGb,
                storageType: "gp3",
                storageEncrypted: true,
                kmsKeyId: args.kmsKeyArn,
                multiAz: args.multiAz,
                // A snapshot brings its own database; the user stays fraud_user, as in the snapshot.
                dbName: args.restoreFromSnapshot === undefined ? args.dbName : undefined,
                username: DATABASE_USER,
                snapshotIdentifier: args.restoreFromSnapshot,
                manageMasterUserPassword: true,
                masterUserSecretKmsKeyId: args.kmsKeyArn,
                iamDatabaseAuthenticationEnabled: true,
                dbSubnetGroupName: subnetGroup.name,
                vpcSecurityGroupIds: [securityGroup.id],
                parameterGroupName: parameterGroup.name,
                publiclyAccessible: false,
                caCertIdentifier: "rds-ca-rsa2048-g1",
                backupRetentionPeriod: args.backupRetentionDays,
                backupWindow: args.backupWindow,
                maintenanceWindow: args.maintenanceWindow,
                copyTagsToSnapshot: true,
                deleteAutomatedBackups: false,
                deletionProtection: args.deletionProtection,
                skipFinalSnapshot: !args.deletionProtection,
                finalSnapshotIdentifier: args.deletionProtection ? `${args.identifier}-final` : undefined,
                enabledCloudwatchLogsExports: [...EXPORTED_LOGS],
                performanceInsightsEnabled: args.enhancedMonitoring,
                performanceInsightsKmsKeyId: args.enhancedMonitoring ? args.kmsKeyArn : undefined,
                performanceInsightsRetentionPeriod: args.enhancedMonitoring ? 7 : undefined,
                monitoringInterval: monitoringRole ? 60 : 0,
                monitoringRoleArn: monitoringRole?.arn,
                tags: mergeTags(args.tags, { Name: args.identifier }),
            },
            // RDS checks the monitoring role's policy when it creates the instance, and would create
            // the log groups itself: neither comes through an input, so the order is explicit.
            { parent: this, protect: args.deletionProtection, dependsOn: createdAfter },
        );
    }
}
