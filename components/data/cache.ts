import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ELASTICACHE_AUTH_UPDATE } from "../../facts/aws/secret-rotation";
import { CACHE_MAINTENANCE_WINDOW, CACHE_SNAPSHOT_WINDOW } from "../../facts/guide/windows";
import { clientSecurityGroup } from "../network/client-security-group";
import { mergeTags, Tags } from "../tags";

/** One of ElastiCache's AUTH token update strategies the program uses. */
export type AuthTokenUpdateStrategy = (typeof ELASTICACHE_AUTH_UPDATE.strategies)[number];

/**
 * The `authTokenWoVersion` sent for a token generation and step. pulumi-aws sends the write-only
 * token (with the strategy) only when this number changes, and ElastiCache's second step sends the
 * same token again with SET: so each (version, step) gets its own number, increasing in the order
 * of the steps: 1 SET -> 1 (the token the group was created with), 2 ROTATE -> 2, 2 SET -> 3,
 * 3 ROTATE -> 4, ...
 */
export function authTokenWriteVersion(version: number, strategy: AuthTokenUpdateStrategy): number {
    return 2 * (version - 1) + (strategy === "SET" ? 1 : 0);
}

/** Redis's port. */
export const REDIS_PORT = 6379;

/** Arguments of the `Cache` component. */
export interface CacheArgs {
    /** Replication group id, the guide's `fraud-detector-prod`. */
    readonly replicationGroupId: string;
    /** Node type, e.g. `cache.r6g.large`. */
    readonly nodeType: string;
    /** Nodes in the group: the primary plus replicas (guide: 3 in production). */
    readonly numCacheClusters: number;
    /** Redis `MAJOR.MINOR` (guide: 7.0). */
    readonly engineVersion: string;
    /** Daily snapshots kept, in days. */
    readonly snapshotRetentionDays: number;
    /** Name a final snapshot on delete and `protect` the group. */
    readonly deletionProtection: boolean;
    /** The AZs the nodes spread over, in order. */
    readonly availabilityZones: readonly string[];
    /** VPC of the cache. */
    readonly vpcId: pulumi.Input<string>;
    /** The isolated subnets, one per AZ. */
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Security groups allowed to connect on 6379: the application services. */
    readonly clientSecurityGroupIds: Readonly<Record<string, pulumi.Input<string>>>;
    /** The customer-managed key for data at rest. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** The Redis AUTH token (generated and kept in Secrets Manager by the `Secrets` component). */
    readonly authToken: pulumi.Input<string>;
    /** Generation of the token (`cache.authTokenVersion`); 1 is the token the group was created with. */
    readonly authTokenVersion: number;
    /** The step of a token change: ROTATE (old and new accepted) then SET (the new one alone). */
    readonly authTokenUpdateStrategy: AuthTokenUpdateStrategy;
    /** The stack's base tags. */
    readonly tags: Tags;
}

/**
 * The platform's Redis (the guide's Caching Strategy): an ElastiCache replication group in the
 * isolated subnets, encrypted at rest with the stack's key and in transit (TLS required), clients
 * authenticated with an AUTH token, automatic failover and Multi-AZ when it has replicas, daily
 * snapshots. ElastiCache has no point-in-time recovery, so Redis holds only what can be rebuilt
 * (cache, sessions, queue state the app can replay), not data the 1-hour RPO covers.
 *
 * Creates: 1. a security group admitting 6379 only from the client groups, 2. a subnet group,
 * 3. the replication group. Cost: each node per hour; snapshots beyond one per node.
 */
export class Cache extends pulumi.ComponentResource {
    /** The primary endpoint (`REDIS_HOST`). */
    public readonly primaryEndpoint: pulumi.Output<string>;
    /** Port, 6379. */
    public readonly port: pulumi.Output<number | undefined>;
    /** The cache's security group. */
    public readonly securityGroupId: pulumi.Output<string>;

    constructor(name: string, args: CacheArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:data:Cache", name, {}, opts);
        const group = clientSecurityGroup(
            name,
            {
                vpcId: args.vpcId,
                description: `Redis ${args.replicationGroupId}: 6379 from the application services only`,
                nameTag: `${args.replicationGroupId}-cache`,
                role: "cache",
                port: REDIS_PORT,
                service: "Redis",
                clientSecurityGroupIds: args.clientSecurityGroupIds,
                tags: args.tags,
            },
            this,
        );
        const subnetGroup = new aws.elasticache.SubnetGroup(
            `${name}-subnets`,
            {
                description: `Isolated subnets of ${args.replicationGroupId}`,
                subnetIds: args.subnetIds,
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        const replicated = args.numCacheClusters >= 2;
        const replicationGroup = new aws.elasticache.ReplicationGroup(
            `${name}-redis`,
            {
                replicationGroupId: args.replicationGroupId,
                description: "Fraud detector cache cluster",
                engine: "redis",
                engineVersion: args.engineVersion,
                autoMinorVersionUpgrade: true,
                nodeType: args.nodeType,
                numCacheClusters: args.numCacheClusters,
                port: REDIS_PORT,
                automaticFailoverEnabled: replicated,
                multiAzEnabled: replicated,
                // Spread the nodes over the AZs in turn, so a zone outage leaves a replica to promote.
                preferredCacheClusterAzs: replicated
                    ? Array.from(
                          { length: args.numCacheClusters },
                          (_, i) => args.availabilityZones[i % args.availabilityZones.length],
                      )
                    : undefined,
                subnetGroupName: subnetGroup.name,
                securityGroupIds: [group.id],
                atRestEncryptionEnabled: true,
                kmsKeyId: args.kmsKeyArn,
                transitEncryptionEnabled: true,
                transitEncryptionMode: "required",
                // Write-only: the token reaches ElastiCache but never this resource's state; it lives
                // in Secrets Manager, where the apps read it. A change goes in ElastiCache's two steps
                // (ROTATE, then SET), each a new write version (docs/runbooks/secrets-rotation.md).
                authTokenWo: args.authToken,
                authTokenWoVersion: authTokenWriteVersion(args.authTokenVersion, args.authTokenUpdateStrategy),
                // Unset at version 1, as before tokens could change: a strategy appearing on its own
                // would be sent to ElastiCache as a token change (and SET is refused before a ROTATE).
                authTokenUpdateStrategy: args.authTokenVersion > 1 ? args.authTokenUpdateStrategy : undefined,
                snapshotRetentionLimit: args.snapshotRetentionDays,
                // After the database's backup window; the cache's maintenance after the database's.
                snapshotWindow: CACHE_SNAPSHOT_WINDOW,
                maintenanceWindow: CACHE_MAINTENANCE_WINDOW,
                finalSnapshotIdentifier: args.deletionProtection ? `${args.replicationGroupId}-final` : undefined,
                tags: mergeTags(args.tags, { Name: args.replicationGroupId }),
            },
            { parent: this, protect: args.deletionProtection },
        );

        this.primaryEndpoint = replicationGroup.primaryEndpointAddress;
        this.port = replicationGroup.port;
        this.securityGroupId = group.id;
        this.registerOutputs({
            primaryEndpoint: this.primaryEndpoint,
            port: this.port,
            securityGroupId: this.securityGroupId,
        });
    }
}
