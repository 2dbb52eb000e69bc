import { strict as assert } from "assert";
import type { PlanDiff, SettingChange } from "../../../plan/diff/contract";
import { diffPlans } from "../../../plan/diff/compare";
import { PROFILES } from "../../../stacks";
import { planOf } from "../../helpers/plan";

/** The change of `setting` on `resource` (a name without the prefix); fails when there is none. */
function changeOf(diff: PlanDiff, resource: string, setting: string): Pick<SettingChange, "from" | "to"> {
    const found = diff.components
        .flatMap((component) => component.changes)
        .filter((change) => change.resource === resource && change.setting === setting);
    assert.equal(found.length, 1, `one change of ${resource} ${setting}`);
    return { from: found[0].from, to: found[0].to };
}

describe("plan diff: staging against production", () => {
    const diff = diffPlans(planOf("staging"), planOf("production"));
    const staging = PROFILES.staging;

    it("moves the database from staging's class to the guide's db.r5.large, Multi-AZ", () => {
        assert.deepEqual(changeOf(diff, "database-instance", "instanceClass"), {
            from: staging.database.instanceClass,
            to: "db.r5.large",
        });
        assert.deepEqual(changeOf(diff, "database-instance", "multiAz"), { from: staging.database.multiAz, to: true });
        assert.equal(staging.database.instanceClass, "db.t3.small"); // guide: staging db.t3.small
    });

    it("moves the cache from staging's node to the guide's 3 x cache.r6g.large", () => {
        assert.deepEqual(changeOf(diff, "cache-redis", "nodeType"), {
            from: staging.cache.nodeType,
            to: "cache.r6g.large",
        });
        assert.deepEqual(changeOf(diff, "cache-redis", "numCacheClusters"), {
            from: staging.cache.numCacheClusters,
            to: 3,
        });
        assert.equal(staging.cache.nodeType, "cache.t3.micro"); // guide: staging cache.t3.micro
    });

    it("moves from a single NAT gateway to one per AZ", () => {
        // The profiles' single / onePerAz, as awsx spells its NAT strategies.
        assert.deepEqual(changeOf(diff, "network-vpc", "natGateways.strategy"), { from: "Single", to: "OnePerAz" });
    });

    it("shows the second NAT gateway and its Elastic IP as production's own, under the awsx VPC", () => {
        const vpc = diff.components.find((component) => component.component === "network-vpc");
        assert.deepEqual(
            vpc?.onlyIn.production.map((r) => `${r.type} ${r.resource}`),
            ["aws:ec2/eip:Eip network-vpc-2", "aws:ec2/natGateway:NatGateway network-vpc-2"],
        );
        assert.deepEqual(vpc?.onlyIn.staging, []);
    });

    it("runs the guide's 3 api tasks in production against staging's count", () => {
        assert.deepEqual(changeOf(diff, "fraud-api-service", "desiredCount"), {
            from: staging.services.api.desiredCount,
            to: 3,
        });
    });

    it("lists staging's EC2 capacity as staging-only and moves each service from it to Fargate", () => {
        const cluster = diff.components.find((component) => component.component === "cluster");
        const stagingOnly = cluster?.onlyIn.staging.map((r) => `${r.type} ${r.resource}`) ?? [];
        for (const expected of [
            "aws:autoscaling/group:Group cluster-hosts",
            "aws:ec2/launchTemplate:LaunchTemplate cluster-hosts",
            "aws:ecs/capacityProvider:CapacityProvider cluster-ec2",
        ]) {
            assert.ok(stagingOnly.includes(expected), `${expected} in ${stagingOnly.join(", ")}`);
        }
        assert.deepEqual(cluster?.onlyIn.production, []);
        for (const service of ["fraud-api", "fraud-worker", "fraud-ml"]) {
            assert.deepEqual(changeOf(diff, `${service}-service`, "capacityProvider"), {
                from: ["cluster-ec2"],
                to: ["FARGATE"],
            });
        }
    });

    it("compares the two verdicts and the two cost totals of the plans", () => {
        const [from, to] = [planOf("staging"), planOf("production")];
        const advisory = (stack: typeof from) =>
            stack.policy.violations.filter((v) => v.enforcementLevel === "advisory").length;
        assert.deepEqual(diff.policy.from, { mandatory: 0, advisory: advisory(from) });
        assert.deepEqual(diff.policy.to, { mandatory: 0, advisory: advisory(to) });
        assert.ok(diff.policy.rules.some((r) => r.policy === "rds-multi-az" && r.from > 0 && r.to === 0));
        assert.deepEqual([diff.cost.from, diff.cost.to], [from.cost.monthly, to.cost.monthly]);
    });
});

describe("plan diff: one stack against itself", () => {
    it("finds nothing between two plans of production", () => {
        const diff = diffPlans(planOf("production"), planOf("production"));
        assert.deepEqual([diff.components, diff.policy.rules, diff.cost.change], [[], [], 0]);
    });

    it("finds exactly the one setting a --config override changes", () => {
        const diff = diffPlans(
            planOf("production"),
            planOf("production", ["fraud-detector:database.instanceClass=db.r5.xlarge"]),
        );
        assert.deepEqual(
            diff.components.map((c) => [c.component, c.changes]),
            [
                [
                    "database",
                    [
                        {
                            resource: "database-instance",
                            type: "aws:rds/instance:Instance",
                            setting: "instanceClass",
                            from: "db.r5.large",
                            to: "db.r5.xlarge",
                        },
                    ],
                ],
            ],
        );
        assert.deepEqual(diff.components[0].onlyIn, { production: [] });
    });
});
