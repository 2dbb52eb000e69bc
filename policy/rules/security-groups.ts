import { PolicyResource } from "@pulumi/policy";
import { label, ofType } from "../../lib/relations/resources";
import { Finding, Rule, stackRule } from "../lib/rule";
import {
    GroupRole,
    groupRoles,
    unattributedAttachments,
    unattributedMessage,
} from "../../lib/relations/group-attachments";
import {
    isInsideVpc,
    isTcpPort,
    isWorld,
    opensEverything,
    portsOf,
    TrafficRule,
    trafficRules,
    VPC_CIDR,
} from "../../lib/relations/security-groups";
import { Props } from "../../lib/relations/resource-shape";

/** The types that declare traffic rules, each judged alone by the resource parts. */
const TRAFFIC_TYPES = [
    "aws:ec2/securityGroup:SecurityGroup",
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    "aws:ec2/securityGroupRule:SecurityGroupRule",
    "aws:ec2/networkAcl:NetworkAcl",
    "aws:ec2/networkAclRule:NetworkAclRule",
];

/**
 * The traffic rules one resource declares, read from it alone: no reference resolves, so an inline
 * rule's group is the resource itself and a standalone rule's group is unknown (and `unresolved`).
 */
function ownTrafficRules(type: string, name: string, urn: string, props: Props): TrafficRule<PolicyResource>[] {
    const alone = { type, name, urn, props, dependencies: [], propertyDependencies: {} } as unknown as PolicyResource;
    return trafficRules([alone]);
}

function describeSources(rule: TrafficRule<PolicyResource>): string {
    const parts = [...rule.cidrs, ...rule.peers.map((p) => `security group ${p.name}`)];
    if (rule.self) {
        parts.push("itself");
    }
    return parts.length > 0 ? parts.join(", ") : "nowhere named";
}

/** True for a security-group rule (not a network ACL entry): it has a group, or names one that did not resolve. */
function isGroupRule(rule: TrafficRule<PolicyResource>): boolean {
    return rule.group !== undefined || rule.unresolved.length > 0;
}

/** How messages name the group of a rule: its label, or the rule's own when the group did not resolve. */
function groupLabel(rule: TrafficRule<PolicyResource>): string {
    return rule.group ? label(rule.group) : `${label(rule.declaredBy)} (group not in this stack)`;
}

/**
 * The finding for references that name no security group of the stack: a literal id, or a group
 * made elsewhere. Reported, never skipped: what such a rule opens, and to whom, cannot be judged.
 */
function unresolvedFinding(rule: TrafficRule<PolicyResource>): Finding[] {
    return rule.unresolved.length === 0
        ? []
        : [
              {
                  resource: rule.declaredBy,
                  message: `${label(rule.declaredBy)}: ${rule.unresolved.join(", ")} names no security group of this stack, so the rule cannot be attributed; reference the group resource (its .id) instead of a literal id`,
              },
          ];
}

/** The port and sources each role's group may admit (security-rules.md, sg-internal-ingress-scoped). */
function ingressProblem(
    rule: TrafficRule<PolicyResource>,
    roles: ReadonlySet<GroupRole>,
    peerRoles: (g: PolicyResource) => ReadonlySet<GroupRole>,
): string | undefined {
    const from = describeSources(rule);
    const onlyPeers = (allowed: GroupRole[]) =>
        rule.cidrs.length === 0 &&
        rule.peers.length > 0 &&
        rule.peers.every((p) => allowed.some((role) => peerRoles(p).has(role)));
    if (roles.has("database")) {
        return isTcpPort(rule, 5432) && onlyPeers(["app", "bastion"])
            ? undefined
            : `the database group admits ${portsOf(rule)} from ${from}; allow only tcp/5432 from the application (and bastion) security groups`;
    }
    if (roles.has("cache")) {
        return isTcpPort(rule, 6379) && onlyPeers(["app"])
            ? undefined
            : `the cache group admits ${portsOf(rule)} from ${from}; allow only tcp/6379 from the application security groups`;
    }
    if (roles.has("endpoint")) {
        // On EC2 capacity the hosts' ECS agent pulls images, reads secrets and ships logs itself.
        return isTcpPort(rule, 443) && onlyPeers(["app", "ecs-host"])
            ? undefined
            : `the endpoint group admits ${portsOf(rule)} from ${from}; allow only tcp/443 from the application (and ECS host) security groups`;
    }
    if (roles.has("bastion")) {
        return isTcpPort(rule, 22) && rule.peers.length === 0 && rule.cidrs.every((c) => !isWorld(c))
            ? undefined
            : `the bastion group admits ${portsOf(rule)} from ${from}; allow at most tcp/22 from the admin CIDR (better: none, use Session Manager)`;
    }
    if (roles.has("alb")) {
        return isTcpPort(rule, 443) || isTcpPort(rule, 80)
            ? undefined
            : `the load balancer group admits ${portsOf(rule)}; allow only tcp/443 (and tcp/80 for the redirect)`;
    }
    if (opensEverything(rule) || rule.fromPort !== rule.toPort) {
        return `admits ${portsOf(rule)} from ${from}; admit only the service's own port`;
    }
    const outside = rule.cidrs.filter((c) => !isWorld(c) && !isInsideVpc(c));
    if (outside.length > 0) {
        return `admits ${portsOf(rule)} from ${outside.join(", ")}, outside the VPC; admit only named security groups or ${VPC_CIDR}`;
    }
    if (roles.has("app") && rule.peers.some((p) => !peerRoles(p).has("alb") && !peerRoles(p).has("app"))) {
        return `the application group admits ${portsOf(rule)} from ${from}; admit only the load balancer's or other application groups, or ${VPC_CIDR}`;
    }
    return undefined;
}

