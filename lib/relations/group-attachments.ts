/**
 * Which resources use which security group, and what that makes each group for: the load balancer,
 * the ECS services, the data tier, the VPC endpoints and the bastion. The network rules judge
 * groups by role; the offline plan's architecture diagram draws traffic between the users.
 *
 * @module
 */
import type { Linked, LinkedResource, Props } from "./resource-shape";
import { asList, ofType, shown, tagsOf } from "./resources";
import { groupsAmong } from "./security-groups";
import { sourcesOf } from "./references";

const RDS_INSTANCE_TYPE = "aws:rds/instance:Instance";

/**
 * What a security group is for, read from the resources that attach it. `ecs-host` is the EC2
 * container instances' group, known by its `Role` tag (a launch template attaches it).
 */
export type GroupRole = "alb" | "app" | "database" | "cache" | "endpoint" | "bastion" | "ecs-host";

const ROLES: readonly GroupRole[] = ["alb", "app", "database", "cache", "endpoint", "bastion", "ecs-host"];

/** True for the bastion host: an EC2 instance its component tags `Role=bastion`. */
export function isBastion(resource: Pick<LinkedResource, "type" | "props">): boolean {
    return resource.type === "aws:ec2/instance:Instance" && tagsOf(resource.props).Role === "bastion";
}

/** Where each kind of resource names its security groups, and the role that gives a group. */
const ATTACHMENT_POINTS: ReadonlyArray<{
    readonly types: readonly string[];
    readonly property: string;
    readonly role: GroupRole;
    readonly applies?: (user: LinkedResource) => boolean;
}> = [
    {
        types: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
        property: "securityGroups",
        role: "alb",
    },
    { types: ["aws:ecs/service:Service"], property: "networkConfiguration", role: "app" },
    { types: [RDS_INSTANCE_TYPE], property: "vpcSecurityGroupIds", role: "database" },
    { types: ["aws:elasticache/replicationGroup:ReplicationGroup"], property: "securityGroupIds", role: "cache" },
    { types: ["aws:ec2/vpcEndpoint:VpcEndpoint"], property: "securityGroupIds", role: "endpoint" },
    { types: ["aws:ec2/instance:Instance"], property: "vpcSecurityGroupIds", role: "bastion", applies: isBastion },
];

/** One security group attached to a resource that uses it, with the role that gives the group. */
export interface GroupAttachment<R extends Linked<R> = LinkedResource> {
    /** The security group. */
    readonly group: R;
    /** The load balancer, ECS service, RDS instance, replication group, VPC endpoint or bastion. */
    readonly user: R;
    /** What the user makes the group for. */
    readonly role: GroupRole;
}

/**
 * Every attachment of a security group to a resource that uses it, followed through property
 * dependencies (so known in a real preview too), in the order of `resources`.
 */
export function groupAttachments<R extends Linked<R>>(resources: readonly R[]): GroupAttachment<R>[] {
    return ATTACHMENT_POINTS.flatMap(({ types, property, role, applies }) =>
        ofType(resources, ...types)
            .filter((user) => applies === undefined || applies(user))
            .flatMap((user) => groupsAmong(sourcesOf(user, property)).map((group) => ({ group, user, role }))),
    );
}

/**
 * The roles of each security group (by URN), from the resources that use it (see
 * {@link groupAttachments}); and from a group's own `Role` tag, which names a group's role before
 * the resource that will use it exists (the application groups are made before the services).
 */
export function groupRoles<R extends Linked<R>>(resources: readonly R[]): Map<string, Set<GroupRole>> {
    const roles = new Map<string, Set<GroupRole>>();
    const mark = (group: R, role: GroupRole) => {
        const set = roles.get(group.urn) ?? new Set<GroupRole>();
        set.add(role);
        roles.set(group.urn, set);
    };
    for (const { group, role } of groupAttachments(resources)) {
        mark(group, role);
    }
    for (const group of groupsAmong(resources)) {
        const tagged = tagsOf(group.props).Role;
        if (ROLES.includes(tagged as GroupRole)) {
            mark(group, tagged as GroupRole);
        }
    }
    return roles;
}

/** A user whose attached security groups are not all groups of the stack. */
export interface UnattributedAttachment<R extends Linked<R> = LinkedResource> {
    /** The load balancer, ECS service, RDS instance, replication group, VPC endpoint or bastion. */
    readonly user: R;
    /** Where it names its groups (`networkConfiguration.securityGroups` for a service). */
    readonly property: string;
    /** What it lists there, as given. */
    readonly listed: readonly unknown[];
    /** How many of them are security groups of this stack. */
    readonly resolved: number;
    /** The role its groups take. */
    readonly role: GroupRole;
}

/**
 * The users that list more security groups than resolve to groups of the stack (ids given as
 * literals, or groups made elsewhere): those groups take no role, so the rules that judge a group
 * by its role cannot judge them. Reported by `sg-internal-ingress-scoped` rather than skipped.
 */
export function unattributedAttachments<R extends Linked<R>>(resources: readonly R[]): UnattributedAttachment<R>[] {
    return ATTACHMENT_POINTS.flatMap(({ types, property, role, applies }) =>
        ofType(resources, ...types)
            .filter((user) => applies === undefined || applies(user))
            .flatMap((user) => {
                const service = property === "networkConfiguration";
                const value: unknown = service
                    ? (user.props.networkConfiguration as Props | undefined)?.securityGroups
                    : user.props[property];
                const listed = asList(value as unknown[]);
                const resolved = groupsAmong(sourcesOf(user, property)).length;
                return listed.length > resolved
                    ? [{ user, property: service ? `${property}.securityGroups` : property, listed, resolved, role }]
                    : [];
            }),
    );
}

/** The message for an attachment that names groups of no role: what it lists, and what to do. */
export function unattributedMessage(attachment: UnattributedAttachment): string {
    const { user, property, listed, resolved, role } = attachment;
    const name = `${user.type.split(":").pop() ?? user.type} ${user.name}`;
    return `${name}: ${property} ${shown(listed)} holds ${listed.length - resolved} security group(s) not in this stack, so their rules cannot be judged as the ${role} tier's; reference the group resources (their .id) instead of literal ids`;
}
