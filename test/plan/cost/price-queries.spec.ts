import { strict as assert } from "assert";
import { loadPriceTable } from "../../../plan/cost/price-table";
import { describeQuery, priceQueryFor } from "../../../plan/cost/price-queries";
import { getProductsInput } from "../../../plan/cost/refresh-prices";

const REGION = "ca-central-1";

/** The table keys the Price List API cannot price as an on-demand list price in the region. */
const UNMAPPED = ["budgets.budget_day", "data_transfer.internet_out_gb", "kms.requests_10k", "s3.replication_gb"];

describe("price queries", () => {
    it("asks EC2 for Linux, shared-tenancy, on-demand hours of the key's instance type", () => {
        assert.deepEqual(priceQueryFor("ec2.t3_medium.hour", REGION), {
            serviceCode: "AmazonEC2",
            attributes: {
                regionCode: "ca-central-1",
                productFamily: "Compute Instance",
                instanceType: "t3.medium",
                operatingSystem: "Linux",
                tenancy: "Shared",
                preInstalledSw: "NA",
                capacitystatus: "Used",
            },
            usagetype: "BoxUsage:t3.medium",
            unit: "Hrs",
        });
    });

    it("asks RDS for PostgreSQL of the key's class and deployment, as GetProducts TERM_MATCH filters", () => {
        const multiAz = priceQueryFor("rds_postgres.db_r5_large.multi_az.hour", REGION);
        assert.ok(multiAz);
        assert.deepEqual(getProductsInput(multiAz), {
            ServiceCode: "AmazonRDS",
            Filters: [
                { Type: "TERM_MATCH", Field: "regionCode", Value: "ca-central-1" },
                { Type: "TERM_MATCH", Field: "productFamily", Value: "Database Instance" },
                { Type: "TERM_MATCH", Field: "instanceType", Value: "db.r5.large" },
                { Type: "TERM_MATCH", Field: "databaseEngine", Value: "PostgreSQL" },
                { Type: "TERM_MATCH", Field: "deploymentOption", Value: "Multi-AZ" },
            ],
            FormatVersion: "aws_v1",
            MaxResults: 100,
        });
        assert.equal(multiAz.unit, "Hrs");
        assert.equal(multiAz.usagetype, undefined);
        const singleAz = priceQueryFor("rds_postgres.db_t3_micro.single_az.hour", REGION);
        assert.equal(singleAz?.attributes.instanceType, "db.t3.micro");
        assert.equal(singleAz?.attributes.deploymentOption, "Single-AZ");
    });

    it("asks ElastiCache for Redis nodes of the key's node type, narrowed to the node usagetype", () => {
        assert.deepEqual(priceQueryFor("elasticache.cache_t3_micro.node_hour", REGION), {
            serviceCode: "AmazonElastiCache",
            attributes: {
                regionCode: "ca-central-1",
                productFamily: "Cache Instance",
                instanceType: "cache.t3.micro",
                cacheEngine: "Redis",
            },
            usagetype: "NodeUsage:cache.t3.micro",
            unit: "Hrs",
        });
    });

    it("prices a new instance class in the table with no code", () => {
        assert.equal(priceQueryFor("ec2.m7i_2xlarge.hour", REGION)?.attributes.instanceType, "m7i.2xlarge");
        assert.equal(
            priceQueryFor("rds_postgres.db_m7g_xlarge.multi_az.hour", REGION)?.attributes.instanceType,
            "db.m7g.xlarge",
        );
        assert.equal(
            priceQueryFor("elasticache.cache_r7g_large.node_hour", REGION)?.attributes.instanceType,
            "cache.r7g.large",
        );
    });

    it("reads each fixed key by service, product family, usagetype and unit", () => {
        const keys = [
            "alb.hour",
            "alb.lcu_hour",
            "nat_gateway.hour",
            "nat_gateway.data_processed_gb",
            "fargate.vcpu_hour",
            "fargate_arm.gb_hour",
            "rds.gp3_storage.multi_az.gb_month",
            "rds.backup_storage.gb_month",
            "public_ipv4.hour",
            "kms.customer_key_month",
            "secrets_manager.secret_month",
        ];
        const brief = Object.fromEntries(
            keys.map((key) => {
                const q = priceQueryFor(key, REGION);
                return [key, q && [q.serviceCode, q.attributes.productFamily ?? "-", q.usagetype, q.unit].join(" | ")];
            }),
        );
        assert.deepEqual(brief, {
            "alb.hour": "AWSELB | Load Balancer-Application | LoadBalancerUsage | Hrs",
            "alb.lcu_hour": "AWSELB | Load Balancer-Application | LCUUsage | LCU-Hrs",
            "nat_gateway.hour": "AmazonEC2 | NAT Gateway | NatGateway-Hours | Hrs",
            "nat_gateway.data_processed_gb": "AmazonEC2 | NAT Gateway | NatGateway-Bytes | GB",
            "fargate.vcpu_hour": "AmazonECS | Compute | Fargate-vCPU-Hours:perCPU | hours",
            "fargate_arm.gb_hour": "AmazonECS | Compute | Fargate-ARM-GB-Hours | hours",
            "rds.gp3_storage.multi_az.gb_month": "AmazonRDS | Database Storage | RDS:Multi-AZ-GP3-Storage | GB-Mo",
            "rds.backup_storage.gb_month": "AmazonRDS | Storage Snapshot | RDS:ChargedBackupUsage | GB-Mo",
            "public_ipv4.hour": "AmazonVPC | - | PublicIPv4:InUseAddress | Hrs",
            "kms.customer_key_month": "awskms | Encryption Key | KMS-Keys | Keys",
            "secrets_manager.secret_month": "AWSSecretsManager | Secret | AWSSecretsManager-Secrets | Secrets",
        });
    });

    it("prices CloudWatch dashboards globally: location Any, no regionCode", () => {
        assert.deepEqual(priceQueryFor("cloudwatch.dashboard_month", REGION)?.attributes, {
            location: "Any",
            productFamily: "Dashboard",
        });
    });

    it("has no query for keys that are not an on-demand regional list price, nor for unknown keys", () => {
        for (const key of [...UNMAPPED, "fargate_spot.vcpu_hour", "ec2.t3_medium.month", "lambda.gb_second"]) {
            assert.equal(priceQueryFor(key, REGION), undefined, key);
        }
    });

    it("maps every key of the committed table but the ones it cannot price", () => {
        const unmapped = loadPriceTable(REGION)
            .items.map((item) => item.key)
            .filter((key) => !priceQueryFor(key, REGION));
        assert.deepEqual(unmapped, UNMAPPED);
    });

    it("describes a query as the API call it is, quoting values with spaces", () => {
        const query = priceQueryFor("rds_postgres.db_r5_large.multi_az.hour", REGION);
        assert.ok(query);
        assert.equal(
            describeQuery(query),
            'AWS Price List API GetProducts ServiceCode=AmazonRDS regionCode=ca-central-1 productFamily="Database Instance" instanceType=db.r5.large databaseEngine=PostgreSQL deploymentOption=Multi-AZ',
        );
        const nat = priceQueryFor("nat_gateway.hour", REGION);
        assert.ok(nat);
        assert.equal(
            describeQuery(nat),
            'AWS Price List API GetProducts ServiceCode=AmazonEC2 regionCode=ca-central-1 productFamily="NAT Gateway", usagetype NatGateway-Hours',
        );
    });
});
