/**
 * The rules for the load balancers' own settings: access logs, deletion and desync protection, and
 * the availability of the public entry point and its target groups. What clients meet at the edge
 * (TLS, headers, web ACL) is in ./alb-edge.ts.
 *
 * @module
 */

import { PolicyResource } from "@pulumi/policy";
import { isBucket } from "../../lib/buckets";
import { asList, label, ofType, shown } from "../../../lib/relations/resources";
import { Finding, resourceRule, Rule, stackRule } from "../../lib/rule";
import {
    distinctCount,
    isInternetFacing,
    LOAD_BALANCERS,
    on,
    perResource,
    record,
    records,
    TARGET_GROUPS,
} from "./shared";
import { sourcesOf } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";

/** Whether a load balancer is an application one (the provider default). */
function isApplication(props: Props): boolean {
    return props.loadBalancerType === undefined || props.loadBalancerType === "application";
}

/** Access logs on: off is wrong on any load balancer, whatever its bucket. */
function accessLogsOffProblems(props: Props): string[] {
    const logs = record(props.accessLogs);
    return logs.enabled === true
        ? []
        : [
              `accessLogs.enabled is ${shown(logs.enabled)} (off by default, even with a bucket); set accessLogs: { enabled: true, bucket: <the log bucket> }`,
          ];
}

/** Enabled access logs go into a bucket of this stack (the bucket's name alone cannot prove that). */
function accessLogBucketProblems(lb: PolicyResource): string[] {
    const logs = record(lb.props.accessLogs);
    if (logs.enabled !== true) {
        // Logs left off are accessLogsOffProblems', in the resource pass.
        return [];
    }
    return sourcesOf(lb, "accessLogs").some(isBucket)
        ? []
        : [
              `accessLogs.bucket is ${shown(logs.bucket)}, not a bucket of this stack; set it to the project's log bucket (its bucket output)`,
          ];
}

/** Application load balancers drop invalid headers and never only monitor desync (ELB.4, ELB.12). */
function desyncProblems(props: Props): string[] {
    // Network load balancers have neither setting.
    if (!isApplication(props)) {
        return [];
    }
    const problems: string[] = [];
    if (props.dropInvalidHeaderFields !== true) {
        problems.push(
            `dropInvalidHeaderFields is ${shown(props.dropInvalidHeaderFields)} (off by default); set dropInvalidHeaderFields: true`,
        );
    }
    const mode = props.desyncMitigationMode;
    if (mode !== undefined && mode !== "defensive" && mode !== "strictest") {
        problems.push(`desyncMitigationMode is ${shown(mode)}; set "defensive" (the default) or "strictest"`);
    }
    return problems;
}

/** One load balancer's spread and entry point: an ALB, over two subnets or more, with its own group. */
function spreadProblems(props: Props): string[] {
    const problems: string[] = [];
    if (isInternetFacing(props) && !isApplication(props)) {
        problems.push(
            `loadBalancerType is ${shown(props.loadBalancerType)}; the public entry point is an application load balancer`,
        );
    }
    const subnets = distinctCount([
        ...asList(props.subnets as unknown[]),
        ...records(props.subnetMappings).map((m) => m.subnetId),
    ]);
    if (subnets < 2) {
        problems.push(`the load balancer spans ${subnets} subnet(s); list the public subnets of both AZs in subnets`);
    }
    if (isApplication(props) && asList(props.securityGroups as unknown[]).length === 0) {
        problems.push("securityGroups is unset; attach the ALB's own security group");
    }
    return problems;
}

/** Whether a health-check matcher accepts an error status (4xx or 5xx), which would hide a broken task. */
function matcherAcceptsErrors(matcher: unknown): boolean {
    if (typeof matcher !== "string") {
        return false;
    }
    return matcher.split(",").some((part) => Number(part.split("-").pop()) >= 400);
}

