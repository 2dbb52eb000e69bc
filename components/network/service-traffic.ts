import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SERVICE_NAMES, ServiceKey } from "./service-security-groups";
import { mergeTags, Tags } from "../tags";

/** Where the services' traffic may go, beyond what the tiers they call already admit. */
export interface ServiceTrafficArgs {
    /** Security group of each service. */
    readonly serviceGroupIds: Readonly<Record<ServiceKey, pulumi.Input<string>>>;
    /** The database's group and port. */
    readonly database: { readonly securityGroupId: pulumi.Input<string>; readonly port: number };
    /** The cache's group and port. */
    readonly cache: { readonly securityGroupId: pulumi.Input<string>; readonly port: number };
    /** The port the ml-service listens on (Service Connect reaches it there). */
    readonly mlServicePort: number;
    /** The stack's base tags. */
    readonly tags: Tags;
}

/** One traffic rule a service group needs, described once. */
interface Flow {
    readonly from: ServiceKey;
    readonly to: string;
    readonly port: number;
    readonly peer?: pulumi.Input<string>;
}

/**
 * The outbound side of the guide's api security group (egress 443), for every service: HTTPS out
 * (AWS APIs through the endpoints or the NAT, image pulls), PostgreSQL and Redis to their groups for
 * the api and the worker, and the ml-service's port to its group, which admits the two callers.
 * Groups start closed (ServiceSecurityGroups), so each flow is one named rule.
 */
export function allowServiceTraffic(name: string, args: ServiceTrafficArgs, parent: pulumi.Resource): void {
    const callers: ServiceKey[] = ["api", "worker"];
    const flows: Flow[] = [
        ...(["api", "worker", "mlService"] as const).map((from) => ({ from, to: "https", port: 443 })),
        ...callers.map((from) => ({
            from,
            to: "database",
            port: args.database.port,
            peer: args.database.securityGroupId,
        })),
        ...callers.map((from) => ({ from, to: "cache", port: args.cache.port, peer: args.cache.securityGroupId })),
        ...callers.map((from) => ({
            from,
            to: SERVICE_NAMES.mlService,
            port: args.mlServicePort,
            peer: args.serviceGroupIds.mlService,
        })),
    ];
    for (const flow of flows) {
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-${SERVICE_NAMES[flow.from]}-to-${flow.to}`,
            {
                securityGroupId: args.serviceGroupIds[flow.from],
                ipProtocol: "tcp",
                fromPort: flow.port,
                toPort: flow.port,
                ...(flow.peer === undefined ? { cidrIpv4: "0.0.0.0/0" } : { referencedSecurityGroupId: flow.peer }),
                description: `${SERVICE_NAMES[flow.from]} to ${flow.to}`,
                tags: mergeTags(args.tags),
            },
            { parent },
        );
    }
    for (const from of callers) {
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-${SERVICE_NAMES.mlService}-from-${SERVICE_NAMES[from]}`,
            {
                securityGroupId: args.serviceGroupIds.mlService,
                referencedSecurityGroupId: args.serviceGroupIds[from],
                ipProtocol: "tcp",
                fromPort: args.mlServicePort,
                toPort: args.mlServicePort,
                description: `${SERVICE_NAMES.mlService} from ${SERVICE_NAMES[from]}`,
                tags: mergeTags(args.tags),
            },
            { parent },
        );
    }
}
