import { strict as assert } from "assert";
import { messagesOf, resource, stackTags } from "../harness";
import { levelsOf, Props } from "./fixtures";

const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const GROUP = "aws:autoscaling/group:Group";

/** The bastion: no public IP, IMDSv2, encrypted, monitored, with an instance profile. */
function bastionProps(): Props {
    return {
        ami: "ami-0abc1234",
        instanceType: "t3.micro",
        associatePublicIpAddress: false,
        metadataOptions: { httpTokens: "required" },
        rootBlockDevice: { encrypted: true, volumeSize: 8 },
        ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, volumeSize: 20 }],
        monitoring: true,
        iamInstanceProfile: "bastion-profile",
        userData: "#!/bin/bash\ndnf install -y postgresql15\n",
        tags: { ...stackTags(), Role: "bastion" },
    };
}

const base64 = (text: string) => Buffer.from(text).toString("base64");

/** The staging ECS hosts' launch template (string booleans, base64 user data). */
function templateProps(env = "staging"): Props {
    return {
        imageId: "ami-0ecs5678",
        instanceType: "t3.medium",
        metadataOptions: { httpTokens: "required" },
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeSize: 30 } }],
        networkInterfaces: [{ associatePublicIpAddress: "false", deviceIndex: 0 }],
        monitoring: { enabled: true },
        iamInstanceProfile: { arn: "arn:aws:iam::111122223333:instance-profile/ecs-host" },
        userData: base64(
            "#!/bin/bash\nTOKEN=$(curl -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 60')\necho ECS_CLUSTER=fraud-detector-staging >> /etc/ecs/ecs.config\n",
        ),
        tags: stackTags(env),
    };
}

const bastion = (props: Props = bastionProps()) => resource(INSTANCE, props);
const template = (props: Props = templateProps()) => resource(LAUNCH_TEMPLATE, props);

/** The staging capacity for ECS: a launch template over two private subnets. ASG tags are a list. */
function groupProps(): Props {
    return {
        launchTemplate: { id: "lt-0abc", version: "$Latest" },
        vpcZoneIdentifiers: ["subnet-private-a", "subnet-private-b"],
        minSize: 2,
        maxSize: 2,
        tags: [{ key: "Environment", value: "production", propagateAtLaunch: true }],
    };
}

