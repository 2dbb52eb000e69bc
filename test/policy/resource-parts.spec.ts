import { strict as assert } from "assert";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { PlanResource } from "../../plan/engine/contract";
import { judgePolicies } from "../../plan/policy/policy-phase";
import { evaluatePolicies } from "../../plan/policy/policy-runner";
import { RULES } from "../../policy/rules";
import { albProps, LB } from "./compute/fixtures";
import { planWith, resource, stackTags } from "./harness";

/**
 * Issue #11: the parts of stack rules that need no other resource run as the same policy's
 * `validateResource`, so a real `pulumi preview --policy-pack` decides them even when the stack
 * pass is skipped because another resource's id is still unknown. Each case checks that the
 * finding comes from the resource pass alone (and no longer from the stack pass, so it is not
 * reported twice); where a fixture can make the stack pass read an unknown, that it is decided at
 * preview.
 */

const RDS = "aws:rds/instance:Instance";
const CLUSTER = "aws:ecs/cluster:Cluster";
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const TOPIC = "aws:sns/topic:Topic";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

function ruleOf(id: string) {
    const rule = RULES.find((r) => r.name === id);
    assert.ok(rule, `no rule ${id}`);
    return rule;
}

/** `[urn, level, message]` of each violation of `id` from its resource pass and its stack pass. */
async function byPass(resources: readonly PlanResource[], id: string) {
    const { validateResource, validateStack, ...rest } = ruleOf(id) as ResourceValidationPolicy & StackValidationPolicy;
    assert.ok(validateResource, `${id} has no resource part`);
    assert.ok(validateStack, `${id} is not a stack rule`);
    const run = async (policy: object) =>
        (await evaluatePolicies(planWith(resources), [policy as ResourceValidationPolicy])).map((v) => [
            v.urn,
            v.enforcementLevel,
            v.message,
        ]);
    return { resource: await run({ ...rest, validateResource }), stack: await run({ ...rest, validateStack }) };
}

/** Asserts that `message` on `on` comes from the resource pass at `level`, and not from the stack pass. */
async function fromResourcePass(
    resources: readonly PlanResource[],
    id: string,
    on: PlanResource,
    level: string,
    message: string,
): Promise<void> {
    const found = await byPass(resources, id);
    assert.deepEqual(
        found.resource.filter((v) => v[2] === message),
        [[on.urn, level, message]],
    );
    assert.deepEqual(
        found.stack.filter((v) => v[2] === message),
        [],
    );
}

/** `[decidedAt, message]` of `id`'s violations on `on`, as plan/policy/policy-phase.ts marks them. */
async function phasesOn(resources: readonly PlanResource[], id: string, on: PlanResource) {
    return (await judgePolicies(planWith(resources), [ruleOf(id)]))
        .filter((v) => v.urn === on.urn)
        .map((v) => [v.decidedAt, v.message]);
}

const rdsProps = (overrides: Record<string, unknown> = {}) => ({
    engine: "postgres",
    username: "fraud_user",
    manageMasterUserPassword: true,
    storageEncrypted: true,
    publiclyAccessible: false,
    monitoringInterval: 60,
    monitoringRoleArn: "arn:aws:iam::111122223333:role/rds-monitoring",
    performanceInsightsEnabled: true,
    performanceInsightsKmsKeyId: "arn:aws:kms:ca-central-1:111122223333:key/pi",
    iamDatabaseAuthenticationEnabled: true,
    copyTagsToSnapshot: true,
    tags: stackTags(),
    ...overrides,
});

