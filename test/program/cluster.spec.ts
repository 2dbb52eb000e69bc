import { strict as assert } from "assert";
import type { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { stableHex } from "../../plan/engine/mock-aws";
import { onlyOf, planOf, resourcesOf, runPlanCli } from "../helpers/plan";
import { dependentsOf, sourceOf } from "../helpers/relations";

const CLUSTER = "aws:ecs/cluster:Cluster";
const CAPACITY_PROVIDERS = "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders";
const CAPACITY_PROVIDER = "aws:ecs/capacityProvider:CapacityProvider";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const AUTO_SCALING_GROUP = "aws:autoscaling/group:Group";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const INSTANCE_PROFILE = "aws:iam/instanceProfile:InstanceProfile";
const ROLE = "aws:iam/role:Role";
const COMPONENT = "fraud-detector:compute:Cluster";
/** AWS's public parameter naming the current ECS-optimized Amazon Linux 2023 AMI. */
const ECS_AMI_PARAMETER = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id";

/** Each stack's cluster name (the guide's `fraud-detector-prod`) and capacity (its profile). */
const EXPECTED = {
    production: { clusterName: "fraud-detector-prod", capacity: "fargate" },
    staging: { clusterName: "fraud-detector-staging", capacity: "ec2" },
    local: { clusterName: "fraud-detector-local", capacity: "fargate" },
} as const;

/** The launch template of the staging hosts, followed from the one Auto Scaling group. */
function launchTemplateOf(plan: PlanDocument): PlanResource {
    const template = sourceOf(plan, onlyOf(plan, AUTO_SCALING_GROUP), "launchTemplate", LAUNCH_TEMPLATE);
    assert.ok(template, "the Auto Scaling group's launchTemplate comes from no launch template");
    return template;
}

/** The hosts' role, followed from the launch template through its instance profile. */
function hostRoleOf(plan: PlanDocument): PlanResource {
    const profile = sourceOf(plan, launchTemplateOf(plan), "iamInstanceProfile", INSTANCE_PROFILE);
    assert.ok(profile, "the launch template's iamInstanceProfile comes from no instance profile");
    const role = sourceOf(plan, profile, "role", ROLE);
    assert.ok(role, "the instance profile's role comes from no IAM role");
    return role;
}

/** The hosts' security group, followed from the launch template's network interface. */
function hostGroupOf(plan: PlanDocument): PlanResource {
    const group = sourceOf(plan, launchTemplateOf(plan), "networkInterfaces", SECURITY_GROUP);
    assert.ok(group, "the launch template's networkInterfaces come from no security group");
    return group;
}

// What these tests cannot prove: that AWS accepts the inputs, that the hosts boot and join the
// cluster, or that ECS places tasks on them. Only a real deployment shows that.
describe("Cluster", () => {
    for (const [stack, expected] of Object.entries(EXPECTED)) {
        describe(`in ${stack}`, () => {
            it(`is named ${expected.clusterName} with Container Insights enabled`, () => {
                const cluster = onlyOf(planOf(stack), CLUSTER).inputs;
                assert.equal(cluster.name, expected.clusterName);
                assert.deepEqual(cluster.settings, [{ name: "containerInsights", value: "enabled" }]);
            });

            it("is tagged with the stack's tags and its name", () =>
                assert.deepEqual(onlyOf(planOf(stack), CLUSTER).inputs.tags, {
                    Project: "fraud-detector",
                    Environment: stack,
                    ManagedBy: "pulumi",
                    Name: expected.clusterName,
                }));

            it("registers FARGATE and FARGATE_SPOT on this cluster", () => {
                const plan = planOf(stack);
                const registration = onlyOf(plan, CAPACITY_PROVIDERS);
                assert.equal(sourceOf(plan, registration, "clusterName", CLUSTER)?.urn, onlyOf(plan, CLUSTER).urn);
                const providers = registration.inputs.capacityProviders as string[];
                assert.deepEqual(providers.slice(0, 2), ["FARGATE", "FARGATE_SPOT"]);
            });

            it("passes every mandatory policy rule", () =>
                assert.deepEqual(
                    planOf(stack).policy.violations.filter((v) => v.enforcementLevel === "mandatory"),
                    [],
                ));

            it("draws no advisory finding on its own resources", () =>
                assert.deepEqual(
                    planOf(stack).policy.violations.filter((v) => v.urn?.includes(COMPONENT)),
                    [],
                ));
        });
    }

    for (const stack of ["production", "local"]) {
        describe(`in ${stack} (Fargate)`, () => {
            it("runs tasks on FARGATE by default, with only the two Fargate providers", () =>
                assert.deepEqual(
                    [
                        onlyOf(planOf(stack), CAPACITY_PROVIDERS).inputs.capacityProviders,
                        onlyOf(planOf(stack), CAPACITY_PROVIDERS).inputs.defaultCapacityProviderStrategies,
                    ],
                    [["FARGATE", "FARGATE_SPOT"], [{ capacityProvider: "FARGATE", weight: 1, base: 0 }]],
                ));

            it("has no EC2 hosts: no launch template, Auto Scaling group or capacity provider", () => {
                const plan = planOf(stack);
                assert.deepEqual(
                    [LAUNCH_TEMPLATE, AUTO_SCALING_GROUP, CAPACITY_PROVIDER].map((t) => resourcesOf(plan, t).length),
                    [0, 0, 0],
                );
            });
        });
    }

    describe("in staging (EC2)", () => {
        const stack = "staging";

        it("runs the guide's 2 hosts and lets managed scaling grow to 5 for a deploy: min = desired = 2, max = 5", () => {
            const group = onlyOf(planOf(stack), AUTO_SCALING_GROUP).inputs;
            assert.deepEqual([group.minSize, group.maxSize, group.desiredCapacity], [2, 5, 2]);
        });

        it("is refused at config time when the hosts may not grow enough for a deploy", () => {
            const run = runPlanCli(["--stack", stack, "--config", "fraud-detector:cluster.maxInstanceCount=2"]);
            assert.equal(run.status, 2);
            assert.match(
                run.stderr,
                /fraud-detector:cluster\.maxInstanceCount: 2 is not allowed; expected at least 5: a deploy runs 10 awsvpc tasks/,
            );
        });

        it("spreads the hosts over both private subnets", () => {
            const plan = planOf(stack);
            const privateSubnets = plan.outputs.privateSubnetIds as string[];
            assert.equal(privateSubnets.length, 2);
            assert.deepEqual(onlyOf(plan, AUTO_SCALING_GROUP).inputs.vpcZoneIdentifiers, privateSubnets);
        });

        it("builds the hosts from the launch template's pinned latest version, unprotected from scale-in", () => {
            const plan = planOf(stack);
            const group = onlyOf(plan, AUTO_SCALING_GROUP).inputs;
            const template = launchTemplateOf(plan);
            assert.deepEqual(group.launchTemplate, {
                id: template.id,
                version: String(template.outputs.latestVersion),
            });
            assert.equal(group.protectFromScaleIn, false);
            assert.equal(group.launchConfiguration, undefined);
        });

        it("tags the group and, at launch, its hosts with the stack's tags, Name and AmazonECSManaged", () =>
            assert.deepEqual(onlyOf(planOf(stack), AUTO_SCALING_GROUP).inputs.tags, [
                { key: "Project", value: "fraud-detector", propagateAtLaunch: true },
                { key: "Environment", value: "staging", propagateAtLaunch: true },
                { key: "ManagedBy", value: "pulumi", propagateAtLaunch: true },
                { key: "Name", value: "fraud-detector-staging-host", propagateAtLaunch: true },
                { key: "AmazonECSManaged", value: "true", propagateAtLaunch: true },
            ]));

        it("launches t3.medium hosts from the ECS-optimized Amazon Linux 2023 AMI AWS publishes in SSM", () => {
            const template = launchTemplateOf(planOf(stack)).inputs;
            assert.equal(template.instanceType, "t3.medium");
            // The mock answers each SSM parameter with an AMI id derived from the parameter's name.
            assert.equal(template.imageId, `ami-0${stableHex(16, ECS_AMI_PARAMETER)}`);
        });

        it("answers metadata requests only with IMDSv2 tokens, two hops away", () =>
            assert.deepEqual(launchTemplateOf(planOf(stack)).inputs.metadataOptions, {
                httpEndpoint: "enabled",
                httpTokens: "required",
                httpPutResponseHopLimit: 2,
            }));

        it("encrypts the gp3 root volume with the stack's data key", () => {
            const plan = planOf(stack);
            const template = launchTemplateOf(plan);
            const key = sourceOf(plan, template, "blockDeviceMappings", "aws:kms/key:Key");
            assert.ok(key, "the root volume's key comes from no aws:kms/key:Key");
            assert.equal(key.outputs.arn, plan.outputs.dataKeyArn);
            assert.deepEqual(template.inputs.blockDeviceMappings, [
                {
                    deviceName: "/dev/xvda",
                    ebs: {
                        encrypted: "true",
                        kmsKeyId: key.outputs.arn,
                        volumeType: "gp3",
                        volumeSize: 30,
                        deleteOnTermination: "true",
                    },
                },
            ]);
        });

        it("gives the hosts no public IP, only the hosts' security group", () => {
            const plan = planOf(stack);
            const nics = launchTemplateOf(plan).inputs.networkInterfaces as Array<Record<string, unknown>>;
            assert.deepEqual(
                nics.map((n) => [n.associatePublicIpAddress, n.securityGroups]),
                [["false", [hostGroupOf(plan).id]]],
            );
        });

        it("turns on detailed monitoring and has no SSH key pair", () => {
            const template = launchTemplateOf(planOf(stack)).inputs;
            assert.deepEqual([template.monitoring, template.keyName], [{ enabled: true }, undefined]);
        });

        it("has user data that joins the hosts to the cluster and holds nothing else", () => {
            const userData = String(launchTemplateOf(planOf(stack)).inputs.userData);
            assert.equal(
                Buffer.from(userData, "base64").toString("utf8"),
                [
                    "#!/bin/bash",
                    "cat >> /etc/ecs/ecs.config <<'EOF'",
                    "ECS_CLUSTER=fraud-detector-staging",
                    "ECS_AWSVPC_BLOCK_IMDS=true",
                    "EOF",
                    "",
                ].join("\n"),
            );
        });

        it("has a hosts' security group that admits nothing and lets out only tcp/443", () => {
            const plan = planOf(stack);
            const group = hostGroupOf(plan);
            assert.deepEqual([group.inputs.ingress, group.inputs.egress], [undefined, undefined]);
            const ingress = [
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                "aws:ec2/securityGroupRule:SecurityGroupRule",
            ].flatMap((type) => dependentsOf(plan, type, "securityGroupId", group));
            assert.equal(ingress.length, 0);
            const egress = dependentsOf(
                plan,
                "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
                "securityGroupId",
                group,
            );
            assert.deepEqual(
                egress.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]),
                [["tcp", 443, 443, "0.0.0.0/0"]],
            );
        });

        it("gives the hosts a role only EC2 can assume", () => {
            const trust = JSON.parse(String(hostRoleOf(planOf(stack)).inputs.assumeRolePolicy)) as {
                Statement: unknown;
            };
            assert.deepEqual(trust.Statement, [
                { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
            ]);
        });

        it("grants the host role exactly the ECS agent and Session Manager managed policies", () => {
            const plan = planOf(stack);
            const role = hostRoleOf(plan);
            const attached = dependentsOf(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "role", role)
                .map((a) => a.inputs.policyArn)
                .sort();
            assert.deepEqual(attached, [
                "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
            ]);
            assert.equal(dependentsOf(plan, "aws:iam/rolePolicy:RolePolicy", "role", role).length, 0);
            assert.deepEqual([role.inputs.inlinePolicies, role.inputs.managedPolicyArns], [undefined, undefined]);
        });

        it("has a capacity provider bound to the Auto Scaling group, with managed scaling at 100 %", () => {
            const plan = planOf(stack);
            const provider = onlyOf(plan, CAPACITY_PROVIDER);
            const group = onlyOf(plan, AUTO_SCALING_GROUP);
            assert.equal(sourceOf(plan, provider, "autoScalingGroupProvider", AUTO_SCALING_GROUP)?.urn, group.urn);
            assert.deepEqual(provider.inputs.autoScalingGroupProvider, {
                autoScalingGroupArn: group.outputs.arn,
                managedScaling: { status: "ENABLED", targetCapacity: 100 },
                managedTerminationProtection: "DISABLED",
                managedDraining: "ENABLED",
            });
        });

        it("registers the EC2 provider beside FARGATE and FARGATE_SPOT and makes it the default", () => {
            const plan = planOf(stack);
            const registration = onlyOf(plan, CAPACITY_PROVIDERS);
            const providerName = onlyOf(plan, CAPACITY_PROVIDER).outputs.name;
            assert.deepEqual(registration.inputs.capacityProviders, ["FARGATE", "FARGATE_SPOT", providerName]);
            assert.deepEqual(registration.inputs.defaultCapacityProviderStrategies, [
                { capacityProvider: providerName, weight: 1, base: 0 },
            ]);
        });
    });
});
