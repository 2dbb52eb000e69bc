import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DATA_PATH_FACTS } from "../../facts/aws/data-paths";
import {
    ECS_FORCE_NEW_DEPLOYMENT,
    REDEPLOY_PRINCIPALS,
    SECRET_EVENTS,
    STATES_ECS_UPDATE_SERVICE,
} from "../../facts/aws/secret-rotation";
import { mergeTags, Tags } from "../tags";

/** Arguments of the `SecretRedeploy` component. */
export interface SecretRedeployArgs {
    /** The stack's name prefix (`fraud-detector-prod`): names the state machine, rules and roles. */
    readonly namePrefix: string;
    /** The ECS cluster the services run in. */
    readonly clusterName: string;
    /** The services whose tasks read the secrets, by ECS service name, with their ARNs. */
    readonly services: Readonly<Record<string, pulumi.Input<string>>>;
    /** Secrets that Secrets Manager rotates itself (the RDS-managed master secret): `RotationSucceeded`. */
    readonly rotatedSecretArns: readonly pulumi.Input<string>[];
    /** Secrets the program writes (`pulumi up` puts a new version): `PutSecretValue` / `UpdateSecret`. */
    readonly writtenSecretArns: readonly pulumi.Input<string>[];
    /** The stack's base tags. */
    readonly tags: Tags;
    /** The stack's permissions boundary (`RoleBoundary`), carried by both roles created here. */
    readonly roleBoundaryArn: pulumi.Input<string>;
}

/** A trust policy admitting one AWS service, from this account only (confused deputy). */
function trustPolicy(service: string, accountId: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: service },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    });
}

/**
 * The state machine's definition: one Task per service, in order, each calling ECS UpdateService
 * with ForceNewDeployment through Step Functions' AWS SDK integration (no code to own). New tasks
 * read every secret again when they start; the task definitions do not change, so the stack has no
 * drift. Retries cover throttling and a deployment ECS is still registering.
 */
export function redeployDefinition(clusterName: string, serviceNames: readonly string[]): string {
    const states = Object.fromEntries(
        serviceNames.map((service, i) => [
            `Redeploy ${service}`,
            {
                Type: "Task",
                Resource: STATES_ECS_UPDATE_SERVICE.resource,
                Parameters: { Cluster: clusterName, Service: service, ForceNewDeployment: true },
                Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 20, MaxAttempts: 3, BackoffRate: 2 }],
                ...(i === serviceNames.length - 1 ? { End: true } : { Next: `Redeploy ${serviceNames[i + 1]}` }),
            },
        ]),
    );
    return JSON.stringify({
        Comment: `New tasks for ${serviceNames.join(", ")} in ${clusterName}, which read the rotated secrets at start (${ECS_FORCE_NEW_DEPLOYMENT.source})`,
        StartAt: `Redeploy ${serviceNames[0]}`,
        States: states,
    });
}

/**
 * Keeps the services' credentials current through rotation with no manual step: when RDS rotates
 * the master password (the secret's `RotationSucceeded`) or `pulumi up` writes a new value of a
 * secret the tasks read (`PutSecretValue`, e.g. a new Redis AUTH token), EventBridge starts a Step
 * Functions state machine that forces a new deployment of exactly the services that read them.
 * Tasks read secrets only when they start, so this bounds the window in which a running task holds
 * a stale password to the redeploy's length, instead of the days until the next deploy.
 *
 * Creates: 1. the state machine's role (trusts Step Functions from this account; ecs:UpdateService
 * on the named services, nothing else), 2. the state machine (Standard: its execution history is
 * the audit trail), 3. the events role (trusts EventBridge from this account; states:StartExecution
 * on that state machine only), 4. a rule on the rotation event of the rotated secrets and 5. a rule
 * on the API writes of the written secrets, each with 6. the state machine as target.
 *
 * Cost: Standard workflow state transitions (a handful per rotation); rules on the default bus and
 * events from AWS services are free.
 */
export class SecretRedeploy extends pulumi.ComponentResource {
    /** The state machine's ARN. */
    public readonly stateMachineArn: pulumi.Output<string>;
    /** Names of the EventBridge rules (rotation, writes). */
    public readonly ruleNames: pulumi.Output<string>[];

