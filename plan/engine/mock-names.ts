import { AutoNameRule, RESOURCE_NAMES } from "../../facts/aws/resource-names";
import { stableHex } from "./stable-hex";

/**
 * Physical names as the offline plan gives them, following pulumi-aws's auto-naming as
 * facts/aws/resource-names.ts records it, and the name the provider's Check puts into the inputs
 * (a real preview shows it there, and the policy pack reads it there).
 */

/** What the mocks know of one resource when they name it. */
interface NamedContext {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
}

/** The input holding the physical name of `type`, if it has one. */
export function nameInputOf(type: string): string | undefined {
    return RESOURCE_NAMES[type]?.input;
}

/**
 * The provider's auto-name: the logical name (lowercased where the provider lowercases), the
 * separator and stable stand-ins for its random hex digits. Like the bridge
 * (`resource.NewUniqueName`), a name that cannot fit is an error, never a truncation.
 */
function autoName(ctx: NamedContext, rule: AutoNameRule): string {
    const base = `${rule.lowercase === true ? ctx.name.toLowerCase() : ctx.name}${rule.separator}`;
    if (base.length + rule.randomLength > rule.maxLength) {
        throw new Error(
            `could not make instance of '${ctx.type}': name '${base}' plus ${rule.randomLength} random chars is longer than maximum length ${rule.maxLength}`,
        );
    }
    return `${rule.prepend ?? ""}${base}${stableHex(rule.randomLength, ctx.type, ctx.name)}`;
}

/**
 * The physical name the provider would use: the given name; with a prefix input, the prefix and
 * Terraform's 26-character suffix; else the auto-name. Types without a name of their own get the
 * logical name and 7 hex digits, which only ids and ARNs use.
 */
export function physicalNameOf(ctx: NamedContext): string {
    const rule = RESOURCE_NAMES[ctx.type];
    const given = rule?.input === undefined ? undefined : ctx.inputs[rule.input];
    if (typeof given === "string") {
        return given;
    }
    const prefix = rule?.prefix === undefined ? undefined : ctx.inputs[rule.prefix.input];
    if (typeof prefix === "string") {
        return `${prefix}${stableHex(26, ctx.type, ctx.name)}`;
    }
    if (rule?.input !== undefined && rule.autoName !== undefined) {
        return autoName(ctx, rule.autoName);
    }
    return `${ctx.name}-${stableHex(7, ctx.type, ctx.name)}`;
}

/**
 * The inputs as the provider's Check returns them: an auto-name is filled in (as a real preview
 * shows it), a name left to a prefix is not (Terraform picks it at create, unknown at preview).
 */
export function checkedInputs(
    type: string,
    inputs: Record<string, unknown>,
    outputs: Record<string, unknown>,
): Record<string, unknown> {
    const rule = RESOURCE_NAMES[type];
    if (rule?.input === undefined || rule.autoName === undefined || inputs[rule.input] !== undefined) {
        return inputs;
    }
    if (rule.prefix !== undefined && inputs[rule.prefix.input] !== undefined) {
        return inputs;
    }
    const named = outputs[rule.input];
    return typeof named === "string" ? { ...inputs, [rule.input]: named } : inputs;
}
