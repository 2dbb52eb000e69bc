/**
 * The resources section of the report: one entry per component (the stack, our components, awsx's
 * remote ones), in the order of the component tree, each with the custom resources it owns: type,
 * logical and physical name, key settings and data-protection flags.
 */
import type { PlanDocument, PlanResource } from "../engine/contract";
import { childrenByParent, keySettings, physicalName, protectionFlags } from "../engine/resource-summary";
import { html, Markup } from "./markup";
import { resourceId } from "./resource-link";

/** A component, the components above it, and the custom resources it owns. */
interface ComponentEntry {
    readonly component: PlanResource;
    readonly ancestors: readonly PlanResource[];
    readonly owned: readonly PlanResource[];
}

/**
 * The components depth-first. A custom resource parented to another custom resource is listed
 * with the nearest component above it, so every custom resource appears exactly once.
 */
function componentEntries(plan: PlanDocument): ComponentEntry[] {
    const children = childrenByParent(plan.resources);
    const entries: ComponentEntry[] = [];
    const ownedBy = (parent: PlanResource): PlanResource[] =>
        (children.get(parent.urn) ?? []).filter((r) => r.custom).flatMap((r) => [r, ...ownedBy(r)]);
    const visit = (resource: PlanResource, ancestors: readonly PlanResource[]): void => {
        if (resource.custom) return;
        entries.push({ component: resource, ancestors, owned: ownedBy(resource) });
        for (const child of children.get(resource.urn) ?? []) visit(child, [...ancestors, resource]);
    };
    for (const root of children.get(null) ?? []) visit(root, []);
    return entries;
}

/** The last part of a type token: `fraud-detector:data:Database` → `Database`. */
const typeLabel = (type: string): string => type.slice(type.lastIndexOf(":") + 1);

function settingsList(resource: PlanResource): Markup | null {
    const settings = keySettings(resource);
    if (settings.length === 0) return null;
    return html`<ul class="settings">
        ${settings.map(({ key, value }) => html`<li><span class="key">${key}</span> ${value}</li>`)}
    </ul>`;
}

function resourceRow(plan: PlanDocument, resource: PlanResource): Markup {
    const flags = protectionFlags(resource);
    return html`<tr id="${resourceId(plan, resource.urn)}">
        <td><code>${resource.type}</code></td>
        <td>${resource.name}</td>
        <td>${physicalName(resource) ?? html`<span class="none">set at deploy</span>`}</td>
        <td>${settingsList(resource)}</td>
        <td>${flags.length > 0 ? flags.map((flag) => html`<span class="flag">${flag}</span>`) : null}</td>
    </tr>`;
}

function ownedTable(plan: PlanDocument, entry: ComponentEntry): Markup {
    if (entry.owned.length === 0) {
        return html`<p class="none">
            No custom resources of its own in the
            plan${
                entry.component.type.startsWith("awsx:")
                    ? ": a remote component, whose children its provider creates at deploy time"
                    : ""
            }.
        </p>`;
    }
    return html`<table class="owned">
        <thead>
            <tr>
                <th scope="col">Type</th>
                <th scope="col">Name</th>
                <th scope="col">Physical name</th>
                <th scope="col">Key settings</th>
                <th scope="col">Protection</th>
            </tr>
        </thead>
        <tbody>
            ${entry.owned.map((resource) => resourceRow(plan, resource))}
        </tbody>
    </table>`;
}

function componentEntry(plan: PlanDocument, entry: ComponentEntry): Markup {
    const { component, ancestors } = entry;
    const path = ancestors.map((a) => `${typeLabel(a.type)} ${a.name}`).join(" › ");
    return html`<section class="component" id="${resourceId(plan, component.urn)}" data-urn="${component.urn}">
        <h3>${typeLabel(component.type)} <code>${component.name}</code></h3>
        <p class="path"><code>${component.type}</code>${path ? html` in ${path}` : null}</p>
        ${settingsList(component)} ${ownedTable(plan, entry)}
    </section>`;
}

/** The `#resources` section. */
export function resourcesSection(plan: PlanDocument): Markup {
    const entries = componentEntries(plan);
    const custom = plan.resources.filter((r) => r.custom).length;
    return html`<section id="resources" aria-labelledby="resources-title">
        <h2 id="resources-title">Resources by component</h2>
        <p class="lede">
            ${plan.resources.length} resources: ${custom} custom resources in ${entries.length} components (the stack
            included).
        </p>
        ${entries.map((entry) => componentEntry(plan, entry))}
    </section>`;
}
