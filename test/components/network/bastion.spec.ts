import { strict as assert } from "assert";
import { Bastion, BastionArgs } from "../../../components/network/bastion";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
const PRODUCTION: BastionArgs = {
    namePrefix: "fraud-detector-prod",
    vpcId: "vpc-1",
    vpcCidrBlock: "10.0.0.0/16",
    subnetId: "subnet-private-a",
    instanceType: "t3.micro",
    kmsKeyArn: "arn:aws:kms:ca-central-1:111122223333:key/data",
    tags: TAGS,
    roleBoundaryArn: "arn:aws:iam::111122223333:policy/boundaries/fraud-detector-prod-role-boundary",
};
const STAGING: BastionArgs = {
    ...PRODUCTION,
    namePrefix: "fraud-detector-staging",
    vpcCidrBlock: "10.1.0.0/16",
    instanceType: "t3.nano",
    tags: { ...TAGS, Environment: "staging" },
};

const build = (args: BastionArgs) => () => new Bastion("bastion", args);

describe("components/network Bastion (built in-process)", () => {
    for (const args of [PRODUCTION, STAGING]) {
        describe(`${args.namePrefix}: ${args.instanceType} in ${args.vpcCidrBlock}`, () => {
            const built = builtOnce(build(args));

            it("creates a closed group, two egress rules, a bounded role with SSM core, its profile and the instance", async () => {
                const { children, parentName, child } = await built();
                assert.deepEqual(children.map((r) => `${r.type} ${r.name}`).sort(), [
                    "aws:ec2/instance:Instance bastion-instance",
                    "aws:ec2/securityGroup:SecurityGroup bastion-sg",
                    "aws:iam/instanceProfile:InstanceProfile bastion-profile",
                    "aws:iam/role:Role bastion-role",
                    "aws:iam/rolePolicyAttachment:RolePolicyAttachment bastion-ssm-core",
                    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule bastion-https-out",
                    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule bastion-postgres-out",
                ]);
                assert.ok(children.every((r) => parentName(r) === "bastion"));
                assert.equal(
                    child("aws:iam/role:Role", "bastion-role").inputs.permissionsBoundary,
                    args.roleBoundaryArn,
                );
                assert.equal(
                    child("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "bastion-ssm-core").inputs.policyArn,
                    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                );
            });

            it("lets out only HTTPS anywhere and PostgreSQL inside the VPC", async () => {
                const { child, ofType } = await built();
                assert.deepEqual(ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), []);
                const https = child("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "bastion-https-out");
                assert.deepEqual([https.inputs.cidrIpv4, https.inputs.fromPort], ["0.0.0.0/0", 443]);
                const postgres = child(
                    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
                    "bastion-postgres-out",
                );
                assert.deepEqual([postgres.inputs.cidrIpv4, postgres.inputs.fromPort], [args.vpcCidrBlock, 5432]);
            });

            it("runs without a public IP, IMDSv2 only, on an encrypted root volume", async () => {
                const instance = (await built()).child("aws:ec2/instance:Instance", "bastion-instance").inputs;
                assert.deepEqual(
                    [instance.instanceType, instance.subnetId, instance.associatePublicIpAddress, instance.monitoring],
                    [args.instanceType, "subnet-private-a", false, true],
                );
                assert.equal((instance.metadataOptions as { httpTokens: string }).httpTokens, "required");
                assert.equal((instance.rootBlockDevice as { encrypted: boolean }).encrypted, true);
                assert.deepEqual(instance.tags, { ...args.tags, Name: `${args.namePrefix}-bastion`, Role: "bastion" });
            });
        });
    }

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<BastionArgs>[] = [
        [
            "stack tags that would lose the group's Name",
            { tags: { ...TAGS, Name: "shared" } },
            'tag Name is set by the stack to "shared" and cannot be changed to "fraud-detector-prod-bastion"',
        ],
        [
            "stack tags that would lose the group's Role",
            { tags: { ...TAGS, Role: "shared" } },
            'tag Role is set by the stack to "shared" and cannot be changed to "bastion"',
        ],
    ];
    refusesEach(build, PRODUCTION, ARGUMENT_ERRORS);
});
