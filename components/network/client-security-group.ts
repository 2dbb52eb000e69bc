import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { mergeTags, Tags } from "../tags";

/** What a tier's security group admits: one TCP port, from named client groups only. */
export interface ClientSecurityGroupArgs {
    /** The VPC. */
    readonly vpcId: pulumi.Input<string>;
    /** The group's description (what it guards, and from whom). */
    readonly description: string;
    /** The `Name` tag. */
    readonly nameTag: string;
    /** The `Role` tag the policy pack reads (database, cache, endpoint, ...). */
    readonly role: string;
    /** The TCP port clients connect to. */
    readonly port: number;
    /** What the port serves, for the rules' descriptions (`PostgreSQL`). */
    readonly service: string;
    /** Client security groups by name; each gets its own ingress rule. */
    readonly clientSecurityGroupIds: Readonly<Record<string, pulumi.Input<string>>>;
    /** The stack's base tags. */
    readonly tags: Tags;
}

/**
 * A security group that is closed by default and admits `port` only from the named client groups,
 * one standalone rule per client (rules are keyed resources, so adding a client never rewrites the
 * others). The database, the cache and the VPC endpoints all guard themselves this way. Children
 * are named after `name` and parented to `parent`.
 */
export function clientSecurityGroup(
    name: string,
    args: ClientSecurityGroupArgs,
    parent: pulumi.Resource,
): aws.ec2.SecurityGroup {
    const group = new aws.ec2.SecurityGroup(
        `${name}-sg`,
        {
            vpcId: args.vpcId,
            description: args.description,
            tags: mergeTags(args.tags, { Name: args.nameTag, Role: args.role }),
        },
        { parent },
    );
    for (const [client, clientGroupId] of Object.entries(args.clientSecurityGroupIds)) {
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-from-${client}`,
            {
                securityGroupId: group.id,
                referencedSecurityGroupId: clientGroupId,
                ipProtocol: "tcp",
                fromPort: args.port,
                toPort: args.port,
                description: `${args.service} from ${client}`,
                tags: mergeTags(args.tags),
            },
            { parent },
        );
    }
    return group;
}
