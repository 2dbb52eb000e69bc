import { strict as assert } from "assert";
import { PlanResource } from "../../plan/contract";
import { messagesOf, resource, stackTags, violationsOf } from "./harness";

type Props = Record<string, unknown>;

const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const GROUP = "aws:autoscaling/group:Group";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const ALB = "aws:alb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const ALB_LISTENER = "aws:alb/listener:Listener";
const LISTENER_RULE = "aws:lb/listenerRule:ListenerRule";
const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
const CERTIFICATE = "aws:acm/certificate:Certificate";
const SERVICE = "aws:ecs/service:Service";
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const CLUSTER = "aws:ecs/cluster:Cluster";
const REPOSITORY = "aws:ecr/repository:Repository";
const SCALING_TARGET = "aws:appautoscaling/target:Target";
const SCALING_POLICY = "aws:appautoscaling/policy:Policy";

const SECRET_ARN = "arn:aws:secretsmanager:ca-central-1:111122223333:secret:fraud-detector/prod/database-AbCdEf";
const IMAGE = "111122223333.dkr.ecr.ca-central-1.amazonaws.com/fraud-api";

/** The levels and messages of a rule's violations, for the enforcement assertions. */
async function levelsOf(resources: readonly PlanResource[], ruleId: string): Promise<string[][]> {
    return (await violationsOf(resources, ruleId)).map((v) => [v.enforcementLevel, v.message]);
}

// ---------------------------------------------------------------------------------------------
// EC2 fixtures

