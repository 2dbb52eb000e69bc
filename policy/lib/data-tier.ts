/**
 * Checks shared by the data-tier families, RDS (rules/database/) and ElastiCache (rules/cache.ts):
 * both keep their data in a subnet group, behind a security group, with a daily backup window that
 * must clear a weekly maintenance window, so each of those checks lives here once. Every check is a
 * pure function of the resources it is given and returns messages; the rules decide where to
 * report them.
 */
import { PolicyResource } from "@pulumi/policy";
import { dailyOverlapsWeekly, parseDailyWindow, parseWeeklyWindow } from "../../lib/windows";
import { asList, ofType, shown, tagsOf } from "../../lib/relations/resources";
import { Finding } from "./rule";
import { GroupRole, groupRoles } from "../../lib/relations/group-attachments";
import { SECURITY_GROUP } from "../../lib/relations/security-groups";
import { sourcesOf } from "../../lib/relations/references";
import type { SubnetTier } from "../../lib/relations/subnet-tiers";
import { Props } from "../../lib/relations/resource-shape";

/** The RDS instance type token, which every database rule judges. */
export const RDS_INSTANCE = "aws:rds/instance:Instance";

const AWSX_VPC = "awsx:ec2:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";
/** awsx's subnet tiers when `subnetSpecs` is unset. */
const AWSX_DEFAULT_TIERS = ["Public", "Private"];

/**
 * A stack-rule check that judges every resource of `type` with `check` and reports each message on
 * that resource, so its own Environment tag sets the level. Driven by the resources themselves, a
 * stack without them (no database, no cache) passes.
 */
export function perResource(
    type: string,
    check: (resources: readonly PolicyResource[], resource: PolicyResource) => readonly string[],
): (resources: readonly PolicyResource[]) => Finding[] {
    return (resources) =>
        ofType(resources, type).flatMap((resource) =>
            check(resources, resource).map((message) => ({ resource, message })),
        );
}

/**
 * The problem with a boolean setting that must be on: nothing when `props[property]` is `true`,
 * else one message naming what was found and what to set. `defaultNote` explains an unset value
 * where the provider's default is off (e.g. " (the provider's default is false)").
 */
export function mustBeTrue(props: Props, property: string, defaultNote = ""): string[] {
    return props[property] === true
        ? []
        : [`${property} is ${shown(props[property])}${defaultNote}; set ${property}: true`];
}

/** True when a final-snapshot (or other) identifier is set to a non-empty name. */
export function isNamed(value: unknown): value is string {
    return typeof value === "string" && value !== "";
}

/**
 * The start of the message for an owner whose `property` names no `kind` of this stack: what was
 * found, with unset read as AWS's fallback, the account's default `kind`. The caller adds the fix.
 */
export function notOfThisStack(owner: PolicyResource, property: string, kind: string): string {
    const value = owner.props[property] as unknown;
    const found = value === undefined ? `unset, so the default ${kind} is used` : shown(value);
    return `${property} is ${found}, not a ${kind} of this stack`;
}

/**
 * Where the subnets of a data-tier subnet group may come from, for `rds-network-isolation` and
 * `cache-network-isolation`: the owner (instance or replication group) names, in `property`, a
 * subnet group of `groupType` from this stack, whose `subnetIds` come from an awsx VPC declaring a
 * subnet tier of `tiers` or from `aws:ec2/subnet:Subnet`s tagged `SubnetType` of `tiers`.
 *
 * Limit: policies see a component's inputs, not its outputs, so a dependency on the awsx VPC cannot
 * tell `isolatedSubnetIds` from `privateSubnetIds`. It is accepted when the VPC declares a tier of
 * `tiers`; which of its outputs was used is left to review (and to the program's own tests).
 */
export function subnetGroupProblems(
    owner: PolicyResource,
    property: string,
    groupType: string,
    tiers: readonly SubnetTier[],
): string[] {
    const wanted = tiers.join(" or ");
    const groups = sourcesOf(owner, property, groupType);
    if (groups.length === 0) {
        return [
            `${notOfThisStack(owner, property, "subnet group")}; create a dedicated subnet group over the ${wanted} subnets and set ${property} to its name`,
        ];
    }
    return groups.flatMap((group) => {
        const sources = sourcesOf(group, "subnetIds");
        if (sources.length === 0) {
            return [
                `subnet group ${group.name} lists subnetIds ${shown(group.props.subnetIds)}, which come from no VPC or subnet of this stack; take them from the VPC's ${wanted} subnet ids`,
            ];
        }
        return sources.flatMap((source) => subnetSourceProblems(group, source, tiers));
    });
}

