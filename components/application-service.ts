import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describeFargateMemory, fargateMemoryOptions } from "../stacks/fargate";
import { mergeTags, Tags } from "./tags";

/** How a service's tasks get capacity. */
export type ServiceCapacity =
    | { readonly kind: "fargate" | "fargateSpot" }
    | { readonly kind: "ec2"; readonly providerName: pulumi.Input<string> };

/** ECS native blue/green for a service behind the load balancer. */
export interface BlueGreen {
    /** The target group live traffic goes to. */
    readonly blueTargetGroupArn: pulumi.Input<string>;
    /** The target group a deployment fills before the switch. */
    readonly greenTargetGroupArn: pulumi.Input<string>;
    /** The listener rule ECS moves between the two. */
    readonly productionListenerRuleArn: pulumi.Input<string>;
    /** Alarms that roll a deployment back while it bakes (the guide's HighErrorRate). */
    readonly rollbackAlarmNames: readonly string[];
}

/** Arguments of the `ApplicationService` component. */
export interface ApplicationServiceArgs {
    /** The guide's service name (`fraud-api`): service, task family, container and `/ecs/<name>` log group. */
    readonly serviceName: string;
    /** The cluster's ARN. */
    readonly clusterArn: pulumi.Input<string>;
    /** The cluster's name (autoscaling's resource id is `service/<cluster>/<service>`). */
    readonly clusterName: string;
    /** Fargate, Fargate Spot, or the cluster's EC2 capacity provider. */
    readonly capacity: ServiceCapacity;
    /** Task CPU units and memory (MiB). */
    readonly cpu: number;
    readonly memory: number;
    /** Tasks at deploy time, and the autoscaling range and CPU target (%). */
    readonly desiredCount: number;
    readonly minCount: number;
    readonly maxCount: number;
    readonly cpuTarget: number;
    /** The image to run, `<repository url>:<tag>`. */
    readonly image: pulumi.Input<string>;
    /** The port the container listens on. */
    readonly containerPort: number;
    /** Path the container's health check and the ALB's target group probe. */
    readonly healthCheckPath: string;
    /** Environment variables (never secrets). */
    readonly environment: Readonly<Record<string, pulumi.Input<string>>>;
    /** Secrets by variable name: a Secrets Manager ARN, optionally with `:<json key>::`. */
    readonly secrets: Readonly<Record<string, pulumi.Input<string>>>;
    /** The secret ARNs (without JSON keys) the execution role may read: exactly the ones above. */
    readonly secretArns: readonly pulumi.Input<string>[];
    /** The key the secrets and the log group are encrypted with. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /** What the task role may do (IAM statements); none gives the task no permissions. */
    readonly taskPolicyStatements: readonly unknown[];
    /** The private subnets. */
    readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** The service's security group. */
    readonly securityGroupId: pulumi.Input<string>;
    /** Service Connect: the namespace, and the name this service answers to (`fraud-ml`), if any. */
    readonly serviceConnect: { readonly namespaceArn: pulumi.Input<string>; readonly expose?: string };
    /** Retention of `/ecs/<name>`, in days. */
    readonly logRetentionDays: number;
    /** ECS Exec into running tasks. */
    readonly execEnabled: boolean;
    /** Deletion protection on `/ecs/<name>` (audit evidence in production). */
    readonly logDeletionProtection: boolean;
    /** A read-only root file system (writable paths mounted as task volumes). */
    readonly readonlyRootFilesystem: boolean;
    /** Blue/green behind the load balancer (the api). @default - rolling deployments, not behind the ALB */
    readonly blueGreen?: BlueGreen;
    /** The stack's base tags. */
    readonly tags: Tags;
}

