import { existsSync, readFileSync, writeFileSync } from "fs";
import { relative } from "path";
import { UsageError } from "../engine/stack-files";
import { parsePriceTable, type PriceTable } from "./price-table";

/**
 * Reading and writing a committed price table file for `npm run prices`: what it reads must be the
 * table of the region asked for, and what it writes must stay loadable by the estimate.
 *
 * @module
 */

/** The table of `region` at `path`; a UsageError (one line) when it is missing, unreadable or another region's. */
export function readPriceTableFile(path: string, region: string): PriceTable {
    if (!existsSync(path)) {
        throw new UsageError(`no price table for ${region}: ${relative(process.cwd(), path)} does not exist`);
    }
    let table: PriceTable;
    try {
        table = parsePriceTable(JSON.parse(readFileSync(path, "utf8")), path);
    } catch (err) {
        throw new UsageError((err as Error).message);
    }
    if (table.region !== region) {
        throw new UsageError(`${path} is the table of ${table.region}, not ${region}`);
    }
    return table;
}

/** The table as committed: two-space JSON with a final newline, as prettier leaves it. */
export function formatPriceTable(table: PriceTable): string {
    return JSON.stringify(table, null, 2) + "\n";
}

/** Writes a refreshed table, checked again first: the file must stay loadable by the estimate. */
export function writePriceTableFile(path: string, table: PriceTable): void {
    writeFileSync(path, formatPriceTable(parsePriceTable(table, "the refreshed table")));
}
