import { strict as assert } from "assert";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { PlanResource } from "../../plan/engine/contract";
import { judgePolicies } from "../../plan/policy/policy-phase";
import { evaluatePolicies } from "../../plan/policy/policy-runner";
import { RULES } from "../../policy/rules";
import { planWith, stackTags } from "./harness";
/**
 * Issue #11: the parts of stack rules that need no other resource run as the same policy's
 * `validateResource`, so a real `pulumi preview --policy-pack` decides them even when the stack
 * pass is skipped because another resource's id is still unknown. Each case checks that the
 * finding comes from the resource pass alone (and no longer from the stack pass, so it is not
 * reported twice); where a fixture can make the stack pass read an unknown, that it is decided at
 * preview.
 */

/** The type tokens the cases build. */
export const RDS = "aws:rds/instance:Instance";
export const CLUSTER = "aws:ecs/cluster:Cluster";
export const TASK = "aws:ecs/taskDefinition:TaskDefinition";
export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
export const TOPIC = "aws:sns/topic:Topic";
export const SG = "aws:ec2/securityGroup:SecurityGroup";
export const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

/** The pack's rule `id`; fails the test if there is none. */
export function ruleOf(id: string) {
    const rule = RULES.find((r) => r.name === id);
    assert.ok(rule, `no rule ${id}`);
    return rule;
}

/** `[urn, level, message]` of each violation of `id` from its resource pass and its stack pass. */
export async function byPass(resources: readonly PlanResource[], id: string) {
    const { validateResource, validateStack, ...rest } = ruleOf(id) as ResourceValidationPolicy & StackValidationPolicy;
    assert.ok(validateResource, `${id} has no resource part`);
    assert.ok(validateStack, `${id} is not a stack rule`);
    const run = async (policy: object) =>
        (await evaluatePolicies(planWith(resources), [policy as ResourceValidationPolicy])).map((v) => [
            v.urn,
            v.enforcementLevel,
            v.message,
        ]);
    return { resource: await run({ ...rest, validateResource }), stack: await run({ ...rest, validateStack }) };
}

/** Asserts that `message` on `on` comes from the resource pass at `level`, and not from the stack pass. */
export async function fromResourcePass(
    resources: readonly PlanResource[],
    id: string,
    on: PlanResource,
    level: string,
    message: string,
): Promise<void> {
    const found = await byPass(resources, id);
    assert.deepEqual(
        found.resource.filter((v) => v[2] === message),
        [[on.urn, level, message]],
    );
    assert.deepEqual(
        found.stack.filter((v) => v[2] === message),
        [],
    );
}

/** `[decidedAt, message]` of `id`'s violations on `on`, as plan/policy/policy-phase.ts marks them. */
export async function phasesOn(resources: readonly PlanResource[], id: string, on: PlanResource) {
    return (await judgePolicies(planWith(resources), [ruleOf(id)]))
        .filter((v) => v.urn === on.urn)
        .map((v) => [v.decidedAt, v.message]);
}

/** An RDS instance's inputs that pass every rule, with `overrides`. */
export const rdsProps = (overrides: Record<string, unknown> = {}) => ({
    engine: "postgres",
    username: "fraud_user",
    manageMasterUserPassword: true,
    storageEncrypted: true,
    publiclyAccessible: false,
    monitoringInterval: 60,
    monitoringRoleArn: "arn:aws:iam::111122223333:role/rds-monitoring",
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: "arn:aws:kms:ca-central-1:111122223333:key/pi",
    iamDatabaseAuthenticationEnabled: true,
    copyTagsToSnapshot: true,
    tags: stackTags(),
    ...overrides,
});
