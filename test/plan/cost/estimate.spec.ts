import { strict as assert } from "assert";
import type { PlanCostItem, PlanDocument } from "../../../plan/engine/contract";
import { estimateCost } from "../../../plan/cost/estimate";
import { budgetWarning } from "../../../plan/cost/render-cost";
import { loadPriceTable, parsePriceTable, PriceTable } from "../../../plan/cost/price-table";
import { DEFAULT_USAGE } from "../../../plan/cost/usage-assumptions";
import { GUIDE_PREFIX, planOf, runPlanCli } from "../../helpers/plan";

const table = loadPriceTable("ca-central-1");
const priceOf = (key: string): number => {
    const usd = table.items.find((item) => item.key === key)?.usd;
    assert.ok(typeof usd === "number", `the table prices ${key}`);
    return usd;
};
const itemsOf = (plan: PlanDocument, urnSuffix: string): PlanCostItem[] =>
    plan.cost.items.filter((item) => item.urn.endsWith(`::${urnSuffix}`));

describe("cost estimate", () => {
    describe("production", () => {
        const plan = planOf("production");

        it("prices the api as the guide sizes it: 3 tasks x 0.5 vCPU and 1 GB, 730 hours, at the table's Fargate rates", () => {
            const api = itemsOf(plan, `${GUIDE_PREFIX.production}-fraud-api-service`);
            const vcpu = api.find((item) => item.priceKey === "fargate.vcpu_hour");
            const memory = api.find((item) => item.priceKey === "fargate.gb_hour");
            // Guide: fraud-api 512 CPU units, 1024 MiB, desired count 3.
            assert.equal(vcpu?.quantity, 3 * (512 / 1024) * 730);
            assert.equal(memory?.quantity, 3 * (1024 / 1024) * 730);
            assert.equal(vcpu?.monthly, Math.round(3 * 0.5 * 730 * priceOf("fargate.vcpu_hour") * 100) / 100);
            assert.equal(memory?.monthly, Math.round(3 * 1 * 730 * priceOf("fargate.gb_hour") * 100) / 100);
            // 0.04456 USD/vCPU-hour and 0.004865 USD/GB-hour (ca-central-1, the table's source).
            assert.equal(vcpu?.monthly, 48.79);
            assert.equal(memory?.monthly, 10.65);
        });

        it("traces every priced item to its price-table entry: source, date and unit price", () => {
            const priced = plan.cost.items.filter((item) => item.monthly !== null);
            assert.ok(priced.length >= 10, `priced items: ${priced.length}`);
            for (const item of priced) {
                const entry = table.items.find((candidate) => candidate.key === item.priceKey);
                assert.ok(entry?.source, `${item.priceKey} has a source`);
                assert.equal(item.source, entry.source);
                assert.equal(item.asOf, entry.asOf);
                assert.equal(item.unitPrice, entry.usd);
            }
        });

        it("totals the priced items and compares them with the 3000 USD budget", () => {
            const sum = plan.cost.items.reduce((total, item) => total + (item.monthly ?? 0), 0);
            assert.ok(Math.abs((plan.cost.monthly ?? NaN) - sum) < 0.05, `${plan.cost.monthly} vs ${sum}`);
            assert.deepEqual(plan.cost.budget, { limit: 3000, exceeded: false });
        });

        it("meters one NAT gateway and one Elastic IP per AZ (onePerAz over the guide's two AZs), each on its own resource", () => {
            const nat = plan.cost.items.filter((item) => item.priceKey === "nat_gateway.hour");
            assert.deepEqual(
                nat.map((item) => [item.urn.split("::").pop(), item.quantity, item.monthly]),
                [
                    [
                        "fraud-detector-prod-network-vpc-1",
                        730,
                        Math.round(730 * priceOf("nat_gateway.hour") * 100) / 100,
                    ],
                    [
                        "fraud-detector-prod-network-vpc-2",
                        730,
                        Math.round(730 * priceOf("nat_gateway.hour") * 100) / 100,
                    ],
                ],
            );
            assert.ok(nat.every((item) => item.urn.includes("$aws:ec2/natGateway:NatGateway::")));
            const eips = plan.cost.items.filter((item) => item.urn.includes("$aws:ec2/eip:Eip::"));
            assert.deepEqual(
                eips.map((item) => [item.priceKey, item.quantity]),
                [
                    ["public_ipv4.hour", 730],
                    ["public_ipv4.hour", 730],
                ],
            );
        });

        it("prices nothing on the awsx VPC component itself: its children carry the charges, counted once", () => {
            assert.deepEqual(
                plan.cost.items.filter((item) => item.urn.endsWith("$awsx:ec2:Vpc::fraud-detector-prod-network-vpc")),
                [],
            );
        });

        it("meters the Multi-AZ db.r5.large (730 h) and three cache.r6g.large nodes (2190 h) at the table's own Canada price or none", () => {
            const db = plan.cost.items.find((item) => item.priceKey === "rds_postgres.db_r5_large.multi_az.hour");
            const cache = plan.cost.items.find((item) => item.priceKey === "elasticache.cache_r6g_large.node_hour");
            // The item carries exactly the table's ca-central-1 figure, or null (unpriced) when it has none.
            for (const [item, quantity] of [
                [db, 730],
                [cache, 3 * 730],
            ] as const) {
                assert.equal(item?.quantity, quantity);
                const entry = table.items.find((candidate) => candidate.key === item?.priceKey);
                assert.equal(item?.unitPrice, entry?.usd ?? null);
            }
            const unpriced = plan.cost.items.filter((item) => item.monthly === null);
            assert.equal(plan.cost.unpriced?.items, unpriced.length);
            assert.equal(plan.cost.unpriced?.share, unpriced.length / plan.cost.items.length);
            assert.deepEqual(plan.cost.unpriced?.keys, [...new Set(unpriced.map((item) => item.priceKey))].sort());
        });

        it("sizes usage-driven charges by the stated assumptions, and lists only what it leaves out", () => {
            const byKey = (key: string) => plan.cost.items.filter((item) => item.priceKey === key);
            // Two NAT gateways, each processing natGbPerGateway GB, all of it out to the internet.
            assert.deepEqual(
                byKey("nat_gateway.data_processed_gb").map((item) => [item.quantity, item.assumption]),
                [
                    [DEFAULT_USAGE.natGbPerGateway, "natGbPerGateway"],
                    [DEFAULT_USAGE.natGbPerGateway, "natGbPerGateway"],
                ],
            );
            assert.equal(byKey("data_transfer.internet_out_gb").length, 2);
            assert.deepEqual(
                byKey("alb.lcu_hour").map((item) => item.quantity),
                [DEFAULT_USAGE.lcuPerLoadBalancer * 730],
            );
            const usage = (plan.cost.usage ?? []).map((charge) => charge.description);
            assert.ok(!usage.includes("NAT gateway data processed"));
            assert.ok(usage.includes("backup storage beyond the database's size"));
        });
    });

    describe("staging", () => {
        const plan = planOf("staging");

        it("meters the two t3.medium ECS hosts and no Fargate: the services run on the hosts", () => {
            const hosts = plan.cost.items.filter((item) => item.priceKey === "ec2.t3_medium.hour");
            assert.deepEqual(
                hosts.map((item) => item.quantity),
                [2 * 730],
            );
            assert.equal(plan.cost.items.filter((item) => item.priceKey.startsWith("fargate")).length, 0);
        });

        it("meters a single NAT gateway", () => {
            const nat = plan.cost.items.filter((item) => item.priceKey === "nat_gateway.hour");
            assert.deepEqual(
                nat.map((item) => item.quantity),
                [730],
            );
        });
    });

    it("says local targets LocalStack, which bills nothing and has no budget to compare with", () => {
        const cost = planOf("local").cost;
        assert.equal(cost.endpoint, "http://localhost:4566");
        assert.ok((cost.monthly ?? 0) > 0, "the estimate still prices the resources");
        // No LocalStack plan emulates AWS Budgets, so the local profile creates none (budget.enabled).
        assert.equal(cost.budget, null);
        assert.equal(planOf("production").cost.endpoint, null);
    });

    it("local has no NAT gateway and no interface endpoints to pay for", () => {
        const keys = planOf("local").cost.items.map((item) => item.priceKey);
        assert.ok(!keys.includes("nat_gateway.hour"));
        assert.ok(!keys.includes("vpc_endpoint_interface.hour_per_az"));
    });

    it("prices everything once the table has every key: nothing unpriced, the share is 0", () => {
        const plan = planOf("production");
        const keys = [...new Set(plan.cost.items.map((item) => item.priceKey))];
        const full: PriceTable = {
            ...table,
            items: keys.map((key) => ({
                key,
                unit: "unit",
                usd: 1,
                basis: "price-list" as const,
                source: "test",
                asOf: "test",
                note: "",
            })),
        };
        const cost = estimateCost(plan.resources, full);
        assert.deepEqual(cost.unpriced, { items: 0, share: 0, keys: [] });
        const units = plan.cost.items.reduce((total, item) => total + item.quantity, 0);
        assert.ok(Math.abs((cost.monthly ?? NaN) - units) < 0.05);
    });

    it("flags the budget as exceeded when the estimate passes it, and the plan CLI warns on stderr", () => {
        const run = runPlanCli(["--stack", "production", "--config", "fraud-detector:budget.monthlyLimitUsd=100"]);
        assert.equal(run.status, 0, run.stderr);
        assert.match(
            run.stderr,
            /warning: the production estimate of [\d,.]+ USD\/month exceeds its budget of 100\.00 USD\/month \(fraud-detector:budget\.monthlyLimitUsd\)/,
        );
        // Within its budget the same plan warns of nothing (the CLI prints exactly this function's result).
        assert.equal(budgetWarning("production", planOf("production").cost), undefined);
    });

    describe("price table", () => {
        const base = JSON.parse(JSON.stringify(table)) as PriceTable;

        it("rejects a priced item without a source", () => {
            const bad = { ...base, items: [{ ...base.items[0], usd: 1, source: null }] };
            assert.throws(() => parsePriceTable(bad, "t.json"), /t\.json: .*every priced item names its source/);
        });

        it("rejects a duplicate key and a negative price, naming the field", () => {
            assert.throws(
                () => parsePriceTable({ ...base, items: [base.items[0], base.items[0]] }, "t.json"),
                /keys are unique/,
            );
            assert.throws(
                () => parsePriceTable({ ...base, items: [{ ...base.items[0], usd: -1 }] }, "t.json"),
                /t\.json: items\.0\.usd:/,
            );
        });

        it("does not carry the shared data's us-east-1 ALB hour (0.0225) as a Canada price", () => {
            const alb = table.items.find((item) => item.key === "alb.hour");
            assert.notEqual(alb?.usd, 0.0225);
        });
    });
});
