/**
 * The deployment, Service Connect and autoscaling settings of an `ApplicationService`. Pure
 * builders, testable without mocks.
 */
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { BlueGreen, ServiceCapacity } from "./args";
import { PORT_NAME } from "./task-container";

/**
 * The bake time of a blue/green deployment: how long the old (blue) tasks stay after the switch.
 * The guide waits 300 s. The rollback alarms judge one-minute periods (three of them for server
 * errors), but ALB metrics reach CloudWatch a few minutes late: with a 5-minute bake they could
 * fire only after blue is gone. 15 minutes lets them roll back what they were meant to.
 */
export const BAKE_MINUTES = 15;
/** Seconds the load balancer's failing health checks are ignored while a new task starts. */
export const HEALTH_CHECK_GRACE_SECONDS = 60;

/** The capacity provider a service's single strategy entry names. */
export function capacityProviderFor(capacity: ServiceCapacity): pulumi.Input<string> {
    return capacity.kind === "ec2"
        ? capacity.providerName
        : capacity.kind === "fargateSpot"
          ? "FARGATE_SPOT"
          : "FARGATE";
}

/**
 * Rolling deployments: 100 % kept healthy, up to 200 % running, and a circuit breaker that rolls
 * back tasks that fail to start or stay healthy.
 */
export function rollingDeploymentSettings(): Pick<
    aws.ecs.ServiceArgs,
    "deploymentCircuitBreaker" | "deploymentMinimumHealthyPercent" | "deploymentMaximumPercent"
> {
    return {
        deploymentCircuitBreaker: { enable: true, rollback: true },
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
    };
}

/**
 * Service Connect in `namespaceArn`, with the proxy logging to `logGroupName` in `region` under its
 * own prefix; when `expose` is set (and the container has a port), the service answers to that name
 * on `containerPort`; otherwise it is a client only.
 */
export function serviceConnectConfiguration(
    serviceConnect: { readonly namespaceArn: pulumi.Input<string>; readonly expose?: string },
    containerPort: number | undefined,
    logGroupName: pulumi.Input<string>,
    region: pulumi.Input<string>,
): aws.types.input.ecs.ServiceServiceConnectConfiguration {
    const expose = serviceConnect.expose;
    return {
        enabled: true,
        namespace: serviceConnect.namespaceArn,
        // The Service Connect proxy logs next to the application, under its own prefix.
        logConfiguration: {
            logDriver: "awslogs",
            options: {
                "awslogs-group": logGroupName,
                "awslogs-region": region,
                "awslogs-stream-prefix": "service-connect",
            },
        },
        ...(expose === undefined || containerPort === undefined
            ? {}
            : {
                  services: [
                      {
                          portName: PORT_NAME,
                          discoveryName: expose,
                          clientAlias: [{ port: containerPort, dnsName: expose }],
                      },
                  ],
              }),
    };
}

/**
 * ECS native blue/green for the container `serviceName` on `containerPort`: the two target groups,
 * the listener rule ECS moves with `roleArn`, the bake time, the health check grace period and the
 * alarms that roll a deployment back.
 */
export function blueGreenSettings(
    serviceName: string,
    containerPort: number,
    blueGreen: BlueGreen,
    roleArn: pulumi.Input<string>,
): Pick<aws.ecs.ServiceArgs, "deploymentConfiguration" | "loadBalancers" | "healthCheckGracePeriodSeconds" | "alarms"> {
    return {
        deploymentConfiguration: { strategy: "BLUE_GREEN", bakeTimeInMinutes: String(BAKE_MINUTES) },
        loadBalancers: [
            {
                targetGroupArn: blueGreen.blueTargetGroupArn,
                containerName: serviceName,
                containerPort,
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

/** The guide's CPU target tracking at `cpuTarget` % average CPU: out fast, in slowly. */
export function cpuTargetTracking(
    cpuTarget: number,
): aws.types.input.appautoscaling.PolicyTargetTrackingScalingPolicyConfiguration {
    return {
        targetValue: cpuTarget,
        predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
        // Out fast, in slowly: a burst of fraud checks should not flap the count.
        scaleOutCooldown: 60,
        scaleInCooldown: 300,
    };
}
