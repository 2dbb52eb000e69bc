import { cidrContains, parseCidr } from "../cidr";
import { sourcesOf } from "./references";
import type { Linked, LinkedResource } from "./resource-shape";
import { asList, ofType, shown } from "./resources";

/**
 * Every traffic rule of a stack, normalised from the five ways one can be declared, and what a rule
 * opens. The network policies judge them; the diagram draws them as traffic edges.
 *
 * @module
 */
import { GUIDE_VPC_CIDR } from "../../facts/guide/network";

/** The security-group type tokens. */
export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const LEGACY_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const NETWORK_ACL = "aws:ec2/networkAcl:NetworkAcl";
const NETWORK_ACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";

/** The guide's VPC range; internal traffic may come from inside it. */
export const VPC_CIDR = GUIDE_VPC_CIDR;

/**
 * One traffic rule, whichever of the five ways it was declared: inline in a security group,
 * as a standalone ingress/egress rule, as a legacy SecurityGroupRule, or in a network ACL. `R` is
 * the caller's resource type (a policy's `PolicyResource`, a plan's linked resource).
 */
export interface TrafficRule<R extends Linked<R> = LinkedResource> {
    readonly direction: "ingress" | "egress";
    /** `tcp`, `udp`, `icmp`, or `-1` for every protocol. */
    readonly protocol: string;
    readonly fromPort: number | undefined;
    readonly toPort: number | undefined;
    /** IPv4 and IPv6 CIDR blocks the rule opens to. */
    readonly cidrs: readonly string[];
    /** Security groups the rule names as source or destination. */
    readonly peers: readonly R[];
    /** Whether the rule names its own group (`self`). */
    readonly self: boolean;
    /** The resource that declares the rule. */
    readonly declaredBy: R;
    /**
     * The security group the rule belongs to; undefined for network ACLs, and for a security-group
     * rule whose group is not a resource of the stack (then `unresolved` names it).
     */
    readonly group: R | undefined;
    /**
     * The references of the rule that name no security group of the stack, as `<property> <value>`
     * (an id given as a literal, or a group made elsewhere): what it opens cannot be attributed, so
     * the rules report these instead of skipping them. Empty when everything resolved.
     */
    readonly unresolved: readonly string[];
    /** For network ACLs: whether the entry allows (deny entries restrict, so they are never a problem). */
    readonly allows: boolean;
}

function protocolOf(value: unknown): string {
    const text = typeof value === "string" || typeof value === "number" ? String(value).toLowerCase() : "-1";
    return ({ "6": "tcp", "17": "udp", "1": "icmp", all: "-1" } as Record<string, string>)[text] ?? text;
}

function portOf(value: unknown): number | undefined {
    return typeof value === "number" ? value : typeof value === "string" && value !== "" ? Number(value) : undefined;
}

/** The security groups (default ones too) among `resources`. */
export function groupsAmong<R extends { readonly type: string }>(resources: readonly R[]): R[] {
    return resources.filter((r) => r.type === SECURITY_GROUP || r.type === DEFAULT_SECURITY_GROUP);
}

