/**
 * `ecs-capacity-holds-deploys`: the EC2 capacity behind an ECS capacity provider holds every
 * service placed on it at the peak of a deploy. The numbers of the hosts come from
 * facts/aws/instance-network.ts and facts/aws/ecs-capacity.ts; the packing is first-fit
 * decreasing over three dimensions (task ENIs, CPU units, memory), which ECS's own placement can
 * only match or do worse than, so a shortfall found here is a deploy that stalls.
 *
 * @module
 */

import { PolicyResource } from "@pulumi/policy";
import { awsvpcTasksPerHost, BLUE_GREEN_PEAK_PERCENT, ECS_CPU_UNITS_PER_VCPU } from "../../../facts/aws/ecs-capacity";
import { INSTANCE_TYPES } from "../../../facts/aws/instance-network";
import { label, ofType, shown } from "../../../lib/relations/resources";
import { Finding, Rule, stackRule } from "../../lib/rule";
import { record, records, SERVICE, TASK_DEFINITION } from "./shared";
import { refersTo, sourcesOf } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";

const CAPACITY_PROVIDER = "aws:ecs/capacityProvider:CapacityProvider";
const CLUSTER_CAPACITY_PROVIDERS = "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders";
const AUTO_SCALING_GROUP = "aws:autoscaling/group:Group";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const SCALING_TARGET = "aws:appautoscaling/target:Target";
const ACCOUNT_SETTING_DEFAULT = "aws:ecs/accountSettingDefault:AccountSettingDefault";

/** ECS's default `maximumPercent` for a replica service (DeploymentConfiguration). */
const DEFAULT_MAXIMUM_PERCENT = 200;

/** What one task of a service takes from a host. */
interface TaskSize {
    readonly enis: number;
    readonly cpu: number;
    readonly memory: number;
}

/** The tasks a service runs at the peak of a deploy, and why that many. */
interface ServicePeak {
    readonly name: string;
    readonly tasks: number;
    readonly size: TaskSize;
    /** `fraud-api 2 x 200%`: count and percent, for the message. */
    readonly reason: string;
}

/** One host of the packing: what is left of it. */
interface Host {
    enis: number;
    cpu: number;
    memory: number;
}

