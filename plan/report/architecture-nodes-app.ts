import type { PlanResource } from "../engine/contract";
import { resolveReference } from "../../lib/relations/references";
import { azLine, DiagramContext, ofType, PlacedNode, resourceNode, sourcesIn, text } from "./architecture-context";
import type { Placement } from "./architecture-network";

/**
 * The diagram's application and data nodes: the ECS services (task size x count, capacity,
 * autoscaling), the RDS instances and the Redis replication groups, each labelled with the settings
 * an operator asks about first and placed in the tier of its subnets.
 *
 * @module
 */

const SERVICE = "aws:ecs/service:Service";
const CLUSTER = "aws:ecs/cluster:Cluster";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const SCALING_TARGET = "aws:appautoscaling/target:Target";
const CAPACITY_PROVIDER = "aws:ecs/capacityProvider:CapacityProvider";
const AUTO_SCALING_GROUP = "aws:autoscaling/group:Group";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const RDS_INSTANCE = "aws:rds/instance:Instance";
const RDS_SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const CACHE_SUBNET_GROUP = "aws:elasticache/subnetGroup:SubnetGroup";

/** What runs a service's tasks: Fargate, or the EC2 hosts behind its capacity provider. */
function capacityOf(context: DiagramContext, service: PlanResource): string {
    const strategies = (service.inputs.capacityProviderStrategies ?? []) as Array<{ capacityProvider?: unknown }>;
    const name = text(strategies[0]?.capacityProvider) || text(service.inputs.launchType);
    if (name === "" || /^FARGATE/.test(name)) {
        return name === "FARGATE_SPOT" ? "Fargate Spot" : "Fargate";
    }
    // A capacity provider is named by its id; its hosts are those of its Auto Scaling group.
    const provider = ofType(context, CAPACITY_PROVIDER).find((p) => p.id === name || p.inputs.name === name);
    const group = provider && sourcesIn(context, provider, "autoScalingGroupProvider", AUTO_SCALING_GROUP)[0];
    const template = group && sourcesIn(context, group, "launchTemplate", LAUNCH_TEMPLATE)[0];
    const size = template ? text(template.inputs.instanceType) : "";
    return size ? `EC2 ${size} x ${text(group?.inputs.desiredCapacity)}` : "EC2 capacity";
}

/** `scales 2-10` from the service's scalable target, or nothing when it does not scale. */
function scalingOf(context: DiagramContext, clusterName: string, serviceName: string): string[] {
    const target = ofType(context, SCALING_TARGET).find(
        (t) => t.inputs.resourceId === `service/${clusterName}/${serviceName}`,
    );
    return target ? [`scales ${text(target.inputs.minCapacity)}-${text(target.inputs.maxCapacity)}`] : [];
}

/** ECS services inside a box for their cluster, in the tier of their subnets. */
export function serviceNodes(context: DiagramContext): PlacedNode[] {
    return ofType(context, SERVICE).map((service) => {
        const cluster = sourcesIn(context, service, "cluster", CLUSTER)[0];
        const clusterName = text(cluster?.inputs.name);
        const network = (service.inputs.networkConfiguration ?? {}) as { subnets?: unknown };
        const placement = context.layout.placement(network.subnets);
        const task =
            sourcesIn(context, service, "taskDefinition", TASK_DEFINITION)[0] ??
            resolveReference(context.plan, service.inputs.taskDefinition);
        const name = text(service.inputs.name) || service.name;
        const size = task ? `${text(task.inputs.cpu)} CPU / ${text(task.inputs.memory)} MiB` : "task size unknown";
        const ecsBox = { id: `ecs-${clusterName || "cluster"}`, label: `ECS cluster ${clusterName}`.trim() };
        return resourceNode(service, {
            kind: "ecs-service",
            title: name,
            details: [
                [size, text(service.inputs.desiredCount)].filter(Boolean).join(" x "),
                capacityOf(context, service),
                ...scalingOf(context, clusterName, name),
                ...azLine(placement.azs),
            ],
            path: [...context.layout.pathOf(placement.tier), ecsBox],
        });
    });
}

/** Where a data-tier resource sits: in the subnets of the subnet group its `property` names. */
function subnetGroupPlacement(
    context: DiagramContext,
    resource: PlanResource,
    property: string,
    type: string,
): Placement {
    const group = sourcesIn(context, resource, property, type)[0];
    return context.layout.placement(group?.inputs.subnetIds);
}

/** RDS instances, in the tier of their subnet group. */
export function databaseNodes(context: DiagramContext): PlacedNode[] {
    return ofType(context, RDS_INSTANCE).map((db) => {
        const placement = subnetGroupPlacement(context, db, "dbSubnetGroupName", RDS_SUBNET_GROUP);
        const storage = text(db.inputs.allocatedStorage);
        return resourceNode(db, {
            kind: "database",
            title: `RDS ${text(db.inputs.identifier) || db.name}`,
            details: [
                `${text(db.inputs.engine)} ${text(db.inputs.engineVersion)}, ${text(db.inputs.instanceClass)}`.trim(),
                [db.inputs.multiAz === true ? "Multi-AZ" : "single-AZ", storage ? `${storage} GiB` : ""]
                    .filter(Boolean)
                    .join(", "),
                ...azLine(placement.azs),
            ],
            path: context.layout.pathOf(placement.tier),
        });
    });
}

/** ElastiCache replication groups, in the tier of their subnet group. */
export function cacheNodes(context: DiagramContext): PlacedNode[] {
    return ofType(context, REPLICATION_GROUP).map((group) => {
        const placement = subnetGroupPlacement(context, group, "subnetGroupName", CACHE_SUBNET_GROUP);
        const nodes = text(group.inputs.numCacheClusters) || "1";
        return resourceNode(group, {
            kind: "cache",
            title: `${text(group.inputs.engine) === "valkey" ? "Valkey" : "Redis"} ${text(group.inputs.replicationGroupId) || group.name}`,
            details: [
                `${text(group.inputs.engine)} ${text(group.inputs.engineVersion)}, ${nodes} x ${text(group.inputs.nodeType)}`,
                group.inputs.multiAzEnabled === true ? "Multi-AZ, automatic failover" : "single-AZ",
                ...azLine(placement.azs),
            ],
            path: context.layout.pathOf(placement.tier),
        });
    });
}
