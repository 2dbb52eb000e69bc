import { PolicyResource } from "@pulumi/policy";
import { parseDocument } from "../../lib/relations/documents";
import { asList, label, ofType, shown, tagsOf } from "../../lib/relations/resources";
import { environmentOf, Finding, resourceRule, Rule, stackRule } from "../lib/rule";
import { VPC_CIDR } from "../../lib/relations/security-groups";
import { refersTo } from "../../lib/relations/references";
import { Props } from "../../lib/relations/resource-shape";
import { GUIDE_AVAILABILITY_ZONES } from "../../facts/guide/network";
import {
    GUIDE_BEDROCK_ENDPOINT_SERVICE,
    GUIDE_FOUNDATION_MODEL_ARN_PREFIX,
    isGuideRegionFoundationModelArn,
} from "../../facts/guide/bedrock";

const AWSX_VPC = "awsx:ec2:Vpc";
const VPC = "aws:ec2/vpc:Vpc";
const GUIDE_AZS = [...GUIDE_AVAILABILITY_ZONES];
const TIERS = ["Public", "Private", "Isolated"];
const BEDROCK_SERVICE = GUIDE_BEDROCK_ENDPOINT_SERVICE;
/** How messages name the model an endpoint may admit: the stack's `bedrock.modelId`. */
const MODEL_ARN = `${GUIDE_FOUNDATION_MODEL_ARN_PREFIX}<bedrock.modelId>`;
/** A foundation model (or a prefix of their IDs ending in `*`) of ca-central-1. */
const isFoundationModelArn = isGuideRegionFoundationModelArn;
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

/**
 * The VPCs a rule must find attached to: every awsx VPC, and every plain VPC that is not an awsx
 * VPC's own child (in a real preview awsx's children are visible; the component stands for them).
 */
function vpcsOf(resources: readonly PolicyResource[]): PolicyResource[] {
    return resources.filter(
        (r) => r.type === AWSX_VPC || (r.type === VPC && (r as { parent?: PolicyResource }).parent?.type !== AWSX_VPC),
    );
}

/** Whether `resource`'s `vpcId` came from `vpc` (for awsx, from the component's vpcId output). */
function attachedTo(resource: PolicyResource, vpc: PolicyResource): boolean {
    return refersTo(resource, "vpcId", vpc);
}

/** What a flow log captures: its own setting, so `vpc-flow-logs` decides it in the resource pass. */
function trafficTypeProblems(props: Props): string[] {
    return props.trafficType !== "ALL" && props.trafficType !== "REJECT"
        ? [`trafficType is ${shown(props.trafficType)}; set trafficType: "ALL"`]
        : [];
}

/**
 * Where a flow log delivers: its own settings too, but the destination is usually an ARN created in
 * the same deploy, unknown at preview; a separate check, so that it does not hide trafficType.
 */
function deliveryProblems(props: Props): string[] {
    const problems: string[] = [];
    const destinationType = (props.logDestinationType as string | undefined) ?? "cloud-watch-logs";
    if (!["cloud-watch-logs", "s3"].includes(destinationType) || props.logDestination === undefined) {
        problems.push(
            `logs go to ${shown(props.logDestination)} (${destinationType}); set logDestination to a log group or bucket ARN`,
        );
    } else if (destinationType === "cloud-watch-logs" && props.iamRoleArn === undefined) {
        problems.push(
            "iamRoleArn is unset; CloudWatch Logs delivery needs a role vpc-flow-logs.amazonaws.com can assume",
        );
    }
    return problems;
}

/** The rules a default security group keeps, for vpc-default-sg-closed: none is the only right number. */
function defaultGroupProblems(props: Props): string[] {
    const ingress = asList(props.ingress as unknown[]).length;
    const egress = asList(props.egress as unknown[]).length;
    return ingress > 0 || egress > 0
        ? [
              `the default security group keeps ${ingress} ingress and ${egress} egress rules; set ingress: [] and egress: []`,
          ]
        : [];
}