/** Whether one source of a subnet group's `subnetIds` can only hold subnets of `tiers`. */
function subnetSourceProblems(group: PolicyResource, source: PolicyResource, tiers: readonly SubnetTier[]): string[] {
    const wanted = tiers.join(" or ");
    if (source.type === AWSX_VPC) {
        const specs = source.props.subnetSpecs as Array<{ type?: string }> | undefined;
        const declared = specs === undefined ? AWSX_DEFAULT_TIERS : specs.map((spec) => String(spec.type));
        return declared.some((tier) => (tiers as readonly string[]).includes(tier))
            ? []
            : [
                  `subnet group ${group.name} takes its subnets from VPC ${source.name}, which declares only ${declared.join(", ")} subnets; add a subnetSpec of type ${wanted} and use those subnet ids`,
              ];
    }
    if (source.type === SUBNET) {
        const tier = tagsOf(source.props).SubnetType;
        return (tiers as readonly unknown[]).includes(tier)
            ? []
            : [
                  `subnet group ${group.name} includes subnet ${source.name} of tier ${shown(tier)}; use only ${wanted} subnets`,
              ];
    }
    return [
        `subnet group ${group.name} takes subnetIds from ${source.type} ${source.name}; take them from the VPC's ${wanted} subnet ids`,
    ];
}

/**
 * The security groups a data-tier resource attaches in `property`, for `rds-network-isolation` and
 * `cache-network-isolation`: groups of this stack that no other tier uses (the roles come from
 * the resources that attach each group), and with `onlyOne` a single group.
 */
export function securityGroupProblems(
    resources: readonly PolicyResource[],
    owner: PolicyResource,
    property: string,
    role: GroupRole,
    onlyOne: boolean,
): string[] {
    const value = asList(owner.props[property] as unknown[]);
    const groups = sourcesOf(owner, property, SECURITY_GROUP);
    if (groups.length === 0) {
        // An empty list attaches the default group just as an unset one does.
        const found = value.length === 0 ? "unset, so the VPC's default security group is attached" : shown(value);
        return [`${property} is ${found}; attach the ${role} tier's own security group of this stack`];
    }
    const problems: string[] = [];
    // Ids given as literals have no dependency, so the larger of the two counts is what is attached.
    const attached = Math.max(value.length, groups.length);
    if (onlyOne && attached > 1) {
        problems.push(
            `${attached} security groups are attached in ${property}; attach only the ${role} security group`,
        );
    }
    const roles = groupRoles(resources);
    for (const group of groups) {
        const others = [...(roles.get(group.urn) ?? [])].filter((other) => other !== role);
        if (others.length > 0) {
            problems.push(
                `security group ${group.name} is also attached to the ${others.join(", ")} tier; give the ${role} tier a security group of its own`,
            );
        }
    }
    return problems;
}

/**
 * Whether a daily window (backups, snapshots) and the weekly maintenance window collide, for
 * `rds-backups` and `cache-backups`. Unset or unreadable daily windows are left to the caller;
 * an unset maintenance window is chosen by AWS outside the daily one.
 */
export function windowOverlapProblems(
    dailyName: string,
    daily: unknown,
    weeklyName: string,
    weekly: unknown,
    example: string,
): string[] {
    const dailyWindow = typeof daily === "string" ? parseDailyWindow(daily) : undefined;
    if (weekly === undefined || dailyWindow === undefined) {
        return [];
    }
    const weeklyWindow = typeof weekly === "string" ? parseWeeklyWindow(weekly) : undefined;
    if (weeklyWindow === undefined) {
        return [
            `${weeklyName} is ${shown(weekly)}, not ddd:hh24:mi-ddd:hh24:mi (UTC); set e.g. ${weeklyName}: "${example}"`,
        ];
    }
    return dailyOverlapsWeekly(dailyWindow, weeklyWindow)
        ? [
              `${weeklyName} ${shown(weekly)} overlaps ${dailyName} ${shown(daily)}; move ${weeklyName} outside it, e.g. "${example}"`,
          ]
        : [];
}
