import { strict as assert } from "assert";
import type { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { planOf, resourcesOf } from "../helpers/plan";
import { dependentsOf, named, sourceOf } from "../helpers/relations";

const INSTANCE = "aws:ec2/instance:Instance";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const ROLE = "aws:iam/role:Role";

/** The stacks with a bastion (profile `bastion.enabled`) and the guide's name prefix of each. */
const EXPECTED = {
    production: { prefix: "fraud-detector-prod" },
    staging: { prefix: "fraud-detector-staging" },
} as const;

/** The one instance tagged Role=bastion; fails when there is not exactly one. */
function bastionOf(plan: PlanDocument): PlanResource {
    const found = resourcesOf(plan, INSTANCE).filter(
        (r) => (r.inputs.tags as Record<string, string> | undefined)?.Role === "bastion",
    );
    assert.equal(found.length, 1, `expected exactly one bastion instance, found ${found.length}`);
    return found[0];
}

/** The bastion's security group, followed from the instance's `vpcSecurityGroupIds`. */
function bastionGroupOf(plan: PlanDocument): PlanResource {
    const group = sourceOf(plan, bastionOf(plan), "vpcSecurityGroupIds", SECURITY_GROUP);
    assert.ok(group, "the bastion's vpcSecurityGroupIds come from no security group");
    return group;
}

// What these tests cannot prove: that AWS accepts the inputs, or that the SSM agent registers. Only a real deployment shows that.
describe("Bastion", () => {
    for (const [stack, expected] of Object.entries(EXPECTED)) {
        describe(`in ${stack}`, () => {
            it("runs exactly one instance, in the first private subnet, and asks for no public IP", () => {
                const plan = planOf(stack);
                const instance = bastionOf(plan);
                assert.equal(instance.inputs.subnetId, (plan.outputs.privateSubnetIds as string[])[0]);
                assert.equal(instance.inputs.associatePublicIpAddress, false);
            });

            it("reaches Session Manager through a NAT gateway of the stack's VPC", () => {
                const vpc = resourcesOf(planOf(stack), "awsx:ec2:Vpc");
                assert.equal(vpc.length, 1);
                const strategy = (vpc[0].inputs.natGateways as Record<string, unknown>).strategy;
                assert.equal(strategy, stack === "production" ? "OnePerAz" : "Single");
            });

            it("is priced without a public IPv4 address", () => {
                const lines = planOf(stack).cost.items.filter((item) => item.urn.includes("Bastion"));
                assert.deepEqual(
                    lines.filter((item) => item.priceKey === "public_ipv4.hour"),
                    [],
                );
            });

            it("runs the profile's t3.micro on the Amazon Linux 2023 AMI AWS publishes", () => {
                const instance = bastionOf(planOf(stack)).inputs;
                assert.equal(instance.instanceType, "t3.micro");
                assert.match(String(instance.ami), /^ami-0[0-9a-f]+$/);
            });

            it("answers metadata requests only with IMDSv2 tokens, one hop away", () =>
                assert.deepEqual(bastionOf(planOf(stack)).inputs.metadataOptions, {
                    httpEndpoint: "enabled",
                    httpTokens: "required",
                    httpPutResponseHopLimit: 1,
                }));

            it("encrypts its gp3 root volume with the stack's data key", () => {
                const plan = planOf(stack);
                const instance = bastionOf(plan);
                const root = instance.inputs.rootBlockDevice as Record<string, unknown>;
                const key = sourceOf(plan, instance, "rootBlockDevice", "aws:kms/key:Key");
                assert.ok(key, "the root volume's key comes from no aws:kms/key:Key");
                assert.deepEqual([root.encrypted, root.volumeType, root.kmsKeyId], [true, "gp3", key.outputs.arn]);
                assert.equal(key.outputs.arn, plan.outputs.dataKeyArn);
            });

            it("has no SSH key pair and no user data", () => {
                const instance = bastionOf(planOf(stack)).inputs;
                assert.deepEqual(
                    [instance.keyName, instance.userData, instance.userDataBase64],
                    [undefined, undefined, undefined],
                );
            });

            it("turns on detailed monitoring", () => assert.equal(bastionOf(planOf(stack)).inputs.monitoring, true));

            it(`is tagged Role=bastion and Name=${expected.prefix}-bastion over the stack's tags`, () =>
                assert.deepEqual(bastionOf(planOf(stack)).inputs.tags, {
                    Project: "fraud-detector",
                    Environment: stack,
                    ManagedBy: "pulumi",
                    Name: `${expected.prefix}-bastion`,
                    Role: "bastion",
                }));

            it("has a security group tagged Role=bastion that admits nothing, inline or standalone", () => {
                const plan = planOf(stack);
                const group = bastionGroupOf(plan);
                assert.equal((group.inputs.tags as Record<string, string>).Role, "bastion");
                assert.equal(group.inputs.ingress, undefined);
                const ingress = [
                    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                    "aws:ec2/securityGroupRule:SecurityGroupRule",
                ].flatMap((type) => dependentsOf(plan, type, "securityGroupId", group));
                assert.equal(ingress.length, 0);
            });

            it("lets out only tcp/443 to the internet and tcp/5432 to the VPC, as standalone rules", () => {
                const plan = planOf(stack);
                const group = bastionGroupOf(plan);
                assert.equal(group.inputs.egress, undefined);
                const rules = dependentsOf(
                    plan,
                    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
                    "securityGroupId",
                    group,
                );
                assert.deepEqual(
                    rules
                        .map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4])
                        .sort(),
                    [
                        ["tcp", 443, 443, "0.0.0.0/0"],
                        ["tcp", 5432, 5432, "10.0.0.0/16"],
                    ],
                );
                assert.equal(
                    dependentsOf(plan, "aws:ec2/securityGroupRule:SecurityGroupRule", "securityGroupId", group).length,
                    0,
                );
            });

            it("carries the instance profile of a role only EC2 of this account can assume", () => {
                const plan = planOf(stack);
                const profile = sourceOf(
                    plan,
                    bastionOf(plan),
                    "iamInstanceProfile",
                    "aws:iam/instanceProfile:InstanceProfile",
                );
                assert.ok(profile, "the bastion's iamInstanceProfile comes from no instance profile");
                const role = sourceOf(plan, profile, "role", ROLE);
                assert.ok(role, "the instance profile's role comes from no IAM role");
                const trust = JSON.parse(String(role.inputs.assumeRolePolicy)) as { Statement: unknown };
                assert.deepEqual(trust.Statement, [
                    {
                        Effect: "Allow",
                        Principal: { Service: "ec2.amazonaws.com" },
                        Action: "sts:AssumeRole",
                    },
                ]);
            });

            it("grants its role AmazonSSMManagedInstanceCore and nothing else", () => {
                const plan = planOf(stack);
                const role = named(plan, ROLE, "-bastion-role");
                const attached = dependentsOf(
                    plan,
                    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                    "role",
                    role,
                ).map((a) => a.inputs.policyArn);
                assert.deepEqual(attached, ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]);
                assert.equal(dependentsOf(plan, "aws:iam/rolePolicy:RolePolicy", "role", role).length, 0);
                assert.deepEqual([role.inputs.inlinePolicies, role.inputs.managedPolicyArns], [undefined, undefined]);
            });

            it("passes every mandatory policy rule", () =>
                assert.deepEqual(
                    planOf(stack).policy.violations.filter((v) => v.enforcementLevel === "mandatory"),
                    [],
                ));

            it("draws no advisory finding on its own resources", () =>
                assert.deepEqual(
                    planOf(stack).policy.violations.filter((v) => v.urn?.includes("fraud-detector:network:Bastion")),
                    [],
                ));
        });
    }

    it("is absent from local: no instance and no Bastion component", () => {
        const plan = planOf("local");
        assert.deepEqual(
            [resourcesOf(plan, INSTANCE).length, resourcesOf(plan, "fraud-detector:network:Bastion").length],
            [0, 0],
        );
    });
});
