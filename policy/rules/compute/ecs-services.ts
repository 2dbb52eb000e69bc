import { PolicyResource } from "@pulumi/policy";
import { asList, label, ofType, shown, tagsOf } from "../../../lib/relations/resources";
import { environmentOf, resourceRule, Rule, stackRule } from "../../lib/rule";
import {
    GUIDE_API_SCALING,
    GUIDE_SERVICE_NAMES,
    GUIDE_TASK_COUNTS,
    GuideServiceKey,
} from "../../../facts/guide/services";
import {
    isInternetFacing,
    loadBalancersServing,
    on,
    perResource,
    record,
    records,
    SERVICE,
    TARGET_GROUPS,
} from "./shared";
import { refersTo, sourcesOf } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";

const SUBNET = "aws:ec2/subnet:Subnet";
const AWSX_VPC = "awsx:ec2:Vpc";
const SCALING_TARGET = "aws:appautoscaling/target:Target";
const SCALING_POLICY = "aws:appautoscaling/policy:Policy";

/** The guide's production task counts by physical service name (module "ecs_cluster"). */
const TASK_COUNTS_BY_NAME: Readonly<Record<string, number>> = Object.fromEntries(
    (Object.keys(GUIDE_SERVICE_NAMES) as GuideServiceKey[]).map((key) => [
        GUIDE_SERVICE_NAMES[key],
        GUIDE_TASK_COUNTS[key],
    ]),
);
/** The one service the internet-facing ALB may serve, and the one the guide gives its own scaling numbers. */
const API_SERVICE = GUIDE_SERVICE_NAMES.api;
const { minCount: API_MIN, maxCount: API_MAX, cpuTarget: API_CPU_TARGET } = GUIDE_API_SCALING;

/** Whether an ECS service runs on Fargate: launch type or capacity provider. */
function usesFargate(props: Props): boolean {
    return (
        props.launchType === "FARGATE" ||
        records(props.capacityProviderStrategies).some((s) => String(s.capacityProvider).startsWith("FARGATE"))
    );
}

/** Where a service's tasks run: private subnets, own security group, no public IP. */
function ownPlacementProblems(props: Props): string[] {
    if (props.networkConfiguration === undefined) {
        return [
            "networkConfiguration is unset; set networkConfiguration: { subnets: <private subnets>, securityGroups: [<service group>], assignPublicIp: false }",
        ];
    }
    const network = record(props.networkConfiguration);
    const problems: string[] = [];
    if (network.assignPublicIp === true) {
        problems.push("networkConfiguration.assignPublicIp is true; set assignPublicIp: false");
    }
    if (asList(network.subnets as unknown[]).length === 0) {
        problems.push("networkConfiguration.subnets is empty; list the private subnets");
    }
    if (asList(network.securityGroups as unknown[]).length === 0) {
        problems.push("networkConfiguration.securityGroups is empty; attach the service's own security group");
    }
    return problems;
}

/** Which subnets the service runs in, told by the subnets and VPC it takes them from. */
function subnetTierProblems(service: PolicyResource): string[] {
    const props = service.props as Props;
    if (props.networkConfiguration === undefined) {
        // A missing network is ownPlacementProblems', in the resource pass.
        return [];
    }
    const network = record(props.networkConfiguration);
    const problems: string[] = [];
    // Subnet ids are unknown in a preview, so public subnets are recognised through the dependency.
    const publicSubnets = sourcesOf(service, "networkConfiguration").filter(
        (s) => s.type === SUBNET && (tagsOf(s.props).SubnetType === "Public" || s.props.mapPublicIpOnLaunch === true),
    );
    for (const subnet of publicSubnets) {
        problems.push(
            `networkConfiguration.subnets include the public ${label(subnet)}; run tasks in the private subnets`,
        );
    }
    // Literal subnet ids have no dependency: their tier cannot be told, so they are reported.
    const subnets = asList(network.subnets as unknown[]);
    const fromStack = sourcesOf(service, "networkConfiguration").some((s) => s.type === SUBNET || s.type === AWSX_VPC);
    if (subnets.length > 0 && !fromStack) {
        problems.push(
            `networkConfiguration.subnets ${shown(subnets)} come from no subnet or VPC of this stack, so whether they are private cannot be judged; take them from the VPC's private subnet ids`,
        );
    }
    return problems;
}