    constructor(name: string, args: SecretRedeployArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:operations:SecretRedeploy", name, {}, opts);
        const serviceNames = Object.keys(args.services);
        const accountId = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        const stateMachineName = `${args.namePrefix}-secret-redeploy`;

        const machineRole = new aws.iam.Role(
            `${name}-machine`,
            {
                description: `Step Functions: force new deployments of ${serviceNames.join(", ")} in ${args.clusterName}`,
                assumeRolePolicy: trustPolicy(REDEPLOY_PRINCIPALS.states, accountId),
                permissionsBoundary: args.roleBoundaryArn,
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        const machinePolicy = new aws.iam.RolePolicy(
            `${name}-machine`,
            {
                role: machineRole.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "RedeployServicesThatReadSecrets",
                            Effect: "Allow",
                            Action: DATA_PATH_FACTS.statesUpdateService.actions[0],
                            Resource: Object.values(args.services),
                        },
                    ],
                }),
            },
            { parent: this },
        );
        const machine = new aws.sfn.StateMachine(
            `${name}-machine`,
            {
                name: stateMachineName,
                type: "STANDARD",
                roleArn: machineRole.arn,
                definition: redeployDefinition(args.clusterName, serviceNames),
                tags: mergeTags(args.tags, { Name: stateMachineName }),
            },
            // Step Functions checks the role when the machine runs, but the policy must exist first.
            { parent: this, dependsOn: [machinePolicy] },
        );

        const eventsRole = new aws.iam.Role(
            `${name}-events`,
            {
                description: `EventBridge: start ${stateMachineName} when a secret the services read changes`,
                assumeRolePolicy: trustPolicy(REDEPLOY_PRINCIPALS.events, accountId),
                permissionsBoundary: args.roleBoundaryArn,
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        const eventsPolicy = new aws.iam.RolePolicy(
            `${name}-events`,
            {
                role: eventsRole.id,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "StartSecretRedeploy",
                            Effect: "Allow",
                            Action: DATA_PATH_FACTS.eventsStartExecution.actions[0],
                            Resource: machine.arn,
                        },
                    ],
                }),
            },
            { parent: this },
        );

        const rules: Array<[string, string, pulumi.Output<string>]> = [
            [
                "rotated",
                `RDS rotated the master password of ${args.namePrefix}: redeploy ${serviceNames.join(", ")}`,
                pulumi.jsonStringify({
                    source: [SECRET_EVENTS.source],
                    "detail-type": [SECRET_EVENTS.rotated.detailType],
                    detail: {
                        eventSource: [SECRET_EVENTS.eventSource],
                        eventName: [SECRET_EVENTS.rotated.eventName],
                        additionalEventData: { SecretId: args.rotatedSecretArns },
                    },
                }),
            ],
            [
                "written",
                `A secret ${serviceNames.join(", ")} read was written: redeploy them`,
                pulumi.jsonStringify({
                    source: [SECRET_EVENTS.source],
                    "detail-type": [SECRET_EVENTS.written.detailType],
                    detail: {
                        eventSource: [SECRET_EVENTS.eventSource],
                        eventName: [...SECRET_EVENTS.written.eventNames],
                        responseElements: { arn: args.writtenSecretArns },
                    },
                }),
            ],
        ];
        this.ruleNames = rules.map(([suffix, description, eventPattern]) => {
            const ruleName = `${args.namePrefix}-secret-${suffix}`;
            const rule = new aws.cloudwatch.EventRule(
                `${name}-${suffix}`,
                { name: ruleName, description, eventPattern, tags: mergeTags(args.tags, { Name: ruleName }) },
                { parent: this },
            );
            new aws.cloudwatch.EventTarget(
                `${name}-${suffix}`,
                { rule: rule.name, targetId: "secret-redeploy", arn: machine.arn, roleArn: eventsRole.arn },
                // So the first event after creation finds the role able to start the machine.
                { parent: this, dependsOn: [eventsPolicy] },
            );
            return rule.name;
        });
        this.stateMachineArn = machine.arn;
        this.registerOutputs({ stateMachineArn: this.stateMachineArn, ruleNames: this.ruleNames });
    }
}
