/**
 * The diff of two plans, component by component: resources only one stack has, and for resources
 * both have, the curated settings whose values differ. Pure: plans in, diff out.
 */
import type { PlanDocument } from "../engine/contract";
import type { ComponentDiff, DiffResource, DiffValue, PlanDiff, SettingChange } from "./contract";
import { IndexedPlan, indexPlan, MatchedEntry } from "./match";
import { settingsOf } from "./settings";
import { diffCost, diffPolicy } from "./verdicts";

/**
 * A setting's value as the diff shows it: undefined becomes null, and ids and ARNs of the plan's
 * own resources become their logical names, so a reference to `cluster-ec2` reads the same in
 * every stack while a reference to something else (`FARGATE`) still differs.
 */
function comparable(value: unknown, references: ReadonlyMap<string, string>): DiffValue {
    if (value === undefined || value === null) return null;
    if (typeof value === "string") return references.get(value) ?? value;
    if (Array.isArray(value)) return value.map((item) => comparable(item, references));
    if (typeof value === "object") {
        return Object.fromEntries(
            Object.entries(value).map(([key, item]) => [key, comparable(item, references)] as const),
        );
    }
    return value as DiffValue;
}

/** The curated settings in which two matched resources differ. */
function changesOf(from: MatchedEntry, fromPlan: IndexedPlan, to: MatchedEntry, toPlan: IndexedPlan): SettingChange[] {
    const changes: SettingChange[] = [];
    for (const [setting, read] of settingsOf(from.resource.type)) {
        const before = comparable(read(from.resource, fromPlan.plan), fromPlan.references);
        const after = comparable(read(to.resource, toPlan.plan), toPlan.references);
        if (JSON.stringify(before) !== JSON.stringify(after)) {
            changes.push({ resource: from.name, type: from.resource.type, setting, from: before, to: after });
        }
    }
    return changes;
}

const described = (entry: MatchedEntry): DiffResource => ({ resource: entry.name, type: entry.resource.type });

/**
 * Compares the plan of one stack with another's. Components are matched by the same rule as
 * resources, and each resource is reported under the component it belongs to (in `from` when
 * both have it).
 */
export function diffPlans(from: PlanDocument, to: PlanDocument): PlanDiff {
    const before = indexPlan(from);
    const after = indexPlan(to);
    // Every section up front, in the order the components register (from's, then to's own), so the
    // diff reads in the plans' order rather than in the order of each component's first child.
    const sections = new Map<string, { changes: SettingChange[]; onlyFrom: DiffResource[]; onlyTo: DiffResource[] }>();
    for (const entry of [...before.entries, ...after.entries]) {
        for (const key of entry.resource.custom ? [entry.section] : [entry.key, entry.section]) {
            if (!sections.has(key)) sections.set(key, { changes: [], onlyFrom: [], onlyTo: [] });
        }
    }
    const sectionOf = (entry: MatchedEntry) => sections.get(entry.section)!;

    for (const entry of before.entries) {
        const match = after.byKey.get(entry.key);
        if (match) sectionOf(entry).changes.push(...changesOf(entry, before, match, after));
        else sectionOf(entry).onlyFrom.push(described(entry));
    }
    for (const entry of after.entries) {
        if (!before.byKey.has(entry.key)) sectionOf(entry).onlyTo.push(described(entry));
    }

    const components: ComponentDiff[] = [];
    for (const [key, section] of sections) {
        if (section.changes.length + section.onlyFrom.length + section.onlyTo.length === 0) continue;
        const component = (before.byKey.get(key) ?? after.byKey.get(key))!;
        // Two plans of one stack (different config) share a key: their lists are then merged.
        const onlyIn: Record<string, DiffResource[]> = { [from.stack]: section.onlyFrom };
        onlyIn[to.stack] = [...(onlyIn[to.stack] ?? []), ...section.onlyTo];
        components.push({ component: component.name, type: component.resource.type, changes: section.changes, onlyIn });
    }
    return {
        from: from.stack,
        to: to.stack,
        components,
        policy: diffPolicy(from.policy, to.policy),
        cost: diffCost(from.cost, to.cost),
    };
}
