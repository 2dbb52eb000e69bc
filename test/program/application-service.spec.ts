import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import type { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { APP_FLAGS, PROFILES } from "../../stacks";
import { onlyOf, planAllowingViolations, resolveReference, resourcesOf, ROOT, STACKS } from "../helpers/plan";
import { dependentsOf, sourceOf } from "../helpers/relations";

const SERVICE = "aws:ecs/service:Service";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const SCALING_TARGET = "aws:appautoscaling/target:Target";
const SCALING_POLICY = "aws:appautoscaling/policy:Policy";
const HAIKU = "arn:aws:bedrock:ca-central-1::foundation-model/anthropic.claude-3-haiku-*";

/** Docker's default capabilities the API image's root processes (supervisord, nginx, php-fpm) do not use. */
const API_UNUSED = ["AUDIT_WRITE", "FOWNER", "FSETID", "MKNOD", "NET_RAW", "SETFCAP", "SETPCAP", "SYS_CHROOT"];

/**
 * The three services by the profile's key, and how each runs the guide's images: the api runs
 * fraud-api as built (root, port 80, curl from its base image), the worker runs the same image's
 * queue worker as www-data (uid 82) serving nothing, the ML service runs fraud-ml as appuser on 8000
 * with python (its base has no curl).
 */
const SERVICES = {
    api: {
        name: "fraud-api",
        repository: "fraud-api",
        port: 80,
        user: undefined,
        command: undefined,
        health: "curl -fs http://127.0.0.1:80/health || exit 1",
        drop: API_UNUSED,
    },
    worker: {
        name: "fraud-worker",
        repository: "fraud-api",
        port: undefined,
        user: "82:82",
        command: ["php", "artisan", "queue:work", "--tries=3", "--timeout=90", "--sleep=3", "--max-time=3600"],
        health: undefined,
        drop: ["ALL"],
    },
    mlService: {
        name: "fraud-ml",
        repository: "fraud-ml",
        port: 8000,
        user: "1000:1000",
        command: undefined,
        health: `python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=3)" || exit 1`,
        drop: ["ALL"],
    },
} as const;
type ServiceKey = keyof typeof SERVICES;

/** The short environment name of each stack (`fraud-detector-<short>`, `fraud_detector_<short>`). */
const SHORT = { production: "prod", staging: "staging", local: "local" } as const;

/** What the stack files say the release is. */
function imageTagOf(stack: string): string {
    const file = parse(readFileSync(join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, string> };
    return String(file.config["fraud-detector:imageTag"]);
}

const planOf = (stack: string): PlanDocument => planAllowingViolations(stack);

/** The ECS service named `name`. */
function serviceOf(plan: PlanDocument, name: string): PlanResource {
    const found = resourcesOf(plan, SERVICE).filter((s) => s.inputs.name === name);
    assert.equal(found.length, 1, `expected one ECS service ${name}, found ${found.length}`);
    return found[0];
}

/** The task definition the service runs, followed from its `taskDefinition`. */
function taskOf(plan: PlanDocument, name: string): PlanResource {
    const task = sourceOf(plan, serviceOf(plan, name), "taskDefinition", TASK_DEFINITION);
    assert.ok(task, `service ${name}'s taskDefinition comes from no task definition`);
    return task;
}

interface Container {
    name: string;
    image: string;
    user?: string;
    command?: string[];
    stopTimeout?: number;
    privileged: boolean;
    readonlyRootFilesystem: boolean;
    essential: boolean;
    environment: Array<{ name: string; value: string }>;
    secrets: Array<{ name: string; valueFrom: string }>;
    portMappings: unknown[];
    mountPoints: unknown[];
    logConfiguration: { logDriver: string; options: Record<string, string> };
    healthCheck?: { command: string[] };
    linuxParameters: { capabilities: { add?: string[]; drop: string[] } };
}

/** The one container of the service's task definition. */
function containerOf(plan: PlanDocument, name: string): Container {
    const containers = JSON.parse(String(taskOf(plan, name).inputs.containerDefinitions)) as Container[];
    assert.equal(containers.length, 1);
    return containers[0];
}

/** The container's environment as name → value. */
function environmentOf(plan: PlanDocument, name: string): Record<string, string> {
    return Object.fromEntries(containerOf(plan, name).environment.map((v) => [v.name, v.value]));
}

/** The role the task definition names in `property`. */
function roleOf(plan: PlanDocument, name: string, property: "taskRoleArn" | "executionRoleArn"): PlanResource {
    const role = sourceOf(plan, taskOf(plan, name), property, ROLE);
    assert.ok(role, `${name}'s ${property} comes from no role`);
    return role;
}

/** The statements of every RolePolicy on `role`. */
function inlineStatementsOf(plan: PlanDocument, role: PlanResource): unknown[] {
    return dependentsOf(plan, ROLE_POLICY, "role", role).flatMap(
        (p) => (JSON.parse(String(p.inputs.policy)) as { Statement: unknown[] }).Statement,
    );
}

/** The execution role's scoped pull-and-logs statements for service `name` running `image` (not AWS's managed policy on "*"). */
function pullAndLogs(plan: PlanDocument, name: string, image: string): unknown[] {
    const urls = plan.outputs.imageRepositoryUrls as Record<string, string>;
    const repository = Object.values(urls).find((url) => url.endsWith(`/${image}`)) ?? "";
    const group = plan.resources.find(
        (r) => r.type === "aws:cloudwatch/logGroup:LogGroup" && r.inputs.name === `/ecs/${name}`,
    );
    return [
        { Sid: "EcrLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
        {
            Sid: "PullTheServiceImage",
            Effect: "Allow",
            Action: ["ecr:BatchCheckLayerAvailability", "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"],
            Resource: [`arn:aws:ecr:ca-central-1:111122223333:repository/${repository.split("/").pop() ?? ""}`],
        },
        {
            Sid: "WriteTheServiceLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: [`${String(group?.outputs.arn)}:*`],
        },
    ];
}

/** The managed policy ARNs attached to `role`. */
function attachedOf(plan: PlanDocument, role: PlanResource): string[] {
    return dependentsOf(plan, ATTACHMENT, "role", role).map((a) => String(a.inputs.policyArn));
}

/** The trust policy's statements. */
function trustOf(role: PlanResource): unknown[] {
    return (JSON.parse(String(role.inputs.assumeRolePolicy)) as { Statement: unknown[] }).Statement;
}

/** Violations on this component's resources. */
function violationsOf(plan: PlanDocument, level: string, serviceName?: string) {
    return plan.policy.violations.filter(
        (v) =>
            v.enforcementLevel === level &&
            v.urn !== null &&
            v.urn.includes("ApplicationService") &&
            (serviceName === undefined || v.urn.includes(`-${serviceName}-`)),
    );
}

/**
 * The advisories this component is known to carry, and why each is accepted. Anything else on its
 * resources is a regression.
 */
const ACCEPTED_ADVISORIES: Readonly<Record<string, string>> = {
    // PHP-FPM and nginx write to their run and cache directories (platform.ts: readonlyRootFilesystem false).
    "ecs-container-least-privilege": "fraud-api and fraud-worker keep a writable root file system",
    // Only local turns ECS Exec on; its Session Manager channels go beyond the guide's task-role grants.
    "iam-task-role-per-guide": "local task roles also hold the ECS Exec channel actions",
    // Reported on the first task definition, about the VPC's endpoints (VpcEndpoints, not this component).
    "vpc-private-endpoints": "the VPC lacks some endpoints",
};

// What these tests cannot prove: that ECS accepts the definitions, that the images start, or that a
// blue/green deployment switches and rolls back. Only a real deployment shows that.
describe("ApplicationService", () => {
    for (const stack of STACKS) {
        const profile = PROFILES[stack];
        const short = SHORT[stack];
        const fargate = profile.cluster.capacity !== "ec2";
        describe(`in ${stack}`, () => {
            for (const [key, { name, repository, port, user, command, health, drop }] of Object.entries(
                SERVICES,
            ) as Array<[ServiceKey, (typeof SERVICES)[ServiceKey]]>) {
                const sizing = profile.services[key];
                describe(name, () => {
                    it(`runs ${sizing.cpu} CPU units and ${sizing.memory} MiB, awsvpc, as family ${name}`, () => {
                        const task = taskOf(planOf(stack), name).inputs;
                        assert.deepEqual(
                            [task.family, task.cpu, task.memory, task.networkMode],
                            [name, String(sizing.cpu), String(sizing.memory), "awsvpc"],
                        );
                        assert.equal(task.pidMode, undefined);
                        assert.equal(task.ipcMode, undefined);
                    });

                    it(`runs on ${fargate ? "Fargate (Linux, x86)" : "the cluster's EC2 capacity provider"}`, () => {
                        const plan = planOf(stack);
                        const task = taskOf(plan, name).inputs;
                        const strategies = serviceOf(plan, name).inputs.capacityProviderStrategies as Array<
                            Record<string, unknown>
                        >;
                        assert.equal(strategies.length, 1);
                        if (fargate) {
                            assert.deepEqual(task.requiresCompatibilities, ["FARGATE"]);
                            assert.deepEqual(task.runtimePlatform, {
                                operatingSystemFamily: "LINUX",
                                cpuArchitecture: "X86_64",
                            });
                            assert.equal(strategies[0].capacityProvider, "FARGATE");
                        } else {
                            assert.deepEqual(task.requiresCompatibilities, ["EC2"]);
                            const provider = resourcesOf(plan, "aws:ecs/capacityProvider:CapacityProvider");
                            assert.equal(provider.length, 1);
                            assert.equal(strategies[0].capacityProvider, provider[0].outputs.name);
                        }
                    });

                    it(`starts ${sizing.desiredCount} task(s) and scales ${sizing.minCount}..${sizing.maxCount} at ${sizing.cpuTarget}% CPU`, () => {
                        const plan = planOf(stack);
                        const service = serviceOf(plan, name);
                        assert.equal(service.inputs.desiredCount, sizing.desiredCount);
                        const targets = dependentsOf(plan, SCALING_TARGET, "resourceId", service);
                        assert.equal(targets.length, 1);
                        const target = targets[0].inputs;
                        assert.deepEqual(
                            [
                                target.serviceNamespace,
                                target.scalableDimension,
                                target.resourceId,
                                target.minCapacity,
                                target.maxCapacity,
                            ],
                            [
                                "ecs",
                                "ecs:service:DesiredCount",
                                `service/fraud-detector-${short}/${name}`,
                                sizing.minCount,
                                sizing.maxCount,
                            ],
                        );
                        const policies = dependentsOf(plan, SCALING_POLICY, "resourceId", targets[0]);
                        assert.equal(policies.length, 1);
                        assert.equal(policies[0].inputs.name, `${name}-cpu-scaling`);
                        assert.equal(policies[0].inputs.policyType, "TargetTrackingScaling");
                        assert.deepEqual(
                            (policies[0].inputs.targetTrackingScalingPolicyConfiguration as Record<string, unknown>)
                                .predefinedMetricSpecification,
                            { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
                        );
                        assert.equal(
                            (policies[0].inputs.targetTrackingScalingPolicyConfiguration as Record<string, unknown>)
                                .targetValue,
                            sizing.cpuTarget,
                        );
                    });

                    it(`runs the ${repository} image at the stack's tag ${imageTagOf(stack)}`, () => {
                        const plan = planOf(stack);
                        const urls = Object.values(plan.outputs.imageRepositoryUrls as Record<string, string>);
                        const url = urls.find((u) => u.endsWith(`/${repository}`));
                        assert.equal(containerOf(plan, name).image, `${url}:${imageTagOf(stack)}`);
                    });

                    it(`runs one essential, unprivileged container as ${user ?? "the image's user (root)"}, ${port === undefined ? "serving no port" : `listening on ${port}`}`, () => {
                        const container = containerOf(planOf(stack), name);
                        assert.deepEqual(
                            [container.name, container.essential, container.user, container.privileged],
                            [name, true, user, false],
                        );
                        assert.deepEqual(
                            container.portMappings,
                            port === undefined
                                ? []
                                : [{ containerPort: port, protocol: "tcp", name: "http", appProtocol: "http" }],
                        );
                    });

                    it(`runs ${command === undefined ? "the image's CMD" : command.join(" ")}`, () =>
                        assert.deepEqual(containerOf(planOf(stack), name).command, command));

                    // The worker finishes its job in hand on SIGTERM (jobs run up to 90 s): ECS's
                    // default 30 s would kill it; Fargate allows at most 120 s.
                    it(`is given ${key === "worker" ? "120 s" : "ECS's default"} to stop`, () =>
                        assert.equal(containerOf(planOf(stack), name).stopTimeout, key === "worker" ? 120 : undefined));

                    it(
                        health === undefined
                            ? "has no health check: ECS replaces the task when the worker exits"
                            : `checks its health with ${health.split(" ")[0]}`,
                        () =>
                            assert.deepEqual(
                                containerOf(planOf(stack), name).healthCheck?.command,
                                health === undefined ? undefined : ["CMD-SHELL", health],
                            ),
                    );

                    it(`drops ${drop.join(", ")} and adds no capability`, () =>
                        assert.deepEqual(containerOf(planOf(stack), name).linuxParameters, {
                            capabilities: { drop },
                        }));

                    const readonly = key === "mlService";
                    it(`has ${readonly ? "a read-only root file system with /tmp on a task volume" : "a writable root file system (PHP)"}`, () => {
                        const plan = planOf(stack);
                        const container = containerOf(plan, name);
                        assert.equal(container.readonlyRootFilesystem, readonly);
                        assert.deepEqual(
                            container.mountPoints,
                            readonly ? [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }] : [],
                        );
                        assert.deepEqual(taskOf(plan, name).inputs.volumes, readonly ? [{ name: "tmp" }] : []);
                    });

                    it(`logs through awslogs to /ecs/${name}, kept ${profile.cluster.logRetentionDays} days under the data key`, () => {
                        const plan = planOf(stack);
                        const groups = resourcesOf(plan, LOG_GROUP).filter((g) => g.inputs.name === `/ecs/${name}`);
                        assert.equal(groups.length, 1);
                        assert.equal(groups[0].inputs.retentionInDays, profile.cluster.logRetentionDays);
                        assert.equal(groups[0].inputs.kmsKeyId, plan.outputs.dataKeyArn);
                        assert.deepEqual(containerOf(plan, name).logConfiguration, {
                            logDriver: "awslogs",
                            options: {
                                "awslogs-group": `/ecs/${name}`,
                                "awslogs-region": "ca-central-1",
                                "awslogs-stream-prefix": "ecs",
                            },
                        });
                    });

                    it("runs in the private subnets with its own security group and no public IP", () => {
                        const plan = planOf(stack);
                        const groups = plan.outputs.serviceSecurityGroupIds as Record<ServiceKey, string>;
                        assert.deepEqual(serviceOf(plan, name).inputs.networkConfiguration, {
                            subnets: plan.outputs.privateSubnetIds,
                            securityGroups: [groups[key]],
                            assignPublicIp: false,
                        });
                    });

                    it("rolls failed deployments back with the circuit breaker, keeping 100% healthy", () => {
                        const service = serviceOf(planOf(stack), name).inputs;
                        assert.deepEqual(service.deploymentCircuitBreaker, { enable: true, rollback: true });
                        assert.deepEqual(
                            [service.deploymentMinimumHealthyPercent, service.deploymentMaximumPercent],
                            [100, 200],
                        );
                        assert.equal(service.waitForSteadyState, false);
                    });

                    it(`has ECS Exec ${profile.cluster.execEnabled ? "on" : "off"}`, () =>
                        assert.equal(
                            serviceOf(planOf(stack), name).inputs.enableExecuteCommand,
                            profile.cluster.execEnabled,
                        ));

                    it(`joins the cluster's Service Connect namespace${key === "mlService" ? " as fraud-ml:8000" : ""}`, () => {
                        const plan = planOf(stack);
                        const service = serviceOf(plan, name);
                        const connect = service.inputs.serviceConnectConfiguration as Record<string, unknown>;
                        const namespace = sourceOf(
                            plan,
                            service,
                            "serviceConnectConfiguration",
                            "aws:servicediscovery/httpNamespace:HttpNamespace",
                        );
                        assert.ok(namespace);
                        assert.deepEqual([connect.enabled, connect.namespace], [true, namespace.outputs.arn]);
                        assert.deepEqual(
                            connect.services,
                            key === "mlService"
                                ? [
                                      {
                                          portName: "http",
                                          discoveryName: "fraud-ml",
                                          clientAlias: [{ port: 8000, dnsName: "fraud-ml" }],
                                      },
                                  ]
                                : undefined,
                        );
                    });

                    it("has task and execution roles of its own, trusted only by ECS tasks of this account", () => {
                        const plan = planOf(stack);
                        const task = roleOf(plan, name, "taskRoleArn");
                        const execution = roleOf(plan, name, "executionRoleArn");
                        assert.notEqual(task.urn, execution.urn);
                        for (const role of [task, execution]) {
                            assert.deepEqual(trustOf(role), [
                                {
                                    Effect: "Allow",
                                    Principal: { Service: "ecs-tasks.amazonaws.com" },
                                    Action: "sts:AssumeRole",
                                    Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } },
                                },
                            ]);
                        }
                    });

                    const grants =
                        key === "mlService"
                            ? "s3:GetObject on the models bucket's objects (with their key's decrypt through S3) only"
                            : "bedrock:InvokeModel on Claude 3 Haiku and s3:GetObject on the models bucket's objects (with their key's decrypt through S3)";
                    it(`lets the application do exactly ${grants}`, () => {
                        const plan = planOf(stack);
                        const role = roleOf(plan, name, "taskRoleArn");
                        const models = {
                            Effect: "Allow",
                            Action: ["s3:GetObject"],
                            Resource: [`arn:aws:s3:::fraud-detector-${short}-models/*`],
                        };
                        // The bucket is SSE-KMS under the stack's key (with a Bucket Key: the context is the bucket).
                        const decrypt = {
                            Effect: "Allow",
                            Action: ["kms:Decrypt"],
                            Resource: [onlyOf(plan, "aws:kms/key:Key").outputs.arn],
                            Condition: {
                                StringEquals: {
                                    "kms:ViaService": "s3.ca-central-1.amazonaws.com",
                                    "kms:EncryptionContext:aws:s3:arn": `arn:aws:s3:::fraud-detector-${short}-models`,
                                },
                            },
                        };
                        const haiku = { Effect: "Allow", Action: ["bedrock:InvokeModel"], Resource: [HAIKU] };
                        // ECS Exec (local only) adds the Session Manager channels AWS grants only on "*".
                        const exec = {
                            Effect: "Allow",
                            Action: [
                                "ssmmessages:CreateControlChannel",
                                "ssmmessages:CreateDataChannel",
                                "ssmmessages:OpenControlChannel",
                                "ssmmessages:OpenDataChannel",
                            ],
                            Resource: "*",
                        };
                        const guide = key === "mlService" ? [models, decrypt] : [haiku, models, decrypt];
                        assert.deepEqual(inlineStatementsOf(plan, role), stack === "local" ? [...guide, exec] : guide);
                        assert.deepEqual(attachedOf(plan, role), []);
                    });

                    if (key === "mlService") {
                        it("has no secrets, and its execution role reads none", () => {
                            const plan = planOf(stack);
                            assert.deepEqual(containerOf(plan, name).secrets, []);
                            const role = roleOf(plan, name, "executionRoleArn");
                            assert.deepEqual(inlineStatementsOf(plan, role), pullAndLogs(plan, name, repository));
                            assert.deepEqual(attachedOf(plan, role), []);
                        });

                        it("gets the region and the models bucket, and nothing of the database", () => {
                            const plan = planOf(stack);
                            const environment = environmentOf(plan, name);
                            assert.equal(environment.APP_ENV, stack);
                            assert.equal(environment.AWS_REGION, "ca-central-1");
                            assert.equal(environment.AWS_BUCKET, `fraud-detector-${short}-models`);
                            assert.equal(environment.DB_HOST, undefined);
                        });
                    } else {
                        it("gets the guide's environment for the stack", () => {
                            const plan = planOf(stack);
                            const environment = environmentOf(plan, name);
                            const expected: Record<string, unknown> = {
                                ...APP_FLAGS[stack],
                                DB_CONNECTION: "pgsql",
                                DB_HOST: plan.outputs.databaseAddress,
                                DB_PORT: "5432",
                                DB_DATABASE: `fraud_detector_${short}`,
                                DB_USERNAME: "fraud_user",
                                REDIS_HOST: plan.outputs.redisPrimaryEndpoint,
                                REDIS_PORT: "6379",
                                REDIS_SCHEME: "tls",
                                ML_SERVICE_URL: "http://fraud-ml:8000",
                                AWS_REGION: "ca-central-1",
                                AWS_BUCKET: `fraud-detector-${short}-models`,
                            };
                            if (stack !== "local") {
                                expected.BEDROCK_ENDPOINT_URL = plan.outputs.bedrockEndpointUrl;
                                assert.match(String(plan.outputs.bedrockEndpointUrl), /^https:\/\/vpce-/);
                            }
                            assert.deepEqual(environment, expected);
                            assert.equal(environment.MOCK_BEDROCK, stack === "local" ? "true" : undefined);
                            if (stack === "production") {
                                for (const flag of [
                                    "ENCRYPT_SENSITIVE_DATA",
                                    "AUDIT_LOGGING_ENABLED",
                                    "SECURE_HEADERS_ENABLED",
                                    "METRICS_ENABLED",
                                    "HEALTH_CHECK_ENABLED",
                                ]) {
                                    assert.equal(environment[flag], "true", flag);
                                }
                            }
                        });

                        it("lists its environment sorted by name", () => {
                            const names = containerOf(planOf(stack), name).environment.map((v) => v.name);
                            assert.deepEqual(names, [...names].sort());
                        });

                        it("reads DB_PASSWORD, APP_KEY, the HMAC keys and the Redis token from Secrets Manager only", () => {
                            const plan = planOf(stack);
                            const arns = plan.outputs.secretArns as Record<string, string>;
                            const container = containerOf(plan, name);
                            assert.deepEqual(Object.fromEntries(container.secrets.map((s) => [s.name, s.valueFrom])), {
                                APP_KEY: `${arns.appKey}:APP_KEY::`,
                                DB_PASSWORD: `${arns.databasePassword}:password::`,
                                HMAC_KEY_1: `${arns.hmacKeys}:key1::`,
                                HMAC_KEY_2: `${arns.hmacKeys}:key2::`,
                                REDIS_PASSWORD: `${arns.redis}:authToken::`,
                            });
                            const exposed = container.environment
                                .map((v) => v.name)
                                .filter((n) => /PASSWORD|SECRET|KEY|TOKEN/i.test(n));
                            assert.deepEqual(exposed, []);
                        });

                        it("has an execution role that reads exactly the four secrets and decrypts with the data key", () => {
                            const plan = planOf(stack);
                            const arns = plan.outputs.secretArns as Record<string, string>;
                            const role = roleOf(plan, name, "executionRoleArn");
                            assert.deepEqual(inlineStatementsOf(plan, role), [
                                {
                                    Sid: "ReadTheServiceSecrets",
                                    Effect: "Allow",
                                    Action: ["secretsmanager:GetSecretValue"],
                                    Resource: [arns.databasePassword, arns.appKey, arns.hmacKeys, arns.redis],
                                },
                                {
                                    Sid: "DecryptTheSecrets",
                                    Effect: "Allow",
                                    Action: ["kms:Decrypt"],
                                    Resource: [plan.outputs.dataKeyArn],
                                },
                                ...pullAndLogs(plan, name, repository),
                            ]);
                            assert.deepEqual(attachedOf(plan, role), []);
                        });
                    }

                    if (key !== "api") {
                        it("leaves only the count to autoscaling: a rolling service has no target groups for ECS to swap", () =>
                            assert.deepEqual(serviceOf(planOf(stack), name).options.ignoreChanges, ["desiredCount"]));
                    }

                    if (key === "api") {
                        const suffix = stack === "production" ? "" : `-${stack[0].toUpperCase()}${stack.slice(1)}`;
                        const alarms = [
                            `FraudDetector-ReleaseServerErrors${suffix}`,
                            `FraudDetector-UnhealthyHosts${suffix}`,
                        ];
                        it(`deploys blue/green behind the ALB with a 15-minute bake, rolling back on ${alarms.join(" and ")}, not on clients' 4XX`, () => {
                            const plan = planOf(stack);
                            const service = serviceOf(plan, name).inputs;
                            assert.deepEqual(service.deploymentConfiguration, {
                                strategy: "BLUE_GREEN",
                                bakeTimeInMinutes: "15",
                            });
                            assert.deepEqual(service.alarms, { alarmNames: alarms, enable: true, rollback: true });
                            assert.equal(service.healthCheckGracePeriodSeconds, 60);
                        });

                        it("leaves the count to autoscaling and the target-group pair to ECS, never the task definition", () =>
                            assert.deepEqual(serviceOf(planOf(stack), name).options.ignoreChanges, [
                                "desiredCount",
                                "loadBalancers",
                            ]));

                        it("names the blue and green target groups and the production listener rule", () => {
                            const plan = planOf(stack);
                            const balancers = serviceOf(plan, name).inputs.loadBalancers as Array<
                                Record<string, unknown>
                            >;
                            assert.equal(balancers.length, 1);
                            const [lb] = balancers;
                            assert.deepEqual([lb.containerName, lb.containerPort], [name, port]);
                            const advanced = lb.advancedConfiguration as Record<string, unknown>;
                            const blue = resolveReference(plan, lb.targetGroupArn);
                            const green = resolveReference(plan, advanced.alternateTargetGroupArn);
                            const rule = resolveReference(plan, advanced.productionListenerRule);
                            assert.ok(
                                blue && green && rule,
                                "blue, green or the listener rule is no resource of the plan",
                            );
                            assert.deepEqual(
                                [blue.type, green.type, rule.type],
                                [
                                    "aws:lb/targetGroup:TargetGroup",
                                    "aws:lb/targetGroup:TargetGroup",
                                    "aws:lb/listenerRule:ListenerRule",
                                ],
                            );
                            assert.notEqual(blue.urn, green.urn);
                            assert.match(blue.name, /blue/);
                            assert.match(green.name, /green/);
                        });

                        it("lets ECS switch the listener rule through a role only ECS assumes", () => {
                            const plan = planOf(stack);
                            const balancers = serviceOf(plan, name).inputs.loadBalancers as Array<
                                Record<string, Record<string, unknown>>
                            >;
                            const role = resolveReference(plan, balancers[0].advancedConfiguration.roleArn);
                            assert.ok(role && role.type === ROLE);
                            assert.deepEqual(trustOf(role), [
                                {
                                    Effect: "Allow",
                                    Principal: { Service: "ecs.amazonaws.com" },
                                    Action: "sts:AssumeRole",
                                },
                            ]);
                            assert.deepEqual(attachedOf(plan, role), [
                                "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers",
                            ]);
                            assert.deepEqual(inlineStatementsOf(plan, role), []);
                        });
                    } else {
                        it("deploys rolling, behind no load balancer", () => {
                            const service = serviceOf(planOf(stack), name).inputs;
                            assert.equal(service.loadBalancers, undefined);
                            assert.equal(service.deploymentConfiguration, undefined);
                        });
                    }

                    it("has no mandatory policy violation on its resources", () =>
                        assert.deepEqual(
                            violationsOf(planOf(stack), "mandatory", name).map((v) => `${v.policy}: ${v.message}`),
                            [],
                        ));
                });
            }

            it("carries only the advisories accepted on the services' resources", () => {
                const unexpected = violationsOf(planOf(stack), "advisory").filter(
                    (v) => ACCEPTED_ADVISORIES[v.policy] === undefined,
                );
                assert.deepEqual(
                    unexpected.map((v) => `${v.policy}: ${v.message}`),
                    [],
                );
            });
        });
    }

    it("gives production the guide's sizes and counts", () => {
        const plan = planOf("production");
        const sized = (name: string) => {
            const task = taskOf(plan, name).inputs;
            return [task.cpu, task.memory, serviceOf(plan, name).inputs.desiredCount];
        };
        assert.deepEqual(["fraud-api", "fraud-worker", "fraud-ml"].map(sized), [
            ["512", "1024", 3],
            ["256", "512", 2],
            ["1024", "2048", 2],
        ]);
        const api = resourcesOf(plan, SCALING_TARGET).find((t) => String(t.inputs.resourceId).endsWith("/fraud-api"));
        assert.deepEqual([api?.inputs.minCapacity, api?.inputs.maxCapacity], [2, 10]);
    });
});
