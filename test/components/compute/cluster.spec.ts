import { strict as assert } from "assert";
import { Cluster } from "../../../components/compute/cluster/cluster";
import { ClusterArgs } from "../../../components/compute/cluster/args";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "staging", ManagedBy: "pulumi" };
/** The guide's staging cluster: 2 x t3.medium EC2 hosts, room for 4 during a deploy. */
const STAGING: ClusterArgs = {
    clusterName: "fraud-detector-staging",
    capacity: "ec2",
    instanceType: "t3.medium",
    instanceCount: 2,
    maxInstanceCount: 4,
    vpcId: "vpc-1",
    subnetIds: ["subnet-private-a", "subnet-private-b"],
    kmsKeyArn: "arn:aws:kms:ca-central-1:111122223333:key/data",
    tags: TAGS,
    roleBoundaryArn: "arn:aws:iam::111122223333:policy/boundaries/fraud-detector-staging-role-boundary",
};
/** Production runs on Fargate: the EC2 fields are ignored. */
const PRODUCTION: ClusterArgs = {
    ...STAGING,
    clusterName: "fraud-detector-prod",
    capacity: "fargate",
    instanceCount: 0,
};

const build = (args: ClusterArgs) => () => new Cluster("cluster", args);

describe("components/compute Cluster (built in-process)", () => {
    describe("production: Fargate", () => {
        const built = builtOnce(build(PRODUCTION));

        it("creates the namespace, the cluster with Container Insights, and FARGATE as the default", async () => {
            const { children, child, parentName } = await built();
            assert.deepEqual(children.map((r) => `${r.type} ${r.name}`).sort(), [
                "aws:ecs/cluster:Cluster cluster",
                "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders cluster-capacity",
                "aws:servicediscovery/httpNamespace:HttpNamespace cluster-namespace",
            ]);
            assert.ok(children.every((r) => parentName(r) === "cluster"));
            const cluster = child("aws:ecs/cluster:Cluster", "cluster");
            assert.equal(cluster.inputs.name, "fraud-detector-prod");
            assert.deepEqual(cluster.inputs.settings, [{ name: "containerInsights", value: "enabled" }]);
            assert.equal(
                child("aws:servicediscovery/httpNamespace:HttpNamespace", "cluster-namespace").inputs.name,
                "fraud-detector-prod.internal",
            );
            const capacity = child("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "cluster-capacity");
            assert.deepEqual(capacity.inputs.capacityProviders, ["FARGATE", "FARGATE_SPOT"]);
            assert.deepEqual(capacity.inputs.defaultCapacityProviderStrategies, [
                { base: 0, capacityProvider: "FARGATE", weight: 1 },
            ]);
        });

        it("has no EC2 capacity provider nor host group among its outputs", async () => {
            const { outputs } = await built();
            assert.equal(outputs.clusterName, "fraud-detector-prod");
            assert.equal(outputs.ec2CapacityProviderName, undefined);
            assert.equal(outputs.hostSecurityGroupId, undefined);
        });
    });

    describe("staging: two t3.medium hosts behind a capacity provider", () => {
        const built = builtOnce(build(STAGING));

        it("adds the hosts' group, role, profile, template and Auto Scaling group under the component", async () => {
            const { children, parentName } = await built();
            assert.deepEqual(children.map((r) => `${r.type} ${r.name}`).sort(), [
                "aws:autoscaling/group:Group cluster-hosts",
                "aws:ec2/launchTemplate:LaunchTemplate cluster-hosts",
                "aws:ec2/securityGroup:SecurityGroup cluster-hosts-sg",
                "aws:ecs/capacityProvider:CapacityProvider cluster-ec2",
                "aws:ecs/cluster:Cluster cluster",
                "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders cluster-capacity",
                "aws:iam/instanceProfile:InstanceProfile cluster-host-profile",
                "aws:iam/role:Role cluster-host-role",
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment cluster-host-ecs",
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment cluster-host-ssm",
                "aws:servicediscovery/httpNamespace:HttpNamespace cluster-namespace",
                "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule cluster-hosts-https-out",
            ]);
            assert.ok(children.every((r) => parentName(r) === "cluster"));
        });

        it("sizes the group 2..4 of t3.medium, leaving its size to managed scaling", async () => {
            const { child } = await built();
            const group = child("aws:autoscaling/group:Group", "cluster-hosts");
            assert.deepEqual([group.inputs.minSize, group.inputs.maxSize], [2, 4]);
            assert.deepEqual(group.options.ignoreChanges, ["desiredCapacity"]);
            assert.equal(
                child("aws:ec2/launchTemplate:LaunchTemplate", "cluster-hosts").inputs.instanceType,
                "t3.medium",
            );
            assert.equal(
                child("aws:iam/role:Role", "cluster-host-role").inputs.permissionsBoundary,
                STAGING.roleBoundaryArn,
            );
        });

        it("makes the EC2 provider the default strategy, FARGATE and FARGATE_SPOT beside it", async () => {
            const { child, outputs } = await built();
            const provider = child("aws:ecs/capacityProvider:CapacityProvider", "cluster-ec2").inputs.name;
            const capacity = child("aws:ecs/clusterCapacityProviders:ClusterCapacityProviders", "cluster-capacity");
            assert.deepEqual(capacity.inputs.capacityProviders, ["FARGATE", "FARGATE_SPOT", provider]);
            assert.deepEqual(capacity.inputs.defaultCapacityProviderStrategies, [
                { base: 0, capacityProvider: provider, weight: 1 },
            ]);
            assert.equal(outputs.ec2CapacityProviderName, provider);
            assert.match(String(outputs.hostSecurityGroupId), /^sg-/);
        });
    });

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<ClusterArgs>[] = [
        [
            "a cluster name ECS refuses",
            { clusterName: "fraud detector" },
            'clusterName is "fraud detector"; an ECS cluster name has 1 to 255 letters, digits, hyphens or underscores',
        ],
        [
            "an empty cluster name",
            { clusterName: "" },
            'clusterName is ""; an ECS cluster name has 1 to 255 letters, digits, hyphens or underscores',
        ],
        [
            "EC2 capacity with no host",
            { instanceCount: 0 },
            "cluster.instanceCount is 0; EC2 capacity needs a whole number of hosts, at least 1",
        ],
        [
            "a fractional host count",
            { instanceCount: 1.5 },
            "cluster.instanceCount is 1.5; EC2 capacity needs a whole number of hosts, at least 1",
        ],
        [
            "a maximum below the steady count",
            { maxInstanceCount: 1 },
            "cluster.maxInstanceCount is 1; EC2 capacity may grow to a whole number of hosts, at least instanceCount (2)",
        ],
        [
            "a fractional maximum",
            { maxInstanceCount: 3.5 },
            "cluster.maxInstanceCount is 3.5; EC2 capacity may grow to a whole number of hosts, at least instanceCount (2)",
        ],
        [
            "stack tags that would lose the cluster's Name",
            { tags: { ...TAGS, Name: "shared" } },
            'tag Name is set by the stack to "shared" and cannot be changed to "fraud-detector-staging"',
        ],
    ];
    refusesEach(build, STAGING, ARGUMENT_ERRORS);
    it("ignores the host counts on Fargate capacity", async () =>
        assert.ok((await builtOnce(build({ ...PRODUCTION, maxInstanceCount: 0 }))()).children.length > 0));
});
