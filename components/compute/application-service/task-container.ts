/**
 * The task definition pieces of an `ApplicationService`: its one container definition, its
 * volumes and its Fargate platform. Pure builders, testable without mocks.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The port name Service Connect and the load balancer refer to. */
export const PORT_NAME = "http";
/** The task volume mounted at /tmp when the root file system is read-only. */
export const TMP_VOLUME = "tmp";
/** What `awslogs-stream-prefix` gives each task's stream: `ecs/<container>/<task id>`. */
export const LOG_STREAM_PREFIX = "ecs";

/** What the container definition is built from. */
export interface ContainerSettings {
    /** The guide's service name (`fraud-api`): service, task family, container and `/ecs/<name>` log group. */
    readonly serviceName: string;
    /** The image to run, `<repository url>:<tag>`. */
    readonly image: pulumi.Input<string>;
    /** The port the container listens on; none for a container that serves nothing (the worker). */
    readonly containerPort?: number;
    /** The `CMD-SHELL` command of the container's health check, run with a tool the image has; none to rely on the process exiting. */
    readonly healthCheckCommand?: string;
    /** The `uid:gid` the container runs as; none to start as the image's own user (its `USER`, else root). */
    readonly user?: string;
    /** Replaces the image's `CMD` (the worker runs the API image's queue worker); none keeps it. */
    readonly command?: readonly string[];
    /** Seconds between SIGTERM and SIGKILL when the task stops; none for ECS's default (30). */
    readonly stopTimeoutSeconds?: number;
    /** Linux capabilities removed from Docker's default set (`ALL` for a non-root process). */
    readonly dropCapabilities: readonly string[];
    /** Environment variables (never secrets). */
    readonly environment: Readonly<Record<string, pulumi.Input<string>>>;
    /** Secrets by variable name: a Secrets Manager ARN, optionally with `:<json key>::`. */
    readonly secrets: Readonly<Record<string, pulumi.Input<string>>>;
    /** A read-only root file system, with /tmp mounted from the task volume `tmp`. */
    readonly readonlyRootFilesystem: boolean;
}

/** `record`'s entries sorted by key, so the container definition does not depend on insertion order. */
export function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
    return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The service's one container: named after the service, on the given image, with its environment
 * and its secrets (sorted by name) and awslogs logging to `logGroupName` in `region`; its port,
 * user, command and health check only where the settings give them (an image's own `USER` and
 * `CMD` otherwise), never privileged, with the given capabilities dropped.
 */
export function containerDefinition(
    settings: ContainerSettings,
    logGroupName: pulumi.Input<string>,
    region: pulumi.Input<string>,
): Record<string, unknown> {
    const port = settings.containerPort;
    return {
        name: settings.serviceName,
        image: settings.image,
        essential: true,
        portMappings:
            port === undefined ? [] : [{ containerPort: port, protocol: "tcp", name: PORT_NAME, appProtocol: "http" }],
        ...(settings.command === undefined ? {} : { command: [...settings.command] }),
        ...(settings.stopTimeoutSeconds === undefined ? {} : { stopTimeout: settings.stopTimeoutSeconds }),
        environment: sortedEntries(settings.environment).map(([variable, value]) => ({ name: variable, value })),
        secrets: sortedEntries(settings.secrets).map(([variable, valueFrom]) => ({ name: variable, valueFrom })),
        logConfiguration: {
            logDriver: "awslogs",
            options: {
                "awslogs-group": logGroupName,
                "awslogs-region": region,
                "awslogs-stream-prefix": LOG_STREAM_PREFIX,
            },
        },
        ...(settings.user === undefined ? {} : { user: settings.user }),
        readonlyRootFilesystem: settings.readonlyRootFilesystem,
        mountPoints: settings.readonlyRootFilesystem
            ? [{ sourceVolume: TMP_VOLUME, containerPath: "/tmp", readOnly: false }]
            : [],
        // Only drop: Fargate refuses every added capability but SYS_PTRACE (facts/aws/container-capabilities.ts).
        linuxParameters: { capabilities: { drop: [...settings.dropCapabilities] } },
        ...(settings.healthCheckCommand === undefined
            ? {}
            : {
                  healthCheck: {
                      command: ["CMD-SHELL", settings.healthCheckCommand],
                      interval: 30,
                      timeout: 5,
                      retries: 3,
                      startPeriod: 60,
                  },
              }),
        privileged: false,
    };
}

/** The task's volumes: the writable /tmp volume when the root file system is read-only, else none. */
export function taskVolumes(readonlyRootFilesystem: boolean): { name: string }[] {
    return readonlyRootFilesystem ? [{ name: TMP_VOLUME }] : [];
}

/** The platform Fargate tasks run on: Linux on x86-64 (the prices in `ApplicationService`'s comment). */
export function fargateRuntimePlatform(): { operatingSystemFamily: string; cpuArchitecture: string } {
    return { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" };
}
