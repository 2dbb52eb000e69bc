import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { mergeTags, Tags } from "../tags";

/** What an EC2 instance profile is for, and what it may do. */
export interface InstanceProfileArgs {
    /** Logical name of the role. */
    readonly roleName: string;
    /** Logical name of the instance profile. */
    readonly profileName: string;
    /** The role's description. */
    readonly description: string;
    /** AWS managed policies to attach, by the logical name of each attachment. */
    readonly managedPolicies: Readonly<Record<string, string>>;
    /** The stack's base tags. */
    readonly tags: Tags;
    /** The stack's permissions boundary (`RoleBoundary`), which the role carries. */
    readonly roleBoundaryArn: pulumi.Input<string>;
}

/**
 * An EC2 instance profile: a role only EC2 can assume, the given AWS managed policies and the
 * profile. The trust policy has no aws:SourceAccount condition: EC2 is not documented to send it
 * when it assumes an instance-profile role, and without credentials the SSM agent (and the ECS
 * agent) never register; only this account can pass the role (iam:PassRole). The bastion and the
 * ECS hosts share it.
 */
export function createInstanceProfile(parent: pulumi.Resource, args: InstanceProfileArgs): aws.iam.InstanceProfile {
    const role = new aws.iam.Role(
        args.roleName,
        {
            description: args.description,
            assumeRolePolicy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            permissionsBoundary: args.roleBoundaryArn,
            tags: mergeTags(args.tags),
        },
        { parent },
    );
    for (const [attachmentName, policyArn] of Object.entries(args.managedPolicies)) {
        new aws.iam.RolePolicyAttachment(attachmentName, { role: role.name, policyArn }, { parent });
    }
    return new aws.iam.InstanceProfile(args.profileName, { role: role.name, tags: mergeTags(args.tags) }, { parent });
}
