import { strict as assert } from "assert";
import { Platform } from "../../components/platform";
import { resolveStackConfig, StackConfig } from "../../stacks";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../helpers/component-harness";

/** A stack's config as its stack file gives it (the profile fills the rest). */
function configOf(environment: "local" | "staging" | "production"): StackConfig {
    const values: Record<string, string> = {
        "aws:region": "ca-central-1",
        "fraud-detector:environment": environment,
        "fraud-detector:alerts": JSON.stringify({ email: "oncall@example.com" }),
        "fraud-detector:imageTag": "3f9c2e1",
    };
    if (environment !== "local") {
        values["fraud-detector:deployAccess"] = JSON.stringify({
            githubRepository: "acme/fraud-detector",
            githubEnvironment: environment,
        });
    }
    return resolveStackConfig(environment, { values, secretKeys: [] });
}

const build = (config: StackConfig) => () => new Platform(config.namePrefix, { config });

/** The steps every stack has, by type and name suffix. */
const EVERY_STACK = [
    "fraud-detector:compute:ApplicationService fraud-api",
    "fraud-detector:compute:ApplicationService fraud-ml",
    "fraud-detector:compute:ApplicationService fraud-worker",
    "fraud-detector:compute:Cluster cluster",
    "fraud-detector:compute:ImageRegistries registries",
    "fraud-detector:data:Cache cache",
    "fraud-detector:data:Database database",
    "fraud-detector:edge:LoadBalancer alb",
    "fraud-detector:network:Network network",
    "fraud-detector:network:ServiceSecurityGroups services",
    "fraud-detector:operations:Observability observability",
    "fraud-detector:security:KmsKey data-key",
    "fraud-detector:security:RoleBoundary role-boundary",
    "fraud-detector:security:Secrets secrets",
    "fraud-detector:storage:Storage storage",
    "pulumi:providers:aws aws",
];
/** The steps only staging and production take: endpoints, bastion, budget, secret redeploy, deploy access. */
const CLOUD_ONLY = [
    "fraud-detector:delivery:DeployAccess deploy-access",
    "fraud-detector:network:Bastion bastion",
    "fraud-detector:network:VpcEndpoints endpoints",
    "fraud-detector:operations:Budget budget",
    "fraud-detector:operations:SecretRedeploy secret-redeploy",
];

describe("components/Platform (built in-process)", () => {
    const cases = [
        { environment: "local", prefix: "fraud-detector-local", steps: EVERY_STACK, protect: false, endpoint: true },
        {
            environment: "staging",
            prefix: "fraud-detector-staging",
            steps: [...EVERY_STACK, ...CLOUD_ONLY],
            protect: true,
            endpoint: false,
        },
        {
            environment: "production",
            prefix: "fraud-detector-prod",
            steps: [...EVERY_STACK, ...CLOUD_ONLY],
            protect: true,
            endpoint: false,
        },
    ] as const;
    for (const c of cases) {
        describe(`the ${c.environment} stack`, () => {
            const built = builtOnce(build(configOf(c.environment)));

            it("takes one named step per component, each a child of the platform", async () => {
                const { component, children, parentName } = await built();
                assert.deepEqual([component.type, component.name], ["fraud-detector:platform:Platform", c.prefix]);
                assert.deepEqual(
                    children
                        .filter((r) => parentName(r) === c.prefix)
                        .map((r) => `${r.type} ${r.name}`)
                        .sort(),
                    c.steps.map((step) => step.replace(/ /, ` ${c.prefix}-`)).sort(),
                );
            });

            it(`pins every AWS resource to its provider in ca-central-1${c.endpoint ? ", pointed at LocalStack" : ""}`, async () => {
                const { children, child } = await built();
                const provider = child("pulumi:providers:aws", `${c.prefix}-aws`);
                assert.equal(provider.inputs.region, "ca-central-1");
                // A provider's inputs are strings: structured ones as JSON.
                const endpoints = provider.inputs.endpoints as string | undefined;
                assert.equal(
                    endpoints && (JSON.parse(endpoints) as Record<string, string>[])[0].s3,
                    c.endpoint ? "http://localhost:4566" : undefined,
                );
                const aws = children.filter((r) => r.custom && r.type.startsWith("aws:"));
                assert.ok(aws.length > 100, String(aws.length));
                for (const resource of aws) {
                    assert.ok(resource.options.provider?.startsWith(provider.urn), resource.urn);
                }
            });

            it(`${c.protect ? "protects" : "does not protect"} the key, the database and the cache`, async () => {
                const { child } = await built();
                assert.deepEqual(
                    [
                        child("aws:kms/key:Key", `${c.prefix}-data-key-key`).options.protect,
                        child("aws:rds/instance:Instance", `${c.prefix}-database-instance`).options.protect,
                        child("aws:elasticache/replicationGroup:ReplicationGroup", `${c.prefix}-cache-redis`).options
                            .protect,
                    ],
                    [c.protect, c.protect, c.protect],
                );
            });

            it("tags every taggable resource with the stack's Project, Environment and ManagedBy", async () => {
                const { children } = await built();
                for (const resource of children.filter((r) => r.inputs.tags !== undefined)) {
                    // An Auto Scaling group lists its tags as { key, value, propagateAtLaunch }.
                    const listed = resource.inputs.tags as Record<string, string> | { key: string; value: string }[];
                    const tags = Array.isArray(listed)
                        ? Object.fromEntries(listed.map((tag) => [tag.key, tag.value]))
                        : listed;
                    assert.deepEqual(
                        [tags.Project, tags.Environment, tags.ManagedBy],
                        ["fraud-detector", c.environment, "pulumi"],
                        resource.urn,
                    );
                }
            });
        });
    }

    // Platform checks nothing itself (the config schema did); a config that bypasses the schema
    // meets its components' own checks, reported as they word them.
    const production = configOf("production");
    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<StackConfig>[] = [
        [
            "a single AZ, as Network refuses it",
            { network: { ...production.network, availabilityZones: ["ca-central-1a"] } },
            "availabilityZones: 1 given; RDS and the ALB need at least two",
        ],
        [
            "a zero budget, as Budget refuses it",
            { budget: { enabled: true, monthlyLimitUsd: 0 } },
            "monthlyLimitUsd: 0 given; a budget needs a positive limit in US dollars (budget.monthlyLimitUsd)",
        ],
        [
            "an api size Fargate has not, as ApplicationService refuses it",
            { services: { ...production.services, api: { ...production.services.api, memory: 512 } } },
            "service fraud-api: Fargate has no task of 512 CPU units and 512 MiB; memory for 512 is 1024 to 4096 in steps of 1024",
        ],
    ];
    refusesEach(build, production, ARGUMENT_ERRORS);
});
