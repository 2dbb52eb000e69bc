/**
 * Refreshes a price table from the AWS Price List API: every key with a query (price-queries.ts) is
 * asked for, its on-demand USD price written with the call and dates it came from. The API client is
 * passed in, so the same code runs against AWS (prices-cli.ts) and against a recorded answer.
 */
import type { PriceItem, PriceTable } from "./price-table";
import { isUsageType, onDemandRates, onDemandUnits, parsePriceListEntry, type RateCandidate } from "./price-list";
import { describeQuery, priceQueryFor, type PriceQuery } from "./price-queries";

/** One GetProducts request, in the shape @aws-sdk/client-pricing takes it. */
export interface GetProductsInput {
    readonly ServiceCode: string;
    readonly Filters: readonly { readonly Type: "TERM_MATCH"; readonly Field: string; readonly Value: string }[];
    readonly FormatVersion: "aws_v1";
    readonly MaxResults: number;
    readonly NextToken?: string;
}

/** One page of a GetProducts answer: PriceList entries are JSON strings. */
export interface GetProductsPage {
    readonly PriceList: readonly string[];
    readonly NextToken?: string;
}

/** What the refresh needs of the Price List API. */
export interface PriceListClient {
    getProducts(input: GetProductsInput): Promise<GetProductsPage>;
}

/** GetProducts pages at most 100 products; more pages than this means a query far too broad. */
const MAX_PAGES = 50;

/** The GetProducts request of a query, without a page token. */
export function getProductsInput(query: PriceQuery): GetProductsInput {
    return {
        ServiceCode: query.serviceCode,
        Filters: Object.entries(query.attributes).map(([Field, Value]) => ({ Type: "TERM_MATCH", Field, Value })),
        FormatVersion: "aws_v1",
        MaxResults: 100,
    };
}

/** Every PriceList entry of a request, following NextToken to the last page. */
export async function fetchAllProducts(client: PriceListClient, input: GetProductsInput): Promise<string[]> {
    const entries: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await client.getProducts(token === undefined ? input : { ...input, NextToken: token });
        entries.push(...answer.PriceList);
        if (!answer.NextToken) {
            return entries;
        }
        token = answer.NextToken;
    }
    throw new Error(`GetProducts ServiceCode=${input.ServiceCode} still had pages after ${MAX_PAGES}`);
}

/** What a refresh did, key by key, and the table it made. */
export interface RefreshResult {
    readonly table: PriceTable;
    readonly refreshed: readonly string[];
    /** Keys the tool has no query for: their items are kept as they were. */
    readonly unchanged: readonly string[];
    readonly notFound: readonly string[];
    /** One line per key whose answer could not be read as one price; the table must not be written. */
    readonly errors: readonly string[];
}

type Outcome =
    | { readonly kind: "priced"; readonly item: PriceItem }
    | { readonly kind: "notFound"; readonly item: PriceItem }
    | { readonly kind: "error"; readonly message: string };

/**
 * Asks the API for every mapped key of `table` and returns the refreshed table. `today` (YYYY-MM-DD)
 * dates the notes of keys the API has no product for. Identical requests are sent once.
 */
export async function refreshPrices(table: PriceTable, client: PriceListClient, today: string): Promise<RefreshResult> {
    const answers = new Map<string, Promise<string[]>>();
    const fetchOnce = (input: GetProductsInput): Promise<string[]> => {
        const id = JSON.stringify(input);
        const cached = answers.get(id) ?? fetchAllProducts(client, input);
        answers.set(id, cached);
        return cached;
    };
    const result = {
        refreshed: [] as string[],
        unchanged: [] as string[],
        notFound: [] as string[],
        errors: [] as string[],
    };
    const items: PriceItem[] = [];
    // One key at a time: the Price List API throttles, and a table is a few dozen keys.
    for (const item of table.items) {
        const query = priceQueryFor(item.key, table.region);
        if (!query) {
            result.unchanged.push(item.key);
            items.push(item);
            continue;
        }
        const outcome = priceItem(item, query, await fetchOnce(getProductsInput(query)), table.region, today);
        if (outcome.kind === "error") {
            result.errors.push(`${item.key}: ${outcome.message}`);
            items.push(item);
        } else {
            (outcome.kind === "priced" ? result.refreshed : result.notFound).push(item.key);
            items.push(outcome.item);
        }
    }
    return { table: { ...table, origin: originOf(table.region, today), items }, ...result };
}

/** The table's `origin` after a refresh: when, how, and that unmapped items keep their sources. */
function originOf(region: string, today: string): string {
    return (
        `Refreshed ${today} from the AWS Price List API (GetProducts) by \`npm run prices -- --region ${region}\`; ` +
        "each item names the call its price came from, and items the tool does not map keep their earlier source."
    );
}

/** The refreshed item of one key, from the API's answer to its query. */
function priceItem(
    item: PriceItem,
    query: PriceQuery,
    entries: readonly string[],
    region: string,
    today: string,
): Outcome {
    const call = describeQuery(query);
    let parsed;
    try {
        parsed = entries.map((entry, i) => parsePriceListEntry(entry, i));
    } catch (err) {
        return { kind: "error", message: `unreadable answer to ${call}: ${(err as Error).message}` };
    }
    const products = parsed.filter(
        (p) => !query.usagetype || isUsageType(p.attributes.usagetype ?? "", query.usagetype, region),
    );
    if (products.length === 0) {
        const note = `the Price List API returned no product for ${call} (asked ${today})`;
        return { kind: "notFound", item: { ...item, usd: null, source: null, asOf: null, note } };
    }
    const candidates = products.flatMap((p) => onDemandRates(p, query.unit));
    if (candidates.length === 0) {
        const units = [...new Set(products.flatMap(onDemandUnits))].join(", ") || "none";
        return { kind: "error", message: `no on-demand USD price per ${query.unit} in ${call} (units: ${units})` };
    }
    const prices = [...new Set(candidates.map((c) => c.usd))];
    if (prices.length > 1) {
        const listed = candidates.map((c) => `${c.usd} (sku ${c.sku}, ${c.usagetype})`).join("; ");
        return { kind: "error", message: `more than one price for ${call}: ${listed}` };
    }
    return { kind: "priced", item: pricedItem(item, query, candidates) };
}

/** An item priced by candidates that all agree on the price. */
function pricedItem(item: PriceItem, query: PriceQuery, candidates: readonly RateCandidate[]): PriceItem {
    const skus = [...new Set(candidates.map((c) => c.sku))].join(", ");
    const latest = (dates: (string | undefined)[]): string =>
        dates
            .filter((d): d is string => d !== undefined)
            .sort()
            .at(-1) ?? "not stated";
    const first = candidates[0];
    const tier = first.firstTier
        ? ` Tiered price: the first tier (${first.firstTier.beginRange} to ${first.firstTier.endRange} ${query.unit}) is used.`
        : "";
    return {
        ...item,
        usd: first.usd,
        basis: "price-list",
        source: `${describeQuery(query)} (sku ${skus})`,
        asOf: `publicationDate ${latest(candidates.map((c) => c.publicationDate))}, effectiveDate ${latest(candidates.map((c) => c.effectiveDate))}`,
        note: `On-demand list price; the API describes it as "${first.description}".${tier}`,
    };
}
