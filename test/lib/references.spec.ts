import { strict as assert } from "assert";
import { refersTo, resolveReference, sourcesOf } from "../../lib/relations/references";
import { trafficRules } from "../../lib/relations/security-groups";
import { linkedPlanResources } from "../../plan/engine/linked-plan";
import { policyResources } from "../../plan/policy/policy-runner";
import { planWith, resource } from "../policy/harness";

describe("lib/relations: the one reference resolver, over the plan's and the pack's resources alike", () => {
    const group = resource("aws:ec2/securityGroup:SecurityGroup", { name: "app" }, { name: "app" });
    const other = resource("aws:ec2/securityGroup:SecurityGroup", { name: "db" }, { name: "db" });
    const key = resource("aws:kms/key:Key", {}, { name: "key" });
    const rule = resource(
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        {
            ipProtocol: "tcp",
            fromPort: 5432,
            toPort: 5432,
            securityGroupId: other.id,
            referencedSecurityGroupId: group.id,
        },
        { name: "ingress", from: { securityGroupId: [other], referencedSecurityGroupId: [group, key] } },
    );
    const plan = planWith([group, other, key, rule]);
    const linked = (resources: ReturnType<typeof linkedPlanResources>, name: string) =>
        resources.find((r) => r.name === name)!;

    it("follows property dependencies, of one type when asked, in the order recorded", () => {
        const ingress = linked(linkedPlanResources(plan), "ingress");
        assert.deepEqual(
            sourcesOf(ingress, "referencedSecurityGroupId").map((r) => r.name),
            ["app", "key"],
        );
        assert.deepEqual(
            sourcesOf(ingress, "referencedSecurityGroupId", "aws:kms/key:Key").map((r) => r.planned),
            [key],
        );
    });

    it("finds nothing for an input with no dependency, or a type none of them has", () => {
        const ingress = linked(linkedPlanResources(plan), "ingress");
        assert.deepEqual(sourcesOf(ingress, "description"), []);
        assert.deepEqual(sourcesOf(ingress, "securityGroupId", "aws:kms/key:Key"), []);
    });

    it("says whether an input came from a resource", () => {
        const ingress = linked(linkedPlanResources(plan), "ingress");
        assert.equal(refersTo(ingress, "securityGroupId", other), true);
        assert.equal(refersTo(ingress, "securityGroupId", group), false);
    });

    it("reads the same relations from the pack's PolicyResources as from the plan's linked resources", () => {
        const fromPlan = trafficRules(linkedPlanResources(plan));
        const fromPack = trafficRules(policyResources(plan));
        const shape = (rules: typeof fromPlan | typeof fromPack) =>
            rules.map((r) => [r.declaredBy.urn, r.group?.urn, r.peers.map((p) => p.urn), r.unresolved]);
        assert.deepEqual(shape(fromPlan), [[rule.urn, other.urn, [group.urn], []]]);
        assert.deepEqual(shape(fromPack), shape(fromPlan));
    });

    it("resolves a value to the resource whose id or ARN it is, and nothing else", () => {
        const bucket = resource("aws:s3/bucket:Bucket", { arn: "arn:aws:s3:::b" }, { name: "b" });
        const component = resource("fraud-detector:storage:Storage", {}, { name: "storage", custom: false });
        const withArn = planWith([bucket, component]);
        assert.equal(resolveReference(withArn, "b-id"), bucket);
        assert.equal(resolveReference(withArn, "arn:aws:s3:::b"), bucket);
        assert.equal(resolveReference(withArn, "arn:aws:s3:::elsewhere"), undefined);
        assert.equal(resolveReference(withArn, null), undefined, "a component's null id is no match");
    });
});

describe("plan/engine/linked-plan", () => {
    it("links parents, dependencies and property dependencies, and drops URNs of no resource of the plan", () => {
        const parent = resource("fraud-detector:network:Network", {}, { name: "network", custom: false });
        const vpc = { ...resource("aws:ec2/vpc:Vpc", {}, { name: "vpc" }), parent: parent.urn };
        const subnet = resource("aws:ec2/subnet:Subnet", { vpcId: vpc.id }, { name: "subnet", from: { vpcId: [vpc] } });
        const stray = {
            ...subnet,
            urn: `${subnet.urn}-stray`,
            name: "stray",
            options: {
                ...subnet.options,
                dependsOn: ["urn:nowhere"],
                propertyDependencies: { vpcId: ["urn:nowhere"] },
            },
        };
        const resources = linkedPlanResources(planWith([parent, vpc, subnet, stray]));
        const byName = new Map(resources.map((r) => [r.name, r]));
        assert.equal(byName.get("vpc")?.parent, byName.get("network"));
        assert.deepEqual(byName.get("subnet")?.dependencies, [byName.get("vpc")]);
        assert.deepEqual(byName.get("subnet")?.propertyDependencies.vpcId, [byName.get("vpc")]);
        assert.deepEqual(byName.get("stray")?.dependencies, []);
        assert.deepEqual(byName.get("stray")?.propertyDependencies.vpcId, []);
    });
});
