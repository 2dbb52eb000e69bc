import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { PROFILES } from "./profiles";
import {
    ENVIRONMENT_SHORT_NAMES,
    ENVIRONMENTS,
    Environment,
    PROJECT,
    REGION,
    SECRET_KEYS,
    StackSettings,
    stackConfigSchema,
} from "./schema";

/**
 * Bad stack configuration: one line per problem, each naming the key, the value given and what is
 * allowed. A `RunError`, so `pulumi up` prints the lines without a stack trace.
 */
export class ConfigError extends pulumi.RunError {
    /** Each problem, as `<key>: <value> is not allowed; <what is allowed>`. */
    public readonly problems: readonly string[];

    constructor(problems: string[]) {
        super(problems.join("\n"));
        this.name = "ConfigError";
        this.problems = problems;
    }
}

/** A stack's validated, frozen configuration: its name plus the settings of its environment. */
export type StackConfig = Readonly<
    StackSettings & {
        project: typeof PROJECT;
        stack: string;
        region: typeof REGION;
        /** Prefix of physical names, as the guide writes them: `fraud-detector-prod`, `fraud-detector-staging`. */
        namePrefix: string;
    }
>;

/** The raw config the Pulumi engine hands the program: namespaced keys, structured values as JSON. */
export interface RawConfig {
    /** `namespace:key` to value; objects and arrays are JSON strings, as Pulumi stores them. */
    readonly values: Readonly<Record<string, string>>;
    /** Keys whose values were set with `--secret` (Pulumi's `PULUMI_CONFIG_SECRET_KEYS`). */
    readonly secretKeys: readonly string[];
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const PREFIX = `${PROJECT}:`;

/** Renders a config path the way `pulumi config set --path` writes it: `a.b[0].c`. */
function keyOf(path: ReadonlyArray<PropertyKey>): string {
    return path.reduce<string>(
        (key, part) =>
            typeof part === "number"
                ? `${key}[${part}]`
                : key === PREFIX
                  ? `${key}${String(part)}`
                  : `${key}.${String(part)}`,
        PREFIX,
    );
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
    return path.reduce<unknown>(
        (node, part) =>
            node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[part] : undefined,
        root,
    );
}

function render(value: unknown): string {
    return value === undefined ? "missing" : JSON.stringify(value);
}

function problem(path: ReadonlyArray<PropertyKey>, value: unknown, allowed: string): string {
    return value === undefined
        ? `${keyOf(path)}: missing; ${allowed}`
        : `${keyOf(path)}: ${render(value)} is not allowed; ${allowed}`;
}

/** Pulumi stores structured values as JSON strings; scalars stay strings. */
function parseValue(text: string): Json {
    if (/^\s*[[{]/.test(text)) {
        try {
            return JSON.parse(text) as Json;
        } catch {
            return text;
        }
    }
    return text;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Deep merge for config: objects merge key by key, anything else (arrays included) replaces. */
function mergeSettings(base: unknown, override: unknown): unknown {
    if (isObject(base) && isObject(override)) {
        const merged: Record<string, unknown> = { ...base };
        for (const [key, value] of Object.entries(override)) {
            merged[key] = mergeSettings(base[key], value);
        }
        return merged;
    }
    return override === undefined ? base : override;
}

function deepFreeze<T>(value: T): T {
    if (value !== null && typeof value === "object") {
        Object.values(value).forEach(deepFreeze);
        Object.freeze(value);
    }
    return value;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string[] {
    // Unknown keys are usually typos, so the message lists the keys that exist there.
    if (issue.code === "unrecognized_keys") {
        const shape = shapeAt(issue.path);
        return issue.keys.map(
            (key) => `${keyOf([...issue.path, key])}: unknown key; allowed keys: ${shape.join(", ")}`,
        );
    }
    return [problem(issue.path, valueAt(input, issue.path), issue.message)];
}

/** An optional section's own schema, so its keys can be listed like a required one's. */
function unwrapOptional(schema: unknown): unknown {
    const def = (schema as { def?: { type?: string; innerType?: unknown } } | undefined)?.def;
    return def?.type === "optional" ? def.innerType : schema;
}

function shapeAt(path: ReadonlyArray<PropertyKey>): string[] {
    let schema: unknown = stackConfigSchema;
    for (const part of path) {
        const shape = (unwrapOptional(schema) as { shape?: Record<string, unknown> }).shape;
        schema = shape?.[String(part)];
    }
    return Object.keys((unwrapOptional(schema) as { shape?: Record<string, unknown> } | undefined)?.shape ?? {});
}

/**
 * Turns the raw config of one stack into its validated settings: reads the environment, lays the
 * stack file's values over that environment's profile, checks everything, and freezes the result.
 * Throws a `ConfigError` listing every problem; nothing else is thrown, and no Pulumi resource is
 * touched, so a bad value stops the program before the first resource exists.
 */
export function resolveStackConfig(stack: string, raw: RawConfig): StackConfig {
    const problems: string[] = [];
    const user: Record<string, Json> = {};
    for (const [key, text] of Object.entries(raw.values)) {
        if (!key.startsWith(PREFIX)) {
            continue;
        }
        const name = key.slice(PREFIX.length);
        const value = parseValue(text);
        // Pulumi.yaml declares optional keys with empty defaults ("" or {}); empty means "not set".
        if (value === "" || (isObject(value) && Object.keys(value).length === 0)) {
            continue;
        }
        if (SECRET_KEYS.includes(name) && !raw.secretKeys.includes(key)) {
            problems.push(
                `${key}: a plain-text value is not allowed for a secret; remove it from the stack file and run \`pulumi config set --secret ${key} <value>\``,
            );
            continue;
        }
        user[name] = value;
    }

    const region = raw.values["aws:region"];
    if (region !== undefined && region !== REGION) {
        problems.push(`aws:region: ${render(region)} is not allowed; the platform runs only in ${REGION}`);
    }

    const environment = user.environment;
    if (typeof environment !== "string" || !(ENVIRONMENTS as readonly string[]).includes(environment)) {
        problems.push(problem(["environment"], environment, `expected one of ${ENVIRONMENTS.join(", ")}`));
        throw new ConfigError(problems);
    }

    const merged = mergeSettings(PROFILES[environment as Environment], user);
    const parsed = stackConfigSchema.safeParse(merged);
    if (!parsed.success) {
        problems.push(...parsed.error.issues.flatMap((issue) => describeIssue(issue, merged)));
    }
    if (problems.length > 0 || !parsed.success) {
        throw new ConfigError(problems);
    }
    const namePrefix = `${PROJECT}-${ENVIRONMENT_SHORT_NAMES[parsed.data.environment]}`;
    return deepFreeze({
        ...parsed.data,
        project: PROJECT,
        stack,
        region: REGION,
        namePrefix,
    });
}
