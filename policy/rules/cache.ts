import { parseDailyWindow } from "../../lib/windows";
import { GUIDE_CACHE } from "../../facts/guide/data";
import { GUIDE_AVAILABILITY_ZONES } from "../../facts/guide/network";
import { GUIDE_BACKUP_WINDOW } from "../../facts/guide/windows";
import {
    isNamed,
    mustBeTrue,
    perResource,
    securityGroupProblems,
    subnetGroupProblems,
    windowOverlapProblems,
} from "../lib/data-tier";
import { asList, shown } from "../../lib/relations/resources";
import { environmentOf, resourceRule, Rule, stackRule } from "../lib/rule";

const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const SUBNET_GROUP = "aws:elasticache/subnetGroup:SubnetGroup";
const GUIDE_AZS = [...GUIDE_AVAILABILITY_ZONES];
const ENGINES = ["redis", "valkey"];
/** The guide's Redis major version (`--engine-version 7.0`): the oldest the pack accepts. */
const MIN_MAJOR_VERSION = Number(GUIDE_CACHE.engineVersion.split(".")[0]);

/** The major version an ElastiCache `engineVersion` names (`7.0`, `7.x`, `6.2`, `5.0.6`), if readable. */
function majorVersionOf(version: unknown): number | undefined {
    const match = typeof version === "string" ? /^(\d+)(\.|$)/.exec(version) : null;
    return match ? Number(match[1]) : undefined;
}

