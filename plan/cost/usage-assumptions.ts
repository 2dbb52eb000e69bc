/**
 * The usage the estimate assumes for charges a plan cannot size (traffic, stored data, requests):
 * stated once, here, shown with every estimate, and overridable per run with
 * `npm run plan -- --stack S --usage KEY=VALUE`. The defaults are a small production-like month,
 * chosen to make the usage-driven lines visible, not measured from any running system.
 */

/** One assumed quantity: its default, the unit, and what it is a quantity of. */
export interface UsageAssumption {
    /** The default value. */
    readonly value: number;
    /** The unit, e.g. `GB per NAT gateway`. */
    readonly unit: string;
    /** What is assumed, for the reader. */
    readonly description: string;
}

/** The assumptions by key; the key is what `--usage` names. */
export const USAGE_ASSUMPTIONS = {
    natGbPerGateway: {
        value: 100,
        unit: "GB a month per NAT gateway",
        description: "data processed by each NAT gateway, all of it going out to the internet",
    },
    endpointGbPerEndpoint: {
        value: 5,
        unit: "GB a month per interface endpoint",
        description: "data processed by each interface endpoint",
    },
    logGbPerGroup: {
        value: 2,
        unit: "GB a month per log group",
        description: "log data ingested by each log group; stored for its retention period",
    },
    s3GbPerBucket: { value: 20, unit: "GB per bucket", description: "S3 Standard storage held by each bucket" },
    s3ReplicatedGbPerBucket: {
        value: 5,
        unit: "GB a month per replicated bucket",
        description: "new data replicated to another region by each bucket with a replication rule",
    },
    ecrGbPerRepository: { value: 2, unit: "GB per repository", description: "image storage of each ECR repository" },
    kmsRequestsPerKey: {
        value: 100_000,
        unit: "requests a month per key",
        description: "API requests to each customer managed key",
    },
    lcuPerLoadBalancer: {
        value: 1,
        unit: "LCU on average per load balancer",
        description: "load balancer capacity units consumed around the clock",
    },
} as const satisfies Readonly<Record<string, UsageAssumption>>;

/** The name of one assumption. */
export type UsageKey = keyof typeof USAGE_ASSUMPTIONS;

/** The assumed quantities of one estimate: the defaults with any overrides applied. */
export type Usage = Readonly<Record<UsageKey, number>>;

/** The assumptions as stated, with their default values. */
export const DEFAULT_USAGE: Usage = Object.fromEntries(
    Object.entries(USAGE_ASSUMPTIONS).map(([key, assumption]) => [key, assumption.value]),
) as Usage;

const isUsageKey = (key: string): key is UsageKey => Object.hasOwn(USAGE_ASSUMPTIONS, key);

/**
 * The defaults with `KEY=VALUE` overrides applied, later ones winning. Throws an Error naming the
 * bad override and the valid keys when a key is unknown or a value is not a number of 0 or more.
 */
export function resolveUsage(overrides: readonly string[]): Usage {
    const usage: Record<string, number> = { ...DEFAULT_USAGE };
    for (const override of overrides) {
        const split = override.indexOf("=");
        const key = split < 0 ? override : override.slice(0, split);
        const value = split < 0 ? NaN : Number(override.slice(split + 1));
        if (!isUsageKey(key)) {
            throw new Error(
                `--usage ${override}: unknown key ${key}; one of ${Object.keys(USAGE_ASSUMPTIONS).join(", ")}`,
            );
        }
        if (split < 0 || override.slice(split + 1).trim() === "" || !Number.isFinite(value) || value < 0) {
            throw new Error(
                `--usage ${override}: expected ${key}=<a number of 0 or more> (${USAGE_ASSUMPTIONS[key].unit})`,
            );
        }
        usage[key] = value;
    }
    return usage as Usage;
}
