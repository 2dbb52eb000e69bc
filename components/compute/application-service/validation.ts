/**
 * The argument checks of an `ApplicationService`: what AWS would reject later, or what would leak a
 * secret or break scaling. Pure, testable without mocks.
 */
import { describeFargateMemory, fargateMemoryOptions } from "../../../stacks/fargate";
import type { ApplicationServiceArgs } from "./args";

/** A name ECS accepts for a service, task family and container (and a log group path segment). */
export const SERVICE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}$/;

/**
 * The first problem with `args`, as the message the component reports (without its
 * `service <name>: ` prefix), or `undefined` when there is none.
 */
export function applicationServiceProblem(args: ApplicationServiceArgs): string | undefined {
    if (!SERVICE_NAME.test(args.serviceName)) {
        return "serviceName must be 1 to 255 letters, digits, hyphens or underscores, starting with a letter or digit";
    }
    if (args.capacity.kind !== "ec2" && !fargateMemoryOptions(args.cpu).includes(args.memory)) {
        return `Fargate has no task of ${args.cpu} CPU units and ${args.memory} MiB; memory for ${args.cpu} is ${describeFargateMemory(args.cpu)}`;
    }
    const { minCount, desiredCount, maxCount } = args;
    if (
        ![minCount, desiredCount, maxCount].every(Number.isInteger) ||
        minCount < 0 ||
        minCount > desiredCount ||
        desiredCount > maxCount
    ) {
        return `counts must be whole numbers with 0 ≤ minCount (${minCount}) ≤ desiredCount (${desiredCount}) ≤ maxCount (${maxCount})`;
    }
    if (!(args.cpuTarget > 0 && args.cpuTarget <= 100)) {
        return `cpuTarget is ${args.cpuTarget}; a CPU utilisation target is a percentage above 0, at most 100`;
    }
    const port = args.containerPort;
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
        return `containerPort is ${port}; use a TCP port, 1 to 65535`;
    }
    if (port === undefined && (args.blueGreen !== undefined || args.serviceConnect.expose !== undefined)) {
        return "containerPort is unset; a service behind the load balancer or answering on Service Connect needs the port it serves on";
    }
    const both = Object.keys(args.secrets).filter((key) => key in args.environment);
    if (both.length > 0) {
        return `${both.join(", ")} are both secrets and environment variables; pass them only as secrets`;
    }
    if (Object.keys(args.secrets).length > 0 !== args.secretArns.length > 0) {
        return "secrets and secretArns go together: list in secretArns exactly the secrets the variables read";
    }
    if (args.logRetentionDays <= 0) {
        return `logRetentionDays is ${args.logRetentionDays}; logs must expire (0 or less keeps them forever)`;
    }
    if (args.blueGreen && args.blueGreen.rollbackAlarmNames.length === 0) {
        return "blueGreen.rollbackAlarmNames is empty; name the alarm that rolls a bad deployment back";
    }
    return undefined;
}
