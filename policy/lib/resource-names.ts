import { ResourceNameRule, RESOURCE_NAMES } from "../../facts/aws/resource-names";
import { Props } from "../../lib/relations/resource-shape";

/**
 * Checks a resource's physical name against what AWS accepts for its type
 * (facts/aws/resource-names.ts): length, characters, case, refused forms, and the prefix input's
 * own limit. Each problem says what is wrong, what was found and what to set.
 */

/** The type token's last part, the name people know the resource by (`TargetGroup`). */
function kindOf(type: string): string {
    return type.split(":").pop() ?? type;
}

function escaped(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** Whether `value` is the provider's auto-name for `logicalName` (the name Check filled in). */
function isAutoName(rule: ResourceNameRule, value: string, logicalName: string): boolean {
    const auto = rule.autoName;
    if (auto === undefined) {
        return false;
    }
    const base = auto.lowercase === true ? logicalName.toLowerCase() : logicalName;
    return new RegExp(
        `^${escaped(auto.prepend ?? "")}${escaped(base)}${escaped(auto.separator)}[0-9a-f]{${auto.randomLength}}$`,
    ).test(value);
}

/** How long the logical name may be for its auto-name to fit `max`. */
function logicalLimit(rule: ResourceNameRule, max: number): number {
    const auto = rule.autoName;
    return max - (auto?.prepend?.length ?? 0) - (auto?.separator.length ?? 0) - (auto?.randomLength ?? 0);
}

/** The problems of one given (or auto-filled) name. */
function valueProblems(
    rule: ResourceNameRule,
    type: string,
    input: string,
    value: string,
    logicalName: string,
): string[] {
    const auto = isAutoName(rule, value, logicalName);
    const found = auto
        ? `${input} is "${value}" (the provider's auto-name from the logical name "${logicalName}")`
        : `${input} is "${value}"`;
    const kind = kindOf(type);
    const problems: string[] = [];
    const min = rule.minLength ?? 1;
    const max = rule.maxLength;
    if (max !== undefined && value.length > max) {
        problems.push(
            auto
                ? `${found}, ${value.length} characters; AWS accepts at most ${max} for a ${kind}: shorten the logical name to at most ${logicalLimit(rule, max)} characters, or set ${input} to at most ${max}`
                : `${found}, ${value.length} characters; AWS accepts at most ${max} for a ${kind}: set ${input} to at most ${max} characters`,
        );
    }
    if (value.length < min) {
        problems.push(
            `${found}, ${value.length} characters; AWS accepts at least ${min} for a ${kind}: set ${input} to at least ${min} characters`,
        );
    }
    if (rule.lowercase === true && value !== value.toLowerCase()) {
        problems.push(
            auto
                ? `${found}, with uppercase letters; AWS accepts only lowercase for a ${kind}: give the resource a lowercase logical name, or set ${input} in lowercase`
                : `${found}, with uppercase letters; AWS accepts only lowercase for a ${kind}: set ${input} in lowercase`,
        );
    } else if (rule.pattern !== undefined && !rule.pattern.test(value)) {
        problems.push(
            `${found}, with characters AWS refuses for a ${kind}: set ${input} using only ${rule.allowed ?? rule.pattern.source}`,
        );
    }
    for (const form of rule.forbidden ?? []) {
        if (form.pattern.test(value)) {
            problems.push(`${found}, but a ${kind} name ${form.says}: set another ${input}`);
        }
    }
    return problems;
}

/**
 * The name problems of a resource of `type` with inputs `props` and logical name `logicalName`.
 * A name that is unset or not yet known (an output of another resource, at preview) is not judged:
 * a real preview's inputs always carry the auto-name, as the provider's Check fills it in.
 */
export function nameProblems(type: string, props: Props, logicalName: string): string[] {
    const rule = RESOURCE_NAMES[type];
    if (rule?.input === undefined) {
        return [];
    }
    const problems: string[] = [];
    const prefix = rule.prefix === undefined ? undefined : props[rule.prefix.input];
    if (rule.prefix !== undefined && typeof prefix === "string" && prefix.length > rule.prefix.maxLength) {
        problems.push(
            `${rule.prefix.input} is "${prefix}", ${prefix.length} characters; a ${kindOf(type)} takes a prefix of at most ${rule.prefix.maxLength} (the generated name must fit AWS's ${rule.maxLength}): set ${rule.prefix.input} to at most ${rule.prefix.maxLength} characters`,
        );
    }
    const value = props[rule.input];
    if (typeof value === "string") {
        problems.push(...valueProblems(rule, type, rule.input, value, logicalName));
    }
    return problems;
}

/** Whether the rule has anything to check on `type`: the table gives it a name input. */
export function hasNameRule(type: string): boolean {
    return RESOURCE_NAMES[type]?.input !== undefined;
}
