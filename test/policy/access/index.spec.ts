import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import type { PlanResource } from "../../../plan/engine/contract";
import { accessPathsTable } from "../../../policy/lib/access-paths";
import { planOf, ROOT, STACKS } from "../../helpers/plan";
import { levelsOf, messagesOf, resource, stackTags } from "../harness";

const RULE = "access-paths-allowed";
const ACCOUNT = "111122223333";
const KEY_ARN = `arn:aws:kms:ca-central-1:${ACCOUNT}:key/k-1`;
const SLR = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;

/** A key policy: the account statement, plus `extra` statements. */
function key(extra: unknown[] = [], environment = "staging"): PlanResource {
    const policy = {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" },
            ...extra,
        ],
    };
    return resource(
        "aws:kms/key:Key",
        { policy: JSON.stringify(policy), tags: stackTags(environment) },
        { name: "key" },
    );
}

const ASG_USE = {
    Effect: "Allow",
    Principal: { AWS: SLR },
    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
    Resource: "*",
};
const ASG_GRANT = {
    Effect: "Allow",
    Principal: { AWS: SLR },
    Action: ["kms:CreateGrant"],
    Resource: "*",
    Condition: { Bool: { "kms:GrantIsForAWSResource": true } },
};

/** EC2 hosts whose launch template encrypts the root volume with `k`. */
function hosts(k: PlanResource): PlanResource[] {
    const template = resource(
        "aws:ec2/launchTemplate:LaunchTemplate",
        { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: KEY_ARN } }] },
        { name: "hosts-template", from: { blockDeviceMappings: [k] } },
    );
    const group = resource(
        "aws:autoscaling/group:Group",
        { tags: [{ key: "Environment", value: "staging", propagateAtLaunch: true }] },
        { name: "hosts", from: { launchTemplate: [template] } },
    );
    return [template, group];
}

const role = (name: string) => resource("aws:iam/role:Role", { tags: stackTags("staging") }, { name });
const rolePolicy = (r: PlanResource, statements: unknown[], from: PlanResource[]) =>
    resource(
        "aws:iam/rolePolicy:RolePolicy",
        { role: r.name, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) },
        { name: `${r.name}-policy`, from: { role: [r], policy: from } },
    );

/** A models bucket under key `k`, and a task definition of fraud-api whose task role is `taskRole`. */
function modelsAndTask(k: PlanResource, taskRole: PlanResource): PlanResource[] {
    const bucket = resource(
        "aws:s3/bucket:Bucket",
        { bucket: "fraud-detector-staging-models", tags: { ...stackTags("staging"), Purpose: "models" } },
        { name: "models" },
    );
    const encryption = resource(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN } }] },
        { from: { bucket: [bucket], rules: [k] } },
    );
    const td = resource(
        "aws:ecs/taskDefinition:TaskDefinition",
        { family: "fraud-api", tags: stackTags("staging") },
        { name: "api-task", from: { taskRoleArn: [taskRole], containerDefinitions: [bucket] } },
    );
    return [bucket, encryption, td];
}

const READ_MODELS = {
    Effect: "Allow",
    Action: ["s3:GetObject"],
    Resource: ["arn:aws:s3:::fraud-detector-staging-models/*"],
};
const DECRYPT_VIA_S3 = {
    Effect: "Allow",
    Action: ["kms:Decrypt"],
    Resource: [KEY_ARN],
    Condition: { StringEquals: { "kms:ViaService": "s3.ca-central-1.amazonaws.com" } },
};

