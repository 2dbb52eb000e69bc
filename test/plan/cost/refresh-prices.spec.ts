import { strict as assert } from "assert";
import { HOURS_PER_MONTH, parsePriceTable, type PriceItem, type PriceTable } from "../../../plan/cost/price-table";
import {
    fetchAllProducts,
    getProductsInput,
    refreshPrices,
    type PriceListClient,
} from "../../../plan/cost/refresh-prices";
import { priceQueryFor } from "../../../plan/cost/price-queries";
import { FixtureClient, type FixtureProduct } from "./fixtures/price-list";

// Everything priced below is a FIXTURE (made-up skus, dates and prices; see fixtures/price-list.ts).
const REGION = "ca-central-1";
const TODAY = "2099-12-31";
const PUBLISHED = { publicationDate: "2099-02-03T04:05:06Z", effectiveDate: "2099-02-01T00:00:00Z" };

function item(key: string, unit: string): PriceItem {
    return {
        key,
        unit,
        usd: null,
        basis: "approximation",
        source: null,
        asOf: null,
        note: "APPROXIMATION before the refresh",
    };
}

const BUDGETS: PriceItem = {
    key: "budgets.budget_day",
    unit: "budget-day",
    usd: 0,
    basis: "price-list",
    source: "https://example.com/fixture-budgets-source",
    asOf: "fixture date",
    note: "kept as it is: the tool does not map this key",
};

const TABLE: PriceTable = parsePriceTable(
    {
        region: REGION,
        currency: "USD",
        hoursPerMonth: HOURS_PER_MONTH,
        origin: "fixture table",
        items: [
            item("rds_postgres.db_r5_large.multi_az.hour", "hour"),
            item("ec2.t3_medium.hour", "hour"),
            item("elasticache.cache_t3_micro.node_hour", "node-hour"),
            item("s3_standard.gb_month", "GB-month"),
            item("nat_gateway.hour", "hour"),
            item("nat_gateway.data_processed_gb", "GB"),
            BUDGETS,
            item("kms.customer_key_month", "key-month"),
        ],
    },
    "fixture table",
);

const RDS_MULTI_AZ: FixtureProduct = {
    serviceCode: "AmazonRDS",
    sku: "FIXTURESKURDS1",
    productFamily: "Database Instance",
    attributes: {
        regionCode: REGION,
        instanceType: "db.r5.large",
        databaseEngine: "PostgreSQL",
        deploymentOption: "Multi-AZ",
        usagetype: "CAN1-Multi-AZUsage:db.r5.large",
    },
    dimensions: [{ unit: "Hrs", usd: "0.9876000000", description: "fixture RDS Multi-AZ hour" }],
    ...PUBLISHED,
};

function cache(sku: string, usagetype: string, usd: string): FixtureProduct {
    return {
        serviceCode: "AmazonElastiCache",
        sku,
        productFamily: "Cache Instance",
        attributes: { regionCode: REGION, instanceType: "cache.t3.micro", cacheEngine: "Redis", usagetype },
        dimensions: [{ unit: "Hrs", usd }],
    };
}

function nat(sku: string, usagetype: string, unit: string, usd: string): FixtureProduct {
    return {
        serviceCode: "AmazonEC2",
        sku,
        productFamily: "NAT Gateway",
        attributes: { regionCode: REGION, usagetype },
        dimensions: [{ unit, usd }],
    };
}

const EC2_LINUX = {
    regionCode: REGION,
    instanceType: "t3.medium",
    operatingSystem: "Linux",
    tenancy: "Shared",
    preInstalledSw: "NA",
    capacitystatus: "Used",
};

