import { strict as assert } from "assert";
import { ApplicationService } from "../../../components/compute/application-service/application-service";
import { ApplicationServiceArgs } from "../../../components/compute/application-service/args";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
const DB_SECRET = "arn:aws:secretsmanager:ca-central-1:111122223333:secret:fraud-detector/prod/db";

/** The guide's production api: Fargate 512/1024, 3 tasks (2..10 at 70 %), behind the ALB with blue/green. */
const API: ApplicationServiceArgs = {
    serviceName: "fraud-api",
    image: "111122223333.dkr.ecr.ca-central-1.amazonaws.com/fraud-api:3f9c2e1",
    containerPort: 8000,
    dropCapabilities: ["ALL"],
    environment: { APP_ENV: "production" },
    secrets: { DB_PASSWORD: `${DB_SECRET}:password::` },
    readonlyRootFilesystem: true,
    clusterArn: "arn:aws:ecs:ca-central-1:111122223333:cluster/fraud-detector-prod",
    clusterName: "fraud-detector-prod",
    capacity: { kind: "fargate" },
    cpu: 512,
    memory: 1024,
    desiredCount: 3,
    minCount: 2,
    maxCount: 10,
    cpuTarget: 70,
    repositoryArn: "arn:aws:ecr:ca-central-1:111122223333:repository/fraud-api",
    secretArns: [DB_SECRET],
    kmsKeyArn: "arn:aws:kms:ca-central-1:111122223333:key/data",
    taskPolicyStatements: [{ Effect: "Allow", Action: ["bedrock:InvokeModel"], Resource: "*" }],
    subnetIds: ["subnet-private-a", "subnet-private-b"],
    securityGroupId: "sg-api",
    serviceConnect: { namespaceArn: "arn:aws:servicediscovery:ca-central-1:111122223333:namespace/ns-1" },
    logRetentionDays: 90,
    execEnabled: false,
    logDeletionProtection: true,
    tags: TAGS,
    roleBoundaryArn: "arn:aws:iam::111122223333:policy/boundaries/fraud-detector-prod-role-boundary",
    blueGreen: {
        blueTargetGroupArn: "arn:blue",
        greenTargetGroupArn: "arn:green",
        productionListenerRuleArn: "arn:rule",
        rollbackAlarmNames: ["fraud-api-target-5xx"],
    },
};
/** The worker: no port, no secrets, no task permissions, rolling deployments. */
const WORKER: ApplicationServiceArgs = {
    ...API,
    serviceName: "fraud-worker",
    containerPort: undefined,
    cpu: 256,
    memory: 512,
    desiredCount: 2,
    minCount: 1,
    maxCount: 4,
    secrets: {},
    secretArns: [],
    taskPolicyStatements: [],
    blueGreen: undefined,
};
/** The ml-service on the cluster's EC2 capacity, answering to `fraud-ml` on Service Connect. */
const ML_ON_EC2: ApplicationServiceArgs = {
    ...WORKER,
    serviceName: "fraud-ml",
    containerPort: 5000,
    capacity: { kind: "ec2", providerName: "fraud-detector-prod-ec2" },
    cpu: 1024,
    memory: 1000,
    serviceConnect: { ...API.serviceConnect, expose: "fraud-ml" },
};

/** What every service has: its logs, roles, task definition, service and scaling. */
const PLAIN_SERVICE = [
    "aws:cloudwatch/logGroup:LogGroup prod-svc-logs",
    "aws:iam/role:Role prod-svc-execution-role",
    "aws:iam/role:Role prod-svc-task-role",
    "aws:iam/rolePolicy:RolePolicy prod-svc-execution-pull-and-logs",
    "aws:ecs/taskDefinition:TaskDefinition prod-svc-task",
    "aws:ecs/service:Service prod-svc-service",
    "aws:appautoscaling/target:Target prod-svc-scaling-target",
    "aws:appautoscaling/policy:Policy prod-svc-cpu-scaling",
];
const build = (args: ApplicationServiceArgs) => () => new ApplicationService("prod-svc", args);

