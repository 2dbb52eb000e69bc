import { strict as assert } from "assert";
import { LB, albProps } from "./fixtures";
import { resource, stackTags } from "../harness";
import { CLUSTER, LOG_GROUP, TASK, byPass, fromResourcePass, phasesOn } from "../resource-parts-harness";

/** Issue #11: this family's stack rules decide their single-resource parts in the resource pass (see ../resource-parts-harness.ts). */

describe("stack rules' single-resource parts are decided in the resource pass (issue #11)", () => {
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
