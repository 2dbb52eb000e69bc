import { HOSTED_ZONE_ID_MAX_LENGTH } from "../../facts/aws/route53";
import { physicalNameOf, nameInputOf } from "./mock-names";
import { stableHex } from "./stable-hex";

export { stableHex } from "./stable-hex";

/**
 * The made-up AWS world the offline plan answers from: one account in ca-central-1, with ids and
 * ARNs in the formats AWS uses, derived from each resource's type and name so that every run of the
 * same program gives the same bytes.
 */

/** The account the mocks pretend to deploy into (AWS's documentation example account). */
export const MOCK_ACCOUNT = "111122223333";
/** The region the mocks answer for. */
export const MOCK_REGION = "ca-central-1";

/**
 * The mock id of the hosted zone named `zoneName`: `Z` and the name's letters and digits in upper
 * case, no longer than the ids Route 53 hands out, so tests can read which zone an id stands for.
 */
export function mockZoneId(zoneName: string): string {
    return `Z${zoneName.toUpperCase().replace(/[^A-Z0-9]/g, "")}`.slice(0, HOSTED_ZONE_ID_MAX_LENGTH);
}

/** Everything a mock needs to know about one resource to answer for it. */
export interface MockResourceContext {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
}

/**
 * How one resource type is answered: its id, ARN and extras. Its physical name (the input holding
 * it, and the provider's auto-name) comes from facts/aws/resource-names.ts (see mock-names.ts).
 */
interface TypeAnswer {
    /** EC2-style id prefix (`vpc`, `subnet`, ...); otherwise the id is the physical name. */
    readonly idPrefix?: string;
    /** The ARN, given the id and physical name; omitted for types without one. */
    readonly arn?: (id: string, physicalName: string) => string | undefined;
    /** Further computed outputs the program reads. */
    readonly extras?: (ctx: MockResourceContext, id: string, physicalName: string) => Record<string, unknown>;
}

const regional = (service: string, path: string) => `arn:aws:${service}:${MOCK_REGION}:${MOCK_ACCOUNT}:${path}`;
const ec2Arn = (kind: string) => (id: string) => regional("ec2", `${kind}/${id}`);

/** `com.amazonaws.ca-central-1.bedrock-runtime` -> `bedrock-runtime`, as endpoint DNS names carry it. */
function serviceSuffix(serviceName: unknown): string {
    return typeof serviceName === "string" ? (serviceName.split(".").pop() ?? "") : "";
}

