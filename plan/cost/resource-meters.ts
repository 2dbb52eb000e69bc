/**
 * The meter of each billable resource type of this program: ECS on Fargate and on EC2 hosts, the
 * bastion, RDS, Redis, NAT gateways and Elastic IPs (awsx's children), the ALB, interface endpoints, and flat monthly charges.
 */
import type { PlanResource } from "../engine/contract";
import { resolveReference } from "../../lib/relations/references";
import { hours, keyPart, list, MeterFn, num, text, usage } from "./meter-kit";
import { HOURS_PER_MONTH } from "./price-table";

/**
 * An ECS service on Fargate: its desired tasks' vCPU and memory around the clock. Services on EC2
 * capacity cost nothing of their own; their hosts are metered by the Auto Scaling group.
 */
const ecsService: MeterFn = (service, plan) => {
    const onFargate =
        service.inputs.launchType === "FARGATE" ||
        list(service.inputs.capacityProviderStrategies).some(
            (s) => (s as { capacityProvider?: unknown }).capacityProvider === "FARGATE",
        );
    const task = resolveReference(plan, service.inputs.taskDefinition);
    const tasks = num(service.inputs.desiredCount) ?? 0;
    const cpu = num(task?.inputs.cpu);
    const memory = num(task?.inputs.memory);
    if (!onFargate || tasks === 0 || cpu === undefined || memory === undefined) {
        return { meters: [], usage: [] };
    }
    const name = text(service.inputs.name) ?? service.name;
    const vcpu = cpu / 1024;
    const gb = memory / 1024;
    return {
        meters: [
            hours(service.urn, `${name}: ${tasks} tasks x ${vcpu} vCPU`, "fargate.vcpu_hour", tasks * vcpu),
            hours(service.urn, `${name}: ${tasks} tasks x ${gb} GB`, "fargate.gb_hour", tasks * gb),
        ],
        usage: [],
    };
};

/** The ECS hosts of an EC2 capacity provider: the group's desired instances of its template's type. */
const autoScalingGroup: MeterFn = (group, plan) => {
    const template = resolveReference(plan, (group.inputs.launchTemplate as { id?: unknown } | undefined)?.id);
    const type = text(template?.inputs.instanceType);
    const count = num(group.inputs.desiredCapacity) ?? num(group.inputs.minSize) ?? 0;
    if (type === undefined || count === 0) return { meters: [], usage: [] };
    return {
        meters: [hours(group.urn, `${count} x ${type} hosts`, `ec2.${keyPart(type)}.hour`, count)],
        usage: usage(group.urn, "EBS volumes of the hosts"),
    };
};

/** A standalone instance (the bastion), and its public IPv4 address when it has one. */
const ec2Instance: MeterFn = (instance) => {
    const type = text(instance.inputs.instanceType) ?? "unknown";
    const meters = [hours(instance.urn, `1 x ${type}`, `ec2.${keyPart(type)}.hour`, 1)];
    if (instance.inputs.associatePublicIpAddress === true) {
        meters.push(hours(instance.urn, "1 public IPv4 address", "public_ipv4.hour", 1));
    }
    return { meters, usage: usage(instance.urn, "EBS root volume") };
};

/** The database: instance hours by class and deployment, and its allocated storage. */
const rdsInstance: MeterFn = (db) => {
    const instanceClass = text(db.inputs.instanceClass) ?? "unknown";
    const deployment = db.inputs.multiAz === true ? "multi_az" : "single_az";
    const storageType = text(db.inputs.storageType) ?? "gp2"; // RDS's default when unset
    const storageGb = num(db.inputs.allocatedStorage) ?? 0;
    const az = deployment === "multi_az" ? "Multi-AZ" : "Single-AZ";
    return {
        meters: [
            hours(
                db.urn,
                `1 x ${instanceClass} PostgreSQL ${az}`,
                `rds_postgres.${keyPart(instanceClass)}.${deployment}.hour`,
                1,
            ),
            {
                urn: db.urn,
                description: `${storageGb} GB ${storageType} ${az}`,
                priceKey: `rds.${storageType}_storage.${deployment}.gb_month`,
                quantity: storageGb,
            },
        ],
        usage: usage(
            db.urn,
            "backup storage beyond the database's size",
            "Performance Insights and enhanced monitoring logs",
        ),
    };
};

/** Redis: every node of the replication group, around the clock. */
const replicationGroup: MeterFn = (group) => {
    const nodeType = text(group.inputs.nodeType) ?? "unknown";
    const nodes = num(group.inputs.numCacheClusters) ?? 1;
    return {
        meters: [hours(group.urn, `${nodes} x ${nodeType} nodes`, `elasticache.${keyPart(nodeType)}.node_hour`, nodes)],
        usage: usage(group.urn, "snapshots beyond one per node"),
    };
};

