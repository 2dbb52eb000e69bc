import { PlanDocument, PlanResource } from "./contract";

/** What the instrumented mock monitor captured for one registration (URNs as the mocks made them). */
export interface Registration {
    readonly mockUrn: string;
    readonly type: string;
    readonly name: string;
    readonly mockParent: string | null;
    readonly custom: boolean;
    readonly remote: boolean;
    readonly id: string | null;
    readonly inputs: Record<string, unknown>;
    readonly state: Record<string, unknown>;
    readonly protect: boolean;
    readonly retainOnDelete: boolean;
    /** The `ignoreChanges` option, as registered. */
    readonly ignoreChanges?: readonly string[];
    readonly mockDependencies: readonly string[];
    readonly mockPropertyDependencies: Readonly<Record<string, readonly string[]>>;
    readonly mockProvider: string | null;
}

/** The signature keys Pulumi's wire format marks special values with (`@pulumi/pulumi/runtime/rpc`). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** A value in Pulumi's wire form of a secret: what the engine would make of a secret output. */
export function asSecret(value: unknown): Record<string, unknown> {
    return { [SIG_KEY]: SECRET_SIG, value };
}

/** What a secret value is replaced with in the plan: the plan never prints one. */
export const SECRET_PLACEHOLDER = "[secret]";

const STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * Assembles the plan document: URNs recomputed from the full parent chain (the mocks keep only the
 * last parent type), references mapped to those URNs, secrets masked, resource references shown as
 * their URNs.
 */
export function buildDocument(
    project: string,
    stack: string,
    registrations: readonly Registration[],
    componentOutputs: ReadonlyMap<string, Record<string, unknown>>,
    stackOutputs: Record<string, unknown>,
): PlanDocument {
    const urns = new Map<string, string>();
    const qualifiedTypes = new Map<string, string>();
    for (const reg of registrations) {
        const parentType = reg.mockParent ? qualifiedTypes.get(reg.mockParent) : undefined;
        // Like the engine, children of the stack itself are not qualified by the stack's type.
        const qualified =
            parentType === undefined || parentType === STACK_TYPE ? reg.type : `${parentType}$${reg.type}`;
        qualifiedTypes.set(reg.mockUrn, qualified);
        urns.set(reg.mockUrn, `urn:pulumi:${stack}::${project}::${qualified}::${reg.name}`);
    }
    const urnOf = (mockUrn: string) => urns.get(mockUrn) ?? mockUrn;
    const clean = (value: unknown) => sanitize(value, urnOf);

    const resources: PlanResource[] = registrations.map((reg) => ({
        urn: urnOf(reg.mockUrn),
        type: reg.type,
        name: reg.name,
        parent: reg.mockParent ? urnOf(reg.mockParent) : null,
        custom: reg.custom,
        id: reg.id,
        inputs: clean(reg.inputs) as Record<string, unknown>,
        outputs: clean(reg.custom || reg.remote ? reg.state : (componentOutputs.get(reg.mockUrn) ?? {})) as Record<
            string,
            unknown
        >,
        options: {
            protect: reg.protect,
            retainOnDelete: reg.retainOnDelete,
            ignoreChanges: [...(reg.ignoreChanges ?? [])],
            dependsOn: [...new Set(reg.mockDependencies.map(urnOf))].sort(),
            provider: reg.mockProvider ? providerRef(reg.mockProvider, urnOf) : null,
            propertyDependencies: Object.fromEntries(
                Object.entries(reg.mockPropertyDependencies)
                    .filter(([, urnList]) => urnList.length > 0)
                    .sort(([a], [b]) => a.localeCompare(b))
                    .map(([key, urnList]) => [key, [...new Set(urnList.map(urnOf))].sort()]),
            ),
        },
    }));
    return {
        project,
        stack,
        resources,
        outputs: clean(stackOutputs) as Record<string, unknown>,
        policy: { evaluated: false, violations: [] },
        cost: { currency: "USD", evaluated: false, monthly: null, items: [] },
    };
}

/** A provider reference is `<urn>::<id>`; the URN part is mapped like any other. */
function providerRef(ref: string, urnOf: (mockUrn: string) => string): string {
    const split = ref.lastIndexOf("::");
    return split < 0 ? ref : `${urnOf(ref.slice(0, split))}::${ref.slice(split + 2)}`;
}

/**
 * Makes a captured value safe and readable: secrets become `[secret]`, resource references their
 * URN, SDK resource objects (stack outputs) their URN, and undefined properties disappear.
 */
function sanitize(value: unknown, urnOf: (mockUrn: string) => string): unknown {
    if (Array.isArray(value)) {
        return value.map((item) => sanitize(item, urnOf));
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) {
        return SECRET_PLACEHOLDER;
    }
    if (record[SIG_KEY] === RESOURCE_SIG && typeof record.urn === "string") {
        return urnOf(record.urn);
    }
    if (typeof (record as { getProvider?: unknown }).getProvider === "function" && "urn" in record) {
        // A Resource object among stack outputs: shown by reference, never expanded.
        return "[resource]";
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) {
        if (item !== undefined) {
            out[key] = sanitize(item, urnOf);
        }
    }
    return out;
}
