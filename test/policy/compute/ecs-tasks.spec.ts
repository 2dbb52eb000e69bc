import { strict as assert } from "assert";
import { messagesOf, resource, stackTags } from "../harness";
import { apiContainer, CLUSTER, flagsFor, levelsOf, singleTask, TASK, taskProps, taskStack } from "./fixtures";

describe("policy: compute", () => {
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

        const apiAsRoot = (capabilities: Record<string, string[]>) => ({
            ...apiContainer(),
            name: "fraud-api",
            user: undefined,
            linuxParameters: { capabilities },
        });
        const unused = ["AUDIT_WRITE", "FOWNER", "FSETID", "MKNOD", "NET_RAW", "SETFCAP", "SETPCAP", "SYS_CHROOT"];

        it("passes the guide's API image as root with every capability it does not use dropped", async () => {
            assert.deepEqual(
                await messagesOf([singleTask(apiAsRoot({ drop: unused }))], "ecs-container-least-privilege"),
                [],
            );
        });

        it("rejects the API image as root keeping a capability it does not use", async () => {
            const drop = unused.filter((c) => c !== "NET_RAW");
            assert.deepEqual(await messagesOf([singleTask(apiAsRoot({ drop }))], "ecs-container-least-privilege"), [
                'container "fraud-api" runs as root (the guide\'s API image) but keeps NET_RAW; drop AUDIT_WRITE, FOWNER, FSETID, MKNOD, NET_RAW, SETFCAP, SETPCAP, SYS_CHROOT in linuxParameters.capabilities.drop and add none, or set user to a non-root uid',
            ]);
        });

        it("rejects the API image as root adding a capability", async () => {
            assert.deepEqual(
                await messagesOf(
                    [singleTask(apiAsRoot({ drop: ["ALL"], add: ["SYS_PTRACE"] }))],
                    "ecs-container-least-privilege",
                ),
                [
                    'container "fraud-api" runs as root (the guide\'s API image) but adds SYS_PTRACE; drop AUDIT_WRITE, FOWNER, FSETID, MKNOD, NET_RAW, SETFCAP, SETPCAP, SYS_CHROOT in linuxParameters.capabilities.drop and add none, or set user to a non-root uid',
                ],
            );
        });

        it("rejects any other container as root, even with every capability dropped", async () => {
            const worker = { ...apiAsRoot({ drop: ["ALL"] }), name: "fraud-worker" };
            assert.deepEqual(await messagesOf([singleTask(worker)], "ecs-container-least-privilege"), [
                'container "fraud-worker" runs as user unset (the image\'s default, often root); set user to a non-root uid, e.g. "1000"',
            ]);
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
});
