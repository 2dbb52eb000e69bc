import { strict as assert } from "assert";
import { isUsageType, onDemandRates, parsePriceListEntry } from "../../../plan/cost/price-list";
import { priceListEntry, type FixtureProduct } from "./fixtures/price-list";

// Fixture product (made-up sku, dates and prices; see fixtures/price-list.ts).
const NAT_HOURS: FixtureProduct = {
    serviceCode: "AmazonEC2",
    sku: "FIXTURESKUNAT1",
    productFamily: "NAT Gateway",
    attributes: { regionCode: "ca-central-1", usagetype: "CAN1-NatGateway-Hours" },
    dimensions: [{ unit: "Hrs", usd: "0.1234000000", description: "fixture NAT hour" }],
    publicationDate: "2099-03-04T05:06:07Z",
    effectiveDate: "2099-03-01T00:00:00Z",
};

describe("price list format", () => {
    it("reads a product as the CLI's get-products example shapes it", () => {
        const product = parsePriceListEntry(priceListEntry(NAT_HOURS), 0);
        assert.equal(product.sku, "FIXTURESKUNAT1");
        assert.equal(product.attributes.usagetype, "CAN1-NatGateway-Hours");
        assert.equal(product.publicationDate, "2099-03-04T05:06:07Z");
        assert.equal(product.onDemand.length, 1);
        assert.equal(product.onDemand[0].effectiveDate, "2099-03-01T00:00:00Z");
        assert.deepEqual(
            product.onDemand[0].dimensions.map((d) => [d.unit, d.pricePerUnit.USD]),
            [["Hrs", "0.1234000000"]],
        );
    });

    it("reads OnDemand nested by sku then offer term, as the bulk offer files do", () => {
        const product = parsePriceListEntry(priceListEntry({ ...NAT_HOURS, nested: true }), 0);
        assert.deepEqual(
            onDemandRates(product, "Hrs").map((r) => r.usd),
            [0.1234],
        );
    });

    it("names the entry and the field when an entry is not a product", () => {
        assert.throws(
            () => parsePriceListEntry(JSON.stringify({ product: { sku: "X" }, terms: {} }), 7),
            /^Error: PriceList entry 7: product\.attributes: /,
        );
    });

    it("takes the on-demand rate in the wanted unit, and the first tier of a tiered rate", () => {
        const product = parsePriceListEntry(
            priceListEntry({
                serviceCode: "AmazonS3",
                sku: "FIXTURESKUS3",
                attributes: { usagetype: "CAN1-TimedStorage-ByteHrs" },
                dimensions: [
                    { unit: "GB-Mo", usd: "0.0222000000", beginRange: "51200", endRange: "512000" },
                    { unit: "GB-Mo", usd: "0.0333000000", beginRange: "0", endRange: "51200" },
                    { unit: "GB-Mo", usd: "0.0111000000", beginRange: "512000", endRange: "Inf" },
                ],
            }),
            0,
        );
        const [rate, ...others] = onDemandRates(product, "GB-Mo");
        assert.deepEqual(others, []);
        assert.equal(rate.usd, 0.0333);
        assert.deepEqual(rate.firstTier, { beginRange: "0", endRange: "51200" });
        assert.deepEqual(onDemandRates(product, "Hrs"), []);
    });

    it("knows a usagetype after a region's billing prefix from another charge with the same tail", () => {
        const yes: [string, string, string][] = [
            ["CAN1-NodeUsage:cache.t3.micro", "NodeUsage:cache.t3.micro", "ca-central-1"],
            ["NodeUsage:cache.t3.micro", "NodeUsage:cache.t3.micro", "us-east-1"],
            ["EU-BoxUsage:t3.micro", "BoxUsage:t3.micro", "eu-west-1"],
            ["ca-central-1-KMS-Keys", "KMS-Keys", "ca-central-1"],
        ];
        const no: [string, string, string][] = [
            ["CAN1-ExtendedSupportYr3-NodeUsage:cache.t3.micro", "NodeUsage:cache.t3.micro", "ca-central-1"],
            ["CAN1-Outpost-NodeUsage:cache.t3.micro", "NodeUsage:cache.t3.micro", "ca-central-1"],
            ["CAN1-TS-LoadBalancerUsage", "LoadBalancerUsage", "ca-central-1"],
            ["CAN1-SpotUsage-Fargate-vCPU-Hours:perCPU", "Fargate-vCPU-Hours:perCPU", "ca-central-1"],
            ["CAN1-Fargate-ARM-vCPU-Hours:perCPU", "Fargate-vCPU-Hours:perCPU", "ca-central-1"],
            ["Global-DashboardsUsageHour", "DashboardsUsageHour", ""],
            ["CAN1-BoxUsage:t3.medium", "BoxUsage:t3.micro", "ca-central-1"],
        ];
        for (const [usagetype, name, region] of yes) {
            assert.ok(isUsageType(usagetype, name, region), usagetype);
        }
        for (const [usagetype, name, region] of no) {
            assert.ok(!isUsageType(usagetype, name, region), usagetype);
        }
    });
});