/** The network rules on the VPC itself, its endpoints and the private path to Bedrock. */
export const networkRules: readonly Rule[] = [
    resourceRule({
        id: "vpc-layout",
        description:
            'Keeps the guide\'s network (Production Infrastructure, module "vpc"): 10.0.0.0/16 over exactly ca-central-1a and ca-central-1b, with public, private and isolated tiers; non-public subnets never hand out public IPs (FSBP EC2.15).',
        kind: "security",
        types: [AWSX_VPC, VPC, "aws:ec2/subnet:Subnet"],
        check: (props, args) => {
            const problems: string[] = [];
            if (args.type !== "aws:ec2/subnet:Subnet" && props.cidrBlock !== VPC_CIDR) {
                problems.push(`cidrBlock is ${shown(props.cidrBlock)}; set cidrBlock: "${VPC_CIDR}"`);
            }
            if (args.type === AWSX_VPC) {
                const azs = asList(props.availabilityZoneNames as string[]);
                if (JSON.stringify([...azs].sort()) !== JSON.stringify(GUIDE_AZS)) {
                    problems.push(
                        `availabilityZoneNames is ${shown(props.availabilityZoneNames)}; set availabilityZoneNames: ["ca-central-1a", "ca-central-1b"] (awsx takes three AZs by default)`,
                    );
                }
                const tiers = asList(props.subnetSpecs as Array<{ type?: string }>).map((s) => s.type);
                const missing = TIERS.filter((tier) => !tiers.includes(tier));
                if (missing.length > 0) {
                    problems.push(
                        `subnetSpecs lack the ${missing.join(", ")} tier; declare Public, Private and Isolated subnets`,
                    );
                }
            }
            if (args.type === "aws:ec2/subnet:Subnet" && props.mapPublicIpOnLaunch === true) {
                const type = tagsOf(props).SubnetType;
                if (type !== "Public") {
                    problems.push(`a ${shown(type)} subnet maps public IPs on launch; set mapPublicIpOnLaunch: false`);
                }
            }
            return problems;
        },
    }),
    stackRule({
        id: "vpc-flow-logs",
        description:
            "Records who talks to what in the VPC (FSBP EC2.6; guide: AUDIT_LOGGING_ENABLED): each VPC has a flow log capturing ALL (at least REJECT) traffic to CloudWatch Logs or S3.",
        kind: "security",
        // Every flow log is judged on its own settings, whatever it is attached to: capturing only
        // ACCEPT or delivering nowhere is wrong anywhere. Which VPC lacks one needs the VPCs and
        // stays in the stack pass.
        resourceCheck: [
            { types: ["aws:ec2/flowLog:FlowLog"], check: trafficTypeProblems },
            { types: ["aws:ec2/flowLog:FlowLog"], check: deliveryProblems },
        ],
        check: (resources) => {
            const flowLogs = ofType(resources, "aws:ec2/flowLog:FlowLog");
            return vpcsOf(resources).flatMap((vpc): Finding[] => {
                const attached = flowLogs.filter((log) => attachedTo(log, vpc));
                if (attached.length === 0) {
                    return [
                        {
                            resource: vpc,
                            message: `no flow log is attached to ${label(vpc)}; add an aws.ec2.FlowLog with vpcId of this VPC and trafficType "ALL"`,
                        },
                    ];
                }
                // Each attached log's own settings are flowLogProblems', in the resource pass.
                return [];
            });
        },
    }),
    stackRule({
        id: "vpc-default-sg-closed",
        description:
            "Makes sure nothing can use the VPC's default security group by accident (FSBP EC2.2): the program manages it and leaves it with no rules.",
        kind: "security",
        // Any default group the program manages must be empty, whichever VPC it is of; whether each
        // VPC's default group is managed at all needs the VPCs and stays in the stack pass.
        resourceCheck: { types: ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"], check: defaultGroupProblems },
        check: (resources) => {
            const defaults = ofType(resources, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
            return vpcsOf(resources).flatMap((vpc): Finding[] => {
                const managed = defaults.filter((group) => attachedTo(group, vpc));
                if (managed.length === 0) {
                    return [
                        {
                            resource: vpc,
                            message: `the default security group of ${label(vpc)} is not managed; add an aws.ec2.DefaultSecurityGroup for it with ingress: [] and egress: []`,
                        },
                    ];
                }
                // The rules a managed group keeps are defaultGroupProblems', in the resource pass.
                return [];
            });
        },
    }),
    stackRule({
        id: "vpc-private-endpoints",
        description:
            "Keeps image pulls, logs and secret reads of the tasks off the NAT gateways (FSBP EC2.55-57): when task definitions exist, the VPC has interface endpoints for ecr.api, ecr.dkr, logs and secretsmanager and an S3 gateway endpoint.",
        kind: "advisory",
        check: (resources) => {
            const tasks = ofType(resources, TASK_DEFINITION);
            if (tasks.length === 0) {
                return [];
            }
            const present = new Set(
                ofType(resources, ENDPOINT).map(
                    (e) =>
                        `${String(e.props.serviceName).split(".").slice(3).join(".")}:${String(e.props.vpcEndpointType ?? "Gateway")}`,
                ),
            );
            const wanted = [
                "ecr.api:Interface",
                "ecr.dkr:Interface",
                "logs:Interface",
                "secretsmanager:Interface",
                "s3:Gateway",
            ];
            const missing = wanted.filter((w) => !present.has(w));
            return missing.length === 0
                ? []
                : [
                      {
                          resource: tasks[0],
                          message: `no VPC endpoint for ${missing.map((m) => m.replace(":", " (") + ")").join(", ")}; add them so tasks reach AWS without the NAT`,
                      },
                  ];
        },
    }),
    stackRule({
        id: "bedrock-private-path",
        description:
            "Keeps fraud-check prompts off the internet (guide: Security Hardening › VPC Endpoints, BEDROCK_ENDPOINT_URL): in staging and production, when task definitions exist, Bedrock is reached through an Interface endpoint for bedrock-runtime in the private subnets of both AZs, with its own security group and private DNS (or the apps use its vpce- URL).",
        kind: "security",
        check: (resources) => {
            const tasks = ofType(resources, TASK_DEFINITION).filter((t) => environmentOf(t.props) !== "local");
            if (tasks.length === 0) {
                return [];
            }
            const endpoints = ofType(resources, ENDPOINT).filter((e) => e.props.serviceName === BEDROCK_SERVICE);
            if (endpoints.length === 0) {
                return [
                    {
                        resource: tasks[0],
                        message: `no VPC endpoint for ${BEDROCK_SERVICE}; add an Interface endpoint in the private subnets with its own security group and privateDnsEnabled: true`,
                    },
                ];
            }
            const usesVpceUrl = tasks.every((t) =>
                /BEDROCK_ENDPOINT_URL[^}]*vpce-/.test(String(t.props.containerDefinitions ?? "")),
            );
            return endpoints.flatMap((endpoint) => {
                const problems: string[] = [];
                if (endpoint.props.vpcEndpointType !== "Interface") {
                    problems.push(
                        `vpcEndpointType is ${shown(endpoint.props.vpcEndpointType)}; set vpcEndpointType: "Interface"`,
                    );
                }
                if (asList(endpoint.props.subnetIds as string[]).length < 2) {
                    problems.push(
                        `subnetIds holds ${asList(endpoint.props.subnetIds as string[]).length} subnet(s); place it in the private subnets of both AZs`,
                    );
                }
                if (asList(endpoint.props.securityGroupIds as string[]).length === 0) {
                    problems.push(
                        "securityGroupIds is empty; give the endpoint its own security group admitting tcp/443 from the apps",
                    );
                }
                if (endpoint.props.privateDnsEnabled !== true && !usesVpceUrl) {
                    problems.push(
                        "privateDnsEnabled is not true and the tasks do not set BEDROCK_ENDPOINT_URL to the vpce- name; do one of the two",
                    );
                }
                return problems.map((message) => ({ resource: endpoint, message }));
            });
        },
    }),
    resourceRule({
        id: "bedrock-endpoint-policy",
        description:
            "Defence in depth for the guide's IAM policy: the Bedrock endpoint itself admits only bedrock:InvokeModel on the stack's foundation model in ca-central-1 (fraud-detector:bedrock.modelId, the guide's Claude 3 Haiku by default), which iam-task-role-per-guide then holds the task roles to.",
        kind: "advisory",
        types: [ENDPOINT],
        check: (props) => {
            if (props.serviceName !== BEDROCK_SERVICE) {
                return [];
            }
            const statements = parseDocument(props.policy);
            if (!statements) {
                return [
                    `the endpoint has no policy (${shown(props.policy)}), so it admits every Bedrock call; set a policy allowing only bedrock:InvokeModel on ${MODEL_ARN}`,
                ];
            }
            const allows = statements.filter((s) => s.effect === "Allow");
            const wide = allows.filter(
                (s) =>
                    s.actions.some((a) => a !== "bedrock:InvokeModel") ||
                    s.notActions.length > 0 ||
                    s.resources.some((r) => !isFoundationModelArn(r)),
            );
            return wide.length > 0
                ? [
                      `the endpoint policy allows ${wide.flatMap((s) => s.actions).join(", ")} on ${wide.flatMap((s) => s.resources).join(", ")}; allow only bedrock:InvokeModel on ${MODEL_ARN}`,
                  ]
                : [];
        },
    }),
];
