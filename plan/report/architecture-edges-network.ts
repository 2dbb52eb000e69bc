import { groupAttachments } from "../../lib/relations/group-attachments";
import { isWorld, TrafficRule, trafficRules } from "../../lib/relations/security-groups";
import { compareText, DiagramContext } from "./architecture-context";
import type { ArchitectureEdge } from "./architecture-model";

/**
 * Traffic edges from security-group rules. An ingress rule of group G that names group P admits P's
 * users to G's users on its ports; one that names 0.0.0.0/0 or ::/0 admits the internet. Egress
 * rules are drawn only to the internet: between two groups the target's ingress rule already says
 * it, and traffic needs both. The rules are read with lib/relations' `trafficRules` and
 * `groupAttachments`, as the network policies read them, so the two agree on what a rule opens.
 *
 * @module
 */

/** Finds the node that stands for a resource URN. */
export type NodeLookup = (urn: string) => string | undefined;

/** `:443`, `:1000-2000`, `udp :53` or `all traffic`, with the first port to sort by. */
function portsOf(rule: TrafficRule): { text: string; order: number } {
    if (rule.protocol === "-1") {
        return { text: "all traffic", order: -1 };
    }
    const range = rule.fromPort === rule.toPort ? `:${rule.fromPort}` : `:${rule.fromPort}-${rule.toPort}`;
    return { text: rule.protocol === "tcp" ? range : `${rule.protocol} ${range}`, order: rule.fromPort ?? 0 };
}

interface Flow {
    readonly from: string;
    readonly to: string;
    readonly ports: Map<string, number>;
    readonly via: Set<string>;
}

/** Every traffic edge, one per pair of nodes, its label listing the ports of all rules between them. */
export function networkEdges(context: DiagramContext, nodeOf: NodeLookup, internet: string): ArchitectureEdge[] {
    const resources = [...context.linked.values()];
    const users = new Map<string, string[]>();
    for (const { group, user } of groupAttachments(resources)) {
        const node = nodeOf(user.urn);
        if (node !== undefined) {
            users.set(group.urn, [...(users.get(group.urn) ?? []), node]);
        }
    }
    const flows = new Map<string, Flow>();
    const add = (from: string, to: string, rule: TrafficRule) => {
        if (from === to) {
            return;
        }
        const key = `${from}\u0000${to}`;
        const flow = flows.get(key) ?? { from, to, ports: new Map<string, number>(), via: new Set<string>() };
        const ports = portsOf(rule);
        flow.ports.set(ports.text, ports.order);
        flow.via.add(rule.declaredBy.urn);
        flows.set(key, flow);
    };
    for (const rule of trafficRules(resources)) {
        if (!rule.allows || rule.group === undefined) {
            continue;
        }
        const members = users.get(rule.group.urn) ?? [];
        const world = rule.cidrs.some(isWorld);
        if (rule.direction === "ingress") {
            const sources = [...rule.peers.flatMap((peer) => users.get(peer.urn) ?? []), ...(world ? [internet] : [])];
            sources.forEach((source) => members.forEach((member) => add(source, member, rule)));
        } else if (world) {
            members.forEach((member) => add(member, internet, rule));
        }
    }
    return [...flows.values()].map((flow) => ({
        from: flow.from,
        to: flow.to,
        kind: "network",
        label: [...flow.ports]
            .sort(([a, x], [b, y]) => x - y || compareText(a, b))
            .map(([text]) => text)
            .join(", "),
        via: [...flow.via].sort(),
    }));
}
