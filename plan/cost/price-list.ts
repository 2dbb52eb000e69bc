/**
 * Reads the AWS Price List API's product format and picks one on-demand USD rate from it. Each entry
 * of a GetProducts `PriceList` is a JSON string: `product.sku`, `product.attributes` (usagetype,
 * regionCode, ...), `terms.OnDemand.<sku>.<offerTermCode>` with `effectiveDate` and
 * `priceDimensions.<rateCode>.{unit, pricePerUnit.USD, beginRange, endRange, description}`, and
 * `publicationDate` (AWS Billing User Guide, "Reading the service price list files"; the AWS CLI's
 * `get-products` example). Only the fields read here are checked; the rest pass through unread.
 */
import { z } from "zod";

const dimensionSchema = z.object({
    unit: z.string(),
    // China regions price in CNY only: a dimension without USD is not a USD rate.
    pricePerUnit: z.object({ USD: z.string().optional() }),
    beginRange: z.string().optional(),
    endRange: z.string().optional(),
    description: z.string().optional(),
});

const termSchema = z.object({
    effectiveDate: z.string().optional(),
    priceDimensions: z.record(z.string(), dimensionSchema),
});

// The CLI's get-products example keys OnDemand by "<sku>.<offerTermCode>" straight to the term; the
// bulk offer files nest "<sku>" then "<sku>.<offerTermCode>". Both shapes are read.
const onDemandSchema = z.record(z.string(), z.union([termSchema, z.record(z.string(), termSchema)]));

const entrySchema = z.object({
    product: z.object({
        sku: z.string().optional(),
        attributes: z.record(z.string(), z.string()),
    }),
    terms: z.object({ OnDemand: onDemandSchema.optional() }),
    publicationDate: z.string().optional(),
});

/** One product of a GetProducts answer, reduced to what a price pick reads. */
export interface PriceListProduct {
    readonly sku: string;
    readonly attributes: Readonly<Record<string, string>>;
    readonly publicationDate?: string;
    readonly onDemand: readonly OnDemandTerm[];
}

/** One price dimension of a term: a rate per unit, over a usage range when tiered. */
export type PriceDimension = z.infer<typeof dimensionSchema>;

/** One OnDemand term of a product. */
export interface OnDemandTerm {
    readonly effectiveDate?: string;
    readonly dimensions: readonly PriceDimension[];
}

type Term = z.infer<typeof termSchema>;

function isTerm(value: Term | Record<string, Term>): value is Term {
    return "priceDimensions" in value && typeof value.priceDimensions === "object";
}

/** Parses one PriceList entry; throws naming the entry's position when it is not a product. */
export function parsePriceListEntry(json: string, position: number): PriceListProduct {
    const result = entrySchema.safeParse(JSON.parse(json));
    if (!result.success) {
        const issue = result.error.issues[0];
        throw new Error(`PriceList entry ${position}: ${issue.path.join(".")}: ${issue.message}`);
    }
    const { product, terms, publicationDate } = result.data;
    const onDemand = Object.values(terms.OnDemand ?? {}).flatMap((value) =>
        isTerm(value) ? [value] : Object.values(value),
    );
    return {
        sku: product.sku ?? "(no sku)",
        attributes: product.attributes,
        publicationDate,
        onDemand: onDemand.map((term) => ({
            effectiveDate: term.effectiveDate,
            dimensions: Object.values(term.priceDimensions),
        })),
    };
}

/**
 * Whether a product's usagetype is `name` in some region: the bare name (us-east-1 often has no
 * prefix), or the name after the region's billing prefix (`CAN1-`, `EU-`, `USE1-`) or after the
 * region code itself (`ca-central-1-KMS-Keys`). Anything else in front (`CAN1-TS-`, `CAN1-Outpost-`,
 * `CAN1-ExtendedSupportYr3-`, `CAN1-SpotUsage-`) is another charge that shares the name's tail.
 */
export function isUsageType(usagetype: string, name: string, region: string): boolean {
    if (usagetype === name) {
        return true;
    }
    if (!usagetype.endsWith(`-${name}`)) {
        return false;
    }
    const prefix = usagetype.slice(0, usagetype.length - name.length - 1);
    return prefix === region || /^[A-Z]{2,4}[0-9]{0,2}$/.test(prefix);
}

/** A USD rate found in the answer, with where it came from. */
export interface RateCandidate {
    readonly usd: number;
    readonly sku: string;
    readonly usagetype: string;
    readonly description: string;
    /** The first tier's range when the rate is tiered; absent for a flat rate. */
    readonly firstTier?: { readonly beginRange: string; readonly endRange: string };
    readonly publicationDate?: string;
    readonly effectiveDate?: string;
}

/**
 * The on-demand USD rates per `unit` of one product. A flat rate is one dimension; a tiered rate is
 * several, of which the first tier (beginRange 0) is taken, since the estimate prices small volumes.
 */
export function onDemandRates(product: PriceListProduct, unit: string): RateCandidate[] {
    return product.onDemand.flatMap((term) => {
        const priced = term.dimensions.filter((d) => d.unit === unit && d.pricePerUnit.USD !== undefined);
        const tiered = priced.length > 1;
        // Several dimensions that are not tiers would all start at 0: they stay candidates, so the
        // caller reports them as ambiguous instead of taking one.
        const chosen = tiered ? priced.filter((d) => Number(d.beginRange) === 0) : priced;
        return chosen.map((d) => ({
            usd: Number(d.pricePerUnit.USD),
            sku: product.sku,
            usagetype: product.attributes.usagetype ?? "(no usagetype)",
            description: d.description ?? "",
            ...(tiered ? { firstTier: { beginRange: d.beginRange ?? "?", endRange: d.endRange ?? "?" } } : {}),
            publicationDate: product.publicationDate,
            effectiveDate: term.effectiveDate,
        }));
    });
}

/** The units a product's on-demand dimensions are priced in, for an error that says what was there. */
export function onDemandUnits(product: PriceListProduct): string[] {
    return product.onDemand.flatMap((term) => term.dimensions.map((d) => d.unit));
}
