/**
 * The price table the cost estimate reads (`prices.<region>.json`): one unit price per key, each
 * with the page or API call it came from. The table is data committed in the project, never read
 * from `../shared` at run time; `npm run prices` rewrites it from the AWS Price List API.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { z } from "zod";

/** Hours in the month the estimate prices: AWS's own convention (365 days x 24 h / 12). */
export const HOURS_PER_MONTH = 730;

const priceItemSchema = z.strictObject({
    /** What is priced, e.g. `fargate.vcpu_hour` or `rds_postgres.db_r5_large.multi_az.hour`. */
    key: z.string().regex(/^[a-z0-9_.]+$/, { error: "expected lower-case words joined by . and _" }),
    /** The unit the price is per, e.g. `vCPU-hour`, `GB-month`. */
    unit: z.string().min(1),
    /** The on-demand list price in USD for the table's region; null when no source gives one. */
    usd: z.number().nonnegative().nullable(),
    /**
     * `price-list`: a ca-central-1 figure from the AWS Price List or a public dataset generated from
     * it. `approximation`: no such record was found; the figure is an estimate whose basis `note`
     * states, shown flagged and totalled apart, never called a price.
     */
    basis: z.enum(["price-list", "approximation"]),
    /** Where the price came from (a URL or the Price List API call); null only when `usd` is null. */
    source: z.string().min(1).nullable(),
    /** What the source says about its date. */
    asOf: z.string().min(1).nullable(),
    /** Caveats of the source (approximate values, what is not included). */
    note: z.string(),
});

const priceTableSchema = z
    .strictObject({
        region: z.string().min(1),
        currency: z.literal("USD"),
        hoursPerMonth: z.literal(HOURS_PER_MONTH),
        /** How the table was made and how to refresh it. */
        origin: z.string().min(1),
        items: z.array(priceItemSchema),
    })
    .refine((table) => table.items.every((item) => item.usd === null || item.source !== null), {
        error: "every priced item names its source",
    })
    .refine((table) => table.items.every((item) => item.usd === null || item.asOf !== null), {
        error: "every priced item names its source's date",
    })
    .refine(
        (table) =>
            table.items.every(
                (item) => item.usd === null || item.basis !== "approximation" || /^APPROXIMATION\b/.test(item.note),
            ),
        { error: "every approximation's note starts APPROXIMATION and states its basis" },
    )
    .refine((table) => new Set(table.items.map((item) => item.key)).size === table.items.length, {
        error: "keys are unique",
    });

/** One unit price and its provenance. */
export type PriceItem = z.infer<typeof priceItemSchema>;

/** Whether a figure is a Price List price or a flagged approximation. */
export type PriceBasis = PriceItem["basis"];

/** A region's price table, as committed in `plan/cost/prices.<region>.json`. */
export type PriceTable = z.infer<typeof priceTableSchema>;

/** The path of a region's committed price table. */
export function priceTablePath(region: string): string {
    return join(__dirname, `prices.${region}.json`);
}

/**
 * Checks a parsed price table; throws one error naming the first bad field when the file is not a
 * price table (a hand edit gone wrong should not price a stack silently wrong).
 */
export function parsePriceTable(value: unknown, origin: string): PriceTable {
    const result = priceTableSchema.safeParse(value);
    if (!result.success) {
        const issue = result.error.issues[0];
        throw new Error(`${origin}: ${issue.path.join(".") || "(table)"}: ${issue.message}`);
    }
    return result.data;
}

/** Reads and checks the committed price table of `region`. */
export function loadPriceTable(region: string): PriceTable {
    const path = priceTablePath(region);
    return parsePriceTable(JSON.parse(readFileSync(path, "utf8")), path);
}

/** The table's items by key. */
export function pricesByKey(table: PriceTable): ReadonlyMap<string, PriceItem> {
    return new Map(table.items.map((item) => [item.key, item]));
}
