import { RESOURCE_NAMES } from "../../../facts/aws/resource-names";
import type { LoadBalancerArgs } from "./args";

/** ALB names: at most 32 letters, digits and hyphens (CreateLoadBalancer; facts/aws/resource-names.ts). */
const MAX_NAME_LENGTH = RESOURCE_NAMES["aws:lb/loadBalancer:LoadBalancer"].maxLength ?? 32;

/** Target groups: AWS's limit, and pulumi-aws's auto-name (`-` and 7 hex digits, at most 32 in all). */
const TARGET_GROUP = RESOURCE_NAMES["aws:lb/targetGroup:TargetGroup"];

/** The ALB's physical name: the prefix, cut to 32 characters, never ending in a hyphen. */
export function loadBalancerName(namePrefix: string): string {
    return namePrefix.slice(0, MAX_NAME_LENGTH).replace(/-+$/, "");
}

/**
 * The logical name of one of the blue/green target groups, which the provider auto-names from:
 * the initials of the prefix's words but the last, then the last word and the colour
 * (`fraud-detector-prod` + blue -> `fd-prod-blue`). The auto-name adds 8 characters, and AWS takes at
 * most 32: the ALB's own `<namePrefix>-alb-<colour>` came to 36 to 40 and failed every preview.
 */
export function targetGroupLogicalName(namePrefix: string, colour: string): string {
    const words = namePrefix.split("-").filter((word) => word !== "");
    const last = words.pop() ?? "";
    const initials = words.map((word) => word[0]).join("");
    return [initials, last, colour].filter((part) => part !== "").join("-");
}

/** The length of the provider's auto-name for a target group with this logical name. */
export function targetGroupAutoNameLength(logicalName: string): number {
    const auto = TARGET_GROUP.autoName;
    return logicalName.length + (auto?.separator.length ?? 1) + (auto?.randomLength ?? 7);
}

/** Every problem with `args`, one sentence each; empty when they are valid. */
export function loadBalancerArgsProblems(args: LoadBalancerArgs): string[] {
    const problems: string[] = [];
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(args.namePrefix) || args.namePrefix.startsWith("internal-")) {
        problems.push(
            `namePrefix is "${args.namePrefix}"; use letters, digits and hyphens, starting with a letter or digit and not with "internal-" (the ALB is named after it)`,
        );
    }
    const longest = targetGroupLogicalName(args.namePrefix, "green");
    const limit = TARGET_GROUP.maxLength ?? 32;
    if (targetGroupAutoNameLength(longest) > limit) {
        problems.push(
            `namePrefix "${args.namePrefix}" makes the target group "${longest}", whose auto-name would be ${targetGroupAutoNameLength(longest)} characters; AWS accepts at most ${limit}: use a namePrefix with a shorter last word`,
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
