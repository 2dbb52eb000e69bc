/**
 * The settings `--diff` compares: the ones that tell two environments apart in size, count, high
 * availability and enforcement. Everything else a resource has (ids, ARNs, names, tags, wiring)
 * differs between stacks for no reason worth reading, so it is left out. To compare another
 * setting, add a line to `CURATED_SETTINGS`.
 */
import type { PlanDocument, PlanResource } from "../engine/contract";

/** Reads one setting of a resource; `plan` is the resource's own plan, for settings that follow a relation. */
export type SettingReader = (resource: PlanResource, plan: PlanDocument) => unknown;

/** The type key whose settings apply to resources of every type. */
export const EVERY_TYPE = "*";

/** The value at a dotted path of the resource's inputs (`natGateways.strategy`), or undefined. */
function inputAt(resource: PlanResource, path: string): unknown {
    let value: unknown = resource.inputs;
    for (const key of path.split(".")) {
        value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    }
    return value;
}

/** One reader per input path, each named by its path. */
function inputs(...paths: string[]): Record<string, SettingReader> {
    return Object.fromEntries(paths.map((path) => [path, (resource: PlanResource) => inputAt(resource, path)]));
}

/** The `field` of each item of the list input `list`, e.g. each capacity provider of a strategy. */
function eachOf(list: string, field: string): SettingReader {
    return (resource) => {
        const items = inputAt(resource, list);
        return Array.isArray(items) ? items.map((item) => (item as Record<string, unknown>)[field]) : undefined;
    };
}

/** How many items the list input `list` has. */
function countOf(list: string): SettingReader {
    return (resource) => {
        const items = inputAt(resource, list);
        return Array.isArray(items) ? items.length : undefined;
    };
}

/** The resources of `type` whose input `key` equals `value`: those that point at a resource by its id or an output. */
function referrers(plan: PlanDocument, type: string, key: string, value: unknown): PlanResource[] {
    return value == null ? [] : plan.resources.filter((other) => other.type === type && other.inputs[key] === value);
}

/** The AWS services the VPC has endpoints for (`s3`, `ecr.api`, ...): which are present, never their ids. */
const vpcEndpoints: SettingReader = (vpc, plan) =>
    referrers(plan, "aws:ec2/vpcEndpoint:VpcEndpoint", "vpcId", vpc.outputs.vpcId)
        .map((endpoint) => String(endpoint.inputs.serviceName).replace(/^com\.amazonaws\.[^.]+\./, ""))
        .sort();

/** Where the bucket replicates to: the destination of each replication rule (an empty list when it does not replicate). */
const replication: SettingReader = (bucket, plan) =>
    referrers(plan, "aws:s3/bucketReplicationConfig:BucketReplicationConfig", "bucket", bucket.id)
        .flatMap((config) => (config.inputs.rules ?? []) as Array<{ destination?: { bucket?: unknown } }>)
        .map((rule) => rule.destination?.bucket);

/**
 * The curated settings: type token to setting name to reader. Names of plain inputs are their
 * input paths, so a row of the diff can be found in the resource's inputs; derived settings are
 * named for what they tell. `protect` and `retainOnDelete` ("enforcement") apply to every type.
 */
export const CURATED_SETTINGS: Readonly<Record<string, Readonly<Record<string, SettingReader>>>> = {
    [EVERY_TYPE]: {
        protect: (resource) => resource.options.protect,
        retainOnDelete: (resource) => resource.options.retainOnDelete,
    },
    "aws:rds/instance:Instance": inputs(
        "instanceClass",
        "multiAz",
        "allocatedStorage",
        "backupRetentionPeriod",
        "deletionProtection",
        "performanceInsightsEnabled",
        "monitoringInterval",
    ),
    "aws:elasticache/replicationGroup:ReplicationGroup": inputs(
        "nodeType",
        "numCacheClusters",
        "automaticFailoverEnabled",
        "multiAzEnabled",
        "snapshotRetentionLimit",
    ),
    "aws:ecs/service:Service": {
        ...inputs("desiredCount", "launchType"),
        capacityProvider: eachOf("capacityProviderStrategies", "capacityProvider"),
    },
    "aws:ecs/taskDefinition:TaskDefinition": inputs("cpu", "memory", "requiresCompatibilities"),
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": {
        ...inputs("capacityProviders"),
        defaultCapacityProvider: eachOf("defaultCapacityProviderStrategies", "capacityProvider"),
    },
    "aws:appautoscaling/target:Target": inputs("minCapacity", "maxCapacity"),
    "aws:autoscaling/group:Group": inputs("minSize", "maxSize", "desiredCapacity"),
    "aws:ec2/launchTemplate:LaunchTemplate": inputs("instanceType"),
    "awsx:ec2:Vpc": {
        ...inputs("natGateways.strategy"),
        availabilityZones: countOf("availabilityZoneNames"),
        vpcEndpoints,
    },
    // awsx's children, as a preview shows them: the NAT gateways are diffed as resources; a subnet's
    // range or public-IP setting is a setting (a changed range replaces the subnet).
    "aws:ec2/subnet:Subnet": inputs("cidrBlock", "mapPublicIpOnLaunch"),
    "aws:cloudwatch/logGroup:LogGroup": inputs("retentionInDays"),
    "aws:ec2/instance:Instance": inputs("instanceType"),
    "aws:budgets/budget:Budget": inputs("limitAmount"),
    "aws:lb/loadBalancer:LoadBalancer": inputs("enableDeletionProtection", "accessLogs.enabled"),
    "aws:s3/bucket:Bucket": { replication },
};

/** The curated settings of `type`: its own, then those of every type. */
export function settingsOf(type: string): ReadonlyArray<[string, SettingReader]> {
    return [...Object.entries(CURATED_SETTINGS[type] ?? {}), ...Object.entries(CURATED_SETTINGS[EVERY_TYPE])];
}