const PRODUCTS: readonly FixtureProduct[] = [
    RDS_MULTI_AZ,
    // Filtered out by the API: another deployment option, another engine.
    {
        ...RDS_MULTI_AZ,
        sku: "FIXTURESKURDS2",
        attributes: { ...RDS_MULTI_AZ.attributes, deploymentOption: "Single-AZ" },
    },
    { ...RDS_MULTI_AZ, sku: "FIXTURESKURDS3", attributes: { ...RDS_MULTI_AZ.attributes, databaseEngine: "MySQL" } },
    {
        serviceCode: "AmazonEC2",
        sku: "FIXTURESKUEC2A",
        productFamily: "Compute Instance",
        attributes: { ...EC2_LINUX, usagetype: "CAN1-BoxUsage:t3.medium" },
        dimensions: [{ unit: "Hrs", usd: "0.0555000000" }],
    },
    // Passes the API's filters, but is another charge: the usagetype narrowing keeps it out.
    {
        serviceCode: "AmazonEC2",
        sku: "FIXTURESKUEC2B",
        productFamily: "Compute Instance",
        attributes: { ...EC2_LINUX, usagetype: "CAN1-Reservation:t3.medium" },
        dimensions: [{ unit: "Hrs", usd: "0.0000000000" }],
    },
    cache("FIXTURESKUCACHE1", "CAN1-NodeUsage:cache.t3.micro", "0.0432000000"),
    cache("FIXTURESKUCACHE2", "CAN1-ExtendedSupportYr1_Yr2-NodeUsage:cache.t3.micro", "0.0999000000"),
    {
        serviceCode: "AmazonS3",
        sku: "FIXTURESKUS3",
        productFamily: "Storage",
        attributes: {
            regionCode: REGION,
            storageClass: "General Purpose",
            volumeType: "Standard",
            usagetype: "CAN1-TimedStorage-ByteHrs",
        },
        dimensions: [
            { unit: "GB-Mo", usd: "0.0222000000", beginRange: "51200", endRange: "Inf" },
            {
                unit: "GB-Mo",
                usd: "0.0333000000",
                beginRange: "0",
                endRange: "51200",
                description: "fixture S3 first tier",
            },
        ],
    },
    nat("FIXTURESKUNAT1", "CAN1-NatGateway-Hours", "Hrs", "0.0611000000"),
    nat("FIXTURESKUNAT2", "CAN1-NatGateway-Bytes", "GB", "0.0622000000"),
];

