/**
 * `npm run prices -- --region <region>`: refreshes the committed price table
 * plan/cost/prices.<region>.json from the AWS Price List API and prints what it did. Needs AWS
 * credentials allowed pricing:GetProducts. Exit statuses, as the plan CLI's: 0 written, 2 bad usage
 * (one line on stderr: arguments, an unknown region, no table for it, no credentials), 3 failed
 * (the API refused, or an answer that is not one price: then nothing is written).
 */
import { relative } from "path";
import { parseArgs } from "util";
import { Region } from "@pulumi/aws/types/enums";
import { UsageError } from "../engine/stack-files";
import { readPriceTableFile, writePriceTableFile } from "../cost/price-file";
import { priceTablePath } from "../cost/price-table";
import { refreshPrices, type PriceListClient, type RefreshResult } from "../cost/refresh-prices";

/** Exit statuses of the prices CLI. */
export const EXIT = { ok: 0, badInput: 2, failed: 3 } as const;

const USAGE = "usage: npm run prices -- --region <region>";

/** The regions the project's AWS provider knows; a region outside them is a typo. */
const KNOWN_REGIONS: ReadonlySet<string> = new Set(Object.values(Region));

/** What the CLI reaches outside itself; tests replace it. */
export interface PricesCliDeps {
    readonly tablePath: (region: string) => string;
    /** A Price List API client; throws a UsageError when there are no credentials. */
    readonly connect: () => Promise<PriceListClient>;
    /** Today as YYYY-MM-DD. */
    readonly today: () => string;
}

const DEFAULT_DEPS: PricesCliDeps = {
    tablePath: priceTablePath,
    // Loaded on use: a usage error never loads the AWS SDK.
    connect: async () => (await import("../cost/pricing-client")).connectPriceList(),
    today: () => new Date().toISOString().slice(0, 10),
};

function parseRegion(argv: string[]): string {
    let parsed;
    try {
        parsed = parseArgs({
            args: argv,
            options: { region: { type: "string" } },
            strict: true,
            allowPositionals: false,
        });
    } catch (err) {
        throw new UsageError(`${(err as Error).message.split("\n")[0]}; ${USAGE}`);
    }
    const region = parsed.values.region;
    if (!region) {
        throw new UsageError(`--region is required; ${USAGE}`);
    }
    if (!KNOWN_REGIONS.has(region)) {
        throw new UsageError(`--region ${region} is not an AWS region; ${USAGE}`);
    }
    return region;
}

function summary(path: string, result: RefreshResult): string {
    const lines = [
        `wrote ${relative(process.cwd(), path)}: refreshed ${result.refreshed.length}, unchanged ${result.unchanged.length}, not found ${result.notFound.length}`,
    ];
    if (result.unchanged.length > 0) {
        lines.push(`unchanged (no Price List query for these keys): ${result.unchanged.join(", ")}`);
    }
    if (result.notFound.length > 0) {
        lines.push(`not found (now null): ${result.notFound.join(", ")}`);
    }
    return lines.join("\n") + "\n";
}

/** The CLI: refreshes, writes, prints, and returns the exit status. Never throws. */
export async function main(argv: string[], deps: PricesCliDeps = DEFAULT_DEPS): Promise<number> {
    try {
        const region = parseRegion(argv);
        const path = deps.tablePath(region);
        const table = readPriceTableFile(path, region);
        const result = await refreshPrices(table, await deps.connect(), deps.today());
        if (result.errors.length > 0) {
            process.stderr.write(result.errors.map((e) => `${e}\n`).join(""));
            process.stderr.write(`nothing written: ${result.errors.length} key(s) did not resolve to one price\n`);
            return EXIT.failed;
        }
        writePriceTableFile(path, result.table);
        process.stdout.write(summary(path, result));
        return EXIT.ok;
    } catch (err) {
        if (err instanceof UsageError) {
            process.stderr.write(`${err.message}\n`);
            return EXIT.badInput;
        }
        process.stderr.write(`prices failed: ${err instanceof Error ? err.message : JSON.stringify(err)}\n`);
        return EXIT.failed;
    }
}

if (require.main === module) {
    void main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
