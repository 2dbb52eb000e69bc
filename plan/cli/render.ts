import { PlanDocument, PlanResource } from "../engine/contract";
import { renderCost } from "../cost/render-cost";
import { renderViolations } from "../policy/render-violations";
import { childrenByParent, physicalName, protectionFlags } from "../engine/resource-summary";

/**
 * The readable form of a plan: the component tree with each resource's physical name where it has
 * one, counts by type, the stack outputs, and what was not evaluated.
 */
export function renderPlan(plan: PlanDocument): string {
    const children = childrenByParent(plan.resources);
    const lines: string[] = [
        `Offline plan of ${plan.project}/${plan.stack}: the real program under Pulumi mocks; nothing was deployed.`,
        "",
    ];
    const walk = (parent: string | null, indent: string) => {
        const siblings = children.get(parent) ?? [];
        siblings.forEach((resource, index) => {
            const last = index === siblings.length - 1;
            const branch = parent === null ? "" : last ? "└─ " : "├─ ";
            lines.push(`${indent}${branch}${describeResource(resource)}`);
            walk(resource.urn, parent === null ? "" : indent + (last ? "   " : "│  "));
        });
    };
    walk(null, "");

    const counts = new Map<string, number>();
    for (const resource of plan.resources) {
        counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
    }
    const width = Math.max(...[...counts.values()].map((n) => String(n).length));
    lines.push("", "Resources by type:");
    for (const [type, n] of [...counts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        lines.push(`  ${String(n).padStart(width)}  ${type}`);
    }
    const custom = plan.resources.filter((r) => r.custom).length;
    lines.push(
        `  ${plan.resources.length} resources: ${custom} custom, ${plan.resources.length - custom} components and the stack`,
    );

    lines.push("", "Outputs:");
    for (const [key, value] of Object.entries(plan.outputs)) {
        lines.push(`  ${key}: ${JSON.stringify(value)}`);
    }
    lines.push(
        "",
        plan.policy.evaluated ? renderViolations(plan.policy.violations) : "Policy: not evaluated",
        renderCost(plan.cost),
    );
    return lines.join("\n") + "\n";
}

function describeResource(resource: PlanResource): string {
    const physical = physicalName(resource);
    const label = physical && physical !== resource.name ? ` (${physical})` : "";
    const flags = protectionFlags(resource).join(", ");
    return `${resource.type}  ${resource.name}${label}${flags ? `  [${flags}]` : ""}`;
}
