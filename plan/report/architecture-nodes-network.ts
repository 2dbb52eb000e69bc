import { isBastion } from "../../lib/relations/group-attachments";
import { azLine, DiagramContext, ofType, PlacedNode, resourceNode, text } from "./architecture-context";

/**
 * The diagram's network nodes: the internet, NAT gateways, load balancers, the bastion and the VPC
 * endpoints, each placed in the tier (and AZ, when it sits in one) of the subnets it names.
 *
 * @module
 */

const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const INSTANCE = "aws:ec2/instance:Instance";
const VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

/**
 * The internet, reached through the VPC's internet gateway (awsx's child; the VPC component
 * stands for it in a plan without awsx's children).
 */
export function internetNodes(context: DiagramContext): PlacedNode[] {
    const { vpc, internetGateway } = context.layout;
    const through = internetGateway ?? vpc;
    return [
        {
            id: "internet",
            kind: "internet",
            title: "Internet",
            details: through ? ["through the VPC's internet gateway"] : [],
            path: [],
            urns: through ? [through.urn] : [],
            arns: [],
        },
    ];
}

/**
 * One node per NAT gateway, in its AZ of the public tier, standing for the gateway (awsx's child)
 * and its Elastic IP; in a plan without awsx's children, one per AZ the strategy serves, standing
 * for the VPC component.
 */
export function natNodes(context: DiagramContext): PlacedNode[] {
    const { vpc, natAzs, natGateways } = context.layout;
    const strategy = text((vpc?.inputs.natGateways as { strategy?: unknown } | undefined)?.strategy);
    return natAzs.map((az) => {
        const gateway = natGateways.find((nat) => context.layout.placement(nat.inputs.subnetId).azs.includes(az));
        const eip = gateway
            ? context.plan.resources.find(
                  (r) => r.outputs.allocationId === gateway.inputs.allocationId && r.type === "aws:ec2/eip:Eip",
              )
            : undefined;
        return {
            id: `nat-${az}`,
            kind: "nat-gateway",
            title: "NAT gateway",
            details: [strategy ? `strategy ${strategy}` : "awsx default strategy"],
            path: context.layout.pathOf("Public", az),
            urns: gateway ? [gateway.urn, ...(eip ? [eip.urn] : [])] : vpc ? [vpc.urn] : [],
            arns: [],
        };
    });
}

/** Load balancers with their scheme and listeners (`HTTPS :443`, `HTTP :80 redirect`). */
export function loadBalancerNodes(context: DiagramContext): PlacedNode[] {
    return ofType(context, LOAD_BALANCER).map((lb) => {
        const placement = context.layout.placement(lb.inputs.subnets);
        const listeners = ofType(context, LISTENER)
            .filter((l) => l.inputs.loadBalancerArn === lb.outputs.arn)
            .sort((a, b) => Number(a.inputs.port) - Number(b.inputs.port))
            .map((l) => {
                const actions = (l.inputs.defaultActions ?? []) as Array<{ type?: unknown }>;
                const redirects = actions.some((a) => a.type === "redirect");
                return `${text(l.inputs.protocol)} :${text(l.inputs.port)}${redirects ? " redirect" : ""}`;
            });
        return resourceNode(lb, {
            kind: "load-balancer",
            title: text(lb.inputs.name) || lb.name,
            details: [
                `${text(lb.inputs.loadBalancerType) || "application"}, ${lb.inputs.internal === true ? "internal" : "internet-facing"}`,
                ...(listeners.length > 0 ? [`listeners ${listeners.join(", ")}`] : []),
                ...azLine(placement.azs),
            ],
            path: context.layout.pathOf(placement.tier),
        });
    });
}

/** The bastion host, in the AZ of its subnet (the bastion component tags it `Role=bastion`). */
export function bastionNodes(context: DiagramContext): PlacedNode[] {
    return ofType(context, INSTANCE)
        .filter((instance) => {
            const linked = context.linked.get(instance.urn);
            return linked !== undefined && isBastion(linked);
        })
        .map((instance) => {
            const { tier, azs } = context.layout.placement(instance.inputs.subnetId);
            return resourceNode(instance, {
                kind: "bastion",
                title: "Bastion",
                details: [text(instance.inputs.instanceType), ...(azs.length === 1 ? [] : azLine(azs))],
                path: context.layout.pathOf(tier, azs.length === 1 ? azs[0] : undefined),
            });
        });
}

/**
 * VPC endpoints. Interface endpoints sit in the subnets they name, grouped in one box so that a
 * rule admitting every service to all of them is drawn once; a gateway endpoint is a route-table
 * target, in no subnet, so it sits in the VPC itself.
 */
export function endpointNodes(context: DiagramContext): PlacedNode[] {
    return ofType(context, VPC_ENDPOINT).map((endpoint) => {
        const type = text(endpoint.inputs.vpcEndpointType) || "Gateway";
        const service = text(endpoint.inputs.serviceName);
        const placement = context.layout.placement(endpoint.inputs.subnetIds);
        const path =
            type === "Interface" && placement.tier
                ? [
                      ...context.layout.pathOf(placement.tier),
                      { id: "interface-endpoints", label: "Interface endpoints" },
                  ]
                : context.layout.pathOf();
        return resourceNode(endpoint, {
            kind: "vpc-endpoint",
            title: service.replace(/^com\.amazonaws\.[^.]+\./, ""),
            details: [`${type} endpoint`],
            path,
        });
    });
}
