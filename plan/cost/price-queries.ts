/**
 * Which Price List API product prices each key of the price table. A key maps to a GetProducts
 * query (a service code and TERM_MATCH attribute filters, `regionCode` being the table's region), an
 * optional usagetype the answer is narrowed to (its region prefix varies, so it is matched here
 * rather than sent), and the unit of the on-demand price dimension to read. Parametric keys carry
 * their instance class, so a new class in the table needs no code here.
 *
 * Attribute names and values are those AWS documents or shows in GetProducts answers; the ones no
 * AWS page states outright are listed in the prices pull request for a first run with credentials.
 */

/** A GetProducts query and how to read a price out of its answer. */
export interface PriceQuery {
    readonly serviceCode: string;
    /** TERM_MATCH filters, sent in this order. */
    readonly attributes: Readonly<Record<string, string>>;
    /** The usagetype of the wanted product without its region prefix, e.g. `NatGateway-Hours`. */
    readonly usagetype?: string;
    /** The `unit` of the on-demand price dimension, as the API spells it (`Hrs`, `GB-Mo`, ...). */
    readonly unit: string;
}

type Rule = {
    readonly key: RegExp;
    readonly query: (parts: readonly string[], region: string) => PriceQuery;
};

const DEPLOYMENT: Readonly<Record<string, string>> = { single_az: "Single-AZ", multi_az: "Multi-AZ" };

/** A query scoped to one region, the only kind but CloudWatch dashboards (priced globally). */
function regional(
    region: string,
    serviceCode: string,
    attributes: Readonly<Record<string, string>>,
    usagetype: string | undefined,
    unit: string,
): PriceQuery {
    return { serviceCode, attributes: { regionCode: region, ...attributes }, usagetype, unit };
}

const RULES: readonly Rule[] = [
    {
        // Linux, shared tenancy, no pre-installed software, on demand: what the staging hosts run.
        key: /^ec2\.([a-z0-9]+)_([a-z0-9]+)\.hour$/,
        query: ([family, size], region) => {
            const instanceType = `${family}.${size}`;
            const attributes = {
                productFamily: "Compute Instance",
                instanceType,
                operatingSystem: "Linux",
                tenancy: "Shared",
                preInstalledSw: "NA",
                capacitystatus: "Used",
            };
            return regional(region, "AmazonEC2", attributes, `BoxUsage:${instanceType}`, "Hrs");
        },
    },
    {
        key: /^rds_postgres\.db_([a-z0-9]+)_([a-z0-9]+)\.(single_az|multi_az)\.hour$/,
        query: ([family, size, az], region) =>
            // No usagetype narrowing: RDS shortens sizes in usage types (db.m6g.xl), not in instanceType.
            regional(
                region,
                "AmazonRDS",
                {
                    productFamily: "Database Instance",
                    instanceType: `db.${family}.${size}`,
                    databaseEngine: "PostgreSQL",
                    deploymentOption: DEPLOYMENT[az],
                },
                undefined,
                "Hrs",
            ),
    },
    {
        key: /^rds\.gp3_storage\.(single_az|multi_az)\.gb_month$/,
        query: ([az], region) =>
            regional(
                region,
                "AmazonRDS",
                {
                    productFamily: "Database Storage",
                    volumeType: "General Purpose-GP3",
                    deploymentOption: DEPLOYMENT[az],
                },
                az === "multi_az" ? "RDS:Multi-AZ-GP3-Storage" : "RDS:GP3-Storage",
                "GB-Mo",
            ),
    },
    {
        key: /^rds\.backup_storage\.gb_month$/,
        query: (_, region) =>
            regional(region, "AmazonRDS", { productFamily: "Storage Snapshot" }, "RDS:ChargedBackupUsage", "GB-Mo"),
    },
    {
        // The platform's cache is Redis (README: Redis 7.0). The usagetype keeps out the Extended
        // Support surcharges and Outposts nodes, which share instanceType and cacheEngine.
        key: /^elasticache\.cache_([a-z0-9]+)_([a-z0-9]+)\.node_hour$/,
        query: ([family, size], region) => {
            const instanceType = `cache.${family}.${size}`;
            const attributes = { productFamily: "Cache Instance", instanceType, cacheEngine: "Redis" };
            return regional(region, "AmazonElastiCache", attributes, `NodeUsage:${instanceType}`, "Hrs");
        },
    },
    ...fargate("fargate", "Fargate"),
    ...fargate("fargate_arm", "Fargate-ARM"),
    ...fixed("alb.hour", "AWSELB", { productFamily: "Load Balancer-Application" }, "LoadBalancerUsage", "Hrs"),
    ...fixed("alb.lcu_hour", "AWSELB", { productFamily: "Load Balancer-Application" }, "LCUUsage", "LCU-Hrs"),
    ...fixed("nat_gateway.hour", "AmazonEC2", { productFamily: "NAT Gateway" }, "NatGateway-Hours", "Hrs"),
    ...fixed("nat_gateway.data_processed_gb", "AmazonEC2", { productFamily: "NAT Gateway" }, "NatGateway-Bytes", "GB"),
    ...fixed(
        "vpc_endpoint_interface.hour_per_az",
        "AmazonVPC",
        { productFamily: "VpcEndpoint" },
        "VpcEndpoint-Hours",
        "Hrs",
    ),
    ...fixed(
        "vpc_endpoint_interface.data_processed_gb",
        "AmazonVPC",
        { productFamily: "VpcEndpoint" },
        "VpcEndpoint-Bytes",
        "GB",
    ),
    // Public IPv4 products carry no productFamily to filter on; the usagetype picks them out.
    ...fixed("public_ipv4.hour", "AmazonVPC", {}, "PublicIPv4:InUseAddress", "Hrs"),
    ...fixed(
        "ecr.storage_gb_month",
        "AmazonECR",
        { productFamily: "EC2 Container Registry" },
        "TimedStorage-ByteHrs",
        "GB-Mo",
    ),
    ...fixed(
        "s3_standard.gb_month",
        "AmazonS3",
        { productFamily: "Storage", storageClass: "General Purpose", volumeType: "Standard" },
        "TimedStorage-ByteHrs",
        "GB-Mo",
    ),
    ...fixed("kms.customer_key_month", "awskms", { productFamily: "Encryption Key" }, "KMS-Keys", "Keys"),
    ...fixed(
        "cloudwatch.logs_storage_gb_month",
        "AmazonCloudWatch",
        { productFamily: "Storage Snapshot" },
        "TimedStorage-ByteHrs",
        "GB-Mo",
    ),
    ...fixed(
        "secrets_manager.secret_month",
        "AWSSecretsManager",
        { productFamily: "Secret" },
        "AWSSecretsManager-Secrets",
        "Secrets",
    ),
    ...fixed(
        "cloudwatch.alarm_standard.alarm_month",
        "AmazonCloudWatch",
        { productFamily: "Alarm", alarmType: "Standard" },
        "CW:AlarmMonitorUsage",
        "Alarms",
    ),
    ...fixed(
        "cloudwatch.logs_ingestion_gb",
        "AmazonCloudWatch",
        { productFamily: "Data Payload" },
        "DataProcessing-Bytes",
        "GB",
    ),
    {
        // Dashboards are priced once for the account: location "Any", no regionCode.
        key: /^cloudwatch\.dashboard_month$/,
        query: () => ({
            serviceCode: "AmazonCloudWatch",
            attributes: { location: "Any", productFamily: "Dashboard" },
            usagetype: "DashboardsUsageHour",
            unit: "Dashboards",
        }),
    },
];

