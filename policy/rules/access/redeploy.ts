/**
 * The redeploy-on-rotation path (access-paths.ts row services-redeploy-on-rotation): EventBridge
 * starts the state machine as its target role, and the state machine calls ECS UpdateService on
 * each service it names, as its own role. Nothing on the path reads a secret's value, so no key
 * policy is involved: the rule matches the event's metadata.
 *
 * @module
 */
import { PolicyResource } from "@pulumi/policy";
import { DATA_PATH_FACTS } from "../../../facts/aws/data-paths";
import { REDEPLOY_PRINCIPALS, STATES_ECS_UPDATE_SERVICE } from "../../../facts/aws/secret-rotation";
import { roleAllows, trusts } from "../../lib/access";
import { IAM_TYPES } from "../../../lib/relations/iam-graph";
import { ofType } from "../../../lib/relations/resources";
import { Finding } from "../../lib/rule";
import { sourcesOf } from "../../../lib/relations/references";

const ID = "services-redeploy-on-rotation";
const STATE_MACHINE = "aws:sfn/stateMachine:StateMachine";
const ECS_SERVICE = "aws:ecs/service:Service";
const START = DATA_PATH_FACTS.eventsStartExecution;
const UPDATE = DATA_PATH_FACTS.statesUpdateService;

/** The ECS services the definition's UpdateService tasks name (`Parameters.Service`). */
export function servicesUpdatedBy(definition: unknown): string[] {
    let parsed: { States?: Record<string, { Resource?: string; Parameters?: { Service?: unknown } }> };
    try {
        parsed = JSON.parse(String(definition)) as typeof parsed;
    } catch {
        return [];
    }
    return Object.values(parsed.States ?? {})
        .filter((state) => state.Resource === STATES_ECS_UPDATE_SERVICE.resource)
        .map((state) => String(state.Parameters?.Service));
}

/** A finding naming the path and the principal. */
function finding(on: PolicyResource, who: string, problem: string): Finding {
    return { resource: on, message: `${ID}: ${who}: ${problem}` };
}

/** The event target's role may start the state machine, and trusts EventBridge. */
function targetFindings(
    resources: readonly PolicyResource[],
    target: PolicyResource,
    machine: PolicyResource,
): Finding[] {
    const role = sourcesOf(target, "roleArn").find((r) => r.type === IAM_TYPES.role);
    const machineName = String(machine.props.name);
    if (role === undefined) {
        return [
            finding(
                target,
                `event target ${target.name}`,
                `it starts state machine ${machineName} without a roleArn; EventBridge needs a role to call states:StartExecution (${START.source})`,
            ),
        ];
    }
    const who = `events role ${role.name}`;
    const findings: Finding[] = [];
    if (!trusts(role, REDEPLOY_PRINCIPALS.events)) {
        findings.push(finding(role, who, `its trust policy does not admit ${REDEPLOY_PRINCIPALS.events}; add it`));
    }
    const allowed = roleAllows(resources, role, {
        action: START.actions[0],
        target: machine,
        names: (arn) => arn.endsWith(machineName),
    });
    if (!allowed) {
        findings.push(
            finding(
                role,
                who,
                `no statement allows ${START.actions[0]} on state machine ${machineName} (${START.source}); add it`,
            ),
        );
    }
    return findings;
}

/** The state machine's role trusts Step Functions and may update every service the definition names. */
function machineFindings(resources: readonly PolicyResource[], machine: PolicyResource): Finding[] {
    const role = sourcesOf(machine, "roleArn").find((r) => r.type === IAM_TYPES.role);
    if (role === undefined) {
        return [];
    }
    const who = `state machine role ${role.name}`;
    const findings: Finding[] = [];
    if (!trusts(role, REDEPLOY_PRINCIPALS.states)) {
        findings.push(finding(role, who, `its trust policy does not admit ${REDEPLOY_PRINCIPALS.states}; add it`));
    }
    for (const serviceName of servicesUpdatedBy(machine.props.definition)) {
        const service = ofType(resources, ECS_SERVICE).find((s) => s.props.name === serviceName);
        const allowed =
            service !== undefined &&
            roleAllows(resources, role, {
                action: UPDATE.actions[0],
                target: service,
                names: (arn) => arn.endsWith(`/${serviceName}`),
            });
        if (!allowed) {
            findings.push(
                finding(
                    role,
                    who,
                    `the definition of ${String(machine.props.name)} updates service ${serviceName}, but no statement allows ${UPDATE.actions[0]} on it (${UPDATE.source}); add it`,
                ),
            );
        }
    }
    return findings;
}

/** services-redeploy-on-rotation: every event target that is a state machine, end to end. */
export function redeployPathFindings(resources: readonly PolicyResource[]): Finding[] {
    return ofType(resources, "aws:cloudwatch/eventTarget:EventTarget")
        .flatMap((target) => {
            const machine = sourcesOf(target, "arn").find((r) => r.type === STATE_MACHINE);
            return machine === undefined ? [] : targetFindings(resources, target, machine);
        })
        .concat(ofType(resources, STATE_MACHINE).flatMap((machine) => machineFindings(resources, machine)));
}
