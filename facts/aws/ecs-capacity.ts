/**
 * How ECS spends an EC2 host on `awsvpc` tasks, and how many tasks a deploy runs at once. Pure
 * data with its sources, plus the one derivation every reader needs (tasks per host), so that the
 * stack validation and the policy pack count alike.
 *
 * @module
 */

import { FactSource, INSTANCE_TYPES, TRUNKING_SUPPORTED_TYPES } from "./instance-network";

/** ECS CPU units in one vCPU. */
export const ECS_CPU_UNITS_PER_VCPU = 1024;

/** Network interfaces an `awsvpc` task takes on its container instance. */
export const ENIS_PER_AWSVPC_TASK = 1;

/** Network interfaces of a container instance that tasks cannot use: its primary interface. */
export const HOST_RESERVED_ENIS = 1;

/**
 * The share of the desired count an ECS blue/green deployment runs at its peak: the green
 * revision is scaled to the full desired count beside blue until the bake ends.
 */
export const BLUE_GREEN_PEAK_PERCENT = 200;

/** The sources of the ECS facts above. */
export const ECS_CAPACITY_SOURCES: Readonly<Record<string, FactSource>> = {
    cpuUnits: {
        url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size",
        says: "Task size: cpu is expressed in CPU units, 1024 units being 1 vCPU",
    },
    enisPerTask: {
        url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/container-instance-eni.html",
        says: "Each task that uses the awsvpc network mode receives its own ENI attached to the container instance; the primary network interface counts against the instance's limit, so a c5.large (3 ENIs) typically runs two such tasks",
    },
    trunking: TRUNKING_SUPPORTED_TYPES,
    blueGreen: {
        url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-blue-green.html",
        says: "A blue/green deployment runs two identical production environments, blue and green; bake time is the duration when both blue and green service revisions are running simultaneously after production traffic has shifted",
    },
    maximumPercent: {
        url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html",
        says: "maximumPercent: the upper limit on the number of tasks in RUNNING or PENDING state during a rolling deployment, as a percentage of desiredCount",
    },
};

/**
 * How many `awsvpc` tasks one host of `instanceType` holds: its network interfaces less the
 * primary one, or the trunking limit when `trunking` is on and ECS supports it on the type.
 * Undefined when the type is not in `INSTANCE_TYPES`.
 */
export function awsvpcTasksPerHost(instanceType: string, trunking = false): number | undefined {
    const facts = INSTANCE_TYPES[instanceType];
    if (facts === undefined) {
        return undefined;
    }
    if (trunking && facts.trunkingTaskLimit !== undefined) {
        return facts.trunkingTaskLimit;
    }
    return Math.floor((facts.maxNetworkInterfaces - HOST_RESERVED_ENIS) / ENIS_PER_AWSVPC_TASK);
}
