/**
 * The task sizes Fargate accepts (Linux, platform 1.4): each CPU size admits a range of
 * memory sizes in fixed steps. Source: "Task CPU and memory" in the Amazon ECS developer
 * guide, https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
 */
const FARGATE_SIZES: ReadonlyArray<{
    cpu: number;
    minMemory: number;
    maxMemory: number;
    step: number;
}> = [
    // 0.25 vCPU offers 512 MiB, 1 GiB and 2 GiB: not an even step, so it is special-cased below.
    { cpu: 256, minMemory: 512, maxMemory: 2048, step: 512 },
    { cpu: 512, minMemory: 1024, maxMemory: 4096, step: 1024 },
    { cpu: 1024, minMemory: 2048, maxMemory: 8192, step: 1024 },
    { cpu: 2048, minMemory: 4096, maxMemory: 16384, step: 1024 },
    { cpu: 4096, minMemory: 8192, maxMemory: 30720, step: 1024 },
    { cpu: 8192, minMemory: 16384, maxMemory: 61440, step: 4096 },
    { cpu: 16384, minMemory: 32768, maxMemory: 122880, step: 8192 },
];

/** The CPU units (1024 = one vCPU) a Fargate task may have. */
export const FARGATE_CPU_UNITS: readonly number[] = FARGATE_SIZES.map((size) => size.cpu);

/**
 * The memory sizes (MiB) Fargate offers for a task of `cpu` units, smallest first;
 * empty when `cpu` is not a Fargate size.
 */
export function fargateMemoryOptions(cpu: number): number[] {
    const size = FARGATE_SIZES.find((s) => s.cpu === cpu);
    if (!size) {
        return [];
    }
    if (size.cpu === 256) {
        return [512, 1024, 2048];
    }
    const options: number[] = [];
    for (let memory = size.minMemory; memory <= size.maxMemory; memory += size.step) {
        options.push(memory);
    }
    return options;
}

/** A short human description of the memory sizes allowed for `cpu`, for error messages. */
export function describeFargateMemory(cpu: number): string {
    const size = FARGATE_SIZES.find((s) => s.cpu === cpu);
    if (!size) {
        return `none (cpu must be one of ${FARGATE_CPU_UNITS.join(", ")})`;
    }
    if (size.cpu === 256) {
        return fargateMemoryOptions(cpu).join(", ");
    }
    return `${size.minMemory} to ${size.maxMemory} in steps of ${size.step}`;
}