describe("stack rules' single-resource parts are decided in the resource pass (issue #11)", () => {
    describe("rds-encryption", () => {
        const message =
            "storageEncrypted is false; set storageEncrypted: true (a customer KMS key in kmsKeyId is preferred)";

        it("reports unencrypted storage from the instance alone", async () => {
            const instance = resource(RDS, rdsProps({ storageEncrypted: false }));
            await fromResourcePass([instance], "rds-encryption", instance, "mandatory", message);
        });

        it("decides it at preview while the parameter group the stack part reads is still unknown", async () => {
            const other = resource("aws:rds/clusterParameterGroup:ClusterParameterGroup", { tags: stackTags() });
            const instance = resource(RDS, rdsProps({ storageEncrypted: false, parameterGroupName: other.id }), {
                from: { parameterGroupName: [other] },
            });
            const phases = await phasesOn([other, instance], "rds-encryption", instance);
            assert.deepEqual(phases[0], ["preview", message]);
            // The parameter-group finding still needs the stack pass.
            assert.ok(phases.slice(1).every(([at]) => at === "up"));
        });
    });

    describe("rds-network-isolation", () => {
        it("reports a publicly accessible instance from the instance alone", async () => {
            const instance = resource(RDS, rdsProps({ publiclyAccessible: true }));
            await fromResourcePass(
                [instance],
                "rds-network-isolation",
                instance,
                "mandatory",
                "publiclyAccessible is true; set publiclyAccessible: false",
            );
        });
    });

    describe("rds-credentials", () => {
        it("reports a default user name and a missing password source from the instance alone", async () => {
            const instance = resource(RDS, rdsProps({ username: "postgres", manageMasterUserPassword: undefined }));
            await fromResourcePass(
                [instance],
                "rds-credentials",
                instance,
                "mandatory",
                'username is "postgres", a default master user name that is tried first; set username: "fraud_user" (the guide\'s DB_USERNAME)',
            );
            await fromResourcePass(
                [instance],
                "rds-credentials",
                instance,
                "mandatory",
                "no master password source is set; set manageMasterUserPassword: true, or take password (better passwordWo) from the random.RandomPassword stored in fraud-detector/<env>/database",
            );
        });

        it("decides the user name at preview while the password's generator is still unknown", async () => {
            const generator = resource("random:index/randomPassword:RandomPassword", { length: 32 });
            const instance = resource(
                RDS,
                rdsProps({ username: "admin", manageMasterUserPassword: undefined, password: generator.id }),
                { from: { password: [generator] } },
            );
            const phases = await phasesOn([generator, instance], "rds-credentials", instance);
            assert.deepEqual(phases[0], [
                "preview",
                'username is "admin", a default master user name that is tried first; set username: "fraud_user" (the guide\'s DB_USERNAME)',
            ]);
            // Where the password comes from is read from the generator, at pulumi up.
            assert.deepEqual(
                phases.slice(1).map(([at]) => at),
                ["up"],
            );
        });
    });

    describe("rds-hardening-extras", () => {
        it("reports the instance's own settings at preview while its event subscription's sources are unknown", async () => {
            const instance = resource(RDS, rdsProps({ monitoringInterval: 0, tags: stackTags("staging") }));
            const subscription = resource(
                "aws:rds/eventSubscription:EventSubscription",
                { sourceType: "db-instance", sourceIds: [instance.id], tags: stackTags("staging") },
                { from: { sourceIds: [instance] } },
            );
            const message =
                "monitoringInterval is 0; set monitoringInterval: 60 (or less) with a monitoringRoleArn for enhanced monitoring";
            await fromResourcePass([instance, subscription], "rds-hardening-extras", instance, "advisory", message);
            const phases = await phasesOn([instance, subscription], "rds-hardening-extras", instance);
            assert.deepEqual(phases[0], ["preview", message]);
        });
    });

    describe("ecs-observability", () => {
        const message =
            'containerInsights is unset; set settings: [{ name: "containerInsights", value: "enabled" }] (or "enhanced")';

        it("reports a cluster without Container Insights at preview while the task's log group is unknown", async () => {
            const cluster = resource(CLUSTER, { tags: stackTags() });
            const group = resource(LOG_GROUP, { name: "/ecs/fraud-api", retentionInDays: 365, tags: stackTags() });
            const task = resource(
                TASK,
                {
                    family: "fraud-api",
                    containerDefinitions: JSON.stringify([
                        {
                            name: "fraud-api",
                            logConfiguration: {
                                logDriver: "awslogs",
                                options: { "awslogs-group": group.id, "awslogs-region": "ca-central-1" },
                            },
                        },
                    ]),
                    tags: stackTags(),
                },
                { from: { containerDefinitions: [group] } },
            );
            await fromResourcePass([cluster, group, task], "ecs-observability", cluster, "mandatory", message);
            assert.deepEqual(await phasesOn([cluster, group, task], "ecs-observability", cluster), [
                ["preview", message],
            ]);
        });

        it("reports a container's own log settings from the task alone, and an unmanaged /ecs/ group from the stack pass", async () => {
            const task = resource(TASK, {
                family: "fraud-api",
                containerDefinitions: JSON.stringify([
                    {
                        name: "fraud-api",
                        logConfiguration: {
                            logDriver: "awslogs",
                            options: { "awslogs-group": "/ecs/fraud-api", "awslogs-region": "us-east-1" },
                        },
                    },
                ]),
                tags: stackTags(),
            });
            const found = await byPass([task], "ecs-observability");
            assert.deepEqual(
                found.resource.map((v) => v[2]),
                ['container "fraud-api" sends logs to region "us-east-1"; set "awslogs-region": "ca-central-1"'],
            );
            assert.deepEqual(
                found.stack.map((v) => v[2]),
                [
                    'container "fraud-api" logs to "/ecs/fraud-api", which no aws.cloudwatch.LogGroup of this stack creates; create it (with a retention) in this stack',
                ],
            );
        });
    });

    describe("ecs-secrets-not-in-environment", () => {
        it("reports a credential in environment from the task alone", async () => {
            const task = resource(TASK, {
                family: "fraud-api",
                containerDefinitions: JSON.stringify([
                    { name: "fraud-api", environment: [{ name: "DB_PASSWORD", value: "hunter2" }] },
                ]),
                tags: stackTags(),
            });
            await fromResourcePass(
                [task],
                "ecs-secrets-not-in-environment",
                task,
                "mandatory",
                'container "fraud-api" passes DB_PASSWORD in environment; move it to secrets: [{ name: "DB_PASSWORD", valueFrom: <secret ARN> }]',
            );
        });
    });

    describe("telemetry-retention-and-encryption", () => {
        it("reports a production log group's settings at preview while a topic's key is unknown", async () => {
            const group = resource(LOG_GROUP, {
                name: "/ecs/fraud-api",
                retentionInDays: 30,
                kmsKeyId: "arn:aws:kms:ca-central-1:111122223333:key/logs",
                deletionProtectionEnabled: true,
                tags: stackTags(),
            });
            const key = resource("aws:kms/key:Key", { tags: stackTags() });
            const topic = resource(
                TOPIC,
                { name: "alerts", kmsMasterKeyId: key.id, tags: stackTags() },
                { from: { kmsMasterKeyId: [key] } },
            );
            const message = "retentionInDays is 30; keep production logs at least 365 days";
            await fromResourcePass(
                [group, key, topic],
                "telemetry-retention-and-encryption",
                group,
                "advisory",
                message,
            );
            assert.deepEqual(await phasesOn([group, key, topic], "telemetry-retention-and-encryption", group), [
                ["preview", message],
            ]);
        });

        it("reports a topic on the AWS-managed key from the topic alone", async () => {
            const topic = resource(TOPIC, { name: "alerts", kmsMasterKeyId: "alias/aws/sns", tags: stackTags() });
            await fromResourcePass(
                [topic],
                "telemetry-retention-and-encryption",
                topic,
                "advisory",
                'kmsMasterKeyId is "alias/aws/sns", the AWS-managed key, whose policy CloudWatch cannot use, so alarms would not be delivered; use a customer KMS key',
            );
        });
    });

    describe("s3-data-protection and s3-policy-and-acls", () => {
        const bucket = (props: Record<string, unknown>) =>
            resource("aws:s3/bucketV2:BucketV2", {
                bucket: "fraud-detector-prod-logs",
                tags: { ...stackTags(), Purpose: "logs" },
                ...props,
            });

        it("reports forceDestroy on a production bucket from the bucket alone", async () => {
            const b = bucket({ forceDestroy: true });
            await fromResourcePass(
                [b],
                "s3-data-protection",
                b,
                "mandatory",
                "bucket fraud-detector-prod-logs: forceDestroy is true; remove forceDestroy so a destroy cannot empty the bucket",
            );
        });

        it("reports the bucket's own acl and grants at preview while its bucket policy is unknown", async () => {
            const b = bucket({ acl: "log-delivery-write", grants: [{ type: "Group" }] });
            const policy = resource(
                "aws:s3/bucketPolicy:BucketPolicy",
                { bucket: b.id, policy: `{"Statement":[{"Resource":"arn:aws:s3:::${b.id}/*"}]}` },
                { from: { bucket: [b], policy: [b] } },
            );
            const messages = [
                'bucket fraud-detector-prod-logs: sets acl "log-delivery-write"; remove acl (ACLs stay off, ownership BucketOwnerEnforced)',
                "bucket fraud-detector-prod-logs: sets grants; remove grants and grant access through the bucket policy or IAM",
            ];
            for (const message of messages) {
                await fromResourcePass([b, policy], "s3-policy-and-acls", b, "mandatory", message);
            }
            const phases = await phasesOn([b, policy], "s3-policy-and-acls", b);
            assert.deepEqual(
                phases.filter(([, message]) => messages.includes(String(message))),
                messages.map((message) => ["preview", message]),
            );
        });
    });

    describe("vpc-default-sg-closed", () => {
        it("reports a managed default group that keeps rules from the group alone", async () => {
            const vpc = resource("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16", tags: stackTags() });
            const group = resource(
                "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                { vpcId: vpc.id, ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }], tags: stackTags() },
                { from: { vpcId: [vpc] } },
            );
            await fromResourcePass(
                [vpc, group],
                "vpc-default-sg-closed",
                group,
                "mandatory",
                "the default security group keeps 1 ingress and 0 egress rules; set ingress: [] and egress: []",
            );
        });
    });

    describe("sg-no-world-ingress", () => {
        const worldMessage = (on: PlanResource, ports: string, cidr: string) =>
            `${on.type.split(":").pop()} ${on.name} opens ${ports} to ${cidr}; only the load balancer's group may, on tcp/443 and tcp/80: admit named security groups or the VPC CIDR instead`;

        it("reports SSH from the world on a standalone rule from the rule alone, whatever its group", async () => {
            const group = resource(SG, { tags: stackTags() });
            const rule = resource(
                INGRESS_RULE,
                {
                    securityGroupId: group.id,
                    ipProtocol: "tcp",
                    fromPort: 22,
                    toPort: 22,
                    cidrIpv4: "0.0.0.0/0",
                    tags: stackTags(),
                },
                { from: { securityGroupId: [group] } },
            );
            await fromResourcePass(
                [group, rule],
                "sg-no-world-ingress",
                rule,
                "mandatory",
                worldMessage(rule, "tcp/22", "0.0.0.0/0"),
            );
        });

        it("reports an inline all-traffic rule from ::/0 from the group alone", async () => {
            const group = resource(SG, {
                ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }],
                tags: stackTags(),
            });
            await fromResourcePass(
                [group],
                "sg-no-world-ingress",
                group,
                "mandatory",
                worldMessage(group, "all traffic", "::/0"),
            );
        });

        it("reports RDP from the world on a legacy rule and a network ACL entry from each alone", async () => {
            const legacy = resource("aws:ec2/securityGroupRule:SecurityGroupRule", {
                type: "ingress",
                protocol: "tcp",
                fromPort: 3389,
                toPort: 3389,
                cidrBlocks: ["0.0.0.0/0"],
                securityGroupId: "sg-0123456789abcdef0",
            });
            const acl = resource("aws:ec2/networkAclRule:NetworkAclRule", {
                egress: false,
                ruleAction: "allow",
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrBlock: "0.0.0.0/0",
            });
            await fromResourcePass(
                [legacy, acl],
                "sg-no-world-ingress",
                legacy,
                "mandatory",
                worldMessage(legacy, "tcp/3389", "0.0.0.0/0"),
            );
            await fromResourcePass(
                [legacy, acl],
                "sg-no-world-ingress",
                acl,
                "mandatory",
                worldMessage(acl, "tcp/443", "0.0.0.0/0"),
            );
        });

        it("leaves 443 from the world on a group that is not the ALB's to the stack pass", async () => {
            const group = resource(SG, { tags: stackTags() });
            const rule = resource(
                INGRESS_RULE,
                {
                    securityGroupId: group.id,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    cidrIpv4: "0.0.0.0/0",
                    tags: stackTags(),
                },
                { from: { securityGroupId: [group] } },
            );
            const found = await byPass([group, rule], "sg-no-world-ingress");
            assert.deepEqual(found.resource, []);
            assert.deepEqual(found.stack, [[rule.urn, "mandatory", worldMessage(rule, "tcp/443", "0.0.0.0/0")]]);
        });
    });

    describe("sg-egress-restricted", () => {
        it("reports inline all-traffic egress to 0.0.0.0/0 from the group alone, whatever group it is", async () => {
            const group = resource(SG, {
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
                tags: stackTags(),
            });
            await fromResourcePass(
                [group],
                "sg-egress-restricted",
                group,
                "mandatory",
                `SecurityGroup ${group.name} sends all traffic to 0.0.0.0/0; allow only tcp/443 to the internet`,
            );
        });

        it("reports inline egress outside the VPC and all ports to the VPC from the group alone", async () => {
            const group = resource(SG, {
                egress: [
                    { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["192.168.0.0/16"] },
                    { protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["10.0.0.0/16"] },
                ],
                tags: stackTags(),
            });
            await fromResourcePass(
                [group],
                "sg-egress-restricted",
                group,
                "mandatory",
                `SecurityGroup ${group.name} sends tcp/5432 to 192.168.0.0/16, outside the VPC; use tcp/443 or the VPC CIDR`,
            );
            await fromResourcePass(
                [group],
                "sg-egress-restricted",
                group,
                "mandatory",
                `SecurityGroup ${group.name} sends tcp/0-65535 to 10.0.0.0/16; name the ports the peer listens on`,
            );
        });

        it("leaves a standalone rule, whose message names its group, and all ports to a peer group to the stack pass", async () => {
            const peer = resource(SG, { tags: stackTags() }, { name: "peer" });
            const group = resource(
                SG,
                { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, securityGroups: [peer.id] }], tags: stackTags() },
                { name: "app", from: { egress: [peer] } },
            );
            const rule = resource(
                EGRESS_RULE,
                { securityGroupId: group.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", tags: stackTags() },
                { from: { securityGroupId: [group] } },
            );
            const found = await byPass([peer, group, rule], "sg-egress-restricted");
            assert.deepEqual(found.resource, []);
            assert.deepEqual(found.stack, [
                [
                    group.urn,
                    "mandatory",
                    "SecurityGroup app sends all traffic to security group peer; name the ports the peer listens on",
                ],
                [
                    rule.urn,
                    "mandatory",
                    "SecurityGroup app sends all traffic to 0.0.0.0/0; allow only tcp/443 to the internet",
                ],
            ]);
        });
    });

    describe("tags-required, ecr-repository-hardening, container-images-pinned", () => {
        it("reports a missing ManagedBy tag from the resource alone, a mismatched Environment from the stack", async () => {
            const bucket = resource("aws:s3/bucketV2:BucketV2", {
                tags: { Project: "fraud-detector", Environment: "production" },
            });
            await fromResourcePass(
                [bucket],
                "tags-required",
                bucket,
                "mandatory",
                'tag ManagedBy is unset; set tags.ManagedBy to "pulumi"',
            );
            const strays = [1, 2].map(() => resource("aws:s3/bucketV2:BucketV2", { tags: stackTags("staging") }));
            const found = await byPass([bucket, ...strays], "tags-required");
            assert.deepEqual(
                found.stack.map((v) => v[2]),
                [
                    'tag Environment is "production" but the stack\'s resources are "staging"; one stack is one environment',
                ],
            );
        });

        it("reports a repository's own settings from the repository alone", async () => {
            const repository = resource("aws:ecr/repository:Repository", {
                imageTagMutability: "IMMUTABLE",
                encryptionConfigurations: [{ encryptionType: "KMS" }],
                tags: stackTags(),
            });
            await fromResourcePass(
                [repository],
                "ecr-repository-hardening",
                repository,
                "mandatory",
                "imageScanningConfiguration.scanOnPush is unset; set imageScanningConfiguration: { scanOnPush: true }",
            );
        });

        it("reports an untagged image from the task alone, a movable tag from the stack pass", async () => {
            const task = resource(TASK, {
                family: "fraud-api",
                containerDefinitions: JSON.stringify([
                    { name: "api", image: "registry.local:5000/fraud-api" },
                    { name: "worker", image: "registry.local:5000/fraud-worker:v1" },
                ]),
                tags: stackTags(),
            });
            await fromResourcePass(
                [task],
                "container-images-pinned",
                task,
                "mandatory",
                'container "api" image "registry.local:5000/fraud-api" has no tag (so it means latest); reference the git SHA tag the pipeline pushes or a digest (@sha256:…)',
            );
            const found = await byPass([task], "container-images-pinned");
            assert.deepEqual(
                found.stack.map((v) => v[2]),
                [
                    'container "worker" image "registry.local:5000/fraud-worker:v1" uses the tag "v1", which can be moved (no IMMUTABLE repository of this stack holds it); reference the git SHA tag the pipeline pushes or a digest (@sha256:…)',
                ],
            );
        });
    });

    describe("alb-access-logs", () => {
        it("reports access logs left off from the load balancer alone, a bucket not of the stack from the stack pass", async () => {
            const logs = resource("aws:s3/bucket:Bucket", { tags: stackTags() });
            const off = resource(
                LB,
                { ...albProps(), accessLogs: { bucket: "fraud-detector-production-logs" } },
                { from: { accessLogs: [logs] } },
            );
            await fromResourcePass(
                [logs, off],
                "alb-access-logs",
                off,
                "mandatory",
                "accessLogs.enabled is unset (off by default, even with a bucket); set accessLogs: { enabled: true, bucket: <the log bucket> }",
            );
            const elsewhere = resource(LB, albProps());
            const found = await byPass([elsewhere], "alb-access-logs");
            assert.deepEqual(found.resource, []);
            assert.deepEqual(found.stack, [
                [
                    elsewhere.urn,
                    "mandatory",
                    'accessLogs.bucket is "fraud-detector-production-logs", not a bucket of this stack; set it to the project\'s log bucket (its bucket output)',
                ],
            ]);
        });
    });

    describe("ecs-service-network", () => {
        it("reports a public IP and an old Fargate platform from the service alone, literal subnets from the stack pass", async () => {
            const service = resource("aws:ecs/service:Service", {
                name: "fraud-worker",
                launchType: "FARGATE",
                platformVersion: "1.3.0",
                networkConfiguration: { subnets: ["subnet-a"], securityGroups: ["sg-worker"], assignPublicIp: true },
                tags: stackTags(),
            });
            await fromResourcePass(
                [service],
                "ecs-service-network",
                service,
                "mandatory",
                "networkConfiguration.assignPublicIp is true; set assignPublicIp: false",
            );
            await fromResourcePass(
                [service],
                "ecs-service-network",
                service,
                "mandatory",
                'platformVersion is "1.3.0"; remove it or set platformVersion: "LATEST"',
            );
            const found = await byPass([service], "ecs-service-network");
            assert.deepEqual(found.stack, [
                [
                    service.urn,
                    "mandatory",
                    'networkConfiguration.subnets ["subnet-a"] come from no subnet or VPC of this stack, so whether they are private cannot be judged; take them from the VPC\'s private subnet ids',
                ],
            ]);
        });
    });

    describe("ecs-task-roles-separate", () => {
        it("reports unset roles from the task definition alone", async () => {
            const task = resource(TASK, { family: "fraud-api", containerDefinitions: "[]", tags: stackTags() });
            await fromResourcePass(
                [task],
                "ecs-task-roles-separate",
                task,
                "mandatory",
                "taskRoleArn is unset; give the task its own role with only what the application calls",
            );
            await fromResourcePass(
                [task],
                "ecs-task-roles-separate",
                task,
                "mandatory",
                "executionRoleArn is unset; give the task an execution role to pull images and read its secrets",
            );
        });

        it("leaves one literal ARN for both roles to the stack pass", async () => {
            const arn = "arn:aws:iam::111122223333:role/fraud-api";
            const task = resource(TASK, {
                family: "fraud-api",
                containerDefinitions: "[]",
                taskRoleArn: arn,
                executionRoleArn: arn,
                tags: stackTags(),
            });
            const found = await byPass([task], "ecs-task-roles-separate");
            assert.deepEqual(found.resource, []);
            assert.deepEqual(found.stack, [
                [
                    task.urn,
                    "mandatory",
                    `taskRoleArn and executionRoleArn are the same role ("${arn}"); create a separate task role`,
                ],
            ]);
        });
    });

    describe("secrets-rotation-and-cmk", () => {
        it("reports AWS's own key from the secret alone, missing rotation from the stack pass", async () => {
            const secret = resource("aws:secretsmanager/secret:Secret", {
                name: "fraud-detector/production/database",
                kmsKeyId: "alias/aws/secretsmanager",
                tags: stackTags(),
            });
            await fromResourcePass(
                [secret],
                "secrets-rotation-and-cmk",
                secret,
                "advisory",
                'secret fraud-detector/production/database: kmsKeyId is "alias/aws/secretsmanager"; encrypt the secret with a customer-managed key (kmsKeyId from an aws.kms.Key)',
            );
            const found = await byPass([secret], "secrets-rotation-and-cmk");
            assert.deepEqual(
                found.stack.map((v) => v[2]),
                [
                    "secret fraud-detector/production/database: is never rotated; add a SecretRotation with secretId → this secret, a rotationLambdaArn and rotationRules.automaticallyAfterDays at most 90",
                ],
            );
        });
    });

    describe("alarms-have-actions", () => {
        it("reports actions turned off from the alarm alone, a missing topic from the stack pass", async () => {
            const alarm = resource("aws:cloudwatch/metricAlarm:MetricAlarm", {
                name: "FraudDetector-HighLatency",
                actionsEnabled: false,
                tags: stackTags(),
            });
            await fromResourcePass(
                [alarm],
                "alarms-have-actions",
                alarm,
                "mandatory",
                "alarm FraudDetector-HighLatency has actionsEnabled false; remove it or set actionsEnabled: true",
            );
            const found = await byPass([alarm], "alarms-have-actions");
            assert.deepEqual(
                found.stack.map((v) => v[2]),
                [
                    "alarm FraudDetector-HighLatency notifies no SNS topic of this stack (alarmActions is unset); add the stack's alarm topic ARN to alarmActions",
                ],
            );
        });
    });

    describe("iam-roles-bounded", () => {
        it("reports a role without a boundary from the role alone, a boundary not of the stack from the stack pass", async () => {
            const trust = JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    { Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" },
                ],
            });
            const unbounded = resource(
                "aws:iam/role:Role",
                { assumeRolePolicy: trust, tags: stackTags() },
                { name: "free" },
            );
            await fromResourcePass(
                [unbounded],
                "iam-roles-bounded",
                unbounded,
                "mandatory",
                "role free has permissionsBoundary unset; set it to the stack's boundary policy (RoleBoundary, under /boundaries/), which caps what the role can ever do",
            );
            const elsewhere = resource(
                "aws:iam/role:Role",
                {
                    assumeRolePolicy: trust,
                    permissionsBoundary: "arn:aws:iam::111122223333:policy/other",
                    tags: stackTags(),
                },
                { name: "capped" },
            );
            const found = await byPass([elsewhere], "iam-roles-bounded");
            assert.deepEqual(found.resource, []);
            assert.deepEqual(found.stack, [
                [
                    elsewhere.urn,
                    "mandatory",
                    'role capped has permissionsBoundary "arn:aws:iam::111122223333:policy/other"; set it to the stack\'s boundary policy (RoleBoundary, under /boundaries/), which caps what the role can ever do',
                ],
            ]);
        });
    });

    describe("iam-secrets-and-keys-scoped", () => {
        it("reports a policy that reads every secret from the policy alone", async () => {
            const policy = resource(
                "aws:iam/policy:Policy",
                {
                    policy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }],
                    }),
                    tags: stackTags(),
                },
                { name: "reads-all" },
            );
            const found = await byPass([policy], "iam-secrets-and-keys-scoped");
            const message = found.resource.map((v) => v[2])[0];
            assert.ok(message?.startsWith("Policy reads-all: "), String(message));
            assert.ok(message?.includes('allows secretsmanager:GetSecretValue on "*"; name this stack\'s secret ARNs'));
            await fromResourcePass([policy], "iam-secrets-and-keys-scoped", policy, "mandatory", message!);
        });
    });

    describe("alb-availability", () => {
        it("reports a target group's own settings from the target group alone", async () => {
            const tg = resource("aws:lb/targetGroup:TargetGroup", {
                healthCheck: { enabled: true, path: "/health" },
                tags: stackTags(),
            });
            await fromResourcePass(
                [tg],
                "alb-availability",
                tg,
                "mandatory",
                'targetType is unset (unset means "instance"); set targetType: "ip" for awsvpc tasks',
            );
        });
    });
});
