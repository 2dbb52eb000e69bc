/**
 * What several compute rule files read alike: the type tokens they share, nested inputs read
 * defensively, findings reported per resource, and the path from an ECS service to the load
 * balancers in front of it. Each helper is here because more than one file of compute/ needs it;
 * a helper used by one file stays in that file.
 *
 * @module
 */

import { PolicyResource } from "@pulumi/policy";
import { asList, ofType } from "../../../lib/relations/resources";
import { Finding } from "../../lib/rule";
import { refersTo, sourcesOf } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";
import { GUIDE_REGION } from "../../../facts/guide/region";

/** The guide's only region (Staging/Production Configuration, `AWS_REGION=ca-central-1`). */
export const REGION = GUIDE_REGION;

/** The ECS task definition token. */
export const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
/** The ECS service token. */
export const SERVICE = "aws:ecs/service:Service";

// Load balancers exist under aws:lb/* and aws:alb/* aliases; every check reads both, so each token
// is a list and no rule has to remember which alias it was given.
/** The load balancer tokens. */
export const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
/** The listener tokens. */
export const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
/** The target group tokens. */
export const TARGET_GROUPS = ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"];
const LISTENER_RULES = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"];

/** A nested input read defensively: the object, or an empty one. */
export function record(value: unknown): Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : {};
}

/** The elements of a list input, each read as an object. */
export function records(value: unknown): Record<string, unknown>[] {
    return asList(value as unknown[]).map(record);
}

/**
 * A JSON string input parsed (a value that is already structured is returned as it is), or
 * undefined when it is unreadable. A masked secret is not JSON, so it reads as undefined too: the
 * rules then cannot decide and stay silent rather than report a value they never saw.
 */
export function parseJson(value: unknown): unknown {
    if (typeof value !== "string") {
        return value;
    }
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

/**
 * How many different ids a list input names. A subnet listed twice still covers one AZ, so the
 * multi-AZ rules count distinct ids, not entries.
 */
export function distinctCount(values: unknown): number {
    return new Set(asList(values as unknown[]).map(String)).size;
}

/** Findings on `resource`, one per message, so its own Environment tag sets the level. */
export function on(resource: PolicyResource, messages: readonly string[]): Finding[] {
    return messages.map((message) => ({ resource, message }));
}

/**
 * A stack-rule check that judges every resource of `types` with `check` and reports each message on
 * that resource. Stack rules of this family need the other resources to follow references, but
 * still report per resource, so that a local resource in a mixed stack is judged as local.
 */
export function perResource(
    types: readonly string[],
    check: (resource: PolicyResource, resources: readonly PolicyResource[]) => readonly string[],
): (resources: readonly PolicyResource[]) => Finding[] {
    return (resources) => ofType(resources, ...types).flatMap((resource) => on(resource, check(resource, resources)));
}

/** Internet-facing unless `internal: true` (the provider default is internet-facing). */
export function isInternetFacing(props: Props): boolean {
    return props.internal !== true;
}

/** The listeners that forward to `targetGroup`: by default action, or through a listener rule. */
function listenersForwardingTo(targetGroup: PolicyResource, resources: readonly PolicyResource[]): PolicyResource[] {
    const direct = ofType(resources, ...LISTENERS).filter((l) => refersTo(l, "defaultActions", targetGroup));
    const viaRules = ofType(resources, ...LISTENER_RULES)
        .filter((r) => refersTo(r, "actions", targetGroup))
        .flatMap((r) => sourcesOf(r, "listenerArn").filter((l) => LISTENERS.includes(l.type)));
    return [...direct, ...viaRules];
}

/**
 * The load balancers that send traffic to an ECS service: service → target group → listener →
 * load balancer, followed through property dependencies because the ARNs are unknown in a preview.
 */
export function loadBalancersServing(service: PolicyResource, resources: readonly PolicyResource[]): PolicyResource[] {
    return sourcesOf(service, "loadBalancers")
        .filter((tg) => TARGET_GROUPS.includes(tg.type))
        .flatMap((tg) => listenersForwardingTo(tg, resources))
        .flatMap((listener) => sourcesOf(listener, "loadBalancerArn").filter((lb) => LOAD_BALANCERS.includes(lb.type)));
}