describe("components/compute ApplicationService (built in-process)", () => {
    const cases = [
        {
            title: "the api: Fargate, blue/green behind the ALB, a secret, task permissions",
            args: API,
            children: [
                ...PLAIN_SERVICE,
                "aws:iam/role:Role prod-svc-blue-green-role",
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment prod-svc-blue-green-load-balancers",
                "aws:iam/rolePolicy:RolePolicy prod-svc-execution-secrets",
                "aws:iam/rolePolicy:RolePolicy prod-svc-task-policy",
            ],
            compatibility: "FARGATE",
            capacityProvider: "FARGATE",
            ignoreChanges: ["desiredCount", "loadBalancers"],
        },
        {
            title: "the worker: no port, no secret, no task permissions, rolling",
            args: WORKER,
            children: PLAIN_SERVICE,
            compatibility: "FARGATE",
            capacityProvider: "FARGATE",
            ignoreChanges: ["desiredCount"],
        },
        {
            title: "the ml-service on EC2 capacity, where any memory size goes",
            args: ML_ON_EC2,
            children: PLAIN_SERVICE,
            compatibility: "EC2",
            capacityProvider: "fraud-detector-prod-ec2",
            ignoreChanges: ["desiredCount"],
        },
    ];
    for (const c of cases) {
        describe(c.title, () => {
            const built = builtOnce(build(c.args));

            it("registers its children, each parented in the component", async () => {
                const { component, children, parentName } = await built();
                assert.equal(component.type, "fraud-detector:compute:ApplicationService");
                assert.deepEqual(children.map((r) => `${r.type} ${r.name}`).sort(), [...c.children].sort());
                assert.ok(children.every((r) => parentName(r) === "prod-svc"));
            });

            it("sizes the task, names the family, log group and scaling policy after the service", async () => {
                const { child, outputs } = await built();
                const task = child("aws:ecs/taskDefinition:TaskDefinition", "prod-svc-task");
                assert.deepEqual(
                    [task.inputs.family, task.inputs.cpu, task.inputs.memory, task.inputs.requiresCompatibilities],
                    [c.args.serviceName, String(c.args.cpu), String(c.args.memory), [c.compatibility]],
                );
                const logs = child("aws:cloudwatch/logGroup:LogGroup", "prod-svc-logs");
                assert.deepEqual([logs.inputs.name, logs.inputs.retentionInDays], [`/ecs/${c.args.serviceName}`, 90]);
                const policy = child("aws:appautoscaling/policy:Policy", "prod-svc-cpu-scaling");
                assert.equal(policy.inputs.name, `${c.args.serviceName}-cpu-scaling`);
                assert.equal(outputs.logGroupName, `/ecs/${c.args.serviceName}`);
            });

            it("runs the service privately on its capacity, leaving the count to autoscaling", async () => {
                const { child } = await built();
                const service = child("aws:ecs/service:Service", "prod-svc-service");
                assert.equal(service.inputs.desiredCount, c.args.desiredCount);
                assert.deepEqual(service.inputs.capacityProviderStrategies, [
                    { capacityProvider: c.capacityProvider, weight: 1 },
                ]);
                assert.equal(
                    (service.inputs.networkConfiguration as { assignPublicIp: boolean }).assignPublicIp,
                    false,
                );
                assert.deepEqual(service.options.ignoreChanges, c.ignoreChanges);
                const target = child("aws:appautoscaling/target:Target", "prod-svc-scaling-target");
                assert.deepEqual(
                    [target.inputs.minCapacity, target.inputs.maxCapacity],
                    [c.args.minCount, c.args.maxCount],
                );
            });

            it("bounds every role with the stack's permissions boundary", async () => {
                const roles = (await built()).ofType("aws:iam/role:Role");
                assert.ok(roles.length > 0);
                for (const role of roles) {
                    assert.equal(role.inputs.permissionsBoundary, API.roleBoundaryArn);
                }
            });
        });
    }

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<ApplicationServiceArgs>[] = [
        [
            "a service name ECS refuses",
            { serviceName: "-api" },
            "service -api: serviceName must be 1 to 255 letters, digits, hyphens or underscores, starting with a letter or digit",
        ],
        [
            "a memory size Fargate has no task of",
            { cpu: 512, memory: 512 },
            "service fraud-api: Fargate has no task of 512 CPU units and 512 MiB; memory for 512 is 1024 to 4096 in steps of 1024",
        ],
        [
            "a quarter vCPU with 4 GiB",
            { cpu: 256, memory: 4096 },
            "service fraud-api: Fargate has no task of 256 CPU units and 4096 MiB; memory for 256 is 512, 1024, 2048",
        ],
        [
            "a CPU size Fargate has not",
            { cpu: 300, memory: 1024 },
            "service fraud-api: Fargate has no task of 300 CPU units and 1024 MiB; memory for 300 is none (cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384)",
        ],
        [
            "minCount above desiredCount",
            { minCount: 4 },
            "service fraud-api: counts must be whole numbers with 0 ≤ minCount (4) ≤ desiredCount (3) ≤ maxCount (10)",
        ],
        [
            "desiredCount above maxCount",
            { desiredCount: 11 },
            "service fraud-api: counts must be whole numbers with 0 ≤ minCount (2) ≤ desiredCount (11) ≤ maxCount (10)",
        ],
        [
            "a negative minCount",
            { minCount: -1 },
            "service fraud-api: counts must be whole numbers with 0 ≤ minCount (-1) ≤ desiredCount (3) ≤ maxCount (10)",
        ],
        [
            "a fractional count",
            { desiredCount: 2.5 },
            "service fraud-api: counts must be whole numbers with 0 ≤ minCount (2) ≤ desiredCount (2.5) ≤ maxCount (10)",
        ],
        [
            "a CPU target of 0",
            { cpuTarget: 0 },
            "service fraud-api: cpuTarget is 0; a CPU utilisation target is a percentage above 0, at most 100",
        ],
        [
            "a CPU target above 100",
            { cpuTarget: 101 },
            "service fraud-api: cpuTarget is 101; a CPU utilisation target is a percentage above 0, at most 100",
        ],
        ["port 0", { containerPort: 0 }, "service fraud-api: containerPort is 0; use a TCP port, 1 to 65535"],
        [
            "a port above 65535",
            { containerPort: 70000 },
            "service fraud-api: containerPort is 70000; use a TCP port, 1 to 65535",
        ],
        [
            "blue/green without a port",
            { containerPort: undefined },
            "service fraud-api: containerPort is unset; a service behind the load balancer or answering on Service Connect needs the port it serves on",
        ],
        [
            "a Service Connect name without a port",
            {
                containerPort: undefined,
                blueGreen: undefined,
                serviceConnect: { namespaceArn: "ns", expose: "fraud-api" },
            },
            "service fraud-api: containerPort is unset; a service behind the load balancer or answering on Service Connect needs the port it serves on",
        ],
        [
            "a variable both secret and plain",
            { environment: { APP_ENV: "production", DB_PASSWORD: "hunter2" } },
            "service fraud-api: DB_PASSWORD are both secrets and environment variables; pass them only as secrets",
        ],
        [
            "secrets without secretArns",
            { secretArns: [] },
            "service fraud-api: secrets and secretArns go together: list in secretArns exactly the secrets the variables read",
        ],
        [
            "secretArns without secrets",
            { secrets: {} },
            "service fraud-api: secrets and secretArns go together: list in secretArns exactly the secrets the variables read",
        ],
        [
            "logs kept forever",
            { logRetentionDays: 0 },
            "service fraud-api: logRetentionDays is 0; logs must expire (0 or less keeps them forever)",
        ],
        [
            "blue/green with no rollback alarm",
            { blueGreen: { ...API.blueGreen!, rollbackAlarmNames: [] } },
            "service fraud-api: blueGreen.rollbackAlarmNames is empty; name the alarm that rolls a bad deployment back",
        ],
        [
            "stack tags that would lose the Service tag",
            { tags: { ...TAGS, Service: "shared" } },
            'tag Service is set by the stack to "shared" and cannot be changed to "fraud-api"',
        ],
    ];
    refusesEach(build, API, ARGUMENT_ERRORS);
});
