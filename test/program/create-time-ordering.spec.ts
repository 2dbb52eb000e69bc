import { strict as assert } from "assert";
import type { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { onlyOf, planOf, resourcesOf, STACKS } from "../helpers/plan";
import { named, sourceOf } from "../helpers/relations";

/**
 * The URNs `resource` is created after: its dependencies (inputs and explicit dependsOn alike),
 * its ancestors' (the SDK registers a child after its parent), and theirs, transitively.
 */
function createdAfter(plan: PlanDocument, resource: PlanResource): Set<string> {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const seen = new Set<string>();
    const queue = [resource];
    while (queue.length > 0) {
        for (let node = queue.pop(); node !== undefined; node = node.parent ? byUrn.get(node.parent) : undefined) {
            for (const urn of node.options.dependsOn) {
                const dependency = byUrn.get(urn);
                if (dependency && !seen.has(urn)) {
                    seen.add(urn);
                    queue.push(dependency);
                }
            }
        }
    }
    return seen;
}

/** Whether `dependent` is created after `prerequisite` in `plan`. */
function waitsFor(plan: PlanDocument, dependent: PlanResource, prerequisite: PlanResource): boolean {
    return createdAfter(plan, dependent).has(prerequisite.urn);
}

describe("create-time ordering on the stacks' plans", () => {
    for (const stack of STACKS) {
        it(`leaves no create-time-ordering finding in ${stack}`, () =>
            assert.deepEqual(
                planOf(stack).policy.violations.filter((v) => v.policy === "create-time-ordering"),
                [],
            ));

        it(`creates the ALB after its log bucket's policy in ${stack} (ELB tests its write access)`, () => {
            const plan = planOf(stack);
            const alb = onlyOf(plan, "aws:lb/loadBalancer:LoadBalancer");
            const bucket = sourceOf(plan, alb, "accessLogs", "aws:s3/bucket:Bucket");
            const policy = resourcesOf(plan, "aws:s3/bucketPolicy:BucketPolicy").find((p) =>
                p.options.propertyDependencies.bucket?.includes(bucket?.urn ?? ""),
            );
            assert.ok(policy);
            assert.ok(waitsFor(plan, alb, policy));
        });
    }

    it("creates fraud-api after the listener rule that forwards to its blue target group", () => {
        const plan = planOf("production");
        const api = named(plan, "aws:ecs/service:Service", "-fraud-api-service");
        const rule = named(plan, "aws:lb/listenerRule:ListenerRule", "-alb-production-rule");
        assert.equal(sourceOf(plan, rule, "actions")?.name, "fd-prod-blue");
        assert.ok(waitsFor(plan, api, rule));
    });

    it("creates each staging service after its EC2 capacity provider is registered on the cluster", () => {
        const plan = planOf("staging");
        const registration = onlyOf(plan, "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders");
        const services = resourcesOf(plan, "aws:ecs/service:Service");
        assert.deepEqual(
            services.map((s) => [s.name, waitsFor(plan, s, registration)]),
            services.map((s) => [s.name, true]),
        );
    });

    it("replicates the production models bucket only after both buckets' versioning", () => {
        const plan = planOf("production");
        const replication = onlyOf(plan, "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
        const versionings = ["-storage-models-versioning", "-storage-backup-versioning"].map((suffix) =>
            named(plan, "aws:s3/bucketVersioning:BucketVersioning", suffix),
        );
        assert.deepEqual(
            versionings.map((v) => waitsFor(plan, replication, v)),
            [true, true],
        );
    });
});