/** Linux on-demand Fargate vCPU and memory; Spot is no list price, so fargate_spot keys stay unmapped. */
function fargate(prefix: string, usage: string): Rule[] {
    return [
        ...fixed(
            `${prefix}.vcpu_hour`,
            "AmazonECS",
            { productFamily: "Compute" },
            `${usage}-vCPU-Hours:perCPU`,
            "hours",
        ),
        ...fixed(`${prefix}.gb_hour`, "AmazonECS", { productFamily: "Compute" }, `${usage}-GB-Hours`, "hours"),
    ];
}

/** A rule for one key with no parameters. */
function fixed(
    key: string,
    serviceCode: string,
    attributes: Readonly<Record<string, string>>,
    usagetype: string,
    unit: string,
): Rule[] {
    const pattern = new RegExp(`^${key.replace(/\./g, "\\.")}$`);
    return [{ key: pattern, query: (_, region) => regional(region, serviceCode, attributes, usagetype, unit) }];
}

/** The query that prices `key` in `region`, or undefined when the tool has no mapping for it. */
export function priceQueryFor(key: string, region: string): PriceQuery | undefined {
    for (const rule of RULES) {
        const match = rule.key.exec(key);
        if (match) {
            return rule.query(match.slice(1), region);
        }
    }
    return undefined;
}

/**
 * The query as one line for an item's `source`: the API call and its filters, then the usagetype
 * the answer was narrowed to. Values with spaces are quoted so the pairs read unambiguously.
 */
export function describeQuery(query: PriceQuery): string {
    const pairs = Object.entries(query.attributes).map(([field, value]) =>
        /\s/.test(value) ? `${field}="${value}"` : `${field}=${value}`,
    );
    const call = `AWS Price List API GetProducts ServiceCode=${query.serviceCode} ${pairs.join(" ")}`;
    return query.usagetype ? `${call}, usagetype ${query.usagetype}` : call;
}