describe("policy: compute", () => {
    describe("ec2-instance-hardening", () => {
        it("passes the hardened bastion and launch template (an IMDSv2 token fetch is not a credential)", async () => {
            assert.deepEqual(await messagesOf([bastion(), template()], "ec2-instance-hardening"), []);
        });

        it("rejects an instance without IMDSv2, mandatory in production", async () => {
            const instance = bastion({ ...bastionProps(), metadataOptions: undefined });
            assert.deepEqual(await levelsOf([instance], "ec2-instance-hardening"), [
                [
                    "mandatory",
                    'metadataOptions.httpTokens is unset; set metadataOptions: { httpTokens: "required" } so only IMDSv2 answers',
                ],
            ]);
        });

        it("rejects a launch template with optional IMDS tokens, advisory in local", async () => {
            const lt = template({ ...templateProps("local"), metadataOptions: { httpTokens: "optional" } });
            assert.deepEqual(await levelsOf([lt], "ec2-instance-hardening"), [
                [
                    "advisory",
                    'metadataOptions.httpTokens is "optional"; set metadataOptions: { httpTokens: "required" } so only IMDSv2 answers',
                ],
            ]);
        });

        it("rejects an instance whose root volume is left to the AMI's default", async () => {
            const instance = bastion({ ...bastionProps(), rootBlockDevice: undefined });
            assert.deepEqual(await messagesOf([instance], "ec2-instance-hardening"), [
                "rootBlockDevice.encrypted is unset; set rootBlockDevice: { encrypted: true }",
            ]);
        });

        it("rejects an unencrypted extra EBS volume", async () => {
            const instance = bastion({
                ...bastionProps(),
                ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }],
            });
            assert.deepEqual(await messagesOf([instance], "ec2-instance-hardening"), [
                'ebsBlockDevices[0] ("/dev/sdf") encrypted is false; set encrypted: true',
            ]);
        });

        it('rejects a launch template volume whose string flag is "false"', async () => {
            const lt = template({
                ...templateProps(),
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false" } }],
            });
            assert.deepEqual(await messagesOf([lt], "ec2-instance-hardening"), [
                'blockDeviceMappings[0] ("/dev/xvda") ebs.encrypted is "false"; set ebs: { encrypted: "true" } (a string)',
            ]);
        });

        it("rejects a launch template without block device mappings", async () => {
            const lt = template({ ...templateProps(), blockDeviceMappings: undefined });
            assert.deepEqual(await messagesOf([lt], "ec2-instance-hardening"), [
                'blockDeviceMappings is unset, so the root volume keeps the AMI\'s unencrypted default; map the root device with ebs: { encrypted: "true" }',
            ]);
        });

        it("rejects an AWS access key in an instance's user data", async () => {
            const instance = bastion({
                ...bastionProps(),
                userData: "#!/bin/bash\naws configure set aws_access_key_id AKIAIOSFODNN7EXAMPLE\n",
            });
            assert.deepEqual(await messagesOf([instance], "ec2-instance-hardening"), [
                "user data contains an AWS access key id; keep credentials out of user data and read them at boot from Secrets Manager or SSM through the instance role",
            ]);
        });

        it("rejects a literal password in a launch template's base64 user data", async () => {
            const lt = template({ ...templateProps(), userData: base64("#!/bin/bash\nexport DB_PASSWORD=hunter2\n") });
            assert.deepEqual(await messagesOf([lt], "ec2-instance-hardening"), [
                "user data contains a literal password, secret or token; keep credentials out of user data and read them at boot from Secrets Manager or SSM through the instance role",
            ]);
        });
    });

    describe("ec2-public-ip-bastion-only", () => {
        it("passes a bastion and a launch template that ask for no public IP", async () => {
            assert.deepEqual(await messagesOf([bastion(), template()], "ec2-public-ip-bastion-only"), []);
        });

        it("rejects a public IP on the bastion itself, mandatory in production", async () => {
            const instance = bastion({ ...bastionProps(), associatePublicIpAddress: true });
            assert.deepEqual(await levelsOf([instance], "ec2-public-ip-bastion-only"), [
                [
                    "mandatory",
                    'associatePublicIpAddress is true on an instance tagged Role "bastion"; no instance may hold a public IP (the bastion reaches Session Manager through the NAT gateway): set associatePublicIpAddress: false and use a private subnet',
                ],
            ]);
        });

        it("rejects a public IP on any other instance, advisory in local", async () => {
            const instance = bastion({
                ...bastionProps(),
                associatePublicIpAddress: true,
                tags: { ...stackTags("local"), Role: "worker" },
            });
            assert.deepEqual(await levelsOf([instance], "ec2-public-ip-bastion-only"), [
                [
                    "advisory",
                    'associatePublicIpAddress is true on an instance tagged Role "worker"; no instance may hold a public IP (the bastion reaches Session Manager through the NAT gateway): set associatePublicIpAddress: false and use a private subnet',
                ],
            ]);
        });

        it("rejects an instance that leaves the choice to its subnet", async () => {
            const instance = bastion({ ...bastionProps(), associatePublicIpAddress: undefined });
            assert.deepEqual(await messagesOf([instance], "ec2-public-ip-bastion-only"), [
                'associatePublicIpAddress is unset on an instance tagged Role "bastion", so the subnet\'s mapPublicIpOnLaunch decides and a public subnet hands out an address: set associatePublicIpAddress: false',
            ]);
        });

        it('rejects a launch template asking for a public IP with the string "true"', async () => {
            const lt = template({ ...templateProps(), networkInterfaces: [{ associatePublicIpAddress: "true" }] });
            assert.deepEqual(await messagesOf([lt], "ec2-public-ip-bastion-only"), [
                'networkInterfaces[0].associatePublicIpAddress is "true"; set it to "false" (ECS hosts stay in the private subnets)',
            ]);
        });
    });

    describe("ec2-detailed-monitoring", () => {
        it("passes a monitored instance and launch template with instance profiles", async () => {
            assert.deepEqual(await messagesOf([bastion(), template()], "ec2-detailed-monitoring"), []);
        });

        it("rejects an instance without detailed monitoring, advisory even in production", async () => {
            const instance = bastion({ ...bastionProps(), monitoring: undefined });
            assert.deepEqual(await levelsOf([instance], "ec2-detailed-monitoring"), [
                ["advisory", "monitoring is unset; set monitoring: true for 1-minute metrics"],
            ]);
        });

        it("rejects an instance without an instance profile", async () => {
            const instance = bastion({ ...bastionProps(), iamInstanceProfile: undefined });
            assert.deepEqual(await messagesOf([instance], "ec2-detailed-monitoring"), [
                "iamInstanceProfile is unset; attach an instance profile whose role has AmazonSSMManagedInstanceCore, so admins use Session Manager",
            ]);
        });

        it("rejects an SSH key pair", async () => {
            const instance = bastion({ ...bastionProps(), keyName: "admin" });
            assert.deepEqual(await messagesOf([instance], "ec2-detailed-monitoring"), [
                'keyName is "admin"; drop the SSH key pair and reach the host through Session Manager',
            ]);
        });

        it("rejects a launch template without monitoring or an instance profile", async () => {
            const lt = template({ ...templateProps(), monitoring: undefined, iamInstanceProfile: undefined });
            assert.deepEqual(await messagesOf([lt], "ec2-detailed-monitoring"), [
                "monitoring.enabled is unset; set monitoring: { enabled: true } for 1-minute metrics",
                "iamInstanceProfile is unset; attach an instance profile whose role has AmazonSSMManagedInstanceCore (iamInstanceProfile: { arn }), so admins use Session Manager",
            ]);
        });
    });

    describe("asg-multi-az-launch-template", () => {
        const group = (props: Props = groupProps()) => resource(GROUP, props);

        it("passes a group built from a launch template over two subnets", async () => {
            assert.deepEqual(await messagesOf([group()], "asg-multi-az-launch-template"), []);
        });

        it("passes a group whose launch template comes through a mixed instances policy", async () => {
            const mixed = group({
                ...groupProps(),
                launchTemplate: undefined,
                mixedInstancesPolicy: {
                    launchTemplate: { launchTemplateSpecification: { launchTemplateId: "lt-0abc" } },
                },
            });
            assert.deepEqual(await messagesOf([mixed], "asg-multi-az-launch-template"), []);
        });

        it("rejects a launch configuration, mandatory in production", async () => {
            const legacy = group({ ...groupProps(), launchTemplate: undefined, launchConfiguration: "ecs-hosts" });
            assert.deepEqual(await levelsOf([legacy], "asg-multi-az-launch-template"), [
                [
                    "mandatory",
                    'launchConfiguration is "ecs-hosts"; build the group from a launch template (launchTemplate: { id, version }) instead',
                ],
            ]);
        });

        it("rejects a group without a launch template", async () => {
            assert.deepEqual(
                await messagesOf(
                    [group({ ...groupProps(), launchTemplate: undefined })],
                    "asg-multi-az-launch-template",
                ),
                ['launchTemplate is unset; set launchTemplate: { id: <template>.id, version: "$Latest" }'],
            );
        });

        it("rejects a group in a single subnet", async () => {
            const single = group({ ...groupProps(), vpcZoneIdentifiers: ["subnet-private-a"] });
            assert.deepEqual(await messagesOf([single], "asg-multi-az-launch-template"), [
                "vpcZoneIdentifiers lists 1 subnet(s); list the private subnets of both AZs (ca-central-1a and ca-central-1b)",
            ]);
        });
    });
});