/** The service principal of ECS tasks: the only one the task and execution roles trust. */
const ECS_TASKS = "ecs-tasks.amazonaws.com";
/** The AWS managed policy that lets ECS pull images from ECR and write container logs. */
const EXECUTION_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
/** The AWS managed policy ECS needs to move the listener rule between blue and green. */
const LOAD_BALANCERS_POLICY_ARN = "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers";
/** The guide's 300 s wait before the old (blue) tasks go: the bake time of a blue/green deployment. */
const BAKE_MINUTES = 5;
/** Seconds the load balancer's failing health checks are ignored while a new task starts. */
const HEALTH_CHECK_GRACE_SECONDS = 60;
/** The non-root uid:gid the containers run as (the guide's ML image creates `appuser` with uid 1000). */
const CONTAINER_USER = "1000:1000";
/** The port name Service Connect and the load balancer refer to. */
const PORT_NAME = "http";
/** The task volume mounted at /tmp when the root file system is read-only. */
const TMP_VOLUME = "tmp";
/** What `awslogs-stream-prefix` gives each task's stream: `ecs/<container>/<task id>`. */
const LOG_STREAM_PREFIX = "ecs";
/** A name ECS accepts for a service, task family and container (and a log group path segment). */
const SERVICE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,254}$/;

/**
 * One of the guide's ECS services (`fraud-api`, `fraud-worker`, `fraud-ml`) with everything it
 * needs to run, log and scale, and nothing it does not.
 *
 * Creates: 1. the log group `/ecs/<serviceName>`, with the stack's retention, encrypted with the
 * stack's key; 2. an execution role trusted only by ECS tasks of this account, with
 * `AmazonECSTaskExecutionRolePolicy` (image pulls, logs) and, when the service has secrets, an
 * inline policy reading exactly `secretArns` and decrypting with the stack's key; 3. a task role
 * trusted only by ECS tasks, holding exactly `taskPolicyStatements` (no policy at all when there
 * are none); 4. the task definition: one container named after the service, non-root, on the
 * given image, with its environment, its secrets from Secrets Manager, awslogs logging and a
 * `curl` health check; 5. the service, in the private subnets without public IPs, on the given
 * capacity, in the cluster's Service Connect namespace (answering to `serviceConnect.expose` when
 * set), with a rolling-back circuit breaker; 6. with `blueGreen`, the role ECS uses to switch the
 * listener rule; 7. an Application Auto Scaling target (`minCount` to `maxCount`) and the
 * target-tracking policy `<serviceName>-cpu-scaling` at `cpuTarget` % CPU.
 *
 * Deploy: CI pushes an image tagged with the git SHA and sets it as the stack's `imageTag`;
 * `pulumi up` registers a new task definition revision and updates the service. With `blueGreen`,
 * ECS starts the new tasks behind the green target group, moves the production listener rule to
 * it, and keeps the blue tasks for the 5-minute bake (the guide's `sleep 300`) before stopping
 * them. Rollback is automatic when the circuit breaker sees tasks fail to start or stay healthy,
 * or when a `rollbackAlarmNames` alarm (the guide's HighErrorRate) fires during the deployment or
 * the bake: ECS moves traffic back to blue. A manual rollback is setting the previous `imageTag`
 * and running `pulumi up` again. Without `blueGreen` a deployment is rolling (100 % kept healthy,
 * up to 200 % running). `desiredCount` is only the count at creation: autoscaling owns it after.
 *
 * Cost, on Fargate in ca-central-1 (Linux/x86, on demand): about USD 0.045 per vCPU-hour and
 * USD 0.005 per GB-hour, so a task of 512 CPU units and 1 GiB costs about USD 20 a month and the
 * production api (3 tasks) about USD 60; Fargate Spot is up to 70 % cheaper. On EC2 capacity the
 * hosts are billed by the cluster instead. Logs cost their ingestion and storage (USD 0.55 per GB
 * ingested); the roles, the task definition and autoscaling are free.
 */
