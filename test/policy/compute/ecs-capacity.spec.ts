import { strict as assert } from "assert";
import { PlanResource } from "../../../plan/engine/contract";
import { levelsOf, messagesOf, resource, stackTags } from "../harness";

const RULE = "ecs-capacity-holds-deploys";
const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const GROUP = "aws:autoscaling/group:Group";
const PROVIDER = "aws:ecs/capacityProvider:CapacityProvider";
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const SERVICE = "aws:ecs/service:Service";
const TARGET = "aws:appautoscaling/target:Target";

/** Staging-like EC2 capacity: a launch template of `instanceType`, a group of `maxSize`, a provider. */
function capacity(maxSize: number, instanceType = "t3.medium", managed = "ENABLED", env = "staging") {
    const groupTags = Object.entries(stackTags(env)).map(([key, value]) => ({ key, value, propagateAtLaunch: true }));
    const template = resource(TEMPLATE, { instanceType, tags: stackTags("staging") }, { name: "hosts-lt" });
    const group = resource(
        GROUP,
        { minSize: 2, maxSize, desiredCapacity: 2, tags: groupTags },
        { name: "hosts", from: { launchTemplate: [template] } },
    );
    const provider = resource(
        PROVIDER,
        {
            autoScalingGroupProvider: { managedScaling: { status: managed, targetCapacity: 100 } },
            tags: stackTags("staging"),
        },
        { name: "ec2", from: { autoScalingGroupProvider: [group] } },
    );
    return { template, group, provider, all: [template, group, provider] };
}

/** A service of `name` on `provider`: awsvpc tasks of cpu/memory, `desired` tasks, scaling up to `max`. */
function service(
    provider: PlanResource,
    name: string,
    cpu: number,
    memory: number,
    max: number,
    extra: Record<string, unknown> = {},
): PlanResource[] {
    const task = resource(TASK, {
        family: name,
        cpu: String(cpu),
        memory: String(memory),
        networkMode: "awsvpc",
        tags: stackTags("staging"),
    });
    const svc = resource(
        SERVICE,
        {
            name,
            desiredCount: 1,
            deploymentMaximumPercent: 200,
            capacityProviderStrategies: [{ capacityProvider: "ec2-abc1234", weight: 1 }],
            tags: stackTags("staging"),
            ...extra,
        },
        { name: `${name}-service`, from: { taskDefinition: [task], capacityProviderStrategies: [provider] } },
    );
    const target = resource(
        TARGET,
        { serviceNamespace: "ecs", minCapacity: 1, maxCapacity: max, tags: stackTags("staging") },
        { from: { resourceId: [svc] } },
    );
    return [task, svc, target];
}

/** Staging's three services: api blue/green 512/1024 up to 2, worker 256/512 up to 2, ml 1024/2048 up to 1. */
function stagingServices(provider: PlanResource): PlanResource[] {
    return [
        ...service(provider, "fraud-api", 512, 1024, 2, { deploymentConfiguration: { strategy: "BLUE_GREEN" } }),
        ...service(provider, "fraud-worker", 256, 512, 2),
        ...service(provider, "fraud-ml", 1024, 2048, 1),
    ];
}

describe("policy: ecs-capacity-holds-deploys", () => {
    it("passes staging's services on t3.medium hosts that may grow to 5", async () => {
        const hosts = capacity(5);
        assert.deepEqual(await messagesOf([...hosts.all, ...stagingServices(hosts.provider)], RULE), []);
    });

    it("rejects 2 t3.medium hosts for staging's deploy peak, mandatory even in a local stack", async () => {
        const hosts = capacity(2, "t3.medium", "ENABLED", "local");
        assert.deepEqual(await levelsOf([...hosts.all, ...stagingServices(hosts.provider)], RULE), [
            [
                "mandatory",
                "Group hosts can run 2 host(s) of t3.medium (2048 CPU units, 4096 MiB, 2 awsvpc task(s): 3 network interfaces less the primary), but the services on CapacityProvider ec2 need 5 for 10 task(s) at a deploy's peak (fraud-api 2 x 200% (blue/green), fraud-worker 2 x 200%, fraud-ml 1 x 200%); set maxSize to at least 5, or use an instance type with more network interfaces or ENI trunking",
            ],
        ]);
    });

    it("counts the desired size, not maxSize, when managed scaling is off", async () => {
        const hosts = capacity(5, "t3.medium", "DISABLED");
        const messages = await messagesOf([...hosts.all, ...stagingServices(hosts.provider)], RULE);
        assert.deepEqual(messages, [
            "Group hosts can run 2 host(s) of t3.medium (2048 CPU units, 4096 MiB, 2 awsvpc task(s): 3 network interfaces less the primary), but the services on CapacityProvider ec2 need 5 for 10 task(s) at a deploy's peak (fraud-api 2 x 200% (blue/green), fraud-worker 2 x 200%, fraud-ml 1 x 200%); set desiredCapacity (or turn managed scaling on) to at least 5, or use an instance type with more network interfaces or ENI trunking",
        ]);
    });

    it("counts memory too: two 3 GiB tasks never share a t3.medium", async () => {
        const hosts = capacity(1);
        const messages = await messagesOf([...hosts.all, ...service(hosts.provider, "big", 512, 3072, 1)], RULE);
        assert.deepEqual(messages, [
            "Group hosts can run 1 host(s) of t3.medium (2048 CPU units, 4096 MiB, 2 awsvpc task(s): 3 network interfaces less the primary), but the services on CapacityProvider ec2 need 2 for 2 task(s) at a deploy's peak (big 1 x 200%); set maxSize to at least 2, or use an instance type with more network interfaces or ENI trunking",
        ]);
    });

    it("rejects a task no host of the type can hold", async () => {
        const hosts = capacity(5);
        const messages = await messagesOf([...hosts.all, ...service(hosts.provider, "huge", 4096, 8192, 1)], RULE);
        assert.deepEqual(messages, [
            "a task on CapacityProvider ec2 does not fit one t3.medium (2048 CPU units, 4096 MiB, 2 awsvpc task(s): 3 network interfaces less the primary); use a larger instance type",
        ]);
    });

    it("rejects an instance type the facts do not know", async () => {
        const hosts = capacity(5, "c7i.large");
        assert.deepEqual(await messagesOf([...hosts.all, ...stagingServices(hosts.provider)], RULE), [
            'instance type "c7i.large" of Group hosts has no row in facts/aws/instance-network.ts, so the capacity of a deploy cannot be checked; add its vCPUs, memory and network interfaces with their source',
        ]);
    });

    it("ignores capacity no service is placed on", async () => {
        assert.deepEqual(await messagesOf(capacity(1).all, RULE), []);
    });
});