describe("policy: access", () => {
    describe("access-paths-allowed", () => {
        it("passes hosts whose key policy admits the Auto Scaling service-linked role twice, as AWS documents", async () => {
            const k = key([ASG_USE, ASG_GRANT]);
            assert.deepEqual(await messagesOf([k, ...hosts(k)], RULE), []);
        });

        it("blocks, in every stack, hosts whose key policy lacks the CreateGrant statement", async () => {
            const k = key([ASG_USE], "local");
            assert.deepEqual(await levelsOf([k, ...hosts(k)], RULE), [
                [
                    "mandatory",
                    "hosts-launch-encrypted: role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling: Auto Scaling group hosts launches volumes under it, but the policy of key key allows it no kms:CreateGrant; add an Allow statement naming it for kms:CreateGrant with Bool kms:GrantIsForAWSResource true (https://docs.aws.amazon.com/autoscaling/ec2/userguide/key-policy-requirements-EBS-encryption.html)",
                ],
            ]);
        });

        it("passes a task role with GetObject and the decrypt through S3 on the SSE-KMS models bucket", async () => {
            const k = key();
            const taskRole = role("api-task-role");
            const resources = [k, taskRole, ...modelsAndTask(k, taskRole)];
            const grants = rolePolicy(taskRole, [READ_MODELS, DECRYPT_VIA_S3], [resources[2], k]);
            assert.deepEqual(await messagesOf([...resources, grants], RULE), []);
        });

        it("rejects a task role with GetObject but no kms:Decrypt on the models bucket's key", async () => {
            const k = key();
            const taskRole = role("api-task-role");
            const resources = [k, taskRole, ...modelsAndTask(k, taskRole)];
            const grants = rolePolicy(taskRole, [READ_MODELS], [resources[2]]);
            assert.deepEqual(await messagesOf([...resources, grants], RULE), [
                'tasks-read-models: task role api-task-role: bucket fraud-detector-staging-models is SSE-KMS under key key but no statement allows kms:Decrypt on it (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html); add kms:Decrypt on the key with Condition StringEquals "kms:ViaService": "s3.ca-central-1.amazonaws.com"',
            ]);
        });

        it("rejects an endpoints group that admits the tasks but not the EC2 hosts that pull for them", async () => {
            const sg = (name: string, roleTag: string) =>
                resource(
                    "aws:ec2/securityGroup:SecurityGroup",
                    { tags: { ...stackTags("staging"), Role: roleTag } },
                    { name },
                );
            const app = sg("api-sg", "app");
            const hostGroup = sg("hosts-sg", "ecs-host");
            const endpointGroup = sg("endpoints-sg", "endpoint");
            const fromApp = resource(
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                { ipProtocol: "tcp", fromPort: 443, toPort: 443, tags: stackTags("staging") },
                { from: { securityGroupId: [endpointGroup], referencedSecurityGroupId: [app] } },
            );
            const endpoint = resource(
                "aws:ec2/vpcEndpoint:VpcEndpoint",
                {
                    serviceName: "com.amazonaws.ca-central-1.logs",
                    vpcEndpointType: "Interface",
                    privateDnsEnabled: true,
                    tags: stackTags("staging"),
                },
                { name: "endpoints-logs", from: { securityGroupIds: [endpointGroup] } },
            );
            const provider = resource("aws:ecs/capacityProvider:CapacityProvider", { tags: stackTags("staging") });
            const execution = role("api-execution-role");
            const logGroup = resource(
                "aws:cloudwatch/logGroup:LogGroup",
                { name: "/ecs/fraud-api", tags: stackTags("staging") },
                { name: "api-logs" },
            );
            const td = resource(
                "aws:ecs/taskDefinition:TaskDefinition",
                { family: "fraud-api", tags: stackTags("staging") },
                { name: "api-task", from: { executionRoleArn: [execution], containerDefinitions: [logGroup] } },
            );
            const service = resource(
                "aws:ecs/service:Service",
                { tags: stackTags("staging") },
                { from: { taskDefinition: [td], networkConfiguration: [app], capacityProviderStrategies: [provider] } },
            );
            const grants = rolePolicy(
                execution,
                [
                    { Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
                    {
                        Effect: "Allow",
                        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                        Resource: [`arn:aws:logs:ca-central-1:${ACCOUNT}:log-group:/ecs/fraud-api:*`],
                    },
                ],
                [logGroup],
            );
            const plan = [
                app,
                hostGroup,
                endpointGroup,
                fromApp,
                endpoint,
                provider,
                execution,
                logGroup,
                td,
                service,
                grants,
            ];
            // Only the logs path is wired here; the fixture has no ECR endpoints, which the pull path reports.
            const logs = (await messagesOf(plan, RULE)).filter((m) => m.startsWith("execution-writes-logs:"));
            assert.deepEqual(logs, [
                "execution-writes-logs: task fraud-api through endpoint endpoints-logs: no ingress rule of endpoints-sg admits security group hosts-sg on tcp/443; add one (aws.vpc.SecurityGroupIngressRule with referencedSecurityGroupId)",
            ]);
        });

        it("rejects a replication role without kms:Encrypt through S3 on the destination", async () => {
            const k = key();
            const bucket = (name: string, purpose: string) =>
                resource(
                    "aws:s3/bucket:Bucket",
                    { bucket: name, tags: { ...stackTags("staging"), Purpose: purpose } },
                    { name: purpose },
                );
            const models = bucket("fraud-detector-staging-models", "models");
            const backup = bucket("fraud-detector-staging-backup-models", "backup");
            const replicationRole = role("replication");
            const viaS3 = { StringEquals: { "kms:ViaService": "s3.ca-central-1.amazonaws.com" } };
            const grants = rolePolicy(
                replicationRole,
                [
                    {
                        Effect: "Allow",
                        Action: ["s3:GetObjectVersionForReplication"],
                        Resource: ["arn:aws:s3:::fraud-detector-staging-models/*"],
                    },
                    {
                        Effect: "Allow",
                        Action: ["s3:ReplicateObject"],
                        Resource: ["arn:aws:s3:::fraud-detector-staging-backup-models/*"],
                    },
                    { Effect: "Allow", Action: ["kms:Decrypt"], Resource: [KEY_ARN], Condition: viaS3 },
                    { Effect: "Allow", Action: ["kms:Encrypt"], Resource: [KEY_ARN] },
                ],
                [models, backup, k],
            );
            const config = resource(
                "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
                { rules: [{ status: "Enabled" }] },
                { from: { bucket: [models], role: [replicationRole], rules: [k, backup] } },
            );
            assert.deepEqual(await messagesOf([k, models, backup, replicationRole, grants, config], RULE), [
                'models-replicate: replication role replication: no statement allows kms:Encrypt on key key with Condition StringEquals "kms:ViaService": "s3.ca-central-1.amazonaws.com" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-config-for-kms-objects.html); add it',
            ]);
        });

        it("rejects a key policy that lets CloudWatch Logs in without the log-group encryption context", async () => {
            const logs = {
                Effect: "Allow",
                Principal: { Service: "logs.ca-central-1.amazonaws.com" },
                Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                Resource: "*",
            };
            const k = key([logs]);
            const group = resource(
                "aws:cloudwatch/logGroup:LogGroup",
                { name: "/ecs/fraud-api", kmsKeyId: KEY_ARN, tags: stackTags("staging") },
                { from: { kmsKeyId: [k] } },
            );
            assert.deepEqual(await messagesOf([k, group], RULE), [
                "logs-encrypt-groups: logs.ca-central-1.amazonaws.com: log group /ecs/fraud-api is under it, but the policy of key key allows it no kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe*; add an Allow statement naming it for kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, kms:Describe* with ArnLike kms:EncryptionContext:aws:logs:arn (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html)",
            ]);
        });

        it("rejects an encrypted topic whose key admits CloudWatch but not the budget that publishes to it", async () => {
            const publishers = {
                Effect: "Allow",
                Principal: { Service: ["cloudwatch.amazonaws.com"] },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
            };
            const k = key([publishers]);
            const topic = resource(
                "aws:sns/topic:Topic",
                { kmsMasterKeyId: KEY_ARN, tags: stackTags("staging") },
                { name: "alarms", from: { kmsMasterKeyId: [k] } },
            );
            const alarm = resource(
                "aws:cloudwatch/metricAlarm:MetricAlarm",
                { tags: stackTags("staging") },
                { from: { alarmActions: [topic] } },
            );
            const budget = resource(
                "aws:budgets/budget:Budget",
                { tags: stackTags("staging") },
                { from: { notifications: [topic] } },
            );
            assert.deepEqual(await messagesOf([k, topic, alarm, budget], RULE), [
                "topic-publishers: budgets.amazonaws.com: topic alarms is under it, but the policy of key key allows it no kms:Decrypt, kms:GenerateDataKey*; add an Allow statement naming it for kms:Decrypt, kms:GenerateDataKey* (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services)",
            ]);
        });

        it("rejects an enhanced-monitoring role that RDS monitoring cannot assume, and passes one it can", async () => {
            const trustOf = (service: string) =>
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
                });
            const judge = async (service: string) => {
                const monitoring = resource(
                    "aws:iam/role:Role",
                    { assumeRolePolicy: trustOf(service), tags: stackTags("staging") },
                    { name: "monitoring" },
                );
                const attachment = resource(
                    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                    { policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" },
                    { from: { role: [monitoring] } },
                );
                const db = resource(
                    "aws:rds/instance:Instance",
                    { tags: stackTags("staging") },
                    { from: { monitoringRoleArn: [monitoring] } },
                );
                return messagesOf([monitoring, attachment, db], RULE);
            };
            assert.deepEqual(await judge("monitoring.rds.amazonaws.com"), []);
            assert.deepEqual(await judge("rds.amazonaws.com"), [
                "rds-enhanced-monitoring: monitoring role monitoring: its trust policy does not admit monitoring.rds.amazonaws.com (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.Enabling.html); add it",
            ]);
        });

        it("rejects a redeploy whose roles cannot start the machine or update a service it names, and passes one whose roles can", async () => {
            const trustOf = (service: string) =>
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
                });
            const allow = (action: string, arn: string) =>
                JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: action, Resource: [arn] }],
                });
            const definition = JSON.stringify({
                StartAt: "Redeploy fraud-api",
                States: {
                    "Redeploy fraud-api": {
                        Type: "Task",
                        Resource: "arn:aws:states:::aws-sdk:ecs:updateService",
                        Parameters: {
                            Cluster: "fraud-detector-staging",
                            Service: "fraud-api",
                            ForceNewDeployment: true,
                        },
                        End: true,
                    },
                },
            });
            const serviceArn = `arn:aws:ecs:ca-central-1:${ACCOUNT}:service/fraud-detector-staging/fraud-api`;
            const machineArn = `arn:aws:states:ca-central-1:${ACCOUNT}:stateMachine:fraud-detector-staging-secret-redeploy`;
            const judge = async (eventsAction: string, machineAction: string) => {
                const service = resource("aws:ecs/service:Service", { name: "fraud-api", tags: stackTags("staging") });
                const machineRole = resource(
                    "aws:iam/role:Role",
                    { assumeRolePolicy: trustOf("states.amazonaws.com"), tags: stackTags("staging") },
                    { name: "machine" },
                );
                const machinePolicy = resource(
                    "aws:iam/rolePolicy:RolePolicy",
                    { policy: allow(machineAction, serviceArn) },
                    { from: { role: [machineRole], policy: [service] } },
                );
                const machine = resource(
                    "aws:sfn/stateMachine:StateMachine",
                    { name: "fraud-detector-staging-secret-redeploy", definition, tags: stackTags("staging") },
                    { from: { roleArn: [machineRole] } },
                );
                const eventsRole = resource(
                    "aws:iam/role:Role",
                    { assumeRolePolicy: trustOf("events.amazonaws.com"), tags: stackTags("staging") },
                    { name: "events" },
                );
                const eventsPolicy = resource(
                    "aws:iam/rolePolicy:RolePolicy",
                    { policy: allow(eventsAction, machineArn) },
                    { from: { role: [eventsRole], policy: [machine] } },
                );
                const target = resource(
                    "aws:cloudwatch/eventTarget:EventTarget",
                    { targetId: "secret-redeploy" },
                    { name: "rotated", from: { arn: [machine], roleArn: [eventsRole] } },
                );
                return messagesOf(
                    [service, machineRole, machinePolicy, machine, eventsRole, eventsPolicy, target],
                    RULE,
                );
            };
            assert.deepEqual(await judge("states:StartExecution", "ecs:UpdateService"), []);
            assert.deepEqual(await judge("states:StartSyncExecution", "ecs:DescribeServices"), [
                "services-redeploy-on-rotation: events role events: no statement allows states:StartExecution on state machine fraud-detector-staging-secret-redeploy (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-target-sfn.html); add it",
                "services-redeploy-on-rotation: state machine role machine: the definition of fraud-detector-staging-secret-redeploy updates service fraud-api, but no statement allows ecs:UpdateService on it (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html); add it",
            ]);
        });

        for (const stack of STACKS) {
            it(`finds every data path of the ${stack} plan allowed end to end`, () => {
                const violations = planOf(stack).policy.violations.filter((v) => v.policy === RULE);
                assert.deepEqual(violations, []);
            });
        }

        it("proves staging's paths where they apply: the hosts' volumes and the endpoints the hosts reach", () => {
            const plan = planOf("staging");
            const key = plan.resources.find((r) => r.type === "aws:kms/key:Key")!;
            const statements = (JSON.parse(String(key.inputs.policy)) as { Statement: Array<Record<string, unknown>> })
                .Statement;
            const slr = statements.filter((s) => JSON.stringify(s.Principal).includes("AWSServiceRoleForAutoScaling"));
            assert.deepEqual(
                slr.map((s) => [s.Action, s.Condition ?? null]),
                [
                    [["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], null],
                    [["kms:CreateGrant"], { Bool: { "kms:GrantIsForAWSResource": true } }],
                ],
            );
            const fromHosts = plan.resources.filter(
                (r) =>
                    r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" &&
                    r.name.endsWith("endpoints-from-hosts"),
            );
            assert.deepEqual(
                fromHosts.map((r) => [r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort]),
                [["tcp", 443, 443]],
            );
        });

        it("names the Auto Scaling role in no key policy of a stack without EC2 hosts", () => {
            for (const stack of ["local", "production"]) {
                const key = planOf(stack).resources.find((r) => r.type === "aws:kms/key:Key")!;
                assert.doesNotMatch(String(key.inputs.policy), /AWSServiceRoleForAutoScaling/, stack);
            }
        });
    });

    it("keeps README's table of data paths equal to policy/lib/access-paths.ts", () => {
        const cells = (table: string) =>
            table
                .split("\n")
                .filter((line) => line.startsWith("|") && !/^\|\s*-/.test(line))
                .map((line) =>
                    line
                        .split(/(?<!\\)\|/)
                        .slice(1, -1)
                        .map((c) => c.trim()),
                );
        const readme = readFileSync(join(ROOT, "README.md"), "utf8");
        const section = readme.slice(readme.indexOf("### Data paths AWS must allow"));
        const table = section.slice(section.indexOf("\n|"), section.indexOf("\n\n", section.indexOf("\n|") + 1));
        assert.deepEqual(cells(table), cells(accessPathsTable()));
    });
});