/** A service's own network settings: placement and a current Fargate platform (ECS.10). */
function ownNetworkProblems(props: Props): string[] {
    const problems = ownPlacementProblems(props);
    const version = props.platformVersion;
    if (usesFargate(props) && version !== undefined && version !== "LATEST" && version !== "1.4.0") {
        problems.push(`platformVersion is ${shown(version)}; remove it or set platformVersion: "LATEST"`);
    }
    return problems;
}

/** What a service's network needs other resources for: its subnets' tier, and only the API in public. */
function serviceNetworkProblems(service: PolicyResource, resources: readonly PolicyResource[]): string[] {
    const props = service.props as Props;
    const problems = subnetTierProblems(service);
    if (props.name !== API_SERVICE) {
        // A target group outside the stack hides which load balancer serves the service.
        const targets = records(props.loadBalancers).map((lb) => lb.targetGroupArn);
        const resolved = sourcesOf(service, "loadBalancers").filter((tg) => TARGET_GROUPS.includes(tg.type));
        if (targets.length > resolved.length) {
            problems.push(
                `loadBalancers ${shown(targets)} names a target group that is not in this stack, so whether the internet reaches service ${shown(props.name)} cannot be judged; reference the target group resource (its .arn)`,
            );
        }
        const exposed = loadBalancersServing(service, resources).filter((lb) => isInternetFacing(lb.props));
        // A load balancer reached through two listeners is reported once.
        for (const lb of new Set(exposed)) {
            problems.push(
                `service ${shown(props.name)} is served by the internet-facing ${label(lb)}; only ${API_SERVICE} is, reach the others from inside the VPC`,
            );
        }
    }
    return problems;
}

/** Task counts in production and a circuit breaker that rolls back failed deployments. */
function resilienceProblems(props: Props): string[] {
    const problems: string[] = [];
    if (environmentOf(props) === "production") {
        const name = props.name;
        const wanted = typeof name === "string" && name in TASK_COUNTS_BY_NAME ? TASK_COUNTS_BY_NAME[name] : 1;
        const count = props.desiredCount;
        if (typeof count !== "number" || count < wanted) {
            problems.push(
                `desiredCount is ${shown(count)} (the provider default is 0); run at least ${wanted} task(s) of ${shown(name)} in production`,
            );
        }
    }
    // The circuit breaker exists only for the ECS deployment controller; CODE_DEPLOY and EXTERNAL roll back their own way.
    const controller = record(props.deploymentController).type;
    const breaker = record(props.deploymentCircuitBreaker);
    if ((controller === undefined || controller === "ECS") && (breaker.enable !== true || breaker.rollback !== true)) {
        problems.push(
            `deploymentCircuitBreaker is ${shown(props.deploymentCircuitBreaker)}; set deploymentCircuitBreaker: { enable: true, rollback: true }`,
        );
    }
    return problems;
}

/** Whether a scalable target belongs to `service`: by its resourceId's dependency or its value. */
function targetsService(target: PolicyResource, service: PolicyResource): boolean {
    const id = (target.props as Props).resourceId;
    return (
        refersTo(target, "resourceId", service) ||
        (typeof id === "string" &&
            id.startsWith("service/") &&
            service.props.name !== undefined &&
            id.split("/").pop() === service.props.name)
    );
}

/** Whether a scaling policy acts on `target`: by its resourceId's dependency or an equal value. */
function policyOnTarget(policy: PolicyResource, target: PolicyResource): boolean {
    return (
        refersTo(policy, "resourceId", target) ||
        (typeof policy.props.resourceId === "string" && policy.props.resourceId === target.props.resourceId)
    );
}

/** fraud-api's CPU target tracking: one policy on ECSServiceAverageCPUUtilization, at the guide's target. */
function apiCpuPolicyProblems(target: PolicyResource, resources: readonly PolicyResource[]): string[] {
    const cpu = ofType(resources, SCALING_POLICY).filter(
        (p) =>
            policyOnTarget(p, target) &&
            p.props.policyType === "TargetTrackingScaling" &&
            record(record(p.props.targetTrackingScalingPolicyConfiguration).predefinedMetricSpecification)
                .predefinedMetricType === "ECSServiceAverageCPUUtilization",
    );
    if (cpu.length === 0) {
        return [
            `no target-tracking policy on ECSServiceAverageCPUUtilization scales ${API_SERVICE}; add an aws.appautoscaling.Policy with policyType "TargetTrackingScaling", resourceId of this target and targetValue ${API_CPU_TARGET}`,
        ];
    }
    return cpu.flatMap((policy) => {
        const value = record(policy.props.targetTrackingScalingPolicyConfiguration).targetValue;
        return value === API_CPU_TARGET
            ? []
            : [`the CPU scaling policy's targetValue is ${shown(value)}; set targetValue: ${API_CPU_TARGET}`];
    });
}

