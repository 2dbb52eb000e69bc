import { strict as assert } from "assert";
import { PlanResource } from "../../../plan/engine/contract";
import { messagesOf, resource, stackTags } from "../harness";
import {
    albProps,
    httpsListenerProps,
    LB,
    levelsOf,
    LISTENER,
    Props,
    TARGET_GROUP,
    targetGroupProps,
} from "./fixtures";

const SERVICE = "aws:ecs/service:Service";
const LISTENER_RULE = "aws:lb/listenerRule:ListenerRule";
const SCALING_TARGET = "aws:appautoscaling/target:Target";
const SCALING_POLICY = "aws:appautoscaling/policy:Policy";

/** A compliant Fargate service `name` in `env`: private subnets, own group, circuit breaker. */
function serviceProps(name = "fraud-api", env = "production"): Props {
    return {
        name,
        cluster: "arn:aws:ecs:ca-central-1:111122223333:cluster/fraud-detector-prod",
        launchType: "FARGATE",
        platformVersion: "LATEST",
        desiredCount: 3,
        networkConfiguration: {
            subnets: ["subnet-private-a", "subnet-private-b"],
            securityGroups: ["sg-api"],
            assignPublicIp: false,
        },
        deploymentCircuitBreaker: { enable: true, rollback: true },
        tags: stackTags(env),
    };
}

/** The awsx VPC the services' subnets come from. */
const VPC = resource("awsx:ec2:Vpc", { cidrBlock: "10.0.0.0/16", tags: stackTags() }, { custom: false, name: "vpc" });

/** A service whose subnets come from the stack's VPC, plus any other property sources in `from`. */
function placed(props: Props, from: Record<string, PlanResource[]> = {}): PlanResource {
    const network = [...(from.networkConfiguration ?? []), VPC];
    return resource(SERVICE, props, { from: { ...from, networkConfiguration: network } });
}

/** A public ALB forwarding to a target group of `service`: ALB ← listener → target group ← service. */
function servedBy(albOverrides: Props = {}) {
    const alb = resource(LB, { ...albProps(), ...albOverrides });
    const tg = resource(TARGET_GROUP, targetGroupProps());
    const listener = resource(LISTENER, httpsListenerProps(), {
        from: { loadBalancerArn: [alb], defaultActions: [tg] },
    });
    return { alb, tg, listener, all: [alb, tg, listener] };
}

