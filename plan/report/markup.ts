/**
 * HTML built through one template tag that escapes every value it is given, so that a resource
 * name, an input or a policy message can never turn into markup: only the literal parts of an
 * `html` template, and markup wrapped on purpose with `trustedMarkup`, reach the page unescaped.
 */

const ESCAPES: Readonly<Record<string, string>> = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
};

/** A piece of HTML that may be inserted as it is: made by `html` or `trustedMarkup` only. */
export class Markup {
    /** @param text markup that is already safe */
    constructor(private readonly text: string) {}

    /** The markup itself. */
    toString(): string {
        return this.text;
    }
}

/** What a template value may be: markup, text to escape, nothing (left out), or a list of these. */
export type Fragment = Markup | string | number | null | undefined | false | readonly Fragment[];

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

function fragmentText(value: Fragment): string {
    if (value instanceof Markup) return value.toString();
    if (Array.isArray(value)) return (value as readonly Fragment[]).map(fragmentText).join("");
    if (value === null || value === undefined || value === false) return "";
    return escapeHtml(String(value));
}

/**
 * Template tag for HTML: the template's literal text is markup, every `${value}` is escaped unless
 * it is `Markup`; lists are joined and `null`, `undefined` and `false` leave nothing, so optional
 * parts can be written inline.
 */
export function html(strings: TemplateStringsArray, ...values: readonly Fragment[]): Markup {
    return new Markup(strings.reduce((out, literal, index) => out + fragmentText(values[index - 1]) + literal));
}

/**
 * Marks markup made by another renderer as safe to insert unescaped. Only for markup that the
 * program itself produced with its own escaping (the architecture SVG), never for plan values.
 */
export function trustedMarkup(text: string): Markup {
    return new Markup(text);
}
