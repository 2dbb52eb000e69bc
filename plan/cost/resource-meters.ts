/**
 * The meter of each billable resource type of this program: ECS on Fargate and on EC2 hosts, the
 * bastion, RDS, Redis, NAT gateways and Elastic IPs (awsx's children), the ALB, interface endpoints,
 * flat monthly charges, and the usage-driven charges sized by the stated usage assumptions.
 */
import type { PlanResource } from "../engine/contract";
import { resolveReference } from "../../lib/relations/references";
import { assumed, hours, keyPart, list, MeterFn, num, text, usage } from "./meter-kit";
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
 * A NAT gateway (awsx makes them as children of its VPC, which the plan holds): its hours, the data
 * it processes, and that data going out to the internet (the assumption: all of it).
 */
const natGateway: MeterFn = (nat, _plan, use) => {
    const gb = use.natGbPerGateway;
    return {
        meters: [
            hours(nat.urn, `NAT gateway ${nat.name}`, "nat_gateway.hour", 1),
            assumed(nat.urn, `${nat.name}: data processed`, "nat_gateway.data_processed_gb", gb, "natGbPerGateway"),
            assumed(
                nat.urn,
                `${nat.name}: out to the internet`,
                "data_transfer.internet_out_gb",
                gb,
                "natGbPerGateway",
            ),
        ],
        usage: [],
    };
};

/** An Elastic IP: a public IPv4 address, billed by the hour whether in use (a NAT gateway's) or idle. */
const elasticIp: MeterFn = (eip) => ({
    meters: [hours(eip.urn, `Elastic IP ${eip.name} (public IPv4)`, "public_ipv4.hour", 1)],
    usage: [],
});

/** The ALB: its hours and, when internet-facing, at least one public IPv4 address per subnet. */
const loadBalancer: MeterFn = (lb, _plan, use) => {
    const meters = [
        hours(lb.urn, "1 Application Load Balancer", "alb.hour", 1),
        {
            ...hours(lb.urn, `${use.lcuPerLoadBalancer} LCU on average`, "alb.lcu_hour", use.lcuPerLoadBalancer),
            assumption: "lcuPerLoadBalancer" as const,
        },
    ];
    const subnets = list(lb.inputs.subnets).length;
    if (lb.inputs.internal !== true && subnets > 0) {
        meters.push(
            hours(lb.urn, `${subnets} public IPv4 addresses (one per AZ at least)`, "public_ipv4.hour", subnets),
        );
    }
    return { meters, usage: [] };
};

/** An interface endpoint costs per AZ it sits in; a gateway endpoint (S3) is free. */
const vpcEndpoint: MeterFn = (endpoint, _plan, use) => {
    if (endpoint.inputs.vpcEndpointType !== "Interface") return { meters: [], usage: [] };
    const azs = list(endpoint.inputs.subnetIds).length;
    const service = text(endpoint.inputs.serviceName)?.split(".").slice(3).join(".") ?? endpoint.name;
    return {
        meters: [
            hours(endpoint.urn, `${service} endpoint in ${azs} AZs`, "vpc_endpoint_interface.hour_per_az", azs),
            assumed(
                endpoint.urn,
                `${service} endpoint: data processed`,
                "vpc_endpoint_interface.data_processed_gb",
                use.endpointGbPerEndpoint,
                "endpointGbPerEndpoint",
            ),
        ],
        usage: [],
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

/** A customer managed key: its month, and its requests (priced per 10,000). */
const kmsKey: MeterFn = (key, _plan, use) => ({
    meters: [
        {
            urn: key.urn,
            description: `customer managed key ${key.name}`,
            priceKey: "kms.customer_key_month",
            quantity: 1,
        },
        assumed(
            key.urn,
            `${key.name}: ${use.kmsRequestsPerKey.toLocaleString("en-US")} requests`,
            "kms.requests_10k",
            use.kmsRequestsPerKey / 10_000,
            "kmsRequestsPerKey",
        ),
    ],
    usage: [],
});

/** Days in the month priced (730 hours / 24). */
const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;

/**
 * A log group: the data ingested a month and, in steady state, what it keeps: a month's data for
 * each month of retention (never-expiring groups are held to a year, and say so).
 */
const logGroup: MeterFn = (group, _plan, use) => {
    const name = text(group.inputs.name) ?? group.name;
    const retention = num(group.inputs.retentionInDays) || undefined;
    const months = (retention ?? 365) / DAYS_PER_MONTH;
    const gb = use.logGbPerGroup;
    const kept = retention === undefined ? "a year kept (no retention set)" : `${retention} days kept`;
    return {
        meters: [
            assumed(group.urn, `${name}: logs ingested`, "cloudwatch.logs_ingestion_gb", gb, "logGbPerGroup"),
            assumed(
                group.urn,
                `${name}: logs stored, ${kept}`,
                "cloudwatch.logs_storage_gb_month",
                gb * months,
                "logGbPerGroup",
            ),
        ],
        usage: [],
    };
};

/** A bucket's S3 Standard storage. */
const bucket: MeterFn = (resource, _plan, use) => ({
    meters: [
        assumed(
            resource.urn,
            `${text(resource.inputs.bucket) ?? resource.name}: storage`,
            "s3_standard.gb_month",
            use.s3GbPerBucket,
            "s3GbPerBucket",
        ),
    ],
    usage: usage(resource.urn, "S3 requests"),
});

/** A replication rule: the new data it copies to another region each month (billed as inter-region transfer). */
const replication: MeterFn = (resource, _plan, use) => ({
    meters: [
        assumed(
            resource.urn,
            `${resource.name}: data replicated to another region`,
            "s3.replication_gb",
            use.s3ReplicatedGbPerBucket,
            "s3ReplicatedGbPerBucket",
        ),
    ],
    usage: usage(resource.urn, "storage of the replicas in the destination region (not in this plan)"),
});

/** An image repository's storage. */
const repository: MeterFn = (resource, _plan, use) => ({
    meters: [
        assumed(
            resource.urn,
            `${text(resource.inputs.name) ?? resource.name}: image storage`,
            "ecr.storage_gb_month",
            use.ecrGbPerRepository,
            "ecrGbPerRepository",
        ),
    ],
    usage: [],
});

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
    "aws:kms/key:Key": kmsKey,
    "aws:secretsmanager/secret:Secret": monthly("secrets_manager.secret_month", nameOf("name")),
    "aws:cloudwatch/metricAlarm:MetricAlarm": monthly("cloudwatch.alarm_standard.alarm_month", nameOf("name")),
    "aws:cloudwatch/dashboard:Dashboard": monthly("cloudwatch.dashboard_month", nameOf("dashboardName")),
    "aws:budgets/budget:Budget": budget,
    "aws:s3/bucket:Bucket": bucket,
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": replication,
    "aws:cloudwatch/logGroup:LogGroup": logGroup,
    "aws:ecr/repository:Repository": repository,
};