/** Target groups of ECS tasks: `ip` targets, HTTP health check on /health. */
function targetGroupProblems(props: Props): string[] {
    const problems: string[] = [];
    if (props.targetType !== "ip") {
        problems.push(
            `targetType is ${shown(props.targetType)} (unset means "instance"); set targetType: "ip" for awsvpc tasks`,
        );
    }
    const check = record(props.healthCheck);
    if (check.enabled === false) {
        problems.push('healthCheck.enabled is false; set healthCheck: { enabled: true, path: "/health" }');
    }
    if (check.path !== "/health") {
        problems.push(`healthCheck.path is ${shown(check.path)} (unset means "/"); set healthCheck.path: "/health"`);
    }
    if (check.protocol !== undefined && check.protocol !== "HTTP" && check.protocol !== "HTTPS") {
        problems.push(`healthCheck.protocol is ${shown(check.protocol)}; use an HTTP health check`);
    }
    if (matcherAcceptsErrors(check.matcher)) {
        problems.push(`healthCheck.matcher is ${shown(check.matcher)}; accept only 2xx (or 3xx) answers, e.g. "200"`);
    }
    return problems;
}

/** Every internet-facing load balancer after the first: the guide draws one public ALB. */
function extraPublicFindings(resources: readonly PolicyResource[]): Finding[] {
    const facing = ofType(resources, ...LOAD_BALANCERS).filter((lb) => isInternetFacing(lb.props));
    return facing
        .slice(1)
        .flatMap((lb) =>
            on(lb, [
                `${label(lb)} is a second internet-facing load balancer (besides ${label(facing[0])}); keep one public ALB and set internal: true on the others`,
            ]),
        );
}

/**
 * The load balancer rules of security-rules.md, in its table order: access logs, deletion
 * protection, desync protection, availability. Every check reads the aws:lb/* and aws:alb/* tokens
 * alike (see ./shared.ts).
 */
export const loadBalancerRules: readonly Rule[] = [
    stackRule({
        id: "alb-access-logs",
        description:
            "Keeps an audit trail of every request (FSBP ELB.5; guide: AUDIT_LOGGING_ENABLED): each load balancer writes access logs to a bucket of this stack.",
        kind: "security",
        // Logs left off are wrong on any load balancer, decided at preview; whether the bucket they
        // go to is one of this stack needs the bucket.
        resourceCheck: { types: LOAD_BALANCERS, check: accessLogsOffProblems },
        check: perResource(LOAD_BALANCERS, accessLogBucketProblems),
    }),
    resourceRule({
        id: "alb-deletion-protection",
        description:
            "Stops a mistaken update or destroy from deleting the load balancer and its DNS name (FSBP ELB.6): enableDeletionProtection is on (the provider leaves it off).",
        kind: "security",
        types: LOAD_BALANCERS,
        check: (props) =>
            props.enableDeletionProtection === true
                ? []
                : [
                      `enableDeletionProtection is ${shown(props.enableDeletionProtection)} (off by default); set enableDeletionProtection: true`,
                  ],
    }),
    resourceRule({
        id: "alb-desync-protection",
        description:
            "Protects the API from HTTP request smuggling (FSBP ELB.4, ELB.12): application load balancers drop invalid header fields and never run desync mitigation in monitor mode.",
        kind: "security",
        types: LOAD_BALANCERS,
        check: desyncProblems,
    }),
    stackRule({
        id: "alb-availability",
        description:
            "Keeps the API reachable through an AZ outage and routes only to healthy tasks (FSBP ELB.13; guide: Infrastructure Architecture, Blue-Green Deployment): when load balancers exist, a single internet-facing application load balancer spans both AZs with its own security group, and target groups use ip targets checked on /health.",
        kind: "resilience",
        // Each load balancer's spread and each target group's health check are their own, decided
        // at preview; only "one public ALB" compares load balancers.
        resourceCheck: {
            types: [...LOAD_BALANCERS, ...TARGET_GROUPS],
            check: (props, args) =>
                LOAD_BALANCERS.includes(args.type) ? spreadProblems(props) : targetGroupProblems(props),
        },
        check: extraPublicFindings,
    }),
];