/**
 * A NAT gateway (awsx makes them as children of its VPC, which the plan holds): its hours, and the
 * data it processes, by use.
 */
const natGateway: MeterFn = (nat) => ({
    meters: [hours(nat.urn, `NAT gateway ${nat.name}`, "nat_gateway.hour", 1)],
    usage: usage(nat.urn, "NAT gateway data processed", "data transfer out to the internet"),
});

/** An Elastic IP: a public IPv4 address, billed by the hour whether in use (a NAT gateway's) or idle. */
const elasticIp: MeterFn = (eip) => ({
    meters: [hours(eip.urn, `Elastic IP ${eip.name} (public IPv4)`, "public_ipv4.hour", 1)],
    usage: [],
});

/** The ALB: its hours and, when internet-facing, at least one public IPv4 address per subnet. */
const loadBalancer: MeterFn = (lb) => {
    const meters = [hours(lb.urn, "1 Application Load Balancer", "alb.hour", 1)];
    const subnets = list(lb.inputs.subnets).length;
    if (lb.inputs.internal !== true && subnets > 0) {
        meters.push(
            hours(lb.urn, `${subnets} public IPv4 addresses (one per AZ at least)`, "public_ipv4.hour", subnets),
        );
    }
    return { meters, usage: usage(lb.urn, "load balancer capacity units (LCU)") };
};

/** An interface endpoint costs per AZ it sits in; a gateway endpoint (S3) is free. */
const vpcEndpoint: MeterFn = (endpoint) => {
    if (endpoint.inputs.vpcEndpointType !== "Interface") return { meters: [], usage: [] };
    const azs = list(endpoint.inputs.subnetIds).length;
    const service = text(endpoint.inputs.serviceName)?.split(".").slice(3).join(".") ?? endpoint.name;
    return {
        meters: [hours(endpoint.urn, `${service} endpoint in ${azs} AZs`, "vpc_endpoint_interface.hour_per_az", azs)],
        usage: usage(endpoint.urn, `${service} endpoint data processed`),
    };
};

/** A flat monthly charge per resource (keys, secrets, alarms, dashboards). */
const monthly =
    (priceKey: string, label: (resource: PlanResource) => string): MeterFn =>
    (resource) => ({
        meters: [{ urn: resource.urn, description: label(resource), priceKey, quantity: 1 }],
        usage: [],
    });

/** The per-day charge of a budget: every day of an average month. */
const budget: MeterFn = (resource) => ({
    meters: [
        {
            urn: resource.urn,
            description: `budget ${text(resource.inputs.name) ?? resource.name}`,
            priceKey: "budgets.budget_day",
            quantity: HOURS_PER_MONTH / 24,
        },
    ],
    usage: [],
});

const nameOf = (key: string) => (resource: PlanResource) => text(resource.inputs[key]) ?? resource.name;

/** Charges by use only: listed so that the estimate says what it leaves out. */
const usageOnly =
    (...descriptions: string[]): MeterFn =>
    (resource) => ({ meters: [], usage: usage(resource.urn, ...descriptions) });

/** The meter of each billable resource type; types not listed here cost nothing of their own. */
export const METERS: Readonly<Record<string, MeterFn>> = {
    "aws:ecs/service:Service": ecsService,
    "aws:autoscaling/group:Group": autoScalingGroup,
    "aws:ec2/instance:Instance": ec2Instance,
    "aws:rds/instance:Instance": rdsInstance,
    "aws:elasticache/replicationGroup:ReplicationGroup": replicationGroup,
    "aws:ec2/natGateway:NatGateway": natGateway,
    "aws:ec2/eip:Eip": elasticIp,
    "aws:lb/loadBalancer:LoadBalancer": loadBalancer,
    "aws:ec2/vpcEndpoint:VpcEndpoint": vpcEndpoint,
    "aws:kms/key:Key": monthly("kms.customer_key_month", (r) => `customer managed key ${r.name}`),
    "aws:secretsmanager/secret:Secret": monthly("secrets_manager.secret_month", nameOf("name")),
    "aws:cloudwatch/metricAlarm:MetricAlarm": monthly("cloudwatch.alarm_standard.alarm_month", nameOf("name")),
    "aws:cloudwatch/dashboard:Dashboard": monthly("cloudwatch.dashboard_month", nameOf("dashboardName")),
    "aws:budgets/budget:Budget": budget,
    "aws:s3/bucket:Bucket": usageOnly("S3 storage and requests"),
    "aws:cloudwatch/logGroup:LogGroup": usageOnly("log ingestion and storage"),
    "aws:ecr/repository:Repository": usageOnly("image storage"),
};
