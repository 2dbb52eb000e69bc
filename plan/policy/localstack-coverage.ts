import { NO_AWS_API_PREFIXES, RESOURCE_SERVICES, ResourceService } from "../../facts/aws/resource-services";
import { LOCALSTACK_COVERAGE, LOCALSTACK_PLANS, LocalStackPlan } from "../../facts/localstack-coverage";

/**
 * The AWS API behind a resource type: its row of RESOURCE_SERVICES (an exact token first, then
 * its module prefix), `null` for a type that calls no AWS API, `undefined` for a type with no row.
 */
export function serviceOfType(type: string): ResourceService | null | undefined {
    if (NO_AWS_API_PREFIXES.some((prefix) => type.startsWith(prefix))) {
        return null;
    }
    return (
        RESOURCE_SERVICES.find((row) => row.types === type) ??
        RESOURCE_SERVICES.find((row) => row.types.endsWith("/") && type.startsWith(row.types))
    );
}

/** Whether LocalStack's `plan` emulates `service` (plans include every service of those below). */
function planCovers(plan: LocalStackPlan, service: string): boolean {
    const minimum = LOCALSTACK_COVERAGE.find((row) => row.service === service)?.minimumPlan;
    return minimum !== undefined && LOCALSTACK_PLANS.indexOf(minimum) <= LOCALSTACK_PLANS.indexOf(plan);
}

/**
 * Every resource type among `types` that LocalStack's `plan` cannot create, one sentence each
 * (empty when it can create them all): a type whose API no row names, an API with no coverage row,
 * or an API the plan does not emulate.
 */
export function localstackCoverageProblems(types: readonly string[], plan: LocalStackPlan): string[] {
    const problems: string[] = [];
    for (const type of [...new Set(types)].sort()) {
        const row = serviceOfType(type);
        if (row === null) {
            continue;
        }
        if (row === undefined) {
            problems.push(
                `${type}: no row says which AWS API it calls; add one to facts/aws/resource-services.ts, with its source`,
            );
            continue;
        }
        const coverage = LOCALSTACK_COVERAGE.find((c) => c.service === row.service);
        if (coverage === undefined) {
            problems.push(
                `${type}: calls ${row.service}, which facts/localstack-coverage.ts does not list; look up the LocalStack plan that emulates it and add a row with its source`,
            );
        } else if (!planCovers(plan, row.service)) {
            const emulatedBy =
                coverage.minimumPlan === undefined
                    ? "which no LocalStack plan emulates"
                    : `which LocalStack emulates only from its ${coverage.minimumPlan} plan`;
            problems.push(
                `${type}: calls ${row.service}, ${emulatedBy} (${coverage.source}), so ${plan} cannot create it; turn it off in the local profile (stacks/profiles.ts)`,
            );
        }
    }
    return problems;
}

/**
 * Every AWS API the resource `types` call that none of the provider's `endpointKeys` redirects,
 * one sentence each: such calls would leave LocalStack for the real AWS endpoint.
 */
export function endpointProblems(types: readonly string[], endpointKeys: readonly string[]): string[] {
    const services = new Map<string, ResourceService>();
    for (const type of types) {
        const row = serviceOfType(type);
        if (row) {
            services.set(row.service, row);
        }
    }
    return [...services.values()]
        .filter((row) => !row.endpointKeys.some((key) => endpointKeys.includes(key)))
        .map(
            (row) =>
                `${row.service}: the local provider's endpoints redirect none of ${row.endpointKeys.join(", ")}; add ${row.endpointKeys[0]} to LOCALSTACK_SERVICES (components/aws-provider.ts)`,
        )
        .sort();
}