describe("price refresh", () => {
    it("follows NextToken to the last page", async () => {
        const client = new FixtureClient(PRODUCTS, 1);
        const query = priceQueryFor("nat_gateway.hour", REGION);
        assert.ok(query);
        const entries = await fetchAllProducts(client, getProductsInput(query));
        assert.equal(entries.length, 2);
        assert.deepEqual(
            client.requests.map((r) => r.NextToken),
            [undefined, "fixture-page-1"],
        );
    });

    describe("of a table from a fixture answer", () => {
        let client: FixtureClient;
        let result: Awaited<ReturnType<typeof refreshPrices>>;
        const refreshed = (key: string) => result.table.items.find((i) => i.key === key);

        before(async () => {
            client = new FixtureClient(PRODUCTS, 1);
            result = await refreshPrices(TABLE, client, TODAY);
        });

        it("sorts the keys into refreshed, unchanged and not found, with no error", () => {
            assert.deepEqual(result.errors, []);
            assert.deepEqual(result.refreshed, [
                "rds_postgres.db_r5_large.multi_az.hour",
                "ec2.t3_medium.hour",
                "elasticache.cache_t3_micro.node_hour",
                "s3_standard.gb_month",
                "nat_gateway.hour",
                "nat_gateway.data_processed_gb",
            ]);
            assert.deepEqual(result.unchanged, ["budgets.budget_day"]);
            assert.deepEqual(result.notFound, ["kms.customer_key_month"]);
        });

        it("writes the price, the call it came from, and the dates the API gives", () => {
            assert.deepEqual(refreshed("rds_postgres.db_r5_large.multi_az.hour"), {
                key: "rds_postgres.db_r5_large.multi_az.hour",
                unit: "hour",
                usd: 0.9876,
                basis: "price-list",
                source: 'AWS Price List API GetProducts ServiceCode=AmazonRDS regionCode=ca-central-1 productFamily="Database Instance" instanceType=db.r5.large databaseEngine=PostgreSQL deploymentOption=Multi-AZ (sku FIXTURESKURDS1)',
                asOf: "publicationDate 2099-02-03T04:05:06Z, effectiveDate 2099-02-01T00:00:00Z",
                note: 'On-demand list price; the API describes it as "fixture RDS Multi-AZ hour".',
            });
        });

        it("takes the product of the key's usagetype, not another charge the filters also match", () => {
            assert.equal(refreshed("ec2.t3_medium.hour")?.usd, 0.0555);
            assert.equal(refreshed("elasticache.cache_t3_micro.node_hour")?.usd, 0.0432);
            assert.match(
                refreshed("elasticache.cache_t3_micro.node_hour")?.source ?? "",
                /usagetype NodeUsage:cache\.t3\.micro \(sku FIXTURESKUCACHE1\)$/,
            );
        });

        it("takes the first tier of a tiered price and says so in the note", () => {
            const s3 = refreshed("s3_standard.gb_month");
            assert.equal(s3?.usd, 0.0333);
            assert.equal(
                s3?.note,
                'On-demand list price; the API describes it as "fixture S3 first tier". Tiered price: the first tier (0 to 51200 GB-Mo) is used.',
            );
        });

        it("asks once for keys that share a request, paging through its answer", () => {
            assert.equal(refreshed("nat_gateway.hour")?.usd, 0.0611);
            assert.equal(refreshed("nat_gateway.data_processed_gb")?.usd, 0.0622);
            const natRequests = client.requests.filter((r) => r.Filters.some((f) => f.Value === "NAT Gateway"));
            assert.deepEqual(
                natRequests.map((r) => r.NextToken),
                [undefined, "fixture-page-1"],
            );
        });

        it("leaves a key the API has no product for null, with a note naming the call", () => {
            assert.deepEqual(refreshed("kms.customer_key_month"), {
                key: "kms.customer_key_month",
                unit: "key-month",
                usd: null,
                basis: "approximation",
                source: null,
                asOf: null,
                note: 'the Price List API returned no product for AWS Price List API GetProducts ServiceCode=awskms regionCode=ca-central-1 productFamily="Encryption Key", usagetype KMS-Keys (asked 2099-12-31)',
            });
        });

        it("keeps an unmapped item exactly as it was", () => {
            assert.deepEqual(refreshed("budgets.budget_day"), BUDGETS);
        });

        it("returns a table the loader accepts, its origin saying when and how it was made", () => {
            const table = parsePriceTable(result.table, "refreshed");
            assert.match(
                table.origin,
                /^Refreshed 2099-12-31 from the AWS Price List API \(GetProducts\) by `npm run prices -- --region ca-central-1`/,
            );
            assert.deepEqual(
                table.items.map((i) => i.key),
                TABLE.items.map((i) => i.key),
            );
        });
    });

    it("is an error naming the key and every candidate when products disagree on the price", async () => {
        const rival = { ...RDS_MULTI_AZ, sku: "FIXTURESKURDS9", dimensions: [{ unit: "Hrs", usd: "1.2345000000" }] };
        const result = await refreshPrices(TABLE, new FixtureClient([...PRODUCTS, rival]), TODAY);
        assert.equal(result.errors.length, 1);
        assert.match(
            result.errors[0],
            /^rds_postgres\.db_r5_large\.multi_az\.hour: more than one price for AWS Price List API GetProducts ServiceCode=AmazonRDS .*: 0\.9876 \(sku FIXTURESKURDS1, CAN1-Multi-AZUsage:db\.r5\.large\); 1\.2345 \(sku FIXTURESKURDS9, CAN1-Multi-AZUsage:db\.r5\.large\)$/,
        );
        assert.deepEqual(
            result.table.items.find((i) => i.key === "rds_postgres.db_r5_large.multi_az.hour"),
            item("rds_postgres.db_r5_large.multi_az.hour", "hour"),
        );
        assert.ok(!result.refreshed.includes("rds_postgres.db_r5_large.multi_az.hour"));
    });

    it("takes one price that several products agree on, naming every sku", async () => {
        const twin = { ...RDS_MULTI_AZ, sku: "FIXTURESKURDS8" };
        const result = await refreshPrices(TABLE, new FixtureClient([...PRODUCTS, twin]), TODAY);
        const rds = result.table.items.find((i) => i.key === "rds_postgres.db_r5_large.multi_az.hour");
        assert.equal(rds?.usd, 0.9876);
        assert.match(rds?.source ?? "", /\(sku FIXTURESKURDS1, FIXTURESKURDS8\)$/);
    });

    it("is an error naming the key when an answer is not in the price list format", async () => {
        const garbled: PriceListClient = {
            getProducts: () => Promise.resolve({ PriceList: ['{"product":{"sku":"FIXTURESKUBAD"},"terms":{}}'] }),
        };
        const result = await refreshPrices(TABLE, garbled, TODAY);
        assert.equal(result.errors.length, TABLE.items.length - 1);
        assert.match(
            result.errors[0],
            /^rds_postgres\.db_r5_large\.multi_az\.hour: unreadable answer to AWS Price List API GetProducts ServiceCode=AmazonRDS .*: PriceList entry 0: product\.attributes: /,
        );
    });

    it("is an error naming the units found when no dimension is priced in the key's unit", async () => {
        const perQuantity = { ...RDS_MULTI_AZ, dimensions: [{ unit: "Quantity", usd: "1.0000000000" }] };
        const others = PRODUCTS.filter((p) => p.sku !== RDS_MULTI_AZ.sku);
        const result = await refreshPrices(TABLE, new FixtureClient([...others, perQuantity]), TODAY);
        assert.deepEqual(result.errors, [
            'rds_postgres.db_r5_large.multi_az.hour: no on-demand USD price per Hrs in AWS Price List API GetProducts ServiceCode=AmazonRDS regionCode=ca-central-1 productFamily="Database Instance" instanceType=db.r5.large databaseEngine=PostgreSQL deploymentOption=Multi-AZ (units: Quantity)',
        ]);
    });
});
