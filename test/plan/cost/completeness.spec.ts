import { strict as assert } from "assert";
import type { PlanCost, PlanDocument } from "../../../plan/engine/contract";
import { estimateCost } from "../../../plan/cost/estimate";
import { loadPriceTable, parsePriceTable, type PriceTable } from "../../../plan/cost/price-table";
import { renderCost } from "../../../plan/cost/render-cost";
import { DEFAULT_USAGE, resolveUsage, USAGE_ASSUMPTIONS } from "../../../plan/cost/usage-assumptions";
import { planOf, runPlanCli } from "../../helpers/plan";

const table = loadPriceTable("ca-central-1");
const STACKS = ["local", "staging", "production"] as const;
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** The estimate of `plan` again, with another table or usage: the plan's resources are the input. */
const reestimate = (plan: PlanDocument, prices: PriceTable = table, usage = DEFAULT_USAGE): PlanCost =>
    estimateCost(plan.resources, prices, usage);

describe("cost estimate: complete and sourced", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            const plan = planOf(stack);

            it("prices every line item: none unpriced", () => {
                assert.ok(plan.cost.items.length > 0);
                assert.deepEqual(plan.cost.unpriced, { items: 0, share: 0, keys: [] });
                assert.deepEqual(
                    plan.cost.items.filter((item) => item.monthly === null).map((item) => item.priceKey),
                    [],
                );
            });

            it("gives every item a source, a date and a basis", () => {
                for (const item of plan.cost.items) {
                    assert.ok(item.source, `${item.description}: source`);
                    assert.ok(item.asOf, `${item.description}: date`);
                    assert.ok(item.basis === "price-list" || item.basis === "approximation", item.description);
                }
            });

            it("totals approximations apart: sourced + approximated = total, each the sum of its items", () => {
                const bases = plan.cost.bases!;
                const of = (basis: string) =>
                    sum(plan.cost.items.filter((i) => i.basis === basis).map((i) => i.monthly ?? 0));
                assert.ok(Math.abs(bases.approximated - of("approximation")) < 0.01 * plan.cost.items.length);
                assert.ok(Math.abs(bases.sourced - of("price-list")) < 0.01 * plan.cost.items.length);
                assert.ok(Math.abs(bases.sourced + bases.approximated - (plan.cost.monthly ?? NaN)) <= 0.01);
                assert.deepEqual(
                    bases.approximations.map((a) => a.priceKey).sort(),
                    [
                        ...new Set(plan.cost.items.filter((i) => i.basis === "approximation").map((i) => i.priceKey)),
                    ].sort(),
                );
                for (const a of bases.approximations) assert.match(a.basis, /^APPROXIMATION, not a price: .*Basis: /);
                assert.ok(Math.abs(sum(bases.approximations.map((a) => a.share)) - bases.approximatedShare) < 1e-3);
            });

            it("has subtotals per component that add up to the total, each the sum of its items", () => {
                const subtotals = plan.cost.subtotals!;
                assert.equal(new Set(subtotals.map((s) => s.component)).size, subtotals.length);
                // Each subtotal is rounded once: together they are within a cent per component of the total.
                const drift = Math.abs(sum(subtotals.map((s) => s.monthly)) - (plan.cost.monthly ?? NaN));
                assert.ok(drift <= 0.01 * subtotals.length, `drift ${drift}`);
                for (const sub of subtotals) {
                    const items = plan.cost.items.filter((item) => item.component === sub.component);
                    assert.ok(Math.abs(sum(items.map((i) => i.monthly ?? 0)) - sub.monthly) <= 0.01 * items.length);
                }
            });
        });
    }

    it("puts each resource's cost under its own component, awsx's NAT gateways under the network", () => {
        const items = planOf("production").cost.items;
        const componentOf = (key: string) => [
            ...new Set(items.filter((i) => i.priceKey === key).map((i) => i.component)),
        ];
        assert.deepEqual(componentOf("nat_gateway.hour"), ["network"]);
        assert.deepEqual(componentOf("rds_postgres.db_r5_large.multi_az.hour"), ["database"]);
        assert.deepEqual(componentOf("elasticache.cache_r6g_large.node_hour"), ["cache"]);
    });

    it("reports an item unpriced, and the stack incomplete, when the table lacks its key", () => {
        const plan = planOf("production");
        const without: PriceTable = { ...table, items: table.items.filter((i) => i.key !== "nat_gateway.hour") };
        const cost = reestimate(plan, without);
        assert.equal(cost.unpriced?.items, 2);
        assert.deepEqual(cost.unpriced?.keys, ["nat_gateway.hour"]);
        assert.match(renderCost(cost), /Unpriced: 2 of \d+ items .* nat_gateway\.hour/);
    });

    describe("price table", () => {
        const base = JSON.parse(JSON.stringify(table)) as PriceTable;
        const priced = base.items.find((item) => item.usd !== null)!;

        it("gives every figure a source and a date, Price List ones naming a repository commit or the API", () => {
            for (const item of table.items) {
                assert.ok(item.usd !== null, `${item.key} has a figure`);
                assert.ok(item.source && item.asOf, `${item.key}: source and date`);
                if (item.basis === "price-list") {
                    assert.match(item.source, /\/blob\/[0-9a-f]{40}\/|^AWS Price List API GetProducts /, item.key);
                }
            }
        });

        it("rejects a figure without a date", () => {
            const bad = { ...base, items: [{ ...priced, asOf: null }] };
            assert.throws(() => parsePriceTable(bad, "t.json"), /every priced item names its source's date/);
        });

        it("rejects an approximation whose note does not flag it and state its basis", () => {
            const bad = { ...base, items: [{ ...priced, basis: "approximation", note: "about right" }] };
            assert.throws(() => parsePriceTable(bad, "t.json"), /every approximation's note starts APPROXIMATION/);
        });
    });

    describe("usage assumptions", () => {
        const plan = planOf("production");
        const nat = (cost: PlanCost) =>
            sum(cost.items.filter((i) => i.assumption === "natGbPerGateway").map((i) => i.monthly ?? 0));

        it("are stated once, each shown in the estimate with its value", () => {
            assert.deepEqual(
                plan.cost.assumptions?.map((a) => [a.key, a.value, a.overridden]),
                Object.entries(USAGE_ASSUMPTIONS).map(([key, a]) => [key, a.value, false]),
            );
            const text = renderCost(plan.cost);
            for (const key of Object.keys(USAGE_ASSUMPTIONS)) assert.match(text, new RegExp(`    ${key} = `));
        });

        it("an override changes the figure, and the estimate says it was overridden", () => {
            const usage = resolveUsage(["natGbPerGateway=500"]);
            const cost = reestimate(plan, table, usage);
            // Five times the data: five times the data-processing and transfer-out lines.
            assert.ok(Math.abs(nat(cost) - 5 * nat(plan.cost)) < 0.05, `${nat(cost)} vs ${nat(plan.cost)}`);
            assert.ok((cost.monthly ?? 0) > (plan.cost.monthly ?? 0));
            assert.deepEqual(
                cost.assumptions?.find((a) => a.key === "natGbPerGateway"),
                { ...plan.cost.assumptions?.find((a) => a.key === "natGbPerGateway"), value: 500, overridden: true },
            );
        });

        it("rejects an unknown key and a value that is not a number of 0 or more", () => {
            assert.throws(
                () => resolveUsage(["natGb=5"]),
                /--usage natGb=5: unknown key natGb; one of natGbPerGateway/,
            );
            assert.throws(
                () => resolveUsage(["natGbPerGateway=-1"]),
                /expected natGbPerGateway=<a number of 0 or more>/,
            );
            assert.throws(() => resolveUsage(["natGbPerGateway"]), /expected natGbPerGateway=/);
        });

        it("are overridden from the plan CLI with --usage, and a bad one is one line and exit 2", () => {
            const run = runPlanCli(["--stack", "local", "--json", "--usage", "logGbPerGroup=10"]);
            assert.equal(run.status, 0, run.stderr);
            const cost = (JSON.parse(run.stdout) as PlanDocument).cost;
            assert.equal(cost.assumptions?.find((a) => a.key === "logGbPerGroup")?.value, 10);
            const bad = runPlanCli(["--stack", "local", "--usage", "logGb=10"]);
            assert.equal(bad.status, 2);
            assert.equal(bad.stdout, "");
            assert.match(bad.stderr, /^--usage logGb=10: unknown key logGb; one of .*\n$/);
        });
    });

    it("shows the subtotals, the split total and each approximation with its basis in the text", () => {
        const text = renderCost(planOf("production").cost);
        assert.match(
            text,
            /Subtotals per component:\n\s+Component\s+USD\/month\s+of which ≈\s+Share\n\s+cache\s+[\d,.]+/,
        );
        assert.match(text, /of which Price List prices: [\d,.]+ USD\/month/);
        assert.match(
            text,
            /of which flagged approximations \(≈, not prices\): [\d,.]+ USD\/month \(\d+% of the total\)/,
        );
        assert.match(text, /≈ nat_gateway\.hour 0\.05 \/ hour: [\d,.]+ USD\/month \(\d+%\)\. Basis: /);
    });
});