/** Every traffic rule of the stack, normalised. */
export function trafficRules<R extends Linked<R>>(resources: readonly R[]): TrafficRule<R>[] {
    const rules: TrafficRule<R>[] = [];
    for (const group of ofType(resources, SECURITY_GROUP, DEFAULT_SECURITY_GROUP)) {
        for (const direction of ["ingress", "egress"] as const) {
            // Inline entries name peers by id; the engine records them per property, not per entry.
            const peers = groupsAmong(sourcesOf(group, direction));
            asList(group.props[direction] as Array<Record<string, unknown>> | undefined).forEach((raw, i) => {
                const named = asList(raw.securityGroups as string[]);
                rules.push({
                    direction,
                    protocol: protocolOf(raw.protocol),
                    fromPort: portOf(raw.fromPort),
                    toPort: portOf(raw.toPort),
                    cidrs: [...asList(raw.cidrBlocks as string[]), ...asList(raw.ipv6CidrBlocks as string[])],
                    peers: named.length > 0 ? peers : [],
                    self: raw.self === true,
                    declaredBy: group,
                    group,
                    unresolved:
                        named.length > 0 && peers.length === 0
                            ? [`${direction}[${i}].securityGroups ${shown(raw.securityGroups)}`]
                            : [],
                    allows: true,
                });
            });
        }
    }
    for (const rule of ofType(resources, INGRESS_RULE, EGRESS_RULE)) {
        rules.push({
            direction: rule.type === INGRESS_RULE ? "ingress" : "egress",
            protocol: protocolOf(rule.props.ipProtocol),
            fromPort: portOf(rule.props.fromPort),
            toPort: portOf(rule.props.toPort),
            cidrs: [rule.props.cidrIpv4, rule.props.cidrIpv6].filter((c): c is string => typeof c === "string"),
            peers: groupsAmong(sourcesOf(rule, "referencedSecurityGroupId")),
            self: false,
            declaredBy: rule,
            group: groupsAmong(sourcesOf(rule, "securityGroupId"))[0],
            unresolved: unresolvedReferences(rule, "securityGroupId", "referencedSecurityGroupId"),
            allows: true,
        });
    }
    for (const rule of ofType(resources, LEGACY_RULE)) {
        rules.push({
            direction: rule.props.type === "egress" ? "egress" : "ingress",
            protocol: protocolOf(rule.props.protocol),
            fromPort: portOf(rule.props.fromPort),
            toPort: portOf(rule.props.toPort),
            cidrs: [...asList(rule.props.cidrBlocks as string[]), ...asList(rule.props.ipv6CidrBlocks as string[])],
            peers: groupsAmong(sourcesOf(rule, "sourceSecurityGroupId")),
            self: rule.props.self === true,
            declaredBy: rule,
            group: groupsAmong(sourcesOf(rule, "securityGroupId"))[0],
            unresolved: unresolvedReferences(rule, "securityGroupId", "sourceSecurityGroupId"),
            allows: true,
        });
    }
    for (const acl of ofType(resources, NETWORK_ACL)) {
        for (const direction of ["ingress", "egress"] as const) {
            for (const raw of asList(acl.props[direction] as Array<Record<string, unknown>> | undefined)) {
                rules.push(
                    aclEntry(
                        acl,
                        direction,
                        raw.protocol,
                        raw.fromPort,
                        raw.toPort,
                        raw.cidrBlock,
                        raw.ipv6CidrBlock,
                        raw.action,
                    ),
                );
            }
        }
    }
    for (const entry of ofType(resources, NETWORK_ACL_RULE)) {
        const p = entry.props;
        rules.push(
            aclEntry(
                entry,
                p.egress === true ? "egress" : "ingress",
                p.protocol,
                p.fromPort,
                p.toPort,
                p.cidrBlock,
                p.ipv6CidrBlock,
                p.ruleAction,
            ),
        );
    }
    return rules;
}

function aclEntry<R extends Linked<R>>(
    declaredBy: R,
    direction: "ingress" | "egress",
    protocol: unknown,
    fromPort: unknown,
    toPort: unknown,
    cidrBlock: unknown,
    ipv6CidrBlock: unknown,
    action: unknown,
): TrafficRule<R> {
    return {
        direction,
        protocol: protocolOf(protocol),
        fromPort: portOf(fromPort),
        toPort: portOf(toPort),
        cidrs: [cidrBlock, ipv6CidrBlock].filter((c): c is string => typeof c === "string"),
        peers: [],
        self: false,
        declaredBy,
        group: undefined,
        unresolved: [],
        allows: String(action).toLowerCase() === "allow",
    };
}

/**
 * The group references of a standalone rule that name no security group of the stack: its own
 * group (`owner`, required by AWS, so unset counts too) and the peer (`peer`, when set).
 */
function unresolvedReferences<R extends Linked<R>>(rule: R, owner: string, peer: string): string[] {
    const unresolved: string[] = [];
    if (groupsAmong(sourcesOf(rule, owner)).length === 0) {
        unresolved.push(`${owner} ${shown(rule.props[owner])}`);
    }
    if (rule.props[peer] !== undefined && groupsAmong(sourcesOf(rule, peer)).length === 0) {
        unresolved.push(`${peer} ${shown(rule.props[peer])}`);
    }
    return unresolved;
}

/** True for `0.0.0.0/0` and `::/0`. */
export function isWorld(cidr: string): boolean {
    return cidr === "0.0.0.0/0" || cidr === "::/0";
}

/** True when the CIDR lies inside the guide's VPC range. */
export function isInsideVpc(cidr: string): boolean {
    const parsed = parseCidr(cidr);
    return parsed !== undefined && cidrContains(parseCidr(VPC_CIDR)!, parsed);
}

/** True when the rule opens every protocol or every port. */
export function opensEverything(rule: TrafficRule): boolean {
    return rule.protocol === "-1" || ((rule.fromPort ?? 0) <= 0 && (rule.toPort ?? 65535) >= 65535);
}

/** True when the rule opens exactly one tcp port, `port`. */
export function isTcpPort(rule: TrafficRule, port: number): boolean {
    return rule.protocol === "tcp" && rule.fromPort === port && rule.toPort === port;
}

/** Describes a rule's ports for messages: `tcp/443`, `tcp/1000-2000`, `all traffic`. */
export function portsOf(rule: TrafficRule): string {
    if (rule.protocol === "-1") {
        return "all traffic";
    }
    return rule.fromPort === rule.toPort
        ? `${rule.protocol}/${rule.fromPort}`
        : `${rule.protocol}/${rule.fromPort}-${rule.toPort}`;
}
