/**
 * What the readable plan and the HTML report say about one resource beyond its type and name: its
 * place in the component tree, its physical name, its data-protection options and a few key
 * settings. Kept here once, so both renderers pick the same names and the same settings.
 */
import type { PlanResource } from "./contract";

/** Inputs that carry a resource's physical name, in the order they are tried. */
const PHYSICAL_NAME_INPUTS = [
    "name",
    "bucket",
    "identifier",
    "replicationGroupId",
    "clusterName",
    "dashboardName",
    "alarmName",
];
/** Types whose name input is one that means something else elsewhere (a parameter group's `family`). */
const PHYSICAL_NAME_INPUT_OF_TYPE: Readonly<Record<string, string>> = {
    "aws:ecs/taskDefinition:TaskDefinition": "family",
};

/** The input paths worth a glance per type; dotted paths reach into objects and lists. */
const SECURITY_GROUP_RULE = ["ipProtocol", "fromPort", "toPort", "cidrIpv4", "referencedSecurityGroupId"];
const KEY_INPUTS: Readonly<Record<string, readonly string[]>> = {
    "pulumi:providers:aws": ["region"],
    "awsx:ec2:Vpc": ["cidrBlock", "availabilityZoneNames", "natGateways.strategy"],
    "aws:acm/certificate:Certificate": ["domainName", "validationMethod"],
    "aws:appautoscaling/policy:Policy": [
        "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType",
        "targetTrackingScalingPolicyConfiguration.targetValue",
    ],
    "aws:appautoscaling/target:Target": ["minCapacity", "maxCapacity"],
    "aws:budgets/budget:Budget": ["budgetType", "limitAmount", "limitUnit"],
    "aws:cloudwatch/logGroup:LogGroup": ["retentionInDays"],
    "aws:cloudwatch/metricAlarm:MetricAlarm": ["namespace", "metricName", "comparisonOperator", "threshold", "period"],
    "aws:ec2/flowLog:FlowLog": ["trafficType", "logDestinationType"],
    "aws:ec2/subnet:Subnet": ["cidrBlock", "availabilityZone", "mapPublicIpOnLaunch"],
    "aws:ec2/route:Route": ["destinationCidrBlock", "gatewayId", "natGatewayId"],
    "aws:ec2/instance:Instance": ["instanceType", "associatePublicIpAddress", "metadataOptions.httpTokens"],
    "aws:ec2/securityGroup:SecurityGroup": ["description"],
    "aws:ec2/vpcEndpoint:VpcEndpoint": ["serviceName", "vpcEndpointType", "privateDnsEnabled"],
    "aws:ecr/repository:Repository": ["imageTagMutability", "imageScanningConfiguration.scanOnPush"],
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": ["capacityProviders"],
    "aws:ecs/service:Service": ["desiredCount", "deploymentConfiguration.strategy", "enableExecuteCommand"],
    "aws:ecs/taskDefinition:TaskDefinition": ["cpu", "memory", "requiresCompatibilities"],
    "aws:elasticache/replicationGroup:ReplicationGroup": [
        "nodeType",
        "numCacheClusters",
        "engineVersion",
        "multiAzEnabled",
        "transitEncryptionEnabled",
        "snapshotRetentionLimit",
    ],
    "aws:iam/role:Role": ["description"],
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["policyArn"],
    "aws:kms/key:Key": ["enableKeyRotation", "deletionWindowInDays"],
    "aws:lb/listener:Listener": ["port", "protocol", "sslPolicy"],
    "aws:lb/listenerRule:ListenerRule": ["priority"],
    "aws:lb/loadBalancer:LoadBalancer": ["loadBalancerType", "internal", "enableDeletionProtection"],
    "aws:lb/targetGroup:TargetGroup": ["port", "protocol", "targetType", "healthCheck.path"],
    "aws:rds/eventSubscription:EventSubscription": ["sourceType", "eventCategories"],
    "aws:rds/instance:Instance": [
        "instanceClass",
        "engineVersion",
        "multiAz",
        "allocatedStorage",
        "backupRetentionPeriod",
        "deletionProtection",
    ],
    "aws:rds/parameterGroup:ParameterGroup": ["family"],
    "aws:route53/record:Record": ["type"],
    "aws:s3/bucket:Bucket": ["forceDestroy", "objectLockEnabled"],
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": [
        "rule.defaultRetention.mode",
        "rule.defaultRetention.days",
    ],
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": [
        "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm",
    ],
    "aws:s3/bucketVersioning:BucketVersioning": ["versioningConfiguration.status"],
    "aws:secretsmanager/secret:Secret": ["recoveryWindowInDays"],
    "aws:sns/topicSubscription:TopicSubscription": ["protocol"],
    "aws:ssm/parameter:Parameter": ["type", "tier"],
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": SECURITY_GROUP_RULE,
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": SECURITY_GROUP_RULE,
};

/** One key setting: the input path and its value as text. */
export interface KeySetting {
    /** The input path, e.g. `natGateways.strategy`. */
    readonly key: string;
    /** The value: scalars as they are, lists joined with commas, objects as compact JSON. */
    readonly value: string;
}

/** The resource's physical name from its inputs, or undefined when AWS or Pulumi picks it. */
export function physicalName(resource: PlanResource): string | undefined {
    const own = PHYSICAL_NAME_INPUT_OF_TYPE[resource.type];
    return (own ? [own] : PHYSICAL_NAME_INPUTS)
        .map((key) => resource.inputs[key])
        .find((value): value is string => typeof value === "string");
}

/** The data-protection options set on the resource, in words: `protected`, `retained on delete`. */
export function protectionFlags(resource: PlanResource): string[] {
    return [
        resource.options.protect ? "protected" : undefined,
        resource.options.retainOnDelete ? "retained on delete" : undefined,
    ].filter((flag): flag is string => flag !== undefined);
}

function settingText(value: unknown): string {
    if (Array.isArray(value) && value.every((item) => typeof item !== "object" || item === null)) {
        return value.map(String).join(", ");
    }
    return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

/** The key settings of the resource's type that its inputs set, in the table's order. */
export function keySettings(resource: PlanResource): KeySetting[] {
    const settings: KeySetting[] = [];
    for (const key of KEY_INPUTS[resource.type] ?? []) {
        const value = key.split(".").reduce<unknown>((node, part) => {
            return typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
        }, resource.inputs);
        if (value !== undefined && value !== null) settings.push({ key, value: settingText(value) });
    }
    return settings;
}

/** The resources grouped by their parent's URN (the stack under `null`), in registration order. */
export function childrenByParent(resources: readonly PlanResource[]): Map<string | null, PlanResource[]> {
    const children = new Map<string | null, PlanResource[]>();
    for (const resource of resources) {
        const siblings = children.get(resource.parent) ?? [];
        siblings.push(resource);
        children.set(resource.parent, siblings);
    }
    return children;
}