/** The capacity findings of one ECS scalable target (2 ≤ min ≤ max; fraud-api as the guide scales it). */
function scalingProblems(
    service: PolicyResource,
    target: PolicyResource,
    resources: readonly PolicyResource[],
): string[] {
    const problems: string[] = [];
    const { minCapacity: min, maxCapacity: max, scalableDimension } = target.props;
    if (scalableDimension !== "ecs:service:DesiredCount") {
        problems.push(
            `scalableDimension is ${shown(scalableDimension)}; set scalableDimension: "ecs:service:DesiredCount"`,
        );
    }
    const name = (service.props as Props).name;
    if (name !== API_SERVICE) {
        if (typeof min !== "number" || typeof max !== "number" || min < 2 || min > max) {
            problems.push(
                `minCapacity is ${shown(min)} and maxCapacity ${shown(max)}; keep 2 ≤ minCapacity ≤ maxCapacity for ${shown(name)}`,
            );
        }
        return problems;
    }
    if (min !== API_MIN || max !== API_MAX) {
        problems.push(
            `minCapacity is ${shown(min)} and maxCapacity ${shown(max)}; set minCapacity: ${API_MIN} and maxCapacity: ${API_MAX} for ${API_SERVICE} (guide: Auto Scaling)`,
        );
    }
    return [...problems, ...apiCpuPolicyProblems(target, resources)];
}

/** `ecs-service-network`: tasks stay off the internet; only fraud-api sits behind the public ALB. */
export const ecsServiceNetwork: Rule = stackRule({
    id: "ecs-service-network",
    description:
        "Keeps the tasks off the internet (FSBP ECS.2, ECS.10; guide: Infrastructure Architecture): services run in private subnets with their own security groups and no public IP, Fargate on LATEST/1.4.0, and only fraud-api is served by an internet-facing load balancer.",
    kind: "security",
    // Placement settings and the platform version are the service's own, decided at preview; the
    // subnets' tier and which load balancers serve it need those resources.
    resourceCheck: { types: [SERVICE], check: ownNetworkProblems },
    check: perResource([SERVICE], serviceNetworkProblems),
});

/** `ecs-service-resilience`: the guide's task counts in production and a rolling-back circuit breaker. */
export const ecsServiceResilience: Rule = resourceRule({
    id: "ecs-service-resilience",
    description:
        'Keeps the services up through task failures and bad deployments (guide: Production Infrastructure module "ecs_cluster", Rollback Procedures): production runs at least the guide\'s task counts, and the deployment circuit breaker rolls failed deployments back.',
    kind: "resilience",
    types: [SERVICE],
    check: resilienceProblems,
});

/** `ecs-autoscaling`: every production service scales, fraud-api as the guide sets it. */
export const ecsAutoscaling: Rule = stackRule({
    id: "ecs-autoscaling",
    description: `Lets production follow the load the guide plans for (Performance Optimization › Auto Scaling): every production ECS service has a scalable target with 2 ≤ min ≤ max; ${API_SERVICE} scales ${API_MIN} to ${API_MAX} on ECSServiceAverageCPUUtilization at ${API_CPU_TARGET}.`,
    kind: "resilience",
    check: (resources) =>
        ofType(resources, SERVICE)
            .filter((service) => environmentOf(service.props as Props) === "production")
            .flatMap((service) => {
                const targets = ofType(resources, SCALING_TARGET).filter(
                    (t) => t.props.serviceNamespace === "ecs" && targetsService(t, service),
                );
                if (targets.length === 0) {
                    return on(service, [
                        `no Application Auto Scaling target scales service ${shown(service.props.name)}; add an aws.appautoscaling.Target with serviceNamespace "ecs", scalableDimension "ecs:service:DesiredCount" and resourceId "service/<cluster>/<service>"`,
                    ]);
                }
                // Capacity findings go on the target, which is what has to change.
                return targets.flatMap((target) => on(target, scalingProblems(service, target, resources)));
            }),
});
