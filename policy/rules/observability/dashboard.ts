import { asList, MASKED, ofType, shown } from "../../../lib/relations/resources";
import { GUIDE_REGION } from "../../../facts/guide/region";
import { GUIDE_SERVICE_NAMES } from "../../../facts/guide/services";
import { Rule, stackEnvironment, stackRule } from "../../lib/rule";

const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const ECS_SERVICE = "aws:ecs/service:Service";
const REGION = GUIDE_REGION;
/** The service the guide's dashboard widget charts. */
const API_SERVICE = GUIDE_SERVICE_NAMES.api;

/** A dashboard's metric rows with CloudWatch's "." shorthand (same as the row above) filled in. */
function metricRows(metrics: unknown): string[][] {
    const rows: string[][] = [];
    for (const raw of asList(metrics as unknown[])) {
        if (!Array.isArray(raw)) {
            continue;
        }
        const previous = rows[rows.length - 1] ?? [];
        const row = raw.filter((part): part is string => typeof part === "string");
        rows.push(row.map((part, i) => (part === "." ? (previous[i] ?? part) : part)));
    }
    return rows;
}

/** Whether a parsed dashboard body charts `metric` of the fraud-api ECS service in ca-central-1. */
function chartsApiMetric(body: unknown, metric: string): boolean {
    const widgets = asList((body as { widgets?: unknown[] } | null)?.widgets);
    return widgets.some((widget) => {
        const properties = ((widget ?? {}) as { properties?: Record<string, unknown> }).properties ?? {};
        return (
            properties.region === REGION &&
            metricRows(properties.metrics).some(
                (row) =>
                    row[0] === "AWS/ECS" &&
                    row[1] === metric &&
                    // Dimensions follow as name/value pairs from index 2.
                    row.some(
                        (part, i) => i >= 2 && i % 2 === 0 && part === "ServiceName" && row[i + 1] === API_SERVICE,
                    ),
            )
        );
    });
}

/** The dashboard name the guide uses in production, by environment for the others. */
function dashboardNameFor(environment: string): string {
    return `FraudDetector-${environment[0].toUpperCase()}${environment.slice(1)}`;
}

/** What a dashboard's body lacks; nothing when it cannot be read yet. */
function dashboardProblems(name: string, rawBody: unknown): string[] {
    if (rawBody === undefined) {
        return [`dashboard ${name} has no dashboardBody; chart the guide's metrics`];
    }
    if (rawBody === MASKED) {
        return [];
    }
    let body: unknown = rawBody;
    if (typeof rawBody === "string") {
        try {
            body = JSON.parse(rawBody);
        } catch {
            return [`dashboard ${name} has a dashboardBody that is not JSON; give it the guide's widgets`];
        }
    }
    return ["CPUUtilization", "MemoryUtilization"]
        .filter((metric) => !chartsApiMetric(body, metric))
        .map(
            (metric) =>
                `dashboard ${name} does not chart AWS/ECS ${metric} of ServiceName ${API_SERVICE} in ${REGION}; add ["AWS/ECS", "${metric}", "ClusterName", <cluster>, "ServiceName", "${API_SERVICE}"] to a metric widget with region "${REGION}"`,
        );
}

/** `dashboard-per-guide`: the stack's dashboard charts fraud-api's CPU and memory. */
export const dashboardPerGuide: Rule = stackRule({
    id: "dashboard-per-guide",
    description:
        "Gives operators the guide's view of the API (Monitoring & Observability › CloudWatch Setup): the stack's dashboard (FraudDetector-Production in production, FraudDetector-<Env> elsewhere) charts AWS/ECS CPU and memory of fraud-api in ca-central-1. Triggered by an ECS service.",
    kind: "resilience",
    check: (resources) => {
        if (ofType(resources, ECS_SERVICE).length === 0) {
            return [];
        }
        // Dashboards carry no tags, so findings are the stack's (its Environment sets the level).
        const expected = dashboardNameFor(stackEnvironment(resources));
        const dashboards = ofType(resources, DASHBOARD);
        const named = dashboards.filter((d) => d.props.dashboardName === expected);
        if (named.length === 0) {
            const others = dashboards.map((d): unknown => d.props.dashboardName);
            return [
                {
                    message: `no dashboard is named "${expected}"${others.length > 0 ? ` (found ${shown(others)})` : ""}; create an aws.cloudwatch.Dashboard with dashboardName "${expected}" charting fraud-api's AWS/ECS CPU and memory`,
                },
            ];
        }
        return named.flatMap((d) => dashboardProblems(expected, d.props.dashboardBody).map((message) => ({ message })));
    },
});
