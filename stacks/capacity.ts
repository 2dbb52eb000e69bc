/**
 * Whether a stack's EC2 capacity can hold its services through a deploy, decided from config
 * alone: the fewest hosts of `cluster.instanceType` that the deploy's peak could fit on (network
 * interfaces, CPU, memory, each summed), against `cluster.maxInstanceCount`. A lower bound only:
 * how the tasks pack onto hosts is the policy rule `ecs-capacity-holds-deploys`'s to judge, on the
 * plan.
 *
 * @module
 */

import { awsvpcTasksPerHost, BLUE_GREEN_PEAK_PERCENT, ECS_CPU_UNITS_PER_VCPU } from "../facts/aws/ecs-capacity";
import { INSTANCE_TYPES } from "../facts/aws/instance-network";

/**
 * The share of its count a service runs at a deploy's peak: blue/green runs green beside blue
 * (AWS), and the rolling services allow `maximumPercent` 200 (the program's
 * `rollingDeploymentSettings`), so every service counts at 200 %.
 */
export const DEPLOY_PEAK_PERCENT = BLUE_GREEN_PEAK_PERCENT;

/** What the capacity check reads of a service: its task size and autoscaling ceiling. */
export interface ServiceDemand {
    readonly cpu: number;
    readonly memory: number;
    readonly maxCount: number;
}

/** What the capacity check reads of the cluster. */
export interface ClusterCapacity {
    readonly instanceType: string;
    readonly maxInstanceCount: number;
}

/**
 * The fewest hosts of `instanceType` that hold every service at `maxCount` x 200 % (awsvpc: one
 * network interface each), or undefined when the type has no row in facts/aws.
 */
export function hostsForDeploy(instanceType: string, services: readonly ServiceDemand[]): number | undefined {
    const facts = INSTANCE_TYPES[instanceType];
    const perHost = awsvpcTasksPerHost(instanceType);
    if (facts === undefined || perHost === undefined) {
        return undefined;
    }
    const peak = services.map((s) => ({ ...s, tasks: Math.ceil((s.maxCount * DEPLOY_PEAK_PERCENT) / 100) }));
    const sum = (of: (s: (typeof peak)[number]) => number) => peak.reduce((total, s) => total + of(s), 0);
    return Math.max(
        Math.ceil(sum((s) => s.tasks) / perHost),
        Math.ceil(sum((s) => s.tasks * s.cpu) / (facts.vcpus * ECS_CPU_UNITS_PER_VCPU)),
        Math.ceil(sum((s) => s.tasks * s.memory) / facts.memoryMiB),
    );
}

/** A config problem: the `cluster` key it is on, and the "expected ..." half of its message. */
export interface CapacityProblem {
    readonly key: "instanceType" | "maxInstanceCount";
    readonly expected: string;
}

/**
 * Why `cluster` cannot hold `services` through a deploy, or undefined when it can (as far as
 * config can tell).
 */
export function capacityShortfall(
    cluster: ClusterCapacity,
    services: readonly ServiceDemand[],
): CapacityProblem | undefined {
    const needed = hostsForDeploy(cluster.instanceType, services);
    if (needed === undefined) {
        return {
            key: "instanceType",
            expected: `expected an instance type whose network limits are known (facts/aws/instance-network.ts: ${Object.keys(INSTANCE_TYPES).join(", ")}), so that the hosts can be sized for a deploy`,
        };
    }
    if (needed <= cluster.maxInstanceCount) {
        return undefined;
    }
    const tasks = services.reduce((total, s) => total + Math.ceil((s.maxCount * DEPLOY_PEAK_PERCENT) / 100), 0);
    return {
        key: "maxInstanceCount",
        expected: `expected at least ${needed}: a deploy runs ${tasks} awsvpc tasks (each service at maxCount x ${DEPLOY_PEAK_PERCENT}%), and a ${cluster.instanceType} holds ${awsvpcTasksPerHost(cluster.instanceType)} (its network interfaces less the primary) within its CPU and memory`,
    };
}
