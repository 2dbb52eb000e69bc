import type { LoadBalancerArgs } from "./load-balancer";

/** ALB names: at most 32 letters, digits and hyphens (CreateLoadBalancer API reference). */
const MAX_NAME_LENGTH = 32;

/** The ALB's physical name: the prefix, cut to 32 characters, never ending in a hyphen. */
export function loadBalancerName(namePrefix: string): string {
    return namePrefix.slice(0, MAX_NAME_LENGTH).replace(/-+$/, "");
}

/** Every problem with `args`, one sentence each; empty when they are valid. */
export function loadBalancerArgsProblems(args: LoadBalancerArgs): string[] {
    const problems: string[] = [];
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(args.namePrefix) || args.namePrefix.startsWith("internal-")) {
        problems.push(
            `namePrefix is "${args.namePrefix}"; use letters, digits and hyphens, starting with a letter or digit and not with "internal-" (the ALB is named after it)`,
        );
    }
    if (!Number.isInteger(args.targetPort) || args.targetPort < 1 || args.targetPort > 65535) {
        problems.push(`targetPort is ${args.targetPort}; use the container's port, an integer from 1 to 65535`);
    }
    if (!args.healthCheckPath.startsWith("/")) {
        problems.push(`healthCheckPath is "${args.healthCheckPath}"; use an absolute path such as "/health"`);
    }
    if ((args.domainName === undefined) !== (args.hostedZoneName === undefined)) {
        problems.push(
            `domainName is ${JSON.stringify(args.domainName)} and hostedZoneName is ${JSON.stringify(args.hostedZoneName)}; set both (the certificate is validated in that zone) or neither (HTTP only)`,
        );
    }
    const { domainName, hostedZoneName } = args;
    if (
        domainName !== undefined &&
        hostedZoneName !== undefined &&
        domainName !== hostedZoneName &&
        !domainName.endsWith(`.${hostedZoneName}`)
    ) {
        problems.push(
            `domainName "${domainName}" is not in hostedZoneName "${hostedZoneName}"; name the public zone that holds the domain`,
        );
    }
    return problems;
}
