import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    blueGreenSettings,
    capacityProviderFor,
    cpuTargetTracking,
    rollingDeploymentSettings,
    serviceConnectConfiguration,
} from "./settings";
import { applicationServiceProblem } from "./validation";
import type { ApplicationServiceArgs } from "./args";
import { mergeTags } from "../../tags";
import { containerDefinition, fargateRuntimePlatform, taskVolumes } from "./task-container";
import { createBlueGreenRole, createExecutionRole, createTaskRole } from "./task-roles";

/**
 * The service fields Pulumi leaves to others once the service exists: the count (autoscaling owns
 * it) and, with blue/green, the load balancer block, whose primary and alternate target groups ECS
 * swaps as it alternates. Sent again on an unrelated update, the creation-time pair would make ECS
 * fill the group in service instead of the other one: the conflict Terraform's provider reports
 * (facts/aws/ecs-blue-green.ts). The task definition is not ignored: it is how a release reaches ECS.
 */
export const SERVICE_FIELDS_OWNED_ELSEWHERE = {
    rolling: ["desiredCount"],
    blueGreen: ["desiredCount", "loadBalancers"],
} as const;

/**
 * One of the guide's ECS services (`fraud-api`, `fraud-worker`, `fraud-ml`) with everything it
 * needs to run, log and scale, and nothing it does not.
 *
 * Creates: 1. the log group `/ecs/<serviceName>`, with the stack's retention, encrypted with the
 * stack's key; 2. an execution role trusted only by ECS tasks of this account, with
 * `AmazonECSTaskExecutionRolePolicy` (image pulls, logs) and, when the service has secrets, an
 * inline policy reading exactly `secretArns` and decrypting with the stack's key; 3. a task role
 * trusted only by ECS tasks, holding exactly `taskPolicyStatements` (no policy at all when there
 * are none); 4. the task definition: one container named after the service, on the given image,
 * with the port, user, command, health check and dropped capabilities its image calls for, its
 * environment, its secrets from Secrets Manager and awslogs logging; 5. the service, in the private subnets without public IPs, on the given
 * capacity, in the cluster's Service Connect namespace (answering to `serviceConnect.expose` when
 * set), with a rolling-back circuit breaker; 6. with `blueGreen`, the role ECS uses to switch the
 * listener rule; 7. an Application Auto Scaling target (`minCount` to `maxCount`) and the
 * target-tracking policy `<serviceName>-cpu-scaling` at `cpuTarget` % CPU.
 *
 * Deploy: CI pushes an image tagged with the git SHA and sets it as the stack's `imageTag`;
 * `pulumi up` registers a new task definition revision and updates the service. With `blueGreen`,
 * ECS starts the new tasks behind the green target group, moves the production listener rule to
 * it, and keeps the blue tasks for the bake (`BAKE_MINUTES`: the guide's `sleep 300`, lengthened
 * so the rollback alarm can fire) before stopping them. Rollback is automatic when the circuit
 * breaker sees tasks fail to start or stay healthy, or when a `rollbackAlarmNames` alarm (target 5XX or unhealthy targets of the two groups) fires during the deployment or
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
        const executionRole = createExecutionRole(this, name, args, logGroup.arn);
        const taskRole = createTaskRole(this, name, args);
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
        const problem = applicationServiceProblem(args);
        if (problem !== undefined) {
            throw new pulumi.ResourceError(`service ${args.serviceName}: ${problem}`, this);
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

    /** One container, named after the service, run as its image expects, logging to its group. */
    private createTaskDefinition(
        name: string,
        args: ApplicationServiceArgs,
        logGroup: aws.cloudwatch.LogGroup,
        executionRole: aws.iam.Role,
        taskRole: aws.iam.Role,
    ): aws.ecs.TaskDefinition {
        const fargate = args.capacity.kind !== "ec2";
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const container = containerDefinition(args, logGroup.name, region);
        return new aws.ecs.TaskDefinition(
            `${name}-task`,
            {
                family: args.serviceName,
                cpu: String(args.cpu),
                memory: String(args.memory),
                networkMode: "awsvpc",
                requiresCompatibilities: [fargate ? "FARGATE" : "EC2"],
                ...(fargate ? { runtimePlatform: fargateRuntimePlatform() } : {}),
                executionRoleArn: executionRole.arn,
                taskRoleArn: taskRole.arn,
                containerDefinitions: pulumi.jsonStringify([container]),
                volumes: taskVolumes(args.readonlyRootFilesystem),
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
        // The region is looked up before the blue/green role is registered: the plan records that order.
        const region = aws.getRegionOutput({}, { parent: this }).region;
        const serviceConnect = serviceConnectConfiguration(
            args.serviceConnect,
            args.containerPort,
            logGroup.name,
            region,
        );
        // Validation refuses blue/green without a port.
        const blueGreen =
            args.blueGreen && args.containerPort !== undefined
                ? blueGreenSettings(
                      args.serviceName,
                      args.containerPort,
                      args.blueGreen,
                      createBlueGreenRole(this, name, args),
                  )
                : {};
        return new aws.ecs.Service(
            `${name}-service`,
            {
                name: args.serviceName,
                cluster: args.clusterArn,
                taskDefinition: taskDefinition.arn,
                desiredCount: args.desiredCount,
                capacityProviderStrategies: [{ capacityProvider: capacityProviderFor(args.capacity), weight: 1 }],
                networkConfiguration: {
                    subnets: args.subnetIds,
                    securityGroups: [args.securityGroupId],
                    assignPublicIp: false,
                },
                ...rollingDeploymentSettings(),
                enableExecuteCommand: args.execEnabled,
                propagateTags: "SERVICE",
                enableEcsManagedTags: true,
                serviceConnectConfiguration: serviceConnect,
                ...blueGreen,
                // A deployment returns at once; the circuit breaker and the alarms decide its outcome.
                waitForSteadyState: false,
                tags: mergeTags(args.tags, { Service: args.serviceName }),
            },
            {
                parent: this,
                ignoreChanges: [...SERVICE_FIELDS_OWNED_ELSEWHERE[args.blueGreen ? "blueGreen" : "rolling"]],
            },
        );
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
                targetTrackingScalingPolicyConfiguration: cpuTargetTracking(args.cpuTarget),
            },
            { parent: this },
        );
    }
}
