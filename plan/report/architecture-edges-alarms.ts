import type { PlanResource } from "../engine/contract";
import { text, DiagramContext, ofType } from "./architecture-context";
import { nodeForArn } from "./architecture-edges-access";
import type { NodeLookup } from "./architecture-edges-network";
import type { ArchitectureEdge, ArchitectureNode } from "./architecture-model";

/**
 * Alarm and event edges: what each alarm watches, read from its metric dimensions, and where alarms
 * and RDS event subscriptions publish, read from the topic ARNs they name.
 *
 * @module
 */

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const EVENT_SUBSCRIPTION = "aws:rds/eventSubscription:EventSubscription";
const RDS_INSTANCE = "aws:rds/instance:Instance";

type Dimensions = Readonly<Record<string, unknown>>;

/**
 * How a metric dimension names a resource of the plan. CloudWatch names an ALB by the end of its
 * ARN, an ElastiCache node as `<replication group>-<NNN>`, an ECS service by cluster and name.
 */
const DIMENSIONS: ReadonlyArray<{
    readonly key: string;
    readonly type: string;
    readonly names: (resource: PlanResource, value: string, dimensions: Dimensions) => boolean;
}> = [
    {
        key: "LoadBalancer",
        type: "aws:lb/loadBalancer:LoadBalancer",
        names: (lb, value) => text(lb.outputs.arn).endsWith(`:loadbalancer/${value}`),
    },
    { key: "DBInstanceIdentifier", type: RDS_INSTANCE, names: (db, value) => text(db.inputs.identifier) === value },
    {
        key: "CacheClusterId",
        type: "aws:elasticache/replicationGroup:ReplicationGroup",
        names: (group, value) => {
            const id = text(group.inputs.replicationGroupId);
            return id !== "" && value.startsWith(`${id}-`) && /^\d{3}$/.test(value.slice(id.length + 1));
        },
    },
    {
        key: "ReplicationGroupId",
        type: "aws:elasticache/replicationGroup:ReplicationGroup",
        names: (group, value) => text(group.inputs.replicationGroupId) === value,
    },
    {
        key: "ServiceName",
        type: "aws:ecs/service:Service",
        names: (service, value, dimensions) =>
            text(service.inputs.name) === value &&
            (dimensions.ClusterName === undefined ||
                text(service.inputs.cluster).endsWith(`/${text(dimensions.ClusterName)}`)),
    },
];

/** The dimension sets of an alarm: its own, and those of each metric of a metric-math alarm. */
function dimensionsOf(alarm: PlanResource): Dimensions[] {
    const queries = (alarm.inputs.metricQueries ?? []) as Array<{ metric?: { dimensions?: Dimensions } }>;
    return [alarm.inputs.dimensions as Dimensions | undefined, ...queries.map((q) => q.metric?.dimensions)].filter(
        (d): d is Dimensions => d !== undefined && d !== null,
    );
}

/** The plan resources an alarm's dimensions name. */
function watchedBy(context: DiagramContext, alarm: PlanResource): PlanResource[] {
    return dimensionsOf(alarm).flatMap((dimensions) =>
        DIMENSIONS.flatMap(({ key, type, names }) =>
            dimensions[key] === undefined
                ? []
                : ofType(context, type).filter((r) => names(r, text(dimensions[key]), dimensions)),
        ),
    );
}

/** Relations between pairs of nodes, keyed by the pair, with the resources that state each. */
type Links = Map<string, { from: string; to: string; via: Set<string> }>;

/** Records that the resource `urn` relates `from` to `to`. */
function collect(into: Links, from: string, to: string, urn: string): void {
    const key = `${from}\u0000${to}`;
    const entry = into.get(key) ?? { from, to, via: new Set<string>() };
    entry.via.add(urn);
    into.set(key, entry);
}

/** `1 alarm`, `4 alarms`. */
function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/**
 * Edges from the alarms node to each watched node (`2 alarms`) and to each topic its actions
 * publish to, and from each RDS node to the topic its event subscription publishes to.
 */
export function alarmEdges(
    context: DiagramContext,
    nodes: readonly ArchitectureNode[],
    nodeOf: NodeLookup,
): ArchitectureEdge[] {
    const alarms = nodes.find((n) => n.kind === "alarms")?.id;
    const watches: Links = new Map();
    const notifies: Links = new Map();
    if (alarms !== undefined) {
        for (const alarm of ofType(context, ALARM)) {
            for (const target of new Set(watchedBy(context, alarm).map((r) => nodeOf(r.urn)))) {
                if (target !== undefined) {
                    collect(watches, alarms, target, alarm.urn);
                }
            }
            const actions = ["alarmActions", "okActions", "insufficientDataActions"].flatMap(
                (property) => (alarm.inputs[property] ?? []) as unknown[],
            );
            for (const topic of new Set(actions.map((arn) => nodeForArn(nodes, text(arn))?.id))) {
                if (topic !== undefined) {
                    collect(notifies, alarms, topic, alarm.urn);
                }
            }
        }
    }
    for (const subscription of ofType(context, EVENT_SUBSCRIPTION)) {
        const topic = nodeForArn(nodes, text(subscription.inputs.snsTopic));
        const sources = (subscription.inputs.sourceIds ?? []) as unknown[];
        const databases = ofType(context, RDS_INSTANCE).filter((db) => sources.includes(db.inputs.identifier));
        for (const db of databases) {
            const from = nodeOf(db.urn);
            if (topic && from) {
                collect(notifies, from, topic.id, subscription.urn);
            }
        }
    }
    const edges = (links: Links, kind: "monitors" | "notifies") =>
        [...links.values()].map(({ from, to, via }) => ({
            from,
            to,
            kind,
            label: from === alarms ? plural(via.size, "alarm") : "events",
            via: [...via].sort(),
        }));
    return [...edges(watches, "monitors"), ...edges(notifies, "notifies")];
}