describe("policy: compute", () => {
    describe("ecs-service-network", () => {
        it("passes fraud-api behind the public ALB and a worker without a load balancer", async () => {
            const edge = servedBy();
            const api = placed(serviceProps(), { loadBalancers: [edge.tg] });
            const worker = placed(serviceProps("fraud-worker"));
            assert.deepEqual(await messagesOf([VPC, ...edge.all, api, worker], "ecs-service-network"), []);
        });

        it("rejects a public IP on the tasks, mandatory in production", async () => {
            const service = placed({
                ...serviceProps(),
                networkConfiguration: {
                    subnets: ["subnet-private-a"],
                    securityGroups: ["sg-api"],
                    assignPublicIp: true,
                },
            });
            assert.deepEqual(await levelsOf([VPC, service], "ecs-service-network"), [
                ["mandatory", "networkConfiguration.assignPublicIp is true; set assignPublicIp: false"],
            ]);
        });

        it("rejects a service without network configuration", async () => {
            const service = placed({ ...serviceProps(), networkConfiguration: undefined });
            assert.deepEqual(await messagesOf([VPC, service], "ecs-service-network"), [
                "networkConfiguration is unset; set networkConfiguration: { subnets: <private subnets>, securityGroups: [<service group>], assignPublicIp: false }",
            ]);
        });

        it("rejects a service without its own security group", async () => {
            const service = placed({
                ...serviceProps(),
                networkConfiguration: { subnets: ["subnet-private-a", "subnet-private-b"] },
            });
            assert.deepEqual(await messagesOf([VPC, service], "ecs-service-network"), [
                "networkConfiguration.securityGroups is empty; attach the service's own security group",
            ]);
        });

        it("rejects tasks placed in a public subnet", async () => {
            const subnet = resource(
                "aws:ec2/subnet:Subnet",
                { mapPublicIpOnLaunch: true, tags: { ...stackTags(), SubnetType: "Public" } },
                { name: "public-a" },
            );
            const service = placed(serviceProps(), { networkConfiguration: [subnet] });
            assert.deepEqual(await messagesOf([VPC, subnet, service], "ecs-service-network"), [
                "networkConfiguration.subnets include the public Subnet public-a; run tasks in the private subnets",
            ]);
        });

        it("reports subnets that come from no subnet or VPC of the stack, whose tier cannot be told", async () => {
            const service = resource(SERVICE, serviceProps(), { name: "literal-subnets" });
            assert.deepEqual(await messagesOf([VPC, service], "ecs-service-network"), [
                'networkConfiguration.subnets ["subnet-private-a","subnet-private-b"] come from no subnet or VPC of this stack, so whether they are private cannot be judged; take them from the VPC\'s private subnet ids',
            ]);
        });

        it("reports a service other than the API whose target group is not in the stack", async () => {
            const worker = placed({
                ...serviceProps("fraud-worker"),
                loadBalancers: [
                    { targetGroupArn: "arn:aws:elasticloadbalancing:ca-central-1:111122223333:targetgroup/x/1" },
                ],
            });
            assert.deepEqual(await messagesOf([VPC, worker], "ecs-service-network"), [
                'loadBalancers ["arn:aws:elasticloadbalancing:ca-central-1:111122223333:targetgroup/x/1"] names a target group that is not in this stack, so whether the internet reaches service "fraud-worker" cannot be judged; reference the target group resource (its .arn)',
            ]);
        });

        it("rejects an old Fargate platform version", async () => {
            const service = placed({ ...serviceProps(), platformVersion: "1.3.0" });
            assert.deepEqual(await messagesOf([VPC, service], "ecs-service-network"), [
                'platformVersion is "1.3.0"; remove it or set platformVersion: "LATEST"',
            ]);
        });

        it("rejects a worker served by the internet-facing ALB through a listener rule", async () => {
            const alb = resource(LB, albProps(), { name: "public" });
            const listener = resource(LISTENER, httpsListenerProps(), { from: { loadBalancerArn: [alb] } });
            const tg = resource(TARGET_GROUP, targetGroupProps());
            const rule = resource(
                LISTENER_RULE,
                { priority: 10 },
                { from: { listenerArn: [listener], actions: [tg] } },
            );
            const worker = placed(serviceProps("fraud-worker"), { loadBalancers: [tg] });
            assert.deepEqual(await messagesOf([VPC, alb, listener, tg, rule, worker], "ecs-service-network"), [
                'service "fraud-worker" is served by the internet-facing LoadBalancer public; only fraud-api is, reach the others from inside the VPC',
            ]);
        });

        it("passes the ML service behind an internal load balancer", async () => {
            const internal = servedBy({ internal: true });
            const ml = placed(serviceProps("fraud-ml"), { loadBalancers: [internal.tg] });
            assert.deepEqual(await messagesOf([VPC, ...internal.all, ml], "ecs-service-network"), []);
        });
    });

    describe("ecs-service-resilience", () => {
        it("passes the guide's production counts with a rolling-back circuit breaker", async () => {
            const services = [
                resource(SERVICE, serviceProps()),
                resource(SERVICE, { ...serviceProps("fraud-worker"), desiredCount: 2 }),
                resource(SERVICE, { ...serviceProps("fraud-ml"), desiredCount: 2 }),
            ];
            assert.deepEqual(await messagesOf(services, "ecs-service-resilience"), []);
        });

        it("passes a single staging task", async () => {
            const service = resource(SERVICE, { ...serviceProps("fraud-api", "staging"), desiredCount: 1 });
            assert.deepEqual(await messagesOf([service], "ecs-service-resilience"), []);
        });

        it("rejects fewer fraud-api tasks than the guide's 3, mandatory in production", async () => {
            const service = resource(SERVICE, { ...serviceProps(), desiredCount: 2 });
            assert.deepEqual(await levelsOf([service], "ecs-service-resilience"), [
                [
                    "mandatory",
                    'desiredCount is 2 (the provider default is 0); run at least 3 task(s) of "fraud-api" in production',
                ],
            ]);
        });

        it("rejects a production worker left at the provider's default count", async () => {
            const service = resource(SERVICE, { ...serviceProps("fraud-worker"), desiredCount: undefined });
            assert.deepEqual(await messagesOf([service], "ecs-service-resilience"), [
                'desiredCount is unset (the provider default is 0); run at least 2 task(s) of "fraud-worker" in production',
            ]);
        });

        it("rejects a circuit breaker that does not roll back, advisory in staging", async () => {
            const service = resource(SERVICE, {
                ...serviceProps("fraud-api", "staging"),
                deploymentCircuitBreaker: { enable: true, rollback: false },
            });
            assert.deepEqual(await levelsOf([service], "ecs-service-resilience"), [
                [
                    "advisory",
                    'deploymentCircuitBreaker is {"enable":true,"rollback":false}; set deploymentCircuitBreaker: { enable: true, rollback: true }',
                ],
            ]);
        });

        it("does not ask for a circuit breaker under a CodeDeploy blue-green controller", async () => {
            const service = resource(SERVICE, {
                ...serviceProps(),
                deploymentCircuitBreaker: undefined,
                deploymentController: { type: "CODE_DEPLOY" },
            });
            assert.deepEqual(await messagesOf([service], "ecs-service-resilience"), []);
        });
    });

    describe("ecs-autoscaling", () => {
        function targetProps(service = "fraud-api", min = 2, max = 10): Props {
            return {
                serviceNamespace: "ecs",
                scalableDimension: "ecs:service:DesiredCount",
                resourceId: `service/fraud-detector-prod/${service}`,
                minCapacity: min,
                maxCapacity: max,
                tags: stackTags(),
            };
        }

        function cpuPolicyProps(targetValue = 70): Props {
            return {
                policyType: "TargetTrackingScaling",
                serviceNamespace: "ecs",
                scalableDimension: "ecs:service:DesiredCount",
                resourceId: "service/fraud-detector-prod/fraud-api",
                targetTrackingScalingPolicyConfiguration: {
                    targetValue,
                    predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
                },
            };
        }

        /** fraud-api with its target and CPU policy, linked through property dependencies. */
        function scaledApi(target: Props = targetProps(), policy: Props | null = cpuPolicyProps()) {
            const service = resource(SERVICE, serviceProps());
            const scaling = resource(SCALING_TARGET, target, { name: "api-target", from: { resourceId: [service] } });
            const cpu =
                policy === null ? undefined : resource(SCALING_POLICY, policy, { from: { resourceId: [scaling] } });
            return { service, target: scaling, all: cpu ? [service, scaling, cpu] : [service, scaling] };
        }

        it("passes fraud-api scaling 2 to 10 on CPU at 70", async () => {
            assert.deepEqual(await messagesOf(scaledApi().all, "ecs-autoscaling"), []);
        });

        it("passes a target and policy linked only by equal resourceId values", async () => {
            const resources = [
                resource(SERVICE, serviceProps()),
                resource(SCALING_TARGET, targetProps()),
                resource(SCALING_POLICY, cpuPolicyProps()),
            ];
            assert.deepEqual(await messagesOf(resources, "ecs-autoscaling"), []);
        });

        it("rejects a production service without a scalable target, mandatory in production", async () => {
            const worker = resource(SERVICE, serviceProps("fraud-worker"));
            assert.deepEqual(await levelsOf([worker], "ecs-autoscaling"), [
                [
                    "mandatory",
                    'no Application Auto Scaling target scales service "fraud-worker"; add an aws.appautoscaling.Target with serviceNamespace "ecs", scalableDimension "ecs:service:DesiredCount" and resourceId "service/<cluster>/<service>"',
                ],
            ]);
        });

        it("does not require scaling outside production", async () => {
            assert.deepEqual(
                await messagesOf([resource(SERVICE, serviceProps("fraud-api", "staging"))], "ecs-autoscaling"),
                [],
            );
        });

        it("rejects fraud-api capped below the guide's 10 tasks", async () => {
            assert.deepEqual(await messagesOf(scaledApi(targetProps("fraud-api", 2, 6)).all, "ecs-autoscaling"), [
                "minCapacity is 2 and maxCapacity 6; set minCapacity: 2 and maxCapacity: 10 for fraud-api (guide: Auto Scaling)",
            ]);
        });

        it("rejects a worker that may scale down to one task", async () => {
            const worker = resource(SERVICE, serviceProps("fraud-worker"));
            const target = resource(SCALING_TARGET, targetProps("fraud-worker", 1, 4), {
                from: { resourceId: [worker] },
            });
            assert.deepEqual(await messagesOf([worker, target], "ecs-autoscaling"), [
                'minCapacity is 1 and maxCapacity 4; keep 2 ≤ minCapacity ≤ maxCapacity for "fraud-worker"',
            ]);
        });

        it("rejects fraud-api without a CPU target-tracking policy", async () => {
            assert.deepEqual(await messagesOf(scaledApi(targetProps(), null).all, "ecs-autoscaling"), [
                'no target-tracking policy on ECSServiceAverageCPUUtilization scales fraud-api; add an aws.appautoscaling.Policy with policyType "TargetTrackingScaling", resourceId of this target and targetValue 70',
            ]);
        });

        it("rejects a CPU target other than the guide's 70", async () => {
            assert.deepEqual(await messagesOf(scaledApi(targetProps(), cpuPolicyProps(80)).all, "ecs-autoscaling"), [
                "the CPU scaling policy's targetValue is 80; set targetValue: 70",
            ]);
        });
    });
});