/** The ElastiCache rules of security-rules.md, in the table's order. */
export const cacheRules: readonly Rule[] = [
    resourceRule({
        id: "cache-encryption",
        description:
            "Keeps cached fraud data encrypted at rest and on the wire (FSBP ElastiCache.4, ElastiCache.5; guide: ENCRYPT_SENSITIVE_DATA): at-rest encryption (off by default for redis) and transit encryption in required mode.",
        kind: "security",
        types: [REPLICATION_GROUP],
        check: (props) => {
            const problems: string[] = [];
            // Only valkey encrypts at rest by default; redis (the default engine) does not.
            const atRestDefault = props.engine === "valkey";
            if (
                props.atRestEncryptionEnabled !== true &&
                !(props.atRestEncryptionEnabled === undefined && atRestDefault)
            ) {
                problems.push(
                    `atRestEncryptionEnabled is ${shown(props.atRestEncryptionEnabled)} (off by default for redis); set atRestEncryptionEnabled: true (a customer KMS key in kmsKeyId is preferred)`,
                );
            }
            problems.push(...mustBeTrue(props, "transitEncryptionEnabled"));
            if (props.transitEncryptionMode !== "required") {
                problems.push(
                    `transitEncryptionMode is ${shown(props.transitEncryptionMode)}; set transitEncryptionMode: "required" so no client connects without TLS`,
                );
            }
            return problems;
        },
    }),
    resourceRule({
        id: "cache-high-availability",
        description:
            "Keeps the cache serving when a node or an AZ fails (FSBP ElastiCache.3; guide: Caching Strategy, --num-cache-clusters 3): automatic failover and Multi-AZ with at least two cache clusters over both AZs. Advisory outside production.",
        kind: "resilience",
        types: [REPLICATION_GROUP],
        check: (props) => {
            const offByDefault = " (the provider's default is false)";
            const problems = [
                ...mustBeTrue(props, "automaticFailoverEnabled", offByDefault),
                ...mustBeTrue(props, "multiAzEnabled", offByDefault),
            ];
            const clusters = typeof props.numCacheClusters === "number" ? props.numCacheClusters : 1;
            if (clusters < 2) {
                problems.push(
                    `numCacheClusters is ${shown(props.numCacheClusters)} (the default is 1); set numCacheClusters: 2 or more (the guide runs 3)`,
                );
            }
            // Unset, a Multi-AZ group is spread by ElastiCache over its subnet group's AZs.
            const azs = props.preferredCacheClusterAzs;
            if (azs !== undefined && !GUIDE_AZS.every((az) => asList(azs as unknown[]).includes(az))) {
                problems.push(
                    `preferredCacheClusterAzs is ${shown(azs)}; spread the clusters over both AZs, e.g. ["ca-central-1a", "ca-central-1b", "ca-central-1a"]`,
                );
            }
            return problems;
        },
    }),
    resourceRule({
        id: "cache-backups",
        description:
            "Keeps a way to rebuild the cache (FSBP ElastiCache.1; guide: Disaster Recovery Plan, daily automated backups): daily snapshots kept at least 1 day (7 recommended) in a window clear of maintenance, and in production a named final snapshot.",
        kind: "security",
        types: [REPLICATION_GROUP],
        check: (props) => {
            const problems: string[] = [];
            const days = props.snapshotRetentionLimit;
            if (typeof days !== "number" || days < 1) {
                problems.push(
                    `snapshotRetentionLimit is ${shown(days)} (0 or unset turns snapshots off); set snapshotRetentionLimit: 7 (at least 1)`,
                );
            }
            const window = props.snapshotWindow;
            if (window !== undefined && (typeof window !== "string" || parseDailyWindow(window) === undefined)) {
                problems.push(
                    `snapshotWindow is ${shown(window)}, not hh24:mi-hh24:mi (UTC); set e.g. snapshotWindow: "${GUIDE_BACKUP_WINDOW}"`,
                );
            }
            problems.push(
                ...windowOverlapProblems(
                    "snapshotWindow",
                    window,
                    "maintenanceWindow",
                    props.maintenanceWindow,
                    "sun:05:00-sun:06:00",
                ),
            );
            const finalSnapshot = props.finalSnapshotIdentifier;
            // security-rules.md asks for a named final snapshot in production only.
            if (environmentOf(props) === "production" && !isNamed(finalSnapshot)) {
                problems.push(
                    `finalSnapshotIdentifier is ${shown(finalSnapshot)}; name a final snapshot in production, e.g. finalSnapshotIdentifier: "fraud-detector-production-cache-final"`,
                );
            }
            return problems;
        },
    }),
    stackRule({
        id: "cache-network-isolation",
        description:
            "Keeps the cache inside the VPC's private data tier (FSBP ElastiCache.7; guide: data tier in private subnets): each replication group uses a dedicated subnet group of this stack over private or isolated subnets (never the default one) and the cache tier's own security group. Limit: a dependency on the awsx VPC is accepted when the VPC declares private or isolated subnets, since policies cannot see which of its outputs was used.",
        kind: "security",
        check: perResource(REPLICATION_GROUP, (resources, group) => [
            ...subnetGroupProblems(group, "subnetGroupName", SUBNET_GROUP, ["Private", "Isolated"]),
            ...securityGroupProblems(resources, group, "securityGroupIds", "cache", false),
        ]),
    }),
    resourceRule({
        id: "cache-minor-version-upgrades",
        description:
            "Keeps the cache engine patched and current (FSBP ElastiCache.2; guide: Caching Strategy, --engine-version 7.0): automatic minor upgrades not turned off, engine Redis OSS or Valkey at version 7.0 or later.",
        kind: "security",
        types: [REPLICATION_GROUP],
        check: (props) => {
            const problems: string[] = [];
            if (props.autoMinorVersionUpgrade === false || props.autoMinorVersionUpgrade === "false") {
                problems.push(
                    `autoMinorVersionUpgrade is ${shown(props.autoMinorVersionUpgrade)}; remove it or set autoMinorVersionUpgrade: true`,
                );
            }
            const engine = props.engine ?? "redis";
            if (typeof engine !== "string" || !ENGINES.includes(engine)) {
                problems.push(`engine is ${shown(props.engine)}; set engine: "redis" or "valkey"`);
            }
            const major = majorVersionOf(props.engineVersion);
            if (major === undefined || major < MIN_MAJOR_VERSION) {
                problems.push(
                    `engineVersion is ${shown(props.engineVersion)}; set engineVersion: "${GUIDE_CACHE.engineVersion}" or later, as the guide specifies`,
                );
            }
            return problems;
        },
    }),
    resourceRule({
        id: "cache-auth",
        description:
            "Makes cache clients authenticate on top of TLS (FSBP ElastiCache.6; CKV_AWS_31): a write-only AUTH token kept out of the state, or RBAC user groups.",
        kind: "advisory",
        types: [REPLICATION_GROUP],
        check: (props) => {
            if (props.authTokenWo !== undefined || asList(props.userGroupIds as unknown[]).length > 0) {
                return [];
            }
            if (props.authToken !== undefined) {
                return [
                    "authToken is set, so the AUTH token is stored in the Pulumi state; pass it as authTokenWo with authTokenWoVersion, or attach an RBAC user group in userGroupIds",
                ];
            }
            return [
                "authTokenWo and userGroupIds are unset, so clients connect without authenticating; set authTokenWo (with authTokenWoVersion) or attach an RBAC user group in userGroupIds",
            ];
        },
    }),
];
