import { strict as assert } from "assert";
import { diffPlans } from "../../../plan/diff/compare";
import { fixturePlan, FixtureResource } from "./fixtures";

const RDS = "aws:rds/instance:Instance";
const DATABASE = "fraud-detector:data:Database";
const staging = (resources: FixtureResource[]) => fixturePlan("staging", "fraud-detector-staging", resources);
const production = (resources: FixtureResource[]) => fixturePlan("production", "fraud-detector-prod", resources);
const database = (inputs: Record<string, unknown>, extra: Partial<FixtureResource> = {}): FixtureResource[] => [
    { type: DATABASE, name: "database", custom: false },
    { type: RDS, name: "database-instance", parent: "database", inputs, ...extra },
];

describe("plan diff: matching and comparing", () => {
    it("matches a resource by type and name without the stack's prefix, and reports the curated setting that differs", () => {
        const diff = diffPlans(
            staging(database({ instanceClass: "db.t3.small" })),
            production(database({ instanceClass: "db.r5.large" })),
        );
        assert.deepEqual(diff.components, [
            {
                component: "database",
                type: DATABASE,
                changes: [
                    {
                        resource: "database-instance",
                        type: RDS,
                        setting: "instanceClass",
                        from: "db.t3.small",
                        to: "db.r5.large",
                    },
                ],
                onlyIn: { staging: [], production: [] },
            },
        ]);
    });

    it("ignores ids, names, tags and inputs outside the curated list", () => {
        const diff = diffPlans(
            staging(
                database(
                    {
                        instanceClass: "db.t3.small",
                        identifier: "fraud-detector-staging",
                        tags: { Environment: "staging" },
                    },
                    { id: "db-1" },
                ),
            ),
            production(
                database(
                    {
                        instanceClass: "db.t3.small",
                        identifier: "fraud-detector-prod",
                        tags: { Environment: "production" },
                    },
                    { id: "db-2" },
                ),
            ),
        );
        assert.deepEqual(diff.components, []);
    });

    it("shows a setting one stack leaves unset as null", () => {
        const diff = diffPlans(staging(database({})), production(database({ monitoringInterval: 60 })));
        assert.deepEqual(
            diff.components[0].changes.map((c) => [c.setting, c.from, c.to]),
            [["monitoringInterval", null, 60]],
        );
    });

    it("reports protect and retainOnDelete on resources of any type", () => {
        const secret = (protect: boolean): FixtureResource[] => [
            { type: "aws:secretsmanager/secret:Secret", name: "secrets-database", protect },
        ];
        const diff = diffPlans(staging(secret(false)), production(secret(true)));
        assert.deepEqual(
            diff.components.map((c) =>
                c.changes.map((change) => [c.component, change.setting, change.from, change.to]),
            ),
            [[["platform", "protect", false, true]]],
        );
    });

    it("lists a resource only one stack has under its component, and compares nothing of it", () => {
        const cluster = (hosts: boolean): FixtureResource[] => [
            { type: "fraud-detector:compute:Cluster", name: "cluster", custom: false },
            ...(hosts ? [{ type: "aws:autoscaling/group:Group", name: "cluster-hosts", parent: "cluster" }] : []),
        ];
        const diff = diffPlans(staging(cluster(true)), production(cluster(false)));
        assert.deepEqual(diff.components, [
            {
                component: "cluster",
                type: "fraud-detector:compute:Cluster",
                changes: [],
                onlyIn: {
                    staging: [{ resource: "cluster-hosts", type: "aws:autoscaling/group:Group" }],
                    production: [],
                },
            },
        ]);
    });

    it("matches components by the same rule: one only in production is listed in its parent's section, its children in its own", () => {
        const bastion: FixtureResource[] = [
            { type: "fraud-detector:network:Bastion", name: "bastion", custom: false },
            { type: "aws:ec2/instance:Instance", name: "bastion-instance", parent: "bastion" },
        ];
        const diff = diffPlans(staging([]), production(bastion));
        assert.deepEqual(
            diff.components.map((c) => [c.component, c.onlyIn.production.map((r) => r.resource)]),
            [
                ["platform", ["bastion"]],
                ["bastion", ["bastion-instance"]],
            ],
        );
    });

    describe("references to the stack's own resources", () => {
        const provider = (id: string): FixtureResource => ({
            type: "aws:ecs/capacityProvider:CapacityProvider",
            name: "cluster-ec2",
            id,
        });
        const service = (capacityProvider: string): FixtureResource => ({
            type: "aws:ecs/service:Service",
            name: "fraud-api-service",
            inputs: { capacityProviderStrategies: [{ capacityProvider }] },
        });

        it("reads equal when both stacks point at their own copy of the same resource", () => {
            const diff = diffPlans(
                staging([provider("cp-a1"), service("cp-a1")]),
                production([provider("cp-b2"), service("cp-b2")]),
            );
            assert.deepEqual(diff.components, []);
        });

        it("differ by logical name when the stacks point at different things", () => {
            const diff = diffPlans(staging([provider("cp-a1"), service("cp-a1")]), production([service("FARGATE")]));
            assert.deepEqual(
                diff.components[0].changes.map((c) => [c.setting, c.from, c.to]),
                [["capacityProvider", ["cluster-ec2"], ["FARGATE"]]],
            );
        });
    });

    it("rejects a plan without the root component, naming the stack", () => {
        const plan = staging([]);
        const rootless = { ...plan, resources: plan.resources.filter((r) => !r.type.endsWith(":Platform")) };
        assert.throws(
            () => diffPlans(rootless, production([])),
            /^Error: cannot tell the name prefix of staging: expected one fraud-detector:platform:Platform, found 0$/,
        );
    });
});
