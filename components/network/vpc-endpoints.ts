import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { clientSecurityGroup } from "./client-security-group";
import { mergeTags, Tags } from "../tags";

/** HTTPS, the only port an interface endpoint listens on. */
const HTTPS_PORT = 443;

/** The service Bedrock prompts go to (`InvokeModel`), the last part of its endpoint service name. */
const BEDROCK_RUNTIME = "bedrock-runtime";

/**
 * The interface endpoints, by the last part of `com.amazonaws.<region>.<service>`: Bedrock for the
 * fraud checks, then what every task needs before it runs (image pulls from ECR, its logs, its
 * secrets). Each becomes one endpoint named `<component>-<service with dots as dashes>`.
 */
const INTERFACE_SERVICES = [BEDROCK_RUNTIME, "ecr.api", "ecr.dkr", "logs", "secretsmanager"] as const;

/** One of the services given an interface endpoint. */
type InterfaceService = (typeof INTERFACE_SERVICES)[number];

/** Arguments of the `VpcEndpoints` component. */
export interface VpcEndpointsArgs {
    /** The VPC. */
    readonly vpcId: pulumi.Input<string>;
    /** The private subnets (one per AZ) the interface endpoints sit in. */
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The private subnets' route tables, which the S3 gateway endpoint is added to. */
    readonly routeTableIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Security groups allowed to reach the endpoints on 443: the application services, and the EC2
     * hosts where tasks run on EC2 capacity (their agent pulls images, reads secrets, ships logs).
     */
    readonly clientSecurityGroupIds: Readonly<Record<string, pulumi.Input<string>>>;
    /** The stack's region (service names are `com.amazonaws.<region>.<service>`). */
    readonly region: string;
    /** The ARN of the Bedrock model(s) the endpoint admits (`fraud-detector:bedrock.modelId` in the stack's region). */
    readonly bedrockModelArn: string;
    /** The stack's base tags. */
    readonly tags: Tags;
}

/**
 * The tasks' private path to AWS (the guide's Security Hardening › VPC Endpoints): interface
 * endpoints for `bedrock-runtime`, `ecr.api`, `ecr.dkr`, `logs` and `secretsmanager` in the private
 * subnets, with private DNS, so fraud-check prompts, image pulls, logs and secret reads never cross
 * the NAT gateways or the internet. The Bedrock endpoint carries an endpoint policy allowing only
 * `bedrock:InvokeModel` on the stack's Bedrock model (`bedrockModelArn`), behind the task roles' own IAM
 * policy; the apps reach it through `bedrockEndpointUrl` (`BEDROCK_ENDPOINT_URL`).
 *
 * Creates: 1. a security group (`Role=endpoint`) admitting tcp/443 only from the client groups, one
 * standalone ingress rule per client, no egress (endpoints only answer); 2. one interface endpoint
 * per service, all behind that group; 3. a gateway endpoint for S3 on the private route tables, so
 * models and ECR's image layers (kept in S3) stay off the NAT.
 *
 * Cost: each interface endpoint is billed per AZ-hour (five endpoints in two AZs are ten billed
 * endpoint-hours every hour, whatever the traffic) plus per GB processed; the security group and the
 * S3 gateway endpoint are free.
 */
export class VpcEndpoints extends pulumi.ComponentResource {
    /** `BEDROCK_ENDPOINT_URL`: https URL of the bedrock-runtime endpoint's own DNS name. */
    public readonly bedrockEndpointUrl: pulumi.Output<string>;
    /** The endpoints' security group. */
    public readonly securityGroupId: pulumi.Output<string>;

    constructor(name: string, args: VpcEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:network:VpcEndpoints", name, {}, opts);
        const group = this.createSecurityGroup(name, args);
        const endpoints = Object.fromEntries(
            INTERFACE_SERVICES.map((service) => [service, this.createEndpoint(name, args, service, group)]),
        ) as Record<InterfaceService, aws.ec2.VpcEndpoint>;

        new aws.ec2.VpcEndpoint(
            `${name}-s3`,
            {
                vpcId: args.vpcId,
                serviceName: `com.amazonaws.${args.region}.s3`,
                vpcEndpointType: "Gateway",
                routeTableIds: args.routeTableIds,
                tags: mergeTags(args.tags, { Name: `${name}-s3` }),
            },
            { parent: this },
        );

        this.bedrockEndpointUrl = endpoints[BEDROCK_RUNTIME].dnsEntries.apply((entries) => {
            const dnsName = entries[0]?.dnsName;
            if (dnsName === undefined) {
                throw new Error(`the ${BEDROCK_RUNTIME} endpoint of ${name} has no DNS entry`);
            }
            return `https://${dnsName}`;
        });
        this.securityGroupId = group.id;
        this.registerOutputs({ bedrockEndpointUrl: this.bedrockEndpointUrl, securityGroupId: this.securityGroupId });
    }

    /** The endpoints' own group: 443 from the client groups only (the services, and the EC2 hosts). */
    private createSecurityGroup(name: string, args: VpcEndpointsArgs): aws.ec2.SecurityGroup {
        return clientSecurityGroup(
            name,
            {
                vpcId: args.vpcId,
                description: "VPC interface endpoints: 443 from the application services and their hosts only",
                nameTag: name,
                role: "endpoint",
                port: HTTPS_PORT,
                service: "HTTPS to the AWS endpoints",
                clientSecurityGroupIds: args.clientSecurityGroupIds,
                tags: args.tags,
            },
            this,
        );
    }

    private createEndpoint(
        name: string,
        args: VpcEndpointsArgs,
        service: InterfaceService,
        group: aws.ec2.SecurityGroup,
    ): aws.ec2.VpcEndpoint {
        const logicalName = `${name}-${service.replace(/\./g, "-")}`;
        return new aws.ec2.VpcEndpoint(
            logicalName,
            {
                vpcId: args.vpcId,
                serviceName: `com.amazonaws.${args.region}.${service}`,
                vpcEndpointType: "Interface",
                privateDnsEnabled: true,
                subnetIds: args.subnetIds,
                securityGroupIds: [group.id],
                policy: service === BEDROCK_RUNTIME ? bedrockEndpointPolicy(args.bedrockModelArn) : undefined,
                tags: mergeTags(args.tags, { Name: logicalName }),
            },
            { parent: this },
        );
    }
}

/**
 * The Bedrock endpoint's policy: only `bedrock:InvokeModel` on `modelArn`, the stack's model (the
 * guide's Claude 3 Haiku by default). `Principal: "*"` is how endpoint policies are written; the
 * task roles' IAM policies still decide who may call, the resource limits what passes the endpoint.
 */
function bedrockEndpointPolicy(modelArn: string): string {
    return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: "*",
                Action: ["bedrock:InvokeModel"],
                Resource: [modelArn],
            },
        ],
    });
}