/** The guide's bastion: public, IMDSv2, encrypted, monitored, with an instance profile. */
function bastionProps(): Props {
    return {
        ami: "ami-0abc1234",
        instanceType: "t3.micro",
        associatePublicIpAddress: true,
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

// ---------------------------------------------------------------------------------------------
// Load balancer fixtures

function albProps(env = "production"): Props {
    return {
        loadBalancerType: "application",
        internal: false,
        subnets: ["subnet-public-a", "subnet-public-b"],
        securityGroups: ["sg-alb"],
        enableDeletionProtection: true,
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "defensive",
        accessLogs: { enabled: true, bucket: "fraud-detector-production-logs", prefix: "alb" },
        tags: stackTags(env),
    };
}

function httpsListenerProps(): Props {
    return {
        port: 443,
        protocol: "HTTPS",
        certificateArn: "arn:aws:acm:ca-central-1:111122223333:certificate/abcd",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        defaultActions: [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:tg/api" }],
        routingHttpResponseStrictTransportSecurityHeaderValue: "max-age=31536000; includeSubDomains",
        routingHttpResponseXContentTypeOptionsHeaderValue: "nosniff",
        routingHttpResponseXFrameOptionsHeaderValue: "DENY",
        tags: stackTags(),
    };
}

function redirectListenerProps(): Props {
    return {
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
        tags: stackTags(),
    };
}

function certificateProps(): Props {
    return {
        domainName: "api.fraud-detector.example",
        validationMethod: "DNS",
        keyAlgorithm: "RSA_2048",
        tags: stackTags(),
    };
}

function targetGroupProps(env = "production"): Props {
    return {
        port: 80,
        protocol: "HTTP",
        targetType: "ip",
        vpcId: "vpc-1",
        healthCheck: { enabled: true, path: "/health", matcher: "200" },
        tags: stackTags(env),
    };
}

// ---------------------------------------------------------------------------------------------
// ECS fixtures

/** The guide's flags for `env` as container environment entries. */
function flagsFor(env: string): Array<{ name: string; value: string }> {
    const flags: Record<string, string> = { APP_ENV: env, AWS_REGION: "ca-central-1" };
    if (env === "local") {
        Object.assign(flags, { APP_DEBUG: "true", MOCK_EXTERNAL_SERVICES: "true", MOCK_BEDROCK: "true" });
    } else {
        Object.assign(flags, { APP_DEBUG: "false", MOCK_EXTERNAL_SERVICES: "false" });
    }
    if (env === "production") {
        for (const flag of [
            "ENCRYPT_SENSITIVE_DATA",
            "AUDIT_LOGGING_ENABLED",
            "SECURE_HEADERS_ENABLED",
            "METRICS_ENABLED",
            "HEALTH_CHECK_ENABLED",
        ]) {
            flags[flag] = "true";
        }
    }
    return Object.entries(flags).map(([name, value]) => ({ name, value }));
}

/** The api container, compliant with every ECS rule. */
function apiContainer(env = "production"): Props {
    return {
        name: "api",
        image: `${IMAGE}:3f9c2ab`,
        user: "1000",
        readonlyRootFilesystem: true,
        portMappings: [{ containerPort: 80 }],
        mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp" }],
        environment: [...flagsFor(env), { name: "DB_HOST", value: "fraud-db.internal" }],
        secrets: [{ name: "DB_PASSWORD", valueFrom: SECRET_ARN }],
        logConfiguration: {
            logDriver: "awslogs",
            options: {
                "awslogs-group": "/ecs/fraud-api",
                "awslogs-region": "ca-central-1",
                "awslogs-stream-prefix": "ecs",
            },
        },
    };
}

function taskProps(containers: Props[] = [apiContainer()], env = "production"): Props {
    return {
        family: "fraud-api",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        cpu: "512",
        memory: "1024",
        taskRoleArn: "arn:aws:iam::111122223333:role/fraud-api-task",
        executionRoleArn: "arn:aws:iam::111122223333:role/fraud-api-execution",
        volumes: [{ name: "tmp" }],
        containerDefinitions: JSON.stringify(containers),
        tags: stackTags(env),
    };
}

/** A task definition and what it is wired to: its secret, log group, roles and cluster. */
function taskStack(options: { props?: Props; from?: Record<string, PlanResource[]> } = {}) {
    const secret = resource("aws:secretsmanager/secret:Secret", {
        name: "fraud-detector/prod/database",
        tags: stackTags(),
    });
    const logGroup = resource("aws:cloudwatch/logGroup:LogGroup", {
        name: "/ecs/fraud-api",
        retentionInDays: 30,
        tags: stackTags(),
    });
    const taskRole = resource(
        "aws:iam/role:Role",
        { name: "fraud-api-task", tags: stackTags() },
        { name: "task-role" },
    );
    const executionRole = resource(
        "aws:iam/role:Role",
        { name: "fraud-api-execution", tags: stackTags() },
        { name: "execution-role" },
    );
    const cluster = resource(CLUSTER, {
        name: "fraud-detector-prod",
        settings: [{ name: "containerInsights", value: "enabled" }],
        tags: stackTags(),
    });
    const task = resource(TASK, options.props ?? taskProps(), {
        from: {
            containerDefinitions: [secret, logGroup],
            taskRoleArn: [taskRole],
            executionRoleArn: [executionRole],
            ...options.from,
        },
    });
    return {
        secret,
        logGroup,
        taskRole,
        executionRole,
        cluster,
        task,
        all: [secret, logGroup, taskRole, executionRole, cluster, task],
    };
}

/** A task definition of one container, for the rules that read only the task definition. */
const singleTask = (container: Props, env = "production") => resource(TASK, taskProps([container], env));

function serviceProps(name = "fraud-api", env = "production"): Props {
    return {
        name,
        cluster: "arn:aws:ecs:ca-central-1:111122223333:cluster/fraud-detector-prod",
        launchType: "FARGATE",
        platformVersion: "LATEST",
        desiredCount: 3,
        networkConfiguration: {
            subnets: ["subnet-private-a", "subnet-private-b"],
            securityGroups: ["sg-api"],
            assignPublicIp: false,
        },
        deploymentCircuitBreaker: { enable: true, rollback: true },
        tags: stackTags(env),
    };
}

/** A public ALB forwarding to a target group of `service`: ALB ← listener → target group ← service. */
function servedBy(albOverrides: Props = {}) {
    const alb = resource(LB, { ...albProps(), ...albOverrides });
    const tg = resource(TARGET_GROUP, targetGroupProps());
    const listener = resource(LISTENER, httpsListenerProps(), {
        from: { loadBalancerArn: [alb], defaultActions: [tg] },
    });
    return { alb, tg, listener, all: [alb, tg, listener] };
}

// ---------------------------------------------------------------------------------------------

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
        it("passes the bastion's public IP and a launch template that asks for none", async () => {
            assert.deepEqual(await messagesOf([bastion(), template()], "ec2-public-ip-bastion-only"), []);
        });

        it("rejects a public IP on an instance not tagged Role=bastion, mandatory in production", async () => {
            const instance = bastion({ ...bastionProps(), tags: { ...stackTags(), Role: "worker" } });
            assert.deepEqual(await levelsOf([instance], "ec2-public-ip-bastion-only"), [
                [
                    "mandatory",
                    'associatePublicIpAddress is true on an instance tagged Role "worker"; only the bastion (tags.Role "bastion") may have a public IP, set associatePublicIpAddress: false',
                ],
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

    describe("alb-https-only", () => {
        it("passes an HTTPS listener, the HTTP redirect and a DNS-validated RSA 2048 certificate", async () => {
            const resources = [
                resource(LISTENER, httpsListenerProps()),
                resource(ALB_LISTENER, redirectListenerProps()),
                resource(CERTIFICATE, certificateProps()),
            ];
            assert.deepEqual(await messagesOf(resources, "alb-https-only"), []);
        });

        it("accepts every TLS 1.3 policy of ELB.17 and its later variants", async () => {
            const policies = [
                "ELBSecurityPolicy-TLS13-1-3-2021-06",
                "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
                "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
                "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
            ];
            const listeners = policies.map((sslPolicy) => resource(LISTENER, { ...httpsListenerProps(), sslPolicy }));
            assert.deepEqual(await messagesOf(listeners, "alb-https-only"), []);
        });

        it("rejects the provider's default TLS policy, mandatory in staging", async () => {
            const listener = resource(ALB_LISTENER, {
                ...httpsListenerProps(),
                sslPolicy: undefined,
                tags: stackTags("staging"),
            });
            assert.deepEqual(await levelsOf([listener], "alb-https-only"), [
                [
                    "mandatory",
                    'sslPolicy is unset (unset means ELBSecurityPolicy-2016-08, which still allows TLS 1.0); set sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" or another TLS 1.3 policy of ELB.17',
                ],
            ]);
        });

        it("rejects a TLS 1.2-only policy", async () => {
            const listener = resource(LISTENER, {
                ...httpsListenerProps(),
                sslPolicy: "ELBSecurityPolicy-TLS-1-2-2017-01",
            });
            assert.deepEqual(await messagesOf([listener], "alb-https-only"), [
                'sslPolicy is "ELBSecurityPolicy-TLS-1-2-2017-01" (unset means ELBSecurityPolicy-2016-08, which still allows TLS 1.0); set sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" or another TLS 1.3 policy of ELB.17',
            ]);
        });

        it("rejects an HTTPS listener without a certificate", async () => {
            const listener = resource(LISTENER, { ...httpsListenerProps(), certificateArn: undefined });
            assert.deepEqual(await messagesOf([listener], "alb-https-only"), [
                "certificateArn is unset; attach the ACM certificate of the API's domain",
            ]);
        });

        it("rejects an HTTP listener that forwards to the targets", async () => {
            const listener = resource(ALB_LISTENER, {
                ...redirectListenerProps(),
                defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
            });
            assert.deepEqual(await messagesOf([listener], "alb-https-only"), [
                'protocol is "HTTP" and the default actions are ["forward"]; serve clients over HTTPS, or make a redirect the only default action: { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }',
            ]);
        });

        it("rejects a redirect that keeps the client on HTTP", async () => {
            const listener = resource(LISTENER, {
                ...redirectListenerProps(),
                defaultActions: [{ type: "redirect", redirect: { port: "8080", statusCode: "HTTP_301" } }],
            });
            assert.deepEqual(await messagesOf([listener], "alb-https-only"), [
                'the HTTP listener redirects to protocol unset; set redirect.protocol: "HTTPS"',
            ]);
        });

        it("rejects a 1024-bit RSA certificate", async () => {
            const certificate = resource(CERTIFICATE, { ...certificateProps(), keyAlgorithm: "RSA_1024" });
            assert.deepEqual(await messagesOf([certificate], "alb-https-only"), [
                'keyAlgorithm is "RSA_1024"; use RSA_2048 or stronger, or an EC key (FSBP ACM.2)',
            ]);
        });

        it("rejects e-mail validation", async () => {
            const certificate = resource(CERTIFICATE, { ...certificateProps(), validationMethod: "EMAIL" });
            assert.deepEqual(await messagesOf([certificate], "alb-https-only"), [
                'validationMethod is "EMAIL"; set validationMethod: "DNS" so ACM renews the certificate by itself',
            ]);
        });

        it("does not judge an imported certificate, whose key is not an input", async () => {
            const imported = resource(CERTIFICATE, {
                privateKey: "[secret]",
                certificateBody: "-----BEGIN CERT",
                tags: stackTags(),
            });
            assert.deepEqual(await messagesOf([imported], "alb-https-only"), []);
        });
    });

    describe("alb-access-logs", () => {
        const bucket = () => resource("aws:s3/bucket:Bucket", { tags: stackTags() });

        it("passes a load balancer logging to a bucket of the stack", async () => {
            const logs = bucket();
            const alb = resource(ALB, albProps(), { from: { accessLogs: [logs] } });
            assert.deepEqual(await messagesOf([logs, alb], "alb-access-logs"), []);
        });

        it("rejects access logs left off, mandatory in production", async () => {
            const logs = bucket();
            const alb = resource(
                LB,
                { ...albProps(), accessLogs: { bucket: "fraud-detector-production-logs" } },
                { from: { accessLogs: [logs] } },
            );
            assert.deepEqual(await levelsOf([logs, alb], "alb-access-logs"), [
                [
                    "mandatory",
                    "accessLogs.enabled is unset (off by default, even with a bucket); set accessLogs: { enabled: true, bucket: <the log bucket> }",
                ],
            ]);
        });

        it("rejects logs sent to a bucket the stack does not manage", async () => {
            const alb = resource(LB, albProps());
            assert.deepEqual(await messagesOf([alb], "alb-access-logs"), [
                'accessLogs.bucket is "fraud-detector-production-logs", not a bucket of this stack; set it to the project\'s log bucket (its bucket output)',
            ]);
        });
    });

    describe("alb-deletion-protection", () => {
        it("passes a load balancer with deletion protection", async () => {
            assert.deepEqual(await messagesOf([resource(ALB, albProps())], "alb-deletion-protection"), []);
        });

        it("rejects the provider's default, mandatory in staging", async () => {
            const alb = resource(LB, { ...albProps("staging"), enableDeletionProtection: undefined });
            assert.deepEqual(await levelsOf([alb], "alb-deletion-protection"), [
                ["mandatory", "enableDeletionProtection is unset (off by default); set enableDeletionProtection: true"],
            ]);
        });

        it("rejects deletion protection turned off, advisory in local", async () => {
            const alb = resource(ALB, { ...albProps("local"), enableDeletionProtection: false });
            assert.deepEqual(await levelsOf([alb], "alb-deletion-protection"), [
                ["advisory", "enableDeletionProtection is false (off by default); set enableDeletionProtection: true"],
            ]);
        });
    });

    describe("alb-desync-protection", () => {
        it("passes an ALB dropping invalid headers in defensive mode", async () => {
            assert.deepEqual(await messagesOf([resource(LB, albProps())], "alb-desync-protection"), []);
        });

        it("rejects an ALB that keeps invalid header fields, mandatory in production", async () => {
            const alb = resource(ALB, { ...albProps(), dropInvalidHeaderFields: undefined });
            assert.deepEqual(await levelsOf([alb], "alb-desync-protection"), [
                ["mandatory", "dropInvalidHeaderFields is unset (off by default); set dropInvalidHeaderFields: true"],
            ]);
        });

        it("rejects desync mitigation in monitor mode", async () => {
            const alb = resource(LB, { ...albProps(), desyncMitigationMode: "monitor" });
            assert.deepEqual(await messagesOf([alb], "alb-desync-protection"), [
                'desyncMitigationMode is "monitor"; set "defensive" (the default) or "strictest"',
            ]);
        });

        it("does not judge a network load balancer, which has neither setting", async () => {
            const nlb = resource(LB, {
                ...albProps(),
                loadBalancerType: "network",
                dropInvalidHeaderFields: undefined,
            });
            assert.deepEqual(await messagesOf([nlb], "alb-desync-protection"), []);
        });
    });

    describe("alb-availability", () => {
        it("passes one public ALB over two subnets, an internal one and an ip target group on /health", async () => {
            const resources = [
                resource(LB, albProps()),
                resource(ALB, {
                    ...albProps(),
                    internal: true,
                    subnetMappings: [{ subnetId: "a" }, { subnetId: "b" }],
                    subnets: undefined,
                }),
                resource(TARGET_GROUP, targetGroupProps()),
            ];
            assert.deepEqual(await messagesOf(resources, "alb-availability"), []);
        });

        it("rejects a second internet-facing load balancer", async () => {
            const first = resource(LB, albProps(), { name: "public" });
            const second = resource(ALB, albProps(), { name: "other" });
            const found = await violationsOf([first, second], "alb-availability");
            assert.deepEqual(
                found.map((v) => [v.urn, v.message]),
                [
                    [
                        second.urn,
                        "LoadBalancer other is a second internet-facing load balancer (besides LoadBalancer public); keep one public ALB and set internal: true on the others",
                    ],
                ],
            );
        });

        it("rejects an ALB in a single subnet, advisory in staging", async () => {
            const alb = resource(LB, { ...albProps("staging"), subnets: ["subnet-public-a"] });
            assert.deepEqual(await levelsOf([alb], "alb-availability"), [
                ["advisory", "the load balancer spans 1 subnet(s); list the public subnets of both AZs in subnets"],
            ]);
        });

        it("rejects an ALB without its own security group", async () => {
            const alb = resource(LB, { ...albProps(), securityGroups: undefined });
            assert.deepEqual(await messagesOf([alb], "alb-availability"), [
                "securityGroups is unset; attach the ALB's own security group",
            ]);
        });

        it("rejects a network load balancer as the public entry point", async () => {
            const nlb = resource(LB, { ...albProps(), loadBalancerType: "network", securityGroups: undefined });
            assert.deepEqual(await messagesOf([nlb], "alb-availability"), [
                'loadBalancerType is "network"; the public entry point is an application load balancer',
            ]);
        });

        it("rejects instance targets, mandatory in production", async () => {
            const tg = resource(TARGET_GROUP, { ...targetGroupProps(), targetType: undefined });
            assert.deepEqual(await levelsOf([tg], "alb-availability"), [
                ["mandatory", 'targetType is unset (unset means "instance"); set targetType: "ip" for awsvpc tasks'],
            ]);
        });

        it("rejects a health check on the default path", async () => {
            const tg = resource(TARGET_GROUP, { ...targetGroupProps(), healthCheck: { enabled: true } });
            assert.deepEqual(await messagesOf([tg], "alb-availability"), [
                'healthCheck.path is unset (unset means "/"); set healthCheck.path: "/health"',
            ]);
        });

        it("rejects a disabled health check", async () => {
            const tg = resource(TARGET_GROUP, {
                ...targetGroupProps(),
                healthCheck: { enabled: false, path: "/health" },
            });
            assert.deepEqual(await messagesOf([tg], "alb-availability"), [
                'healthCheck.enabled is false; set healthCheck: { enabled: true, path: "/health" }',
            ]);
        });

        it("rejects a TCP health check", async () => {
            const tg = resource(TARGET_GROUP, {
                ...targetGroupProps(),
                healthCheck: { path: "/health", protocol: "TCP" },
            });
            assert.deepEqual(await messagesOf([tg], "alb-availability"), [
                'healthCheck.protocol is "TCP"; use an HTTP health check',
            ]);
        });

        it("rejects a matcher that counts errors as healthy", async () => {
            const tg = resource(TARGET_GROUP, {
                ...targetGroupProps(),
                healthCheck: { path: "/health", matcher: "200-499" },
            });
            assert.deepEqual(await messagesOf([tg], "alb-availability"), [
                'healthCheck.matcher is "200-499"; accept only 2xx (or 3xx) answers, e.g. "200"',
            ]);
        });
    });

    describe("alb-edge-protection", () => {
        it("passes a WAF-guarded public ALB whose HTTPS listener adds the security headers", async () => {
            const alb = resource(LB, albProps());
            const waf = resource("aws:wafv2/webAclAssociation:WebAclAssociation", {}, { from: { resourceArn: [alb] } });
            const listener = resource(LISTENER, httpsListenerProps(), { from: { loadBalancerArn: [alb] } });
            assert.deepEqual(await messagesOf([alb, waf, listener], "alb-edge-protection"), []);
        });

        it("rejects a public ALB without a web ACL, advisory even in production", async () => {
            const alb = resource(LB, albProps(), { name: "public" });
            assert.deepEqual(await levelsOf([alb], "alb-edge-protection"), [
                [
                    "advisory",
                    "no WAFv2 web ACL is associated with LoadBalancer public; add an aws.wafv2.WebAclAssociation with resourceArn: <alb>.arn",
                ],
            ]);
        });

        it("does not ask for a web ACL on an internal load balancer", async () => {
            assert.deepEqual(
                await messagesOf([resource(LB, { ...albProps(), internal: true })], "alb-edge-protection"),
                [],
            );
        });

        it("rejects an HTTPS listener without the security headers", async () => {
            const listener = resource(ALB_LISTENER, {
                ...httpsListenerProps(),
                routingHttpResponseStrictTransportSecurityHeaderValue: undefined,
                routingHttpResponseXContentTypeOptionsHeaderValue: undefined,
                routingHttpResponseXFrameOptionsHeaderValue: "ALLOW-FROM https://example.com",
            });
            assert.deepEqual(await messagesOf([listener], "alb-edge-protection"), [
                'routingHttpResponseStrictTransportSecurityHeaderValue is unset; set it to "max-age=31536000; includeSubDomains"',
                'routingHttpResponseXContentTypeOptionsHeaderValue is unset; set it to "nosniff"',
                'routingHttpResponseXFrameOptionsHeaderValue is "ALLOW-FROM https://example.com"; set it to "DENY"',
            ]);
        });
    });

    describe("ecs-service-network", () => {
        it("passes fraud-api behind the public ALB and a worker without a load balancer", async () => {
            const edge = servedBy();
            const api = resource(SERVICE, serviceProps(), { from: { loadBalancers: [edge.tg] } });
            const worker = resource(SERVICE, serviceProps("fraud-worker"));
            assert.deepEqual(await messagesOf([...edge.all, api, worker], "ecs-service-network"), []);
        });

        it("rejects a public IP on the tasks, mandatory in production", async () => {
            const service = resource(SERVICE, {
                ...serviceProps(),
                networkConfiguration: {
                    subnets: ["subnet-private-a"],
                    securityGroups: ["sg-api"],
                    assignPublicIp: true,
                },
            });
            assert.deepEqual(await levelsOf([service], "ecs-service-network"), [
                ["mandatory", "networkConfiguration.assignPublicIp is true; set assignPublicIp: false"],
            ]);
        });

        it("rejects a service without network configuration", async () => {
            const service = resource(SERVICE, { ...serviceProps(), networkConfiguration: undefined });
            assert.deepEqual(await messagesOf([service], "ecs-service-network"), [
                "networkConfiguration is unset; set networkConfiguration: { subnets: <private subnets>, securityGroups: [<service group>], assignPublicIp: false }",
            ]);
        });

        it("rejects a service without its own security group", async () => {
            const service = resource(SERVICE, {
                ...serviceProps(),
                networkConfiguration: { subnets: ["subnet-private-a", "subnet-private-b"] },
            });
            assert.deepEqual(await messagesOf([service], "ecs-service-network"), [
                "networkConfiguration.securityGroups is empty; attach the service's own security group",
            ]);
        });

        it("rejects tasks placed in a public subnet", async () => {
            const subnet = resource(
                "aws:ec2/subnet:Subnet",
                { mapPublicIpOnLaunch: true, tags: { ...stackTags(), SubnetType: "Public" } },
                { name: "public-a" },
            );
            const service = resource(SERVICE, serviceProps(), { from: { networkConfiguration: [subnet] } });
            assert.deepEqual(await messagesOf([subnet, service], "ecs-service-network"), [
                "networkConfiguration.subnets include the public Subnet public-a; run tasks in the private subnets",
            ]);
        });

        it("rejects an old Fargate platform version", async () => {
            const service = resource(SERVICE, { ...serviceProps(), platformVersion: "1.3.0" });
            assert.deepEqual(await messagesOf([service], "ecs-service-network"), [
                'platformVersion is "1.3.0"; remove it or set platformVersion: "LATEST"',
            ]);
        });

        it("rejects a worker served by the internet-facing ALB through a listener rule", async () => {
            const alb = resource(LB, albProps(), { name: "public" });
            const listener = resource(LISTENER, httpsListenerProps(), { from: { loadBalancerArn: [alb] } });
            const tg = resource(TARGET_GROUP, targetGroupProps());
            const rule = resource(
                LISTENER_RULE,
                { priority: 10 },
                { from: { listenerArn: [listener], actions: [tg] } },
            );
            const worker = resource(SERVICE, serviceProps("fraud-worker"), { from: { loadBalancers: [tg] } });
            assert.deepEqual(await messagesOf([alb, listener, tg, rule, worker], "ecs-service-network"), [
                'service "fraud-worker" is served by the internet-facing LoadBalancer public; only fraud-api is, reach the others from inside the VPC',
            ]);
        });

        it("passes the ML service behind an internal load balancer", async () => {
            const internal = servedBy({ internal: true });
            const ml = resource(SERVICE, serviceProps("fraud-ml"), { from: { loadBalancers: [internal.tg] } });
            assert.deepEqual(await messagesOf([...internal.all, ml], "ecs-service-network"), []);
        });
    });

    describe("ecs-observability", () => {
        it("passes a cluster with Container Insights and containers logging to a managed /ecs/ group", async () => {
            assert.deepEqual(await messagesOf(taskStack().all, "ecs-observability"), []);
        });

        it("rejects a cluster without Container Insights, mandatory in staging", async () => {
            const cluster = resource(CLUSTER, { name: "fraud-detector-staging", tags: stackTags("staging") });
            assert.deepEqual(await levelsOf([cluster], "ecs-observability"), [
                [
                    "mandatory",
                    'containerInsights is unset; set settings: [{ name: "containerInsights", value: "enabled" }] (or "enhanced")',
                ],
            ]);
        });

        it("rejects a container without the awslogs driver", async () => {
            const { task } = taskStack({ props: taskProps([{ ...apiContainer(), logConfiguration: undefined }]) });
            assert.deepEqual(await messagesOf([task], "ecs-observability"), [
                'container "api" logs through unset; set logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/<service>", "awslogs-region": "ca-central-1", "awslogs-stream-prefix": "ecs" } }',
            ]);
        });

        it("rejects a log group outside /ecs/", async () => {
            const container = {
                ...apiContainer(),
                logConfiguration: {
                    logDriver: "awslogs",
                    options: { "awslogs-group": "api", "awslogs-region": "ca-central-1" },
                },
            };
            assert.deepEqual(await messagesOf([singleTask(container)], "ecs-observability"), [
                'container "api" logs to "api"; name its log group "/ecs/<service>"',
            ]);
        });

        it("rejects a log group the stack does not create", async () => {
            assert.deepEqual(await messagesOf([singleTask(apiContainer())], "ecs-observability"), [
                'container "api" logs to "/ecs/fraud-api", which no aws.cloudwatch.LogGroup of this stack creates; create it (with a retention) in this stack',
            ]);
        });

        it("rejects logs sent to another region", async () => {
            const stack = taskStack();
            const container = {
                ...apiContainer(),
                logConfiguration: {
                    logDriver: "awslogs",
                    options: { "awslogs-group": "/ecs/fraud-api", "awslogs-region": "us-east-1" },
                },
            };
            const task = resource(TASK, taskProps([container]));
            assert.deepEqual(await messagesOf([stack.logGroup, task], "ecs-observability"), [
                'container "api" sends logs to region "us-east-1"; set "awslogs-region": "ca-central-1"',
            ]);
        });
    });

    describe("ecs-no-host-access-or-privilege", () => {
        it("passes an awsvpc task definition with unprivileged containers", async () => {
            assert.deepEqual(await messagesOf([singleTask(apiContainer())], "ecs-no-host-access-or-privilege"), []);
        });

        it("rejects bridge networking, mandatory in production", async () => {
            const task = resource(TASK, { ...taskProps(), networkMode: undefined });
            assert.deepEqual(await levelsOf([task], "ecs-no-host-access-or-privilege"), [
                ["mandatory", 'networkMode is unset (unset means "bridge" on EC2); set networkMode: "awsvpc"'],
            ]);
        });

        it("rejects sharing the host's PID and IPC namespaces", async () => {
            const task = resource(TASK, { ...taskProps(), pidMode: "host", ipcMode: "host" });
            assert.deepEqual(await messagesOf([task], "ecs-no-host-access-or-privilege"), [
                'pidMode is "host"; remove pidMode (or set "task")',
                'ipcMode is "host"; remove ipcMode (or set "task")',
            ]);
        });

        it("rejects a privileged container", async () => {
            assert.deepEqual(
                await messagesOf(
                    [singleTask({ ...apiContainer(), privileged: true })],
                    "ecs-no-host-access-or-privilege",
                ),
                ['container "api" is privileged; remove privileged: true'],
            );
        });
    });

    describe("ecs-container-least-privilege", () => {
        it("passes a non-root container on a read-only root with a declared volume", async () => {
            assert.deepEqual(await messagesOf([singleTask(apiContainer())], "ecs-container-least-privilege"), []);
        });

        it("rejects a container running as root, advisory even in production", async () => {
            assert.deepEqual(
                await levelsOf([singleTask({ ...apiContainer(), user: "0:0" })], "ecs-container-least-privilege"),
                [["advisory", 'container "api" runs as user "0:0"; set user to a non-root uid, e.g. "1000"']],
            );
        });

        it("rejects a container that leaves the user to the image", async () => {
            assert.deepEqual(
                await messagesOf([singleTask({ ...apiContainer(), user: undefined })], "ecs-container-least-privilege"),
                [
                    'container "api" runs as user unset (the image\'s default, often root); set user to a non-root uid, e.g. "1000"',
                ],
            );
        });

        it("rejects a writable root filesystem", async () => {
            const container = { ...apiContainer(), readonlyRootFilesystem: false };
            assert.deepEqual(await messagesOf([singleTask(container)], "ecs-container-least-privilege"), [
                'container "api" has readonlyRootFilesystem false; set readonlyRootFilesystem: true and mount writable paths as volumes',
            ]);
        });

        it("rejects a mount of a volume the task does not declare", async () => {
            const container = {
                ...apiContainer(),
                mountPoints: [{ sourceVolume: "cache", containerPath: "/var/cache" }],
            };
            assert.deepEqual(await messagesOf([singleTask(container)], "ecs-container-least-privilege"), [
                'container "api" mounts "cache", which volumes does not declare; add { name: "cache" } to volumes',
            ]);
        });
    });

    describe("ecs-secrets-not-in-environment", () => {
        it("passes a task reading DB_PASSWORD from the stack's secret", async () => {
            assert.deepEqual(await messagesOf(taskStack().all, "ecs-secrets-not-in-environment"), []);
        });

        it("rejects a password in environment, mandatory in production", async () => {
            const container = {
                ...apiContainer(),
                environment: [...flagsFor("production"), { name: "DB_PASSWORD", value: "hunter2" }],
            };
            const { all } = taskStack({ props: taskProps([container]) });
            assert.deepEqual(await levelsOf(all, "ecs-secrets-not-in-environment"), [
                [
                    "mandatory",
                    'container "api" passes DB_PASSWORD in environment; move it to secrets: [{ name: "DB_PASSWORD", valueFrom: <secret ARN> }]',
                ],
            ]);
        });

        it("rejects ECS_ENGINE_AUTH_DATA in environment", async () => {
            const container = {
                ...apiContainer(),
                environment: [...flagsFor("production"), { name: "ECS_ENGINE_AUTH_DATA", value: "{}" }],
            };
            const { all } = taskStack({ props: taskProps([container]) });
            assert.deepEqual(await messagesOf(all, "ecs-secrets-not-in-environment"), [
                'container "api" passes ECS_ENGINE_AUTH_DATA in environment; move it to secrets: [{ name: "ECS_ENGINE_AUTH_DATA", valueFrom: <secret ARN> }]',
            ]);
        });

        it("rejects a secret read from somewhere other than Secrets Manager", async () => {
            const container = {
                ...apiContainer(),
                secrets: [{ name: "APP_KEY", valueFrom: "arn:aws:ssm:ca-central-1:111122223333:parameter/app-key" }],
            };
            const { all } = taskStack({ props: taskProps([container]) });
            assert.deepEqual(await messagesOf(all, "ecs-secrets-not-in-environment"), [
                'container "api" reads APP_KEY from "arn:aws:ssm:ca-central-1:111122223333:parameter/app-key"; point valueFrom at a Secrets Manager secret ARN of this stack in ca-central-1',
            ]);
        });

        it("rejects secrets that come from no secret of the stack", async () => {
            assert.deepEqual(await messagesOf([singleTask(apiContainer())], "ecs-secrets-not-in-environment"), [
                "the task's secrets come from no aws.secretsmanager.Secret of this stack; build each valueFrom from the stack's secret ARNs",
            ]);
        });
    });

    describe("ecs-app-flags-per-environment", () => {
        it("passes the guide's flags in production, staging and local", async () => {
            const tasks = ["production", "staging", "local"].map((env) => singleTask(apiContainer(env), env));
            assert.deepEqual(await messagesOf(tasks, "ecs-app-flags-per-environment"), []);
        });

        it("rejects an APP_ENV that is not the environment's name, mandatory in production", async () => {
            const container = {
                ...apiContainer(),
                environment: flagsFor("production").map((f) => (f.name === "APP_ENV" ? { ...f, value: "prod" } : f)),
            };
            assert.deepEqual(await levelsOf([singleTask(container)], "ecs-app-flags-per-environment"), [
                ["mandatory", 'container "api": APP_ENV is "prod"; set APP_ENV=production'],
            ]);
        });

        it("rejects debug mode in staging", async () => {
            const container = {
                ...apiContainer("staging"),
                environment: flagsFor("staging").map((f) => (f.name === "APP_DEBUG" ? { ...f, value: "true" } : f)),
            };
            assert.deepEqual(await messagesOf([singleTask(container, "staging")], "ecs-app-flags-per-environment"), [
                'container "api": APP_DEBUG is "true"; set APP_DEBUG=false',
            ]);
        });

        it("rejects a mocked Bedrock outside local", async () => {
            const container = {
                ...apiContainer("staging"),
                environment: [...flagsFor("staging"), { name: "MOCK_BEDROCK", value: "true" }],
            };
            assert.deepEqual(await messagesOf([singleTask(container, "staging")], "ecs-app-flags-per-environment"), [
                'container "api": MOCK_BEDROCK is "true"; remove it or set MOCK_BEDROCK=false outside local',
            ]);
        });

        it("rejects a production container without the audit logging flag", async () => {
            const container = {
                ...apiContainer(),
                environment: flagsFor("production").filter((f) => f.name !== "AUDIT_LOGGING_ENABLED"),
            };
            assert.deepEqual(await messagesOf([singleTask(container)], "ecs-app-flags-per-environment"), [
                'container "api": AUDIT_LOGGING_ENABLED is unset; set AUDIT_LOGGING_ENABLED=true',
            ]);
        });

        it("reports a wrong APP_ENV in local as advisory", async () => {
            const container = {
                ...apiContainer("local"),
                environment: flagsFor("local").map((f) => (f.name === "APP_ENV" ? { ...f, value: "dev" } : f)),
            };
            assert.deepEqual(await levelsOf([singleTask(container, "local")], "ecs-app-flags-per-environment"), [
                ["advisory", 'container "api": APP_ENV is "dev"; set APP_ENV=local'],
            ]);
        });
    });

    describe("ecs-service-resilience", () => {
        it("passes the guide's production counts with a rolling-back circuit breaker", async () => {
            const services = [
                resource(SERVICE, serviceProps()),
                resource(SERVICE, { ...serviceProps("fraud-worker"), desiredCount: 2 }),
                resource(SERVICE, { ...serviceProps("fraud-ml"), desiredCount: 2 }),
            ];
            assert.deepEqual(await messagesOf(services, "ecs-service-resilience"), []);
        });

        it("passes a single staging task", async () => {
            const service = resource(SERVICE, { ...serviceProps("fraud-api", "staging"), desiredCount: 1 });
            assert.deepEqual(await messagesOf([service], "ecs-service-resilience"), []);
        });

        it("rejects fewer fraud-api tasks than the guide's 3, mandatory in production", async () => {
            const service = resource(SERVICE, { ...serviceProps(), desiredCount: 2 });
            assert.deepEqual(await levelsOf([service], "ecs-service-resilience"), [
                [
                    "mandatory",
                    'desiredCount is 2 (the provider default is 0); run at least 3 task(s) of "fraud-api" in production',
                ],
            ]);
        });

        it("rejects a production worker left at the provider's default count", async () => {
            const service = resource(SERVICE, { ...serviceProps("fraud-worker"), desiredCount: undefined });
            assert.deepEqual(await messagesOf([service], "ecs-service-resilience"), [
                'desiredCount is unset (the provider default is 0); run at least 2 task(s) of "fraud-worker" in production',
            ]);
        });

        it("rejects a circuit breaker that does not roll back, advisory in staging", async () => {
            const service = resource(SERVICE, {
                ...serviceProps("fraud-api", "staging"),
                deploymentCircuitBreaker: { enable: true, rollback: false },
            });
            assert.deepEqual(await levelsOf([service], "ecs-service-resilience"), [
                [
                    "advisory",
                    'deploymentCircuitBreaker is {"enable":true,"rollback":false}; set deploymentCircuitBreaker: { enable: true, rollback: true }',
                ],
            ]);
        });

        it("does not ask for a circuit breaker under a CodeDeploy blue-green controller", async () => {
            const service = resource(SERVICE, {
                ...serviceProps(),
                deploymentCircuitBreaker: undefined,
                deploymentController: { type: "CODE_DEPLOY" },
            });
            assert.deepEqual(await messagesOf([service], "ecs-service-resilience"), []);
        });
    });

    describe("ecs-task-roles-separate", () => {
        it("passes a task with its own task role and execution role", async () => {
            assert.deepEqual(await messagesOf(taskStack().all, "ecs-task-roles-separate"), []);
        });

        it("rejects a task without a task role, mandatory in production", async () => {
            const stack = taskStack({ props: { ...taskProps(), taskRoleArn: undefined }, from: { taskRoleArn: [] } });
            assert.deepEqual(await levelsOf(stack.all, "ecs-task-roles-separate"), [
                ["mandatory", "taskRoleArn is unset; give the task its own role with only what the application calls"],
            ]);
        });

        it("rejects a task without an execution role", async () => {
            const stack = taskStack({
                props: { ...taskProps(), executionRoleArn: undefined },
                from: { executionRoleArn: [] },
            });
            assert.deepEqual(await messagesOf(stack.all, "ecs-task-roles-separate"), [
                "executionRoleArn is unset; give the task an execution role to pull images and read its secrets",
            ]);
        });

        it("rejects one role used as both task and execution role", async () => {
            const role = resource("aws:iam/role:Role", { tags: stackTags() }, { name: "shared" });
            const task = resource(TASK, taskProps(), { from: { taskRoleArn: [role], executionRoleArn: [role] } });
            assert.deepEqual(await messagesOf([role, task], "ecs-task-roles-separate"), [
                "taskRoleArn and executionRoleArn are the same role (Role shared); create a separate task role",
            ]);
        });

        it("rejects a task role that may read secrets", async () => {
            const stack = taskStack();
            const policy = resource(
                "aws:iam/rolePolicy:RolePolicy",
                {
                    policy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Action: "secretsmanager:*", Resource: SECRET_ARN }],
                    }),
                },
                { from: { role: [stack.taskRole] } },
            );
            assert.deepEqual(await messagesOf([...stack.all, policy], "ecs-task-roles-separate"), [
                "the task role Role task-role is granted secretsmanager:GetSecretValue; only the execution role reads secrets and pulls images",
            ]);
        });

        it("rejects the ECS execution policy attached to the task role", async () => {
            const stack = taskStack();
            const attachment = resource(
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                { policyArn: "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy" },
                { from: { role: [stack.taskRole] } },
            );
            assert.deepEqual(await messagesOf([...stack.all, attachment], "ecs-task-roles-separate"), [
                "the task role Role task-role is granted arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy; only the execution role reads secrets and pulls images",
            ]);
        });
    });

    describe("ecr-repository-hardening", () => {
        function repositoryProps(): Props {
            return {
                name: "fraud-api",
                imageScanningConfiguration: { scanOnPush: true },
                imageTagMutability: "IMMUTABLE",
                encryptionConfigurations: [
                    { encryptionType: "KMS", kmsKey: "arn:aws:kms:ca-central-1:111122223333:key/1" },
                ],
                tags: stackTags(),
            };
        }

        /** A repository with a lifecycle policy of `rules`. */
        function managed(props: Props = repositoryProps(), rules: unknown[] = [{ rulePriority: 1 }]) {
            const repo = resource(REPOSITORY, props, { name: "fraud-api" });
            const lifecycle = resource(
                "aws:ecr/lifecyclePolicy:LifecyclePolicy",
                { policy: JSON.stringify({ rules }) },
                { name: "fraud-api-lifecycle", from: { repository: [repo] } },
            );
            return [repo, lifecycle];
        }

        it("passes a scanned, immutable, KMS-encrypted repository with a lifecycle policy", async () => {
            assert.deepEqual(await messagesOf(managed(), "ecr-repository-hardening"), []);
        });

        it("rejects a repository that does not scan on push, mandatory in production", async () => {
            const resources = managed({ ...repositoryProps(), imageScanningConfiguration: undefined });
            assert.deepEqual(await levelsOf(resources, "ecr-repository-hardening"), [
                [
                    "mandatory",
                    "imageScanningConfiguration.scanOnPush is unset; set imageScanningConfiguration: { scanOnPush: true }",
                ],
            ]);
        });

        it("rejects mutable tags", async () => {
            const resources = managed({ ...repositoryProps(), imageTagMutability: "MUTABLE" });
            assert.deepEqual(await messagesOf(resources, "ecr-repository-hardening"), [
                'imageTagMutability is "MUTABLE" (unset means "MUTABLE"); set imageTagMutability: "IMMUTABLE"',
            ]);
        });

        it("rejects the default AES256 encryption", async () => {
            const resources = managed({ ...repositoryProps(), encryptionConfigurations: undefined });
            assert.deepEqual(await messagesOf(resources, "ecr-repository-hardening"), [
                'encryptionConfigurations is unset (unset means AES256); set [{ encryptionType: "KMS", kmsKey: <key ARN> }]',
            ]);
        });

        it("rejects a repository without a lifecycle policy", async () => {
            const repo = resource(REPOSITORY, repositoryProps());
            assert.deepEqual(await messagesOf([repo], "ecr-repository-hardening"), [
                "no lifecycle policy manages this repository; add an aws.ecr.LifecyclePolicy with repository: <repository>.name",
            ]);
        });

        it("rejects a lifecycle policy without rules", async () => {
            assert.deepEqual(await messagesOf(managed(repositoryProps(), []), "ecr-repository-hardening"), [
                "the lifecycle policy LifecyclePolicy fraud-api-lifecycle has no rules; add rules that expire untagged and old images",
            ]);
        });
    });

    describe("container-images-pinned", () => {
        const withImage = (image: string, env = "production") => singleTask({ ...apiContainer(env), image }, env);

        it("passes images pinned by git SHA tag or by digest", async () => {
            const tasks = [withImage(`${IMAGE}:3f9c2ab`), withImage(`${IMAGE}@sha256:${"a".repeat(64)}`)];
            assert.deepEqual(await messagesOf(tasks, "container-images-pinned"), []);
        });

        it("passes a release tag held by an IMMUTABLE repository of the stack", async () => {
            const repo = resource(REPOSITORY, { imageTagMutability: "IMMUTABLE", tags: stackTags() });
            const task = resource(TASK, taskProps([{ ...apiContainer(), image: `${IMAGE}:v1.4.2` }]), {
                from: { containerDefinitions: [repo] },
            });
            assert.deepEqual(await messagesOf([repo, task], "container-images-pinned"), []);
        });

        it("rejects the guide's :latest, mandatory in production", async () => {
            assert.deepEqual(await levelsOf([withImage("fraud-api:latest")], "container-images-pinned"), [
                [
                    "mandatory",
                    'container "api" image "fraud-api:latest" uses the moving tag latest; reference the git SHA tag the pipeline pushes or a digest (@sha256:…)',
                ],
            ]);
        });

        it("reports :latest in local as advisory", async () => {
            assert.deepEqual(await levelsOf([withImage("fraud-api:latest", "local")], "container-images-pinned"), [
                [
                    "advisory",
                    'container "api" image "fraud-api:latest" uses the moving tag latest; reference the git SHA tag the pipeline pushes or a digest (@sha256:…)',
                ],
            ]);
        });

        it("rejects an untagged image from a registry with a port", async () => {
            assert.deepEqual(
                await messagesOf([withImage("registry.local:5000/fraud-api")], "container-images-pinned"),
                [
                    'container "api" image "registry.local:5000/fraud-api" has no tag (so it means latest); reference the git SHA tag the pipeline pushes or a digest (@sha256:…)',
                ],
            );
        });

        it("rejects a movable tag outside an immutable repository", async () => {
            assert.deepEqual(await messagesOf([withImage(`${IMAGE}:staging`)], "container-images-pinned"), [
                `container "api" image "${IMAGE}:staging" uses the tag "staging", which can be moved (no IMMUTABLE repository of this stack holds it); reference the git SHA tag the pipeline pushes or a digest (@sha256:…)`,
            ]);
        });
    });

    describe("ecs-autoscaling", () => {
        function targetProps(service = "fraud-api", min = 2, max = 10): Props {
            return {
                serviceNamespace: "ecs",
                scalableDimension: "ecs:service:DesiredCount",
                resourceId: `service/fraud-detector-prod/${service}`,
                minCapacity: min,
                maxCapacity: max,
                tags: stackTags(),
            };
        }

        function cpuPolicyProps(targetValue = 70): Props {
            return {
                policyType: "TargetTrackingScaling",
                serviceNamespace: "ecs",
                scalableDimension: "ecs:service:DesiredCount",
                resourceId: "service/fraud-detector-prod/fraud-api",
                targetTrackingScalingPolicyConfiguration: {
                    targetValue,
                    predefinedMetricSpecification: { predefinedMetricType: "ECSServiceAverageCPUUtilization" },
                },
            };
        }

        /** fraud-api with its target and CPU policy, linked through property dependencies. */
        function scaledApi(target: Props = targetProps(), policy: Props | null = cpuPolicyProps()) {
            const service = resource(SERVICE, serviceProps());
            const scaling = resource(SCALING_TARGET, target, { name: "api-target", from: { resourceId: [service] } });
            const cpu =
                policy === null ? undefined : resource(SCALING_POLICY, policy, { from: { resourceId: [scaling] } });
            return { service, target: scaling, all: cpu ? [service, scaling, cpu] : [service, scaling] };
        }

        it("passes fraud-api scaling 2 to 10 on CPU at 70", async () => {
            assert.deepEqual(await messagesOf(scaledApi().all, "ecs-autoscaling"), []);
        });

        it("passes a target and policy linked only by equal resourceId values", async () => {
            const resources = [
                resource(SERVICE, serviceProps()),
                resource(SCALING_TARGET, targetProps()),
                resource(SCALING_POLICY, cpuPolicyProps()),
            ];
            assert.deepEqual(await messagesOf(resources, "ecs-autoscaling"), []);
        });

        it("rejects a production service without a scalable target, mandatory in production", async () => {
            const worker = resource(SERVICE, serviceProps("fraud-worker"));
            assert.deepEqual(await levelsOf([worker], "ecs-autoscaling"), [
                [
                    "mandatory",
                    'no Application Auto Scaling target scales service "fraud-worker"; add an aws.appautoscaling.Target with serviceNamespace "ecs", scalableDimension "ecs:service:DesiredCount" and resourceId "service/<cluster>/<service>"',
                ],
            ]);
        });

        it("does not require scaling outside production", async () => {
            assert.deepEqual(
                await messagesOf([resource(SERVICE, serviceProps("fraud-api", "staging"))], "ecs-autoscaling"),
                [],
            );
        });

        it("rejects fraud-api capped below the guide's 10 tasks", async () => {
            assert.deepEqual(await messagesOf(scaledApi(targetProps("fraud-api", 2, 6)).all, "ecs-autoscaling"), [
                "minCapacity is 2 and maxCapacity 6; set minCapacity: 2 and maxCapacity: 10 for fraud-api (guide: Auto Scaling)",
            ]);
        });

        it("rejects a worker that may scale down to one task", async () => {
            const worker = resource(SERVICE, serviceProps("fraud-worker"));
            const target = resource(SCALING_TARGET, targetProps("fraud-worker", 1, 4), {
                from: { resourceId: [worker] },
            });
            assert.deepEqual(await messagesOf([worker, target], "ecs-autoscaling"), [
                'minCapacity is 1 and maxCapacity 4; keep 2 ≤ minCapacity ≤ maxCapacity for "fraud-worker"',
            ]);
        });

        it("rejects fraud-api without a CPU target-tracking policy", async () => {
            assert.deepEqual(await messagesOf(scaledApi(targetProps(), null).all, "ecs-autoscaling"), [
                'no target-tracking policy on ECSServiceAverageCPUUtilization scales fraud-api; add an aws.appautoscaling.Policy with policyType "TargetTrackingScaling", resourceId of this target and targetValue 70',
            ]);
        });

        it("rejects a CPU target other than the guide's 70", async () => {
            assert.deepEqual(await messagesOf(scaledApi(targetProps(), cpuPolicyProps(80)).all, "ecs-autoscaling"), [
                "the CPU scaling policy's targetValue is 80; set targetValue: 70",
            ]);
        });
    });
});
