/**
 * The real Price List API client for `npm run prices`: @aws-sdk/client-pricing behind the small
 * PriceListClient interface the refresh takes. Kept apart from the CLI so that parsing arguments and
 * checking the region never load the SDK, and tests never reach it.
 */
import { GetProductsCommand, PricingClient } from "@aws-sdk/client-pricing";
import { UsageError } from "../engine/stack-files";
import type { PriceListClient } from "./refresh-prices";

/**
 * Where the Price List API is called. It has endpoints in only a few regions (us-east-1 among them)
 * and each prices every region, so the priced region plays no part here.
 */
export const PRICING_ENDPOINT_REGION = "us-east-1";

/**
 * A client on the default AWS credential chain (environment, profile, SSO, ...). Resolves the
 * credentials first, so that having none is one clear line (exit 2) rather than an SDK stack trace
 * on the first call.
 */
export async function connectPriceList(): Promise<PriceListClient> {
    // The SDK warns on Node below 22 that its releases after January 2027 will need 22. The version
    // here is pinned and supports the project's Node 20.19, and the notice would break the CLI's
    // one-line stderr; it stays available by setting the variable to "false".
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
    const client = new PricingClient({ region: PRICING_ENDPOINT_REGION });
    try {
        await client.config.credentials();
    } catch (err) {
        const reason = (err instanceof Error ? err.message : String(err)).split("\n")[0];
        throw new UsageError(
            `no AWS credentials (${reason}); set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY for a principal allowed pricing:GetProducts`,
        );
    }
    return {
        async getProducts(input) {
            const answer = await client.send(new GetProductsCommand({ ...input, Filters: [...input.Filters] }));
            return { PriceList: entriesAsStrings(answer.PriceList), NextToken: answer.NextToken };
        },
    };
}

/** The SDK types PriceList loosely (strings, or lazily parsed JSON strings); the refresh reads text. */
function entriesAsStrings(list: unknown): string[] {
    if (!Array.isArray(list)) {
        return [];
    }
    return list.map((entry: unknown) =>
        typeof entry === "string" || entry instanceof String ? entry.toString() : JSON.stringify(entry),
    );
}