export class ApplicationService extends pulumi.ComponentResource {
    /** The service's name. */
    public readonly serviceName: pulumi.Output<string>;
    /** The task definition's ARN. */
    public readonly taskDefinitionArn: pulumi.Output<string>;
    /** The service's ARN. */
    public readonly serviceArn: pulumi.Output<string>;
    /** The role the application code runs as. */
    public readonly taskRoleArn: pulumi.Output<string>;
    /** The role ECS uses to pull the image, write logs and read the secrets. */
    public readonly executionRoleArn: pulumi.Output<string>;
    /** The name of the log group `/ecs/<serviceName>`. */
    public readonly logGroupName: pulumi.Output<string>;

    constructor(name: string, args: ApplicationServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:compute:ApplicationService", name, {}, opts);
        this.validate(args);
        const logGroup = this.createLogGroup(name, args);
        const executionRole = this.createExecutionRole(name, args);
        const taskRole = this.createTaskRole(name, args);
        const taskDefinition = this.createTaskDefinition(name, args, logGroup, executionRole, taskRole);
        const service = this.createService(name, args, taskDefinition, logGroup);
        this.createAutoscaling(name, args, service);

        this.serviceName = service.name;
        this.taskDefinitionArn = taskDefinition.arn;
        this.serviceArn = service.arn;
        this.taskRoleArn = taskRole.arn;
        this.executionRoleArn = executionRole.arn;
        this.logGroupName = logGroup.name;
        this.registerOutputs({
            serviceName: this.serviceName,
            taskDefinitionArn: this.taskDefinitionArn,
            serviceArn: this.serviceArn,
            taskRoleArn: this.taskRoleArn,
            executionRoleArn: this.executionRoleArn,
            logGroupName: this.logGroupName,
        });
    }

    /** Rejects arguments AWS would reject later, or that would leak a secret or break scaling. */
    private validate(args: ApplicationServiceArgs): void {
        const fail = (message: string): never => {
            throw new pulumi.ResourceError(`service ${args.serviceName}: ${message}`, this);
        };
        if (!SERVICE_NAME.test(args.serviceName)) {
            fail(
                "serviceName must be 1 to 255 letters, digits, hyphens or underscores, starting with a letter or digit",
            );
        }
        if (args.capacity.kind !== "ec2" && !fargateMemoryOptions(args.cpu).includes(args.memory)) {
            fail(
                `Fargate has no task of ${args.cpu} CPU units and ${args.memory} MiB; memory for ${args.cpu} is ${describeFargateMemory(args.cpu)}`,
            );
        }
        const { minCount, desiredCount, maxCount } = args;
        if (
            ![minCount, desiredCount, maxCount].every(Number.isInteger) ||
            minCount < 0 ||
            minCount > desiredCount ||
            desiredCount > maxCount
        ) {
            fail(
                `counts must be whole numbers with 0 ≤ minCount (${minCount}) ≤ desiredCount (${desiredCount}) ≤ maxCount (${maxCount})`,
            );
        }
        if (!(args.cpuTarget > 0 && args.cpuTarget <= 100)) {
            fail(`cpuTarget is ${args.cpuTarget}; a CPU utilisation target is a percentage above 0, at most 100`);
        }
        if (!Number.isInteger(args.containerPort) || args.containerPort < 1 || args.containerPort > 65535) {
            fail(`containerPort is ${args.containerPort}; use a TCP port, 1 to 65535`);
        }
        if (!args.healthCheckPath.startsWith("/")) {
            fail(`healthCheckPath is "${args.healthCheckPath}"; it must start with "/"`);
        }
        const both = Object.keys(args.secrets).filter((key) => key in args.environment);
        if (both.length > 0) {
            fail(`${both.join(", ")} are both secrets and environment variables; pass them only as secrets`);
        }
        if (Object.keys(args.secrets).length > 0 !== args.secretArns.length > 0) {
            fail("secrets and secretArns go together: list in secretArns exactly the secrets the variables read");
        }
        if (args.logRetentionDays <= 0) {
            fail(`logRetentionDays is ${args.logRetentionDays}; logs must expire (0 or less keeps them forever)`);
        }
        if (args.blueGreen && args.blueGreen.rollbackAlarmNames.length === 0) {
            fail("blueGreen.rollbackAlarmNames is empty; name the alarm that rolls a bad deployment back");
        }
    }

