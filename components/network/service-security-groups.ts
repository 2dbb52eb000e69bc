import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GUIDE_SERVICE_NAMES } from "../../facts/guide/services";
import { mergeTags, Tags } from "../tags";

/** The application services of the guide, by their key in the config. */
export const SERVICES = ["api", "worker", "mlService"] as const;

/** One of the three application services. */
export type ServiceKey = (typeof SERVICES)[number];

/** The guide's service names (`fraud-api`, `fraud-worker`, `fraud-ml`). */
export const SERVICE_NAMES: Readonly<Record<ServiceKey, string>> = GUIDE_SERVICE_NAMES;

/** Arguments of the `ServiceSecurityGroups` component. */
export interface ServiceSecurityGroupsArgs {
    /** The VPC the groups belong to. */
    readonly vpcId: pulumi.Input<string>;
    /** The stack's base tags. */
    readonly tags: Tags;
}

/**
 * One security group per application service (api, worker, ml-service), created before the tiers
 * that admit them: the database, the cache and the Bedrock endpoint name these groups as their only
 * sources. They start with no rules (closed by default); the application tier adds what each task
 * needs. Each carries `Role=app`, so the policy pack knows them for application groups even before
 * the ECS services that attach them exist.
 */
export class ServiceSecurityGroups extends pulumi.ComponentResource {
    /** Security group id of each service. */
    public readonly groupIds: Readonly<Record<ServiceKey, pulumi.Output<string>>>;

    constructor(name: string, args: ServiceSecurityGroupsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:network:ServiceSecurityGroups", name, {}, opts);
        const ids = {} as Record<ServiceKey, pulumi.Output<string>>;
        for (const service of SERVICES) {
            const group = new aws.ec2.SecurityGroup(
                `${name}-${SERVICE_NAMES[service]}`,
                {
                    vpcId: args.vpcId,
                    description: `Tasks of ${SERVICE_NAMES[service]}`,
                    tags: mergeTags(args.tags, { Name: SERVICE_NAMES[service], Role: "app" }),
                },
                { parent: this },
            );
            ids[service] = group.id;
        }
        this.groupIds = ids;
        this.registerOutputs({ groupIds: this.groupIds });
    }
}