/** True for an allowing ingress rule with 0.0.0.0/0 or ::/0 among its sources. */
function isWorldIngress(rule: TrafficRule<PolicyResource>): boolean {
    return rule.direction === "ingress" && rule.allows && rule.cidrs.some(isWorld);
}

/** True when a world source is allowed if the rule's group is the ALB's: a group rule on tcp/443 or tcp/80. */
function onlyAlbMayOpen(rule: TrafficRule<PolicyResource>): boolean {
    return isGroupRule(rule) && (isTcpPort(rule, 443) || isTcpPort(rule, 80));
}

function worldIngressMessage(rule: TrafficRule<PolicyResource>): string {
    return `${label(rule.declaredBy)} opens ${portsOf(rule)} to ${rule.cidrs.filter(isWorld).join(", ")}; only the load balancer's group may, on tcp/443 and tcp/80: admit named security groups or the VPC CIDR instead`;
}

/** True for an allowing egress rule of a security group (resolved or not). */
function isGroupEgress(rule: TrafficRule<PolicyResource>): boolean {
    return rule.direction === "egress" && rule.allows && isGroupRule(rule);
}

/**
 * What an egress rule sends where it should not, and whether that is decided from its declaring
 * resource alone: an inline entry (its group is the resource itself) unless the problem names peer
 * groups, whose names need the peers.
 */
function egressProblem(rule: TrafficRule<PolicyResource>): { text: string; alone: boolean } | undefined {
    const inline = rule.declaredBy === rule.group;
    const world = rule.cidrs.filter(isWorld);
    const outside = rule.cidrs.filter((c) => !isWorld(c) && !isInsideVpc(c));
    if (world.length > 0 && !isTcpPort(rule, 443)) {
        return {
            text: `sends ${portsOf(rule)} to ${world.join(", ")}; allow only tcp/443 to the internet`,
            alone: inline,
        };
    }
    if (outside.length > 0) {
        return {
            text: `sends ${portsOf(rule)} to ${outside.join(", ")}, outside the VPC; use tcp/443 or the VPC CIDR`,
            alone: inline,
        };
    }
    if (world.length === 0 && opensEverything(rule)) {
        return {
            text: `sends ${portsOf(rule)} to ${describeSources(rule)}; name the ports the peer listens on`,
            alone: inline && rule.peers.length === 0 && rule.unresolved.length === 0,
        };
    }
    return undefined;
}

