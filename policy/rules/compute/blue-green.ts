/**
 * `ecs-blue-green-switches`: an ECS native blue/green service can actually switch, and rolls back
 * on its own failures. The requirements are AWS's (facts/aws/ecs-blue-green.ts): the production
 * listener rule names both target groups, and the listener does not mix forward with other actions.
 *
 * @module
 */

import { PolicyResource } from "@pulumi/policy";
import { asList, label, ofType, shown } from "../../../lib/relations/resources";
import { Finding, Rule, stackRule } from "../../lib/rule";
import { LISTENERS, on, record, records, SERVICE, TARGET_GROUPS } from "./shared";
import { refersTo, sourcesOf } from "../../../lib/relations/references";

const LISTENER_RULES = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"];
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
/** Clients' errors: they say nothing about a release, so they must not roll one back. */
const CLIENT_ERROR_METRICS = ["HTTPCode_Target_4XX_Count", "HTTPCode_ELB_4XX_Count"];

/** The metrics an alarm reads: its own, or those of its metric-math queries. */
function metricsOf(alarm: PolicyResource): string[] {
    const own = typeof alarm.props.metricName === "string" ? [alarm.props.metricName] : [];
    const queried = records(alarm.props.metricQueries)
        .map((query) => record(query.metric).metricName)
        .filter((name): name is string => typeof name === "string");
    return [...own, ...queried];
}

/** The production rule names both groups; its listener forwards only. */
function ruleProblems(rule: PolicyResource, groups: readonly PolicyResource[]): string[] {
    const problems = groups
        .filter((group) => !refersTo(rule, "actions", group))
        .map(
            (group) =>
                `${label(rule)} does not forward to ${label(group)}; ECS shifts weights only between the groups the production rule names: set actions: [{ type: "forward", forward: { targetGroups: [{ arn: <live group>, weight: 100 }, { arn: <alternate group>, weight: 0 }] } }]`,
        );
    for (const listener of sourcesOf(rule, "listenerArn").filter((r) => LISTENERS.includes(r.type))) {
        const types = records(listener.props.defaultActions).map((action) => action.type);
        if (types.some((type) => type !== "forward")) {
            problems.push(
                `${label(listener)} of the production rule has default actions ${shown(types)}; ECS fails a blue/green deployment on a listener that mixes forward with other actions: forward the default action to the same target groups`,
            );
        }
    }
    return problems;
}

/** The problems of one BLUE_GREEN service. */
function serviceProblems(service: PolicyResource, resources: readonly PolicyResource[]): string[] {
    const sources = sourcesOf(service, "loadBalancers");
    const groups = sources.filter((r) => TARGET_GROUPS.includes(r.type));
    const rules = sources.filter((r) => LISTENER_RULES.includes(r.type));
    const problems: string[] =
        rules.length === 0
            ? [
                  `${label(service)} deploys BLUE_GREEN but no listener rule of this stack is its loadBalancers[].advancedConfiguration.productionListenerRule; create the rule and pass its ARN`,
              ]
            : rules.flatMap((rule) => ruleProblems(rule, groups));
    const rollbackNames = asList(record(service.props.alarms).alarmNames as string[]);
    for (const alarm of ofType(resources, ALARM).filter((a) => rollbackNames.includes(a.props.name as string))) {
        const clientErrors = metricsOf(alarm).filter((metric) => CLIENT_ERROR_METRICS.includes(metric));
        if (clientErrors.length > 0) {
            problems.push(
                `${label(service)} rolls back on ${String(alarm.props.name)}, which counts ${clientErrors.join(", ")}: clients' errors roll good releases back; roll back on target 5XX or unhealthy hosts of its target groups`,
            );
        }
    }
    return problems;
}

/** `ecs-blue-green-switches`: blue/green services can switch, and roll back on their own failures. */
export const ecsBlueGreenSwitches: Rule = stackRule({
    id: "ecs-blue-green-switches",
    description:
        "Keeps blue/green deployments able to switch and roll back (AWS: Application Load Balancer resources for blue/green deployments): a BLUE_GREEN service's production listener rule forwards to both its target groups, that listener forwards only (ECS fails on mixed actions), and no rollback alarm counts clients' 4XX. Triggered by ECS services.",
    kind: "resilience",
    check: (resources): Finding[] =>
        ofType(resources, SERVICE)
            .filter((service) => record(service.props.deploymentConfiguration).strategy === "BLUE_GREEN")
            .flatMap((service) => on(service, serviceProblems(service, resources))),
});