    /** `/ecs/<serviceName>`, where the container's awslogs driver writes. */
    private createLogGroup(name: string, args: ApplicationServiceArgs): aws.cloudwatch.LogGroup {
        return new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            {
                name: `/ecs/${args.serviceName}`,
                retentionInDays: args.logRetentionDays,
                // The stack's key admits CloudWatch Logs for this account's log groups (KmsKey's policy).
                kmsKeyId: args.kmsKeyArn,
                deletionProtectionEnabled: args.logDeletionProtection,
                tags: mergeTags(args.tags, { Service: args.serviceName }),
            },
            { parent: this },
        );
    }

    /** A role only ECS tasks of this account can assume. */
    private createTasksRole(resourceName: string, description: string, args: ApplicationServiceArgs): aws.iam.Role {
        const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
        return new aws.iam.Role(
            resourceName,
            {
                description,
                assumeRolePolicy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: ECS_TASKS },
                            Action: "sts:AssumeRole",
                            Condition: { StringEquals: { "aws:SourceAccount": account } },
                        },
                    ],
                }),
                tags: mergeTags(args.tags, { Service: args.serviceName }),
            },
            { parent: this },
        );
    }

    /** ECS's own role for the task: pull the image, write logs, read exactly the service's secrets. */
    private createExecutionRole(name: string, args: ApplicationServiceArgs): aws.iam.Role {
        const role = this.createTasksRole(
            `${name}-execution-role`,
            `ECS starts ${args.serviceName}: image pulls, logs and its secrets`,
            args,
        );
        new aws.iam.RolePolicyAttachment(
            `${name}-execution-managed`,
            { role: role.name, policyArn: EXECUTION_POLICY_ARN },
            { parent: this },
        );
        if (args.secretArns.length > 0) {
            new aws.iam.RolePolicy(
                `${name}-execution-secrets`,
                {
                    role: role.name,
                    policy: pulumi.jsonStringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Sid: "ReadTheServiceSecrets",
                                Effect: "Allow",
                                Action: ["secretsmanager:GetSecretValue"],
                                Resource: [...args.secretArns],
                            },
                            {
                                Sid: "DecryptTheSecrets",
                                Effect: "Allow",
                                Action: ["kms:Decrypt"],
                                Resource: [args.kmsKeyArn],
                            },
                        ],
                    }),
                },
                { parent: this },
            );
        }
        return role;
    }

    /**
     * The role the application runs as, with exactly `taskPolicyStatements`, plus the four
     * `ssmmessages` channel actions ECS Exec needs when it is on (AWS grants them only on "*"). The
     * pack's iam-task-role-per-guide admits only the guide's grants on task roles, so Exec is on only
     * where that rule is advisory (local).
     */
    private createTaskRole(name: string, args: ApplicationServiceArgs): aws.iam.Role {
        const role = this.createTasksRole(`${name}-task-role`, `The ${args.serviceName} application`, args);
        const statements = [
            ...args.taskPolicyStatements,
            ...(args.execEnabled
                ? [
                      {
                          Effect: "Allow",
                          Action: [
                              "ssmmessages:CreateControlChannel",
                              "ssmmessages:CreateDataChannel",
                              "ssmmessages:OpenControlChannel",
                              "ssmmessages:OpenDataChannel",
                          ],
                          Resource: "*",
                      },
                  ]
                : []),
        ];
        if (statements.length > 0) {
            new aws.iam.RolePolicy(
                `${name}-task-policy`,
                {
                    role: role.name,
                    policy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements }),
                },
                { parent: this },
            );
        }
        return role;
    }

    /** One container, named after the service, as a non-root user, logging to its group. */
    private createTaskDefinition(
        name: string,
        args: ApplicationServiceArgs,
        logGroup: aws.cloudwatch.LogGroup,
        executionRole: aws.iam.Role,
        taskRole: aws.iam.Role,
    ): aws.ecs.TaskDefinition {
        const fargate = args.capacity.kind !== "ec2";
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const environment = Object.entries(args.environment)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([variable, value]) => ({ name: variable, value }));
        const secrets = Object.entries(args.secrets)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([variable, valueFrom]) => ({ name: variable, valueFrom }));
        const container = {
            name: args.serviceName,
            image: args.image,
            essential: true,
            portMappings: [
                { containerPort: args.containerPort, protocol: "tcp", name: PORT_NAME, appProtocol: "http" },
            ],
            environment,
            secrets,
            logConfiguration: {
                logDriver: "awslogs",
                options: {
                    "awslogs-group": logGroup.name,
                    "awslogs-region": region,
                    "awslogs-stream-prefix": LOG_STREAM_PREFIX,
                },
            },
            user: CONTAINER_USER,
            readonlyRootFilesystem: args.readonlyRootFilesystem,
            mountPoints: args.readonlyRootFilesystem
                ? [{ sourceVolume: TMP_VOLUME, containerPath: "/tmp", readOnly: false }]
                : [],
            healthCheck: {
                command: [
                    "CMD-SHELL",
                    `curl -fs http://localhost:${args.containerPort}${args.healthCheckPath} || exit 1`,
                ],
                interval: 30,
                timeout: 5,
                retries: 3,
                startPeriod: 60,
            },
            privileged: false,
        };
        return new aws.ecs.TaskDefinition(
            `${name}-task`,
            {
                family: args.serviceName,
                cpu: String(args.cpu),
                memory: String(args.memory),
                networkMode: "awsvpc",
                requiresCompatibilities: [fargate ? "FARGATE" : "EC2"],
                ...(fargate ? { runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" } } : {}),
                executionRoleArn: executionRole.arn,
                taskRoleArn: taskRole.arn,
                containerDefinitions: pulumi.jsonStringify([container]),
                volumes: args.readonlyRootFilesystem ? [{ name: TMP_VOLUME }] : [],
                tags: mergeTags(args.tags, { Service: args.serviceName }),
            },
            { parent: this },
        );
    }

    /** The service: private, on the given capacity, in the namespace, rolling back bad deployments. */
    private createService(
        name: string,
        args: ApplicationServiceArgs,
        taskDefinition: aws.ecs.TaskDefinition,
        logGroup: aws.cloudwatch.LogGroup,
    ): aws.ecs.Service {
        const capacityProvider =
            args.capacity.kind === "ec2"
                ? args.capacity.providerName
                : args.capacity.kind === "fargateSpot"
                  ? "FARGATE_SPOT"
                  : "FARGATE";
        const expose = args.serviceConnect.expose;
        return new aws.ecs.Service(
            `${name}-service`,
            {
                name: args.serviceName,
                cluster: args.clusterArn,
                taskDefinition: taskDefinition.arn,
                desiredCount: args.desiredCount,
                capacityProviderStrategies: [{ capacityProvider, weight: 1 }],
                networkConfiguration: {
                    subnets: args.subnetIds,
                    securityGroups: [args.securityGroupId],
                    assignPublicIp: false,
                },
                deploymentCircuitBreaker: { enable: true, rollback: true },
                deploymentMinimumHealthyPercent: 100,
                deploymentMaximumPercent: 200,
                enableExecuteCommand: args.execEnabled,
                propagateTags: "SERVICE",
                enableEcsManagedTags: true,
                serviceConnectConfiguration: {
                    enabled: true,
                    namespace: args.serviceConnect.namespaceArn,
                    // The Service Connect proxy logs next to the application, under its own prefix.
                    logConfiguration: {
                        logDriver: "awslogs",
                        options: {
                            "awslogs-group": logGroup.name,
                            "awslogs-region": aws.getRegionOutput({}, { parent: this }).region,
                            "awslogs-stream-prefix": "service-connect",
                        },
                    },
                    ...(expose === undefined
                        ? {}
                        : {
                              services: [
                                  {
                                      portName: PORT_NAME,
                                      discoveryName: expose,
                                      clientAlias: [{ port: args.containerPort, dnsName: expose }],
                                  },
                              ],
                          }),
                },
                ...(args.blueGreen ? this.blueGreenInputs(name, args, args.blueGreen) : {}),
                // A deployment returns at once; the circuit breaker and the alarms decide its outcome.
                waitForSteadyState: false,
                tags: mergeTags(args.tags, { Service: args.serviceName }),
            },
            // Autoscaling owns the count once the service runs.
            { parent: this, ignoreChanges: ["desiredCount"] },
        );
    }

    /** ECS native blue/green behind the load balancer, with its bake and alarm rollback. */
    private blueGreenInputs(
        name: string,
        args: ApplicationServiceArgs,
        blueGreen: BlueGreen,
    ): Pick<
        aws.ecs.ServiceArgs,
        "deploymentConfiguration" | "loadBalancers" | "healthCheckGracePeriodSeconds" | "alarms"
    > {
        const role = new aws.iam.Role(
            `${name}-blue-green-role`,
            {
                description: `ECS moves the listener rule of ${args.serviceName} between blue and green`,
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { Service: "ecs.amazonaws.com" },
                            Action: "sts:AssumeRole",
                        },
                    ],
                }),
                tags: mergeTags(args.tags, { Service: args.serviceName }),
            },
            { parent: this },
        );
        const attachment = new aws.iam.RolePolicyAttachment(
            `${name}-blue-green-load-balancers`,
            { role: role.name, policyArn: LOAD_BALANCERS_POLICY_ARN },
            { parent: this },
        );
        // The role is usable only once its policy is attached.
        const roleArn = pulumi.all([role.arn, attachment.id]).apply(([arn]) => arn);
        return {
            deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: String(BAKE_MINUTES) },
            loadBalancers: [
                {
                    targetGroupArn: blueGreen.blueTargetGroupArn,
                    containerName: args.serviceName,
                    containerPort: args.containerPort,
                    advancedConfiguration: {
                        alternateTargetGroupArn: blueGreen.greenTargetGroupArn,
                        productionListenerRule: blueGreen.productionListenerRuleArn,
                        roleArn,
                    },
                },
            ],
            healthCheckGracePeriodSeconds: HEALTH_CHECK_GRACE_SECONDS,
            alarms: { alarmNames: [...blueGreen.rollbackAlarmNames], enable: true, rollback: true },
        };
    }

    /** The scalable target and the guide's CPU target tracking (`<serviceName>-cpu-scaling`). */
    private createAutoscaling(name: string, args: ApplicationServiceArgs, service: aws.ecs.Service): void {
        const target = new aws.appautoscaling.Target(
            `${name}-scaling-target`,
            {
                serviceNamespace: "ecs",
                scalableDimension: "ecs:service:DesiredCount",
                resourceId: pulumi.interpolate`service/${args.clusterName}/${service.name}`,
                minCapacity: args.minCount,
                maxCapacity: args.maxCount,
                tags: mergeTags(args.tags, { Service: args.serviceName }),
            },
            { parent: this },
        );
        new aws.appautoscaling.Policy(
            `${name}-cpu-scaling`,
            {
                name: `${args.serviceName}-cpu-scaling`,
                policyType: "TargetTrackingScaling",
                resourceId: target.resourceId,
                scalableDimension: target.scalableDimension,
                serviceNamespace: target.serviceNamespace,
                targetTrackingScalingPolicyConfiguration: {
                    targetValue: args.cpuTarget,
                    predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
                    // Out fast, in slowly: a burst of fraud checks should not flap the count.
                    scaleOutCooldown: 60,
                    scaleInCooldown: 300,
                },
            },
            { parent: this },
        );
    }
}
