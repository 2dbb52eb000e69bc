import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { copyFileSync, mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as prettier from "prettier";
import { EXIT, main, type PricesCliDeps } from "../../../plan/cli/prices";
import { loadPriceTable, parsePriceTable, priceTablePath } from "../../../plan/cost/price-table";
import type { PriceListClient } from "../../../plan/cost/refresh-prices";
import { UsageError } from "../../../plan/engine/stack-files";
import { ROOT, TS_LOADER } from "../../helpers/plan";
import { FixtureClient, type FixtureProduct } from "./fixtures/price-list";

const COMMITTED = priceTablePath("ca-central-1");
const CLI = join(ROOT, "plan", "cli", "prices.ts");

/**
 * Runs the CLI as `npm run prices` does, with an environment that has no AWS credentials and no
 * instance-metadata lookup, so that no run here can reach the network.
 */
function runPricesCli(args: readonly string[]) {
    const home = mkdtempSync(join(tmpdir(), "prices-cli-"));
    const result = spawnSync(process.execPath, ["-r", TS_LOADER, CLI, ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: {
            PATH: process.env.PATH,
            HOME: home,
            AWS_CONFIG_FILE: join(home, "no-config"),
            AWS_SHARED_CREDENTIALS_FILE: join(home, "no-credentials"),
            AWS_EC2_METADATA_DISABLED: "true",
        },
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs `main` in this process with `deps`, capturing what it prints. */
async function runMain(argv: string[], deps: PricesCliDeps) {
    const out: string[] = [];
    const err: string[] = [];
    const stdoutWrite = process.stdout.write.bind(process.stdout);
    const stderrWrite = process.stderr.write.bind(process.stderr);
    process.stdout.write = (chunk: string) => out.push(chunk) > 0;
    process.stderr.write = (chunk: string) => err.push(chunk) > 0;
    try {
        const status = await main(argv, deps);
        return { status, stdout: out.join(""), stderr: err.join("") };
    } finally {
        process.stdout.write = stdoutWrite;
        process.stderr.write = stderrWrite;
    }
}

/** A copy of the committed table in a temporary folder, and deps that refresh it from `client`. */
function onCopy(client: PriceListClient): { path: string; deps: PricesCliDeps } {
    const path = join(mkdtempSync(join(tmpdir(), "prices-table-")), "prices.ca-central-1.json");
    copyFileSync(COMMITTED, path);
    return { path, deps: { tablePath: () => path, connect: () => Promise.resolve(client), today: () => "2099-12-31" } };
}

// FIXTURE products (made-up skus and prices; see fixtures/price-list.ts).
const NAT_HOURS: FixtureProduct = {
    serviceCode: "AmazonEC2",
    sku: "FIXTURESKUNAT1",
    productFamily: "NAT Gateway",
    attributes: { regionCode: "ca-central-1", usagetype: "CAN1-NatGateway-Hours" },
    dimensions: [{ unit: "Hrs", usd: "0.0611000000" }],
};

describe("prices CLI", () => {
    describe("bad usage: exit 2, one line on stderr, nothing written", () => {
        const cases: [string, string[], RegExp][] = [
            ["no --region", [], /^--region is required; usage: npm run prices -- --region <region>$/],
            ["--region without a value", ["--region"], /^Option '--region <value>' argument missing; usage: /],
            ["an unknown option", ["--stack", "production"], /^Unknown option '--stack'; usage: /],
            ["a positional argument", ["--region", "ca-central-1", "now"], /^Unexpected argument 'now'/],
            [
                "a region that is not an AWS region",
                ["--region", "ca-central-9"],
                /^--region ca-central-9 is not an AWS region; usage: /,
            ],
            [
                "a region with no committed table",
                ["--region", "us-west-2"],
                /^no price table for us-west-2: plan\/cost\/prices\.us-west-2\.json does not exist$/,
            ],
            [
                "no AWS credentials",
                ["--region", "ca-central-1"],
                /^no AWS credentials \(.+\); set AWS_PROFILE or AWS_ACCESS_KEY_ID\/AWS_SECRET_ACCESS_KEY for a principal allowed pricing:GetProducts$/,
            ],
        ];
        for (const [what, args, message] of cases) {
            it(what, () => {
                const before = readFileSync(COMMITTED, "utf8");
                const run = runPricesCli(args);
                assert.equal(run.status, EXIT.badInput, run.stderr);
                assert.equal(run.stdout, "");
                assert.match(run.stderr, /^[^\n]+\n$/, "exactly one line");
                assert.match(run.stderr.trimEnd(), message);
                assert.equal(readFileSync(COMMITTED, "utf8"), before);
            });
        }
    });

    it("refreshes the table, writes it as prettier would, and prints what it did", async () => {
        const { path, deps } = onCopy(new FixtureClient([NAT_HOURS]));
        const run = await runMain(["--region", "ca-central-1"], deps);
        assert.equal(run.status, EXIT.ok, run.stderr);
        assert.equal(run.stderr, "");
        const mapped = loadPriceTable("ca-central-1").items.length - 4;
        const lines = run.stdout.trimEnd().split("\n");
        assert.match(lines[0], new RegExp(`: refreshed 1, unchanged 4, not found ${mapped - 1}$`));
        assert.equal(
            lines[1],
            "unchanged (no Price List query for these keys): budgets.budget_day, data_transfer.internet_out_gb, kms.requests_10k, s3.replication_gb",
        );
        assert.match(lines[2], /^not found \(now null\): alb\.hour, alb\.lcu_hour, /);

        const text = readFileSync(path, "utf8");
        const table = parsePriceTable(JSON.parse(text), path);
        assert.equal(table.items.find((i) => i.key === "nat_gateway.hour")?.usd, 0.0611);
        const options = await prettier.resolveConfig(COMMITTED);
        assert.ok(await prettier.check(text, { ...options, filepath: COMMITTED }), "prettier --check passes");
    });

    it("writes nothing and exits 3 when a key has more than one price", async () => {
        const rival = { ...NAT_HOURS, sku: "FIXTURESKUNAT2", dimensions: [{ unit: "Hrs", usd: "0.0622000000" }] };
        const { path, deps } = onCopy(new FixtureClient([NAT_HOURS, rival]));
        const run = await runMain(["--region", "ca-central-1"], deps);
        assert.equal(run.status, EXIT.failed);
        assert.equal(run.stdout, "");
        const lines = run.stderr.trimEnd().split("\n");
        assert.match(
            lines[0],
            /^nat_gateway\.hour: more than one price for .*0\.0611 \(sku FIXTURESKUNAT1, .*0\.0622 \(sku FIXTURESKUNAT2, /,
        );
        assert.equal(lines[1], "nothing written: 1 key(s) did not resolve to one price");
        assert.equal(readFileSync(path, "utf8"), readFileSync(COMMITTED, "utf8"));
    });

    it("exits 3 with one line when the API refuses", async () => {
        const refusing: PriceListClient = {
            getProducts: () => Promise.reject(new Error("fixture AccessDeniedException")),
        };
        const { deps } = onCopy(refusing);
        const run = await runMain(["--region", "ca-central-1"], deps);
        assert.equal(run.status, EXIT.failed);
        assert.equal(run.stderr, "prices failed: fixture AccessDeniedException\n");
    });

    it("exits 2 with the connect step's line when it finds no credentials", async () => {
        const { deps } = onCopy(new FixtureClient([]));
        const noCredentials = {
            ...deps,
            connect: () => Promise.reject(new UsageError("no AWS credentials (fixture)")),
        };
        const run = await runMain(["--region", "ca-central-1"], noCredentials);
        assert.equal(run.status, EXIT.badInput);
        assert.equal(run.stderr, "no AWS credentials (fixture)\n");
    });
});
