/**
 * The deployment guide's ECS services: their sizes and counts (Production Infrastructure, module
 * "ecs_cluster", `services`) and the api's scaling (Performance Optimization › Auto Scaling), keyed
 * as the stack configuration names the services (`api`, `worker`, `mlService`).
 */

/** A task size: CPU units (1024 = one vCPU) and memory in MiB. */
export interface TaskSize {
    readonly cpu: number;
    readonly memory: number;
}

/** Each service's task size (`cpu`, `memory`). Staging runs the same tasks, fewer of them. */
export const GUIDE_TASK_SIZES = {
    api: { cpu: 512, memory: 1024 },
    worker: { cpu: 256, memory: 512 },
    mlService: { cpu: 1024, memory: 2048 },
} as const satisfies Record<string, TaskSize>;

/** One of the guide's services, as the stack configuration keys it. */
export type GuideServiceKey = keyof typeof GUIDE_TASK_SIZES;

/** Each service's production task count (`count`). */
export const GUIDE_TASK_COUNTS = { api: 3, worker: 2, mlService: 2 } as const satisfies Record<GuideServiceKey, number>;

/**
 * The physical service names: ECS service, task family, container and `/ecs/<name>` log group
 * (the guide's `fraud-api`, and its images' `fraud-worker`, `fraud-ml`).
 */
export const GUIDE_SERVICE_NAMES = {
    api: "fraud-api",
    worker: "fraud-worker",
    mlService: "fraud-ml",
} as const satisfies Record<GuideServiceKey, string>;

/**
 * Staging's ECS hosts (Staging Deployment › Infrastructure Requirements: `2x t3.medium EC2
 * instances`): the cluster's EC2 capacity.
 */
export const GUIDE_STAGING_HOSTS = { instanceType: "t3.medium", count: 2 } as const;

/**
 * The api's Application Auto Scaling (`aws_appautoscaling_target.api`, `aws_appautoscaling_policy.api_cpu`):
 * 2 to 10 tasks, target tracking at 70 % average CPU.
 */
export const GUIDE_API_SCALING = { minCount: 2, maxCount: 10, cpuTarget: 70 } as const;
