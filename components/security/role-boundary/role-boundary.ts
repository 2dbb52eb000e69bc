import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { RoleBoundaryArgs } from "./args";
import { BoundaryScope, ROLE_BOUNDARY_PATH, roleBoundaryName, roleBoundaryPolicy } from "./policy";
import { mergeTags } from "../../tags";

/**
 * The permissions boundary of the stack's roles: one managed policy, `<namePrefix>-role-boundary`
 * under `/boundaries/` (`policy.ts`), that every role the stack creates carries as
 * `permissionsBoundary`, and without which the deploy role may create or change no role.
 *
 * Created before any role, by the administrator's first `pulumi up` (the deploy role may never
 * write it). Cost: none (IAM is free).
 *
 * @example
 * const boundary = new RoleBoundary("prod-role-boundary", { region, namePrefix, secretPathPrefix, dataKeyArn, tags });
 * new aws.iam.Role("x", { assumeRolePolicy, permissionsBoundary: boundary.arn });
 */
export class RoleBoundary extends pulumi.ComponentResource {
    /** ARN of the boundary policy, for every role's `permissionsBoundary`. */
    public readonly arn: pulumi.Output<string>;

    constructor(name: string, args: RoleBoundaryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:security:RoleBoundary", name, {}, opts);
        const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const scope: pulumi.Output<BoundaryScope> = pulumi
            .all([accountId, args.dataKeyArn])
            .apply(([account, dataKeyArn]) => ({
                accountId: account,
                region: args.region,
                namePrefix: args.namePrefix,
                secretPathPrefix: args.secretPathPrefix,
                dataKeyArn,
            }));
        const policy = new aws.iam.Policy(
            name,
            {
                // A fixed name: the deploy role's conditions and the README's bootstrap name it.
                name: roleBoundaryName(args.namePrefix),
                path: ROLE_BOUNDARY_PATH,
                description: `Permissions boundary of every role of ${args.namePrefix}`,
                policy: scope.apply((s) => JSON.stringify(roleBoundaryPolicy(s))),
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        this.arn = policy.arn;
        this.registerOutputs({ arn: this.arn });
    }
}