/** Per-type knowledge; a type missing here is still answered, generically (see `answerResource`). */
const TYPES: Readonly<Record<string, TypeAnswer>> = {
    "aws:ec2/vpc:Vpc": { idPrefix: "vpc", arn: ec2Arn("vpc") },
    "aws:ec2/subnet:Subnet": { idPrefix: "subnet", arn: ec2Arn("subnet") },
    "aws:ec2/internetGateway:InternetGateway": { idPrefix: "igw", arn: ec2Arn("internet-gateway") },
    "aws:ec2/routeTable:RouteTable": { idPrefix: "rtb", arn: ec2Arn("route-table") },
    // Associations and routes have ids but no ARN.
    "aws:ec2/routeTableAssociation:RouteTableAssociation": { idPrefix: "rtbassoc", arn: () => undefined },
    "aws:ec2/route:Route": { idPrefix: "r", arn: () => undefined },
    // An Elastic IP's id is its allocation id.
    "aws:ec2/eip:Eip": {
        idPrefix: "eipalloc",
        arn: ec2Arn("elastic-ip"),
        extras: (_ctx, id) => ({
            allocationId: id,
            domain: "vpc",
            publicIp: `15.157.${parseInt(stableHex(2, "eip", id), 16)}.${parseInt(stableHex(2, "ip", id), 16)}`,
        }),
    },
    "aws:ec2/natGateway:NatGateway": {
        idPrefix: "nat",
        arn: ec2Arn("natgateway"),
        extras: () => ({ connectivityType: "public" }),
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        idPrefix: "sg",
        arn: ec2Arn("security-group"),
    },
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
        idPrefix: "sg",
        arn: ec2Arn("security-group"),
        extras: () => ({ name: "default" }),
    },
    "aws:ec2/flowLog:FlowLog": { idPrefix: "fl", arn: ec2Arn("vpc-flow-log") },
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        idPrefix: "vpce",
        arn: ec2Arn("vpc-endpoint"),
        extras: (_ctx, id) => ({
            dnsEntries: [
                {
                    dnsName: `${id}-${stableHex(8, id)}.${serviceSuffix(_ctx.inputs.serviceName)}.${MOCK_REGION}.vpce.amazonaws.com`,
                    hostedZoneId: "Z0000000MOCK",
                },
            ],
        }),
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        arn: (_id, physicalName) => regional("logs", `log-group:${physicalName}`),
    },
    "aws:iam/role:Role": {
        arn: (_id, physicalName) => `arn:aws:iam::${MOCK_ACCOUNT}:role/${physicalName}`,
        extras: (_ctx, _id, physicalName) => ({
            uniqueId: `AROA${stableHex(17, physicalName).toUpperCase()}`,
        }),
    },
    "aws:iam/policy:Policy": {
        arn: (_id, physicalName) => `arn:aws:iam::${MOCK_ACCOUNT}:policy/${physicalName}`,
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {},
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        idPrefix: "sgr",
        arn: ec2Arn("security-group-rule"),
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": { idPrefix: "sgr", arn: ec2Arn("security-group-rule") },
    "aws:kms/key:Key": {
        arn: (id) => regional("kms", `key/${id}`),
        extras: (_ctx, id) => ({ keyId: id }),
    },
    "aws:kms/alias:Alias": {
        arn: (_id, physicalName) => regional("kms", physicalName),
    },
    "aws:rds/instance:Instance": {
        arn: (_id, physicalName) => regional("rds", `db:${physicalName}`),
        extras: (ctx, _id, physicalName) => {
            const address = `${physicalName}.c${stableHex(11, physicalName)}.${MOCK_REGION}.rds.amazonaws.com`;
            const managed = ctx.inputs.manageMasterUserPassword === true;
            return {
                address,
                endpoint: `${address}:5432`,
                port: 5432,
                resourceId: `db-${stableHex(26, physicalName).toUpperCase()}`,
                masterUserSecrets: managed
                    ? [
                          {
                              secretArn: regional(
                                  "secretsmanager",
                                  `secret:rds!db-${stableHex(8, physicalName)}-${stableHex(6, "s", physicalName)}`,
                              ),
                              secretStatus: "active",
                              kmsKeyId: ctx.inputs.masterUserSecretKmsKeyId ?? "",
                          },
                      ]
                    : [],
            };
        },
    },
    "aws:rds/subnetGroup:SubnetGroup": {
        arn: (_id, physicalName) => regional("rds", `subgrp:${physicalName}`),
    },
    "aws:rds/parameterGroup:ParameterGroup": {
        arn: (_id, physicalName) => regional("rds", `pg:${physicalName}`),
    },
    "aws:elasticache/subnetGroup:SubnetGroup": {
        arn: (_id, physicalName) => regional("elasticache", `subnetgroup:${physicalName}`),
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        arn: (_id, physicalName) => regional("elasticache", `replicationgroup:${physicalName}`),
        extras: (_ctx, _id, physicalName) => ({
            primaryEndpointAddress: `master.${physicalName}.${stableHex(6, physicalName)}.cac1.cache.amazonaws.com`,
            readerEndpointAddress: `replica.${physicalName}.${stableHex(6, physicalName)}.cac1.cache.amazonaws.com`,
            port: 6379,
        }),
    },
    "aws:s3/bucket:Bucket": {
        arn: (_id, physicalName) => `arn:aws:s3:::${physicalName}`,
        extras: (_ctx, _id, physicalName) => ({
            bucketDomainName: `${physicalName}.s3.amazonaws.com`,
            bucketRegionalDomainName: `${physicalName}.s3.${MOCK_REGION}.amazonaws.com`,
        }),
    },
    "aws:secretsmanager/secret:Secret": {
        // Secrets Manager appends six random characters to the name in the ARN.
        arn: (_id, physicalName) => regional("secretsmanager", `secret:${physicalName}-${stableHex(6, physicalName)}`),
    },
    "aws:secretsmanager/secretVersion:SecretVersion": {
        extras: (ctx) => ({ versionId: stableHex(32, ctx.name), arn: ctx.inputs.secretId }),
    },
    "aws:ssm/parameter:Parameter": {
        arn: (_id, physicalName) =>
            regional("ssm", `parameter${physicalName.startsWith("/") ? "" : "/"}${physicalName}`),
        extras: () => ({ version: 1 }),
    },
    "aws:servicediscovery/httpNamespace:HttpNamespace": {
        idPrefix: "ns",
        arn: (id) => regional("servicediscovery", `namespace/${id}`),
    },
    "aws:ecr/repository:Repository": {
        arn: (_id, physicalName) => regional("ecr", `repository/${physicalName}`),
        extras: (_ctx, _id, physicalName) => ({
            registryId: MOCK_ACCOUNT,
            repositoryUrl: `${MOCK_ACCOUNT}.dkr.ecr.${MOCK_REGION}.amazonaws.com/${physicalName}`,
        }),
    },
    "aws:ec2/instance:Instance": {
        idPrefix: "i",
        arn: ec2Arn("instance"),
        extras: (ctx, id) => ({
            privateIp: `10.0.${parseInt(stableHex(2, id), 16) % 256}.${(parseInt(stableHex(2, "ip", id), 16) % 250) + 4}`,
            publicIp:
                ctx.inputs.associatePublicIpAddress === true
                    ? `15.223.${parseInt(stableHex(2, id), 16)}.${parseInt(stableHex(2, "pub", id), 16)}`
                    : "",
        }),
    },
    "aws:iam/instanceProfile:InstanceProfile": {
        arn: (_id, physicalName) => `arn:aws:iam::${MOCK_ACCOUNT}:instance-profile/${physicalName}`,
    },
    "aws:ecs/cluster:Cluster": {
        arn: (_id, physicalName) => regional("ecs", `cluster/${physicalName}`),
    },
    "aws:ecs/capacityProvider:CapacityProvider": {
        arn: (_id, physicalName) => regional("ecs", `capacity-provider/${physicalName}`),
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        idPrefix: "lt",
        arn: ec2Arn("launch-template"),
        extras: () => ({ latestVersion: 1, defaultVersion: 1 }),
    },
    "aws:autoscaling/group:Group": {
        arn: (_id, physicalName) =>
            regional(
                "autoscaling",
                `autoScalingGroup:${stableHex(8, physicalName)}-${stableHex(4, "a", physicalName)}-${stableHex(4, "b", physicalName)}-${stableHex(4, "c", physicalName)}-${stableHex(12, "d", physicalName)}:autoScalingGroupName/${physicalName}`,
            ),
    },
    "aws:lb/loadBalancer:LoadBalancer": {
        arn: (_id, physicalName) =>
            regional("elasticloadbalancing", `loadbalancer/app/${physicalName}/${stableHex(16, "lb", physicalName)}`),
        extras: (_ctx, _id, physicalName) => ({
            arnSuffix: `app/${physicalName}/${stableHex(16, "lb", physicalName)}`,
            dnsName: `${physicalName}-${parseInt(stableHex(8, "dns", physicalName), 16)}.${MOCK_REGION}.elb.amazonaws.com`,
            // The hosted zone of every ALB in ca-central-1 (alias records point into it).
            zoneId: "ZQSVJUPU6J1EY",
        }),
    },
    "aws:lb/targetGroup:TargetGroup": {
        arn: (_id, physicalName) =>
            regional("elasticloadbalancing", `targetgroup/${physicalName}/${stableHex(16, "tg", physicalName)}`),
        extras: (_ctx, _id, physicalName) => ({
            arnSuffix: `targetgroup/${physicalName}/${stableHex(16, "tg", physicalName)}`,
        }),
    },
    // A listener's ARN extends its load balancer's; a rule's extends its listener's.
    "aws:lb/listener:Listener": {
        arn: (id) => regional("elasticloadbalancing", `listener/app/${stableHex(16, "listener", id)}`),
        extras: (ctx) => {
            const parent = typeof ctx.inputs.loadBalancerArn === "string" ? ctx.inputs.loadBalancerArn : "";
            return parent.includes(":loadbalancer/")
                ? { arn: `${parent.replace(":loadbalancer/", ":listener/")}/${stableHex(16, "listener", ctx.name)}` }
                : {};
        },
    },
    "aws:lb/listenerRule:ListenerRule": {
        arn: (id) => regional("elasticloadbalancing", `listener-rule/app/${stableHex(16, "rule", id)}`),
        extras: (ctx) => {
            const parent = typeof ctx.inputs.listenerArn === "string" ? ctx.inputs.listenerArn : "";
            return parent.includes(":listener/")
                ? { arn: `${parent.replace(":listener/", ":listener-rule/")}/${stableHex(16, "rule", ctx.name)}` }
                : {};
        },
    },
    "aws:acm/certificate:Certificate": {
        arn: (id) => {
            const hex = stableHex(32, "certificate", id);
            return regional(
                "acm",
                `certificate/${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
            );
        },
        extras: (ctx) => {
            const domainName = String(ctx.inputs.domainName);
            return {
                status: "PENDING_VALIDATION",
                domainValidationOptions: [
                    {
                        domainName,
                        resourceRecordName: `_${stableHex(32, "name", domainName)}.${domainName}.`,
                        resourceRecordType: "CNAME",
                        resourceRecordValue: `_${stableHex(32, "value", domainName)}.${stableHex(10, "acm", domainName)}.acm-validations.aws.`,
                    },
                ],
            };
        },
    },
    "aws:route53/record:Record": {
        extras: (ctx) => ({ fqdn: String(ctx.inputs.name).replace(/\.$/, "") }),
    },
    "aws:ecs/taskDefinition:TaskDefinition": {
        arn: (_id, physicalName) => regional("ecs", `task-definition/${physicalName}:1`),
        extras: (_ctx, _id, physicalName) => ({
            revision: 1,
            arnWithoutRevision: regional("ecs", `task-definition/${physicalName}`),
        }),
    },
    "aws:ecs/service:Service": {
        // The ARN names the cluster, which only the inputs know (`cluster` is the cluster's ARN or name).
        extras: (ctx, _id, physicalName) => {
            const cluster = typeof ctx.inputs.cluster === "string" ? ctx.inputs.cluster.split("/").pop() : "";
            return { arn: regional("ecs", `service/${cluster}/${physicalName}`) };
        },
    },
    "aws:appautoscaling/target:Target": {
        arn: (id) => regional("application-autoscaling", `scalable-target/${stableHex(32, id)}`),
    },
    "aws:appautoscaling/policy:Policy": {
        arn: (_id, physicalName) =>
            regional(
                "autoscaling",
                `scalingPolicy:${stableHex(8, physicalName)}-${stableHex(4, "a", physicalName)}-${stableHex(4, "b", physicalName)}-${stableHex(4, "c", physicalName)}-${stableHex(12, "d", physicalName)}:resource/ecs/policyName/${physicalName}`,
            ),
    },
    // Step Functions ARNs name the service "states" and the machine after a colon, not "sfn/...".
    "aws:sfn/stateMachine:StateMachine": {
        arn: (_id, physicalName) => regional("states", `stateMachine:${physicalName}`),
    },
    "aws:sns/topic:Topic": {
        arn: (_id, physicalName) => regional("sns", physicalName),
    },
    "aws:sns/topicSubscription:TopicSubscription": {
        // A subscription's ARN is its topic's plus a UUID.
        extras: (ctx) => ({ arn: `${String(ctx.inputs.topic)}:${uuidOf(ctx)}` }),
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        arn: (_id, physicalName) => regional("cloudwatch", `alarm:${physicalName}`),
    },
    "aws:cloudwatch/dashboard:Dashboard": {
        // Dashboards are global: no region in the ARN.
        extras: (_ctx, _id, physicalName) => ({
            dashboardArn: `arn:aws:cloudwatch::${MOCK_ACCOUNT}:dashboard/${physicalName}`,
        }),
    },
    "aws:rds/eventSubscription:EventSubscription": {
        arn: (_id, physicalName) => regional("rds", `es:${physicalName}`),
    },
    "random:index/randomPassword:RandomPassword": {
        extras: (ctx) => ({ result: `mock-${stableHex(Number(ctx.inputs.length ?? 32) - 5, ctx.name)}` }),
    },
    "random:index/randomBytes:RandomBytes": {
        extras: (ctx) => {
            const hex = stableHex(Number(ctx.inputs.length ?? 32) * 2, ctx.name);
            return { hex, base64: Buffer.from(hex, "hex").toString("base64") };
        },
    },
};

/** A deterministic UUID-shaped id (KMS key ids are UUIDs). */
function uuidOf(ctx: MockResourceContext): string {
    const hex = stableHex(32, ctx.type, ctx.name);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The id and output state the provider would return for a new resource. Outputs start from the
 * inputs (a value the mock does not return is silently dropped downstream) and add the physical
 * name, ARN and any computed attributes.
 */
export function answerResource(ctx: MockResourceContext): {
    id: string;
    state: Record<string, unknown>;
} {
    const answer = TYPES[ctx.type] ?? {};
    const physicalName = physicalNameOf(ctx);
    const nameInput = nameInputOf(ctx.type);
    const id = answer.idPrefix
        ? `${answer.idPrefix}-${stableHex(17, ctx.type, ctx.name)}`
        : ctx.type === "aws:kms/key:Key"
          ? uuidOf(ctx)
          : physicalName;
    const state: Record<string, unknown> = { ...ctx.inputs };
    if (nameInput !== undefined) {
        state[nameInput] = physicalName;
    }
    const arn = answer.arn ? answer.arn(id, physicalName) : genericArn(ctx.type, id);
    if (arn !== undefined) {
        state.arn = arn;
    }
    Object.assign(state, answer.extras?.(ctx, id, physicalName));
    return { id, state };
}

/** A plausible ARN for a type without its own entry: service from the token's module. */
function genericArn(type: string, id: string): string | undefined {
    const match = /^aws:([a-z0-9]+)\/([a-zA-Z0-9]+):/.exec(type);
    return match ? regional(match[1], `${match[2].toLowerCase()}/${id}`) : undefined;
}

/** A route table as `getRouteTables` filters it: its id and tags. */
export interface MockRouteTable {
    readonly id: string;
    readonly tags: Readonly<Record<string, unknown>>;
}

/**
 * The route tables the mock has answered for, by VPC id (awsx's children, recorded by
 * plan/engine/mock-awsx.ts when it answers the VPC), so that a lookup returns the ids of the tables the
 * plan holds.
 */
const routeTablesByVpc = new Map<string, MockRouteTable[]>();

/** Records the route tables of a VPC the mock created, for `getRouteTables` to find. */
export function recordRouteTables(vpcId: string, tables: readonly MockRouteTable[]): void {
    routeTablesByVpc.set(vpcId, [...(routeTablesByVpc.get(vpcId) ?? []), ...tables]);
}

/** The recorded tables of `vpcId` that match every `tag:<key>` filter (other filters are not modelled). */
function routeTablesOf(vpcId: string, filters: unknown): string[] {
    const tagFilters = (Array.isArray(filters) ? filters : [])
        .map((f) => f as { name?: unknown; values?: unknown })
        .filter((f) => typeof f.name === "string" && f.name.startsWith("tag:"));
    return (routeTablesByVpc.get(vpcId) ?? [])
        .filter((table) =>
            tagFilters.every((f) =>
                (Array.isArray(f.values) ? f.values : []).includes(table.tags[String(f.name).slice(4)]),
            ),
        )
        .map((table) => table.id);
}

/** Answers to data-source calls (invokes), by token. */
const CALLS: Readonly<Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        accountId: MOCK_ACCOUNT,
        arn: `arn:aws:iam::${MOCK_ACCOUNT}:user/offline-plan`,
        id: MOCK_ACCOUNT,
        userId: "AIDAOFFLINEPLAN0000000",
    }),
    "aws:index/getRegion:getRegion": () => ({
        id: MOCK_REGION,
        name: MOCK_REGION,
        region: MOCK_REGION,
        description: "Canada (Central)",
        endpoint: `ec2.${MOCK_REGION}.amazonaws.com`,
    }),
    "aws:index/getPartition:getPartition": () => ({
        id: "aws",
        partition: "aws",
        dnsSuffix: "amazonaws.com",
        reverseDnsPrefix: "com.amazonaws",
    }),
    // Public SSM parameters: the AMIs AWS publishes (Amazon Linux 2023, ECS-optimized).
    "aws:ssm/getParameter:getParameter": (inputs) => ({
        id: String(inputs.name),
        name: String(inputs.name),
        type: "String",
        value: `ami-0${stableHex(16, String(inputs.name))}`,
        insecureValue: `ami-0${stableHex(16, String(inputs.name))}`,
        version: 1,
        arn: regional("ssm", `parameter${String(inputs.name)}`),
    }),
    // The public zone a stack validates its certificate in. Each name gets its own id, spelt from
    // the name (`fraud-detector.com` -> ZFRAUDDETECTORCOM), so a record's zoneId tells which zone
    // the program looked up: staging and production must not share one (they are separate accounts).
    "aws:route53/getZone:getZone": (inputs) => {
        const zoneId = mockZoneId(String(inputs.name));
        return {
            id: zoneId,
            zoneId,
            name: String(inputs.name),
            privateZone: false,
            arn: `arn:aws:route53:::hostedzone/${zoneId}`,
        };
    },
    // The route tables of a VPC this plan created (awsx's children, one per subnet), by tag filter.
    "aws:ec2/getRouteTables:getRouteTables": (inputs) => ({
        id: String(inputs.vpcId),
        ids: routeTablesOf(String(inputs.vpcId), inputs.filters),
        vpcId: inputs.vpcId,
    }),
    "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({
        id: MOCK_REGION,
        names: [`${MOCK_REGION}a`, `${MOCK_REGION}b`, `${MOCK_REGION}d`],
        zoneIds: ["cac1-az1", "cac1-az2", "cac1-az4"],
        groupNames: [MOCK_REGION],
    }),
};

/** The answer to a data-source call; an unknown token is an error that names it. */
export function answerCall(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
    const answer = CALLS[token];
    if (!answer) {
        throw new Error(`the offline plan has no answer for data source ${token}; add one to plan/engine/mock-aws.ts`);
    }
    return answer(inputs);
}
