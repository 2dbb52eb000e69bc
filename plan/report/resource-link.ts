/**
 * Links from the policy and cost tables to a resource's row in the resources section, so a reader
 * goes from a finding or a price to the resource's settings in one click, within the page.
 */
import type { PlanDocument } from "../engine/contract";
import { html, Markup } from "./markup";

/** The element id of a resource's entry: its index in the plan, since a URN is long and full of `:`. */
export function resourceId(plan: PlanDocument, urn: string): string | undefined {
    const index = plan.resources.findIndex((resource) => resource.urn === urn);
    return index < 0 ? undefined : `resource-${index}`;
}

/** `text` linked to the resource's entry; the URN as it is when the plan has no such resource. */
export function resourceLink(plan: PlanDocument, urn: string | null, text?: string): Markup {
    if (urn === null) return html`<span class="none">(the stack as a whole)</span>`;
    const id = resourceId(plan, urn);
    const resource = plan.resources.find((r) => r.urn === urn);
    const label = text ?? resource?.name ?? urn;
    return id ? html`<a href="#${id}">${label}</a>` : html`${label}`;
}