/** The security-group and network-ACL rules (family: network). */
export const securityGroupRules: readonly Rule[] = [
    stackRule({
        id: "sg-no-world-ingress",
        description:
            "Exposes only the load balancer to the internet (FSBP EC2.18, EC2.19, EC2.21): 0.0.0.0/0 and ::/0 may reach only the ALB's group on tcp/443 and tcp/80; never SSH, RDP or all ports.",
        kind: "security",
        // A world source on anything but tcp/443 or tcp/80 (SSH, RDP, all ports...), or in a network
        // ACL, is wrong whatever group the rule is on: decided from the declaring resource alone.
        // Whether a group that takes 443 or 80 from the world is the ALB's needs the load balancer
        // and stays in the stack pass.
        resourceCheck: {
            types: TRAFFIC_TYPES,
            check: (props, args) =>
                ownTrafficRules(args.type, args.name, args.urn, props)
                    .filter((rule) => isWorldIngress(rule) && !onlyAlbMayOpen(rule))
                    .map(worldIngressMessage),
        },
        check: (resources) => {
            const roles = groupRoles(resources);
            return trafficRules(resources)
                .filter((rule) => isWorldIngress(rule) && onlyAlbMayOpen(rule))
                .filter((rule) => !(rule.group !== undefined && roles.get(rule.group.urn)?.has("alb") === true))
                .map((rule) => ({ resource: rule.declaredBy, message: worldIngressMessage(rule) }));
        },
    }),
    stackRule({
        id: "sg-internal-ingress-scoped",
        description:
            "Lets each tier be reached only by the tier above it (guide: Security Hardening › Network Security): api from the ALB or the VPC, PostgreSQL 5432 from the apps and bastion, Redis 6379 from the apps, the endpoints 443 from the apps and the ECS hosts (whose agent pulls images, reads secrets and ships logs), SSH only from an admin CIDR.",
        kind: "security",
        check: (resources) => {
            const roles = groupRoles(resources);
            const rolesOf = (group: PolicyResource | undefined): ReadonlySet<GroupRole> =>
                group ? (roles.get(group.urn) ?? new Set()) : new Set();
            const unattributed = unattributedAttachments(resources).map((attachment) => ({
                resource: attachment.user,
                message: unattributedMessage(attachment),
            }));
            const judged = trafficRules(resources)
                .filter((rule) => rule.direction === "ingress" && rule.allows && isGroupRule(rule))
                .flatMap((rule) => {
                    // World sources are sg-no-world-ingress's; what else the rule opens is judged here,
                    // with no role's allowance when its group did not resolve.
                    const problem = rule.cidrs.some(isWorld)
                        ? undefined
                        : ingressProblem(rule, rolesOf(rule.group), rolesOf);
                    return [
                        ...unresolvedFinding(rule),
                        ...(problem ? [{ resource: rule.declaredBy, message: `${groupLabel(rule)}: ${problem}` }] : []),
                    ];
                });
            return [...unattributed, ...judged];
        },
    }),
    stackRule({
        id: "sg-egress-restricted",
        description:
            "Lets traffic leave for the internet only over HTTPS, as the guide's api group does (egress tcp/443); everything else goes to named groups or the VPC on named ports, never all traffic to 0.0.0.0/0.",
        kind: "security",
        // An inline egress entry names its own group, so what it sends where is decided from the
        // group alone (to peers named by id only when the entry names none: their names need the
        // peers). A standalone rule's message names its group, and unresolved references need the
        // stack: both stay in the stack pass.
        resourceCheck: {
            types: ["aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
            check: (props, args) =>
                ownTrafficRules(args.type, args.name, args.urn, props)
                    .filter(isGroupEgress)
                    .flatMap((rule) => {
                        const problem = egressProblem(rule);
                        return problem?.alone ? [`${groupLabel(rule)} ${problem.text}`] : [];
                    }),
        },
        check: (resources) =>
            trafficRules(resources)
                .filter(isGroupEgress)
                .flatMap((rule) => {
                    const problem = egressProblem(rule);
                    // All traffic to the internet is refused whatever group it belongs to.
                    return [
                        ...unresolvedFinding(rule),
                        ...(problem && !problem.alone
                            ? [{ resource: rule.declaredBy, message: `${groupLabel(rule)} ${problem.text}` }]
                            : []),
                    ];
                }),
    }),
    stackRule({
        id: "sg-no-rule-management-conflicts",
        description:
            "Stops inline and standalone rules from overwriting each other on every update (awsguard security-group-no-rule-management-conflicts): a group with inline ingress/egress is not also the target of standalone rules in that direction.",
        kind: "security",
        check: (resources) => {
            const standalone = trafficRules(resources).filter(
                (rule) => rule.declaredBy !== rule.group && rule.group !== undefined,
            );
            const findings: Finding[] = [];
            for (const group of ofType(resources, "aws:ec2/securityGroup:SecurityGroup")) {
                for (const direction of ["ingress", "egress"] as const) {
                    const clashes = standalone.filter((rule) => rule.group === group && rule.direction === direction);
                    if (group.props[direction] !== undefined && clashes.length > 0) {
                        findings.push({
                            resource: group,
                            message: `${label(group)} declares inline ${direction} and is also the target of ${clashes.map((c) => label(c.declaredBy)).join(", ")}; keep one way: remove the inline ${direction} (prefer standalone rules)`,
                        });
                    }
                }
            }
            return findings;
        },
    }),
];
