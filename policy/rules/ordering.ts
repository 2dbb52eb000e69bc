/**
 * `create-time-ordering`: what AWS checks about another resource at create time is created
 * first. The pairs, what AWS checks and the sources are data (facts/aws/create-time-ordering.ts);
 * this file only finds, for each pair id, the dependents in the stack and the prerequisites each
 * must wait for, and reports a dependent that does not.
 *
 * A resource waits for another when it depends on it, directly or through a chain of
 * dependencies: an input taken from it or an explicit `dependsOn` (the engine's `dependencies`;
 * the offline plan cannot tell the two apart, and neither needs to). The Node SDK registers a
 * child only once its parent is registered, and a component with `dependsOn` waits for those
 * resources, so a parent's dependencies count for its children too.
 *
 * @module
 */

import { PolicyResource } from "@pulumi/policy";
import { CREATE_TIME_ORDERINGS, CreateTimeOrdering, rdsLogGroupName } from "../../facts/aws/create-time-ordering";
import { asList, label, ofType } from "../../lib/relations/resources";
import { Finding, Rule, stackRule } from "../lib/rule";
import { LISTENERS, record, TARGET_GROUPS } from "./compute/shared";
import { refersTo, sourcesOf } from "../../lib/relations/references";

const LISTENER_RULES = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"];
const BUCKET = "aws:s3/bucket:Bucket";
const ROLE = "aws:iam/role:Role";

/** A dependent and the prerequisites it must wait for; `anyOf` when one of them is enough. */
interface Requirement {
    readonly dependent: PolicyResource;
    readonly prerequisites: readonly PolicyResource[];
    readonly anyOf?: boolean;
}

/** Finds, in the stack, the requirements of one ordering pair. */
type Matcher = (pair: CreateTimeOrdering, resources: readonly PolicyResource[]) => Requirement[];

/** The resources of the pair's prerequisite types whose `property` came from `source`. */
function prerequisitesOf(
    pair: CreateTimeOrdering,
    resources: readonly PolicyResource[],
    property: string,
    source: PolicyResource,
): PolicyResource[] {
    return ofType(resources, ...pair.prerequisite).filter((r) => refersTo(r, property, source));
}

/** The listeners and listener rules that forward to `targetGroup`. */
function forwardersOf(targetGroup: PolicyResource, resources: readonly PolicyResource[]): PolicyResource[] {
    return [
        ...ofType(resources, ...LISTENERS).filter((l) => refersTo(l, "defaultActions", targetGroup)),
        ...ofType(resources, ...LISTENER_RULES).filter((r) => refersTo(r, "actions", targetGroup)),
    ];
}