/** The number in a numeric or numeric-string input, or undefined. */
function numberOf(value: unknown): number | undefined {
    const n = typeof value === "string" ? Number(value) : value;
    return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

/** A service's name for messages. */
function serviceName(service: PolicyResource): string {
    return typeof service.props.name === "string" ? service.props.name : service.name;
}

/** The services whose strategy (or, with none, the cluster's default strategy) names `provider`. */
function servicesOn(provider: PolicyResource, resources: readonly PolicyResource[]): PolicyResource[] {
    const providerName: unknown = (provider.props as Props).name;
    const names = (strategies: unknown) =>
        records(strategies).some((s) => providerName !== undefined && s.capacityProvider === providerName);
    const defaults = ofType(resources, CLUSTER_CAPACITY_PROVIDERS).filter(
        (c) =>
            refersTo(c, "defaultCapacityProviderStrategies", provider) ||
            names(c.props.defaultCapacityProviderStrategies),
    );
    return ofType(resources, SERVICE).filter((service) => {
        const props = service.props as Props;
        if (records(props.capacityProviderStrategies).length > 0) {
            return refersTo(service, "capacityProviderStrategies", provider) || names(props.capacityProviderStrategies);
        }
        // No strategy and no launch type: the cluster's default strategy places the tasks.
        return (
            props.launchType === undefined &&
            defaults.some((c) => sourcesOf(c, "clusterName").some((cluster) => refersTo(service, "cluster", cluster)))
        );
    });
}

/** What one task of `service` takes: one ENI in awsvpc mode, and the task-level CPU and memory. */
function taskSize(service: PolicyResource): TaskSize | undefined {
    const definition = sourcesOf(service, "taskDefinition").find((r) => r.type === TASK_DEFINITION);
    if (definition === undefined) {
        return undefined;
    }
    const cpu = numberOf(definition.props.cpu);
    const memory = numberOf(definition.props.memory);
    if (cpu === undefined || memory === undefined) {
        return undefined;
    }
    return { enis: definition.props.networkMode === "awsvpc" ? 1 : 0, cpu, memory };
}

/**
 * The tasks `service` runs at a deploy's peak: its autoscaling ceiling (or desired count without a
 * scalable target) times the deploy's percent: 200 % for blue/green, else `maximumPercent`.
 */
function peakOf(service: PolicyResource, resources: readonly PolicyResource[]): ServicePeak | undefined {
    const size = taskSize(service);
    if (size === undefined) {
        return undefined;
    }
    const props = service.props as Props;
    const ceilings = ofType(resources, SCALING_TARGET)
        .filter((t) => t.props.serviceNamespace === "ecs" && refersTo(t, "resourceId", service))
        .map((t) => numberOf(t.props.maxCapacity))
        .filter((n): n is number => n !== undefined);
    const count = Math.max(numberOf(props.desiredCount) ?? 0, ...ceilings);
    const maximum = numberOf(props.deploymentMaximumPercent) ?? DEFAULT_MAXIMUM_PERCENT;
    const blueGreen = record(props.deploymentConfiguration).strategy === "BLUE_GREEN";
    const percent = blueGreen ? Math.max(BLUE_GREEN_PEAK_PERCENT, maximum) : maximum;
    const name = serviceName(service);
    return {
        name,
        tasks: Math.ceil((count * percent) / 100),
        size,
        reason: `${name} ${count} x ${percent}%${blueGreen ? " (blue/green)" : ""}`,
    };
}

/** Hosts first-fit decreasing needs for `tasks` on hosts of `capacity`, or undefined if one never fits. */
function hostsNeeded(tasks: readonly TaskSize[], capacity: TaskSize): number | undefined {
    const sorted = [...tasks].sort((a, b) => b.memory - a.memory || b.cpu - a.cpu || b.enis - a.enis);
    const hosts: Host[] = [];
    for (const task of sorted) {
        if (task.enis > capacity.enis || task.cpu > capacity.cpu || task.memory > capacity.memory) {
            return undefined;
        }
        const host = hosts.find((h) => h.enis >= task.enis && h.cpu >= task.cpu && h.memory >= task.memory);
        const target = host ?? { ...capacity };
        if (host === undefined) {
            hosts.push(target);
        }
        target.enis -= task.enis;
        target.cpu -= task.cpu;
        target.memory -= task.memory;
    }
    return hosts.length;
}

/** Whether the stack turns on ENI trunking for the account (`awsvpcTrunking` enabled). */
function trunkingEnabled(resources: readonly PolicyResource[]): boolean {
    return ofType(resources, ACCOUNT_SETTING_DEFAULT).some(
        (s) => s.props.name === "awsvpcTrunking" && s.props.value === "enabled",
    );
}

/** The findings of one capacity provider backed by an Auto Scaling group. */
function providerFindings(provider: PolicyResource, resources: readonly PolicyResource[]): Finding[] {
    const group = sourcesOf(provider, "autoScalingGroupProvider").find((r) => r.type === AUTO_SCALING_GROUP);
    const template = group && sourcesOf(group, "launchTemplate").find((r) => r.type === LAUNCH_TEMPLATE);
    const instanceType: unknown = (template?.props as Props | undefined)?.instanceType;
    const services = servicesOn(provider, resources);
    if (group === undefined || typeof instanceType !== "string" || services.length === 0) {
        return [];
    }
    const facts = INSTANCE_TYPES[instanceType];
    const trunking = trunkingEnabled(resources);
    const perHost = awsvpcTasksPerHost(instanceType, trunking);
    if (facts === undefined || perHost === undefined) {
        return [
            {
                resource: group,
                message: `instance type ${shown(instanceType)} of ${label(group)} has no row in facts/aws/instance-network.ts, so the capacity of a deploy cannot be checked; add its vCPUs, memory and network interfaces with their source`,
            },
        ];
    }
    const scaling = record(record(provider.props.autoScalingGroupProvider).managedScaling);
    const managed = scaling.status === "ENABLED";
    // Managed scaling grows the group up to maxSize for tasks waiting on capacity; without it the group stays at its desired size.
    const available = managed
        ? numberOf(group.props.maxSize)
        : numberOf(group.props.desiredCapacity ?? group.props.minSize);
    const peaks = services.map((s) => peakOf(s, resources)).filter((p): p is ServicePeak => p !== undefined);
    const tasks = peaks.flatMap((p) => Array.from({ length: p.tasks }, () => p.size));
    const capacity = { enis: perHost, cpu: facts.vcpus * ECS_CPU_UNITS_PER_VCPU, memory: facts.memoryMiB };
    const needed = hostsNeeded(tasks, capacity);
    const hostText = `${instanceType} (${capacity.cpu} CPU units, ${capacity.memory} MiB, ${perHost} awsvpc task(s): ${facts.maxNetworkInterfaces} network interfaces less the primary${trunking ? ", ENI trunking on" : ""})`;
    const peakText = `${tasks.length} task(s) at a deploy's peak (${peaks.map((p) => p.reason).join(", ")})`;
    if (needed === undefined) {
        return [
            {
                resource: group,
                message: `a task on ${label(provider)} does not fit one ${hostText}; use a larger instance type`,
            },
        ];
    }
    if (available === undefined || needed <= available) {
        return [];
    }
    const setting = managed ? "maxSize" : "desiredCapacity (or turn managed scaling on)";
    return [
        {
            resource: group,
            message: `${label(group)} can run ${available} host(s) of ${hostText}, but the services on ${label(provider)} need ${needed} for ${peakText}; set ${setting} to at least ${needed}, or use an instance type with more network interfaces or ENI trunking`,
        },
    ];
}

/** `ecs-capacity-holds-deploys`: EC2 capacity fits every service on it through a deploy. */
export const ecsCapacityHoldsDeploys: Rule = stackRule({
    id: "ecs-capacity-holds-deploys",
    description:
        "Keeps deploys from stalling on EC2 capacity (ECS: one ENI per awsvpc task, the host's primary ENI not available to tasks): the Auto Scaling group behind each ECS capacity provider (maxSize with managed scaling, else its desired size) holds every service placed on it at its autoscaling maxCapacity times the deploy's maximumPercent (200% for blue/green), in task ENIs, CPU units and memory, with the instance type's numbers from facts/aws.",
    kind: "aws",
    check: (resources) => ofType(resources, CAPACITY_PROVIDER).flatMap((p) => providerFindings(p, resources)),
});