/** For each pair id of the facts table, how to find its dependents and their prerequisites. */
export const MATCHERS: Readonly<Record<string, Matcher>> = {
    "rds-monitoring-role-policy": (pair, resources) =>
        ofType(resources, pair.dependent).flatMap((instance) =>
            sourcesOf(instance, "monitoringRoleArn")
                .filter((r) => r.type === ROLE)
                .map((role) => ({
                    dependent: instance,
                    prerequisites: prerequisitesOf(pair, resources, "role", role),
                })),
        ),
    "rds-log-groups": (pair, resources) =>
        ofType(resources, pair.dependent).flatMap((instance) => {
            const identifier: unknown = (instance.props as Record<string, unknown>).identifier;
            if (typeof identifier !== "string") {
                return [];
            }
            const names = asList(instance.props.enabledCloudwatchLogsExports as string[]).map((type) =>
                rdsLogGroupName(identifier, type),
            );
            const groups = ofType(resources, ...pair.prerequisite).filter((g) =>
                names.includes(g.props.name as string),
            );
            return [{ dependent: instance, prerequisites: groups }];
        }),
    "s3-replication-versioning": (pair, resources) =>
        ofType(resources, pair.dependent).map((replication) => {
            const buckets = [...sourcesOf(replication, "bucket"), ...sourcesOf(replication, "rules")].filter(
                (r) => r.type === BUCKET,
            );
            return {
                dependent: replication,
                prerequisites: buckets.flatMap((bucket) => prerequisitesOf(pair, resources, "bucket", bucket)),
            };
        }),
    "ecs-service-target-group-listener": (pair, resources) =>
        ofType(resources, pair.dependent).flatMap((service) =>
            sourcesOf(service, "loadBalancers")
                .filter((r) => TARGET_GROUPS.includes(r.type))
                .map((tg) => ({ dependent: service, prerequisites: forwardersOf(tg, resources), anyOf: true })),
        ),
    "ecs-service-capacity-provider": (pair, resources) =>
        ofType(resources, pair.dependent).flatMap((service) =>
            sourcesOf(service, "capacityProviderStrategies")
                .filter((r) => r.type === "aws:ecs/capacityProvider:CapacityProvider")
                .map((provider) => ({
                    dependent: service,
                    prerequisites: prerequisitesOf(pair, resources, "capacityProviders", provider),
                    anyOf: true,
                })),
        ),
    "alb-access-logs-bucket-policy": (pair, resources) =>
        ofType(resources, pair.dependent)
            .filter((lb) => record(lb.props.accessLogs).enabled === true)
            .flatMap((lb) =>
                sourcesOf(lb, "accessLogs")
                    .filter((r) => r.type === BUCKET)
                    .map((bucket) => ({
                        dependent: lb,
                        prerequisites: prerequisitesOf(pair, resources, "bucket", bucket),
                    })),
            ),
};

/** The URNs `resource` waits for: its dependencies and its ancestors', transitively. */
function waitsFor(resource: PolicyResource): Set<string> {
    const seen = new Set<string>();
    const queue: PolicyResource[] = [resource];
    while (queue.length > 0) {
        let node: PolicyResource | undefined = queue.pop();
        // A node and every ancestor: the SDK registers a child only after its parent.
        while (node !== undefined) {
            for (const dependency of node.dependencies) {
                if (!seen.has(dependency.urn)) {
                    seen.add(dependency.urn);
                    queue.push(dependency);
                }
            }
            node = (node as PolicyResource & { parent?: PolicyResource }).parent;
        }
    }
    return seen;
}

/** The findings of one requirement: each prerequisite (or, with `anyOf`, all of them) not waited for. */
function requirementFindings(pair: CreateTimeOrdering, requirement: Requirement): Finding[] {
    const { dependent, prerequisites, anyOf } = requirement;
    const waited = waitsFor(dependent);
    const missing = prerequisites.filter((p) => !waited.has(p.urn));
    if (missing.length === 0 || (anyOf === true && missing.length < prerequisites.length)) {
        return [];
    }
    const shown = anyOf === true ? [missing.map(label).join(" or ")] : missing.map(label);
    return shown.map((prerequisite) => ({
        resource: dependent,
        message: `${label(dependent)} does not wait for ${prerequisite}, so both may be created at once; ${pair.because}. Add dependsOn: [${prerequisite}] to ${label(dependent)} (create-time ordering ${pair.id})`,
    }));
}

/** `create-time-ordering`: every pair of facts/aws/create-time-ordering.ts is ordered in the stack. */
export const createTimeOrdering: Rule = stackRule({
    id: "create-time-ordering",
    description:
        "Keeps a real deploy from failing on what AWS checks at create time (facts/aws/create-time-ordering.ts, each pair with its AWS source): the RDS instance waits for its monitoring role's policy and its own log groups, S3 replication for the versioning of both buckets, an ECS service for the listener of its target group and the registration of its capacity provider, the ALB for its log bucket's policy, through an input or an explicit dependsOn.",
    kind: "aws",
    check: (resources) =>
        CREATE_TIME_ORDERINGS.flatMap((pair) =>
            (MATCHERS[pair.id]?.(pair, resources) ?? []).flatMap((requirement) =>
                requirementFindings(pair, requirement),
            ),
        ),
});

/** The create-time ordering rules (one, over the facts table). */
export const orderingRules: readonly Rule[] = [createTimeOrdering];
