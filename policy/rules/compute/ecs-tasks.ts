import { PolicyResource } from "@pulumi/policy";
import {
    ENVIRONMENT_FLAGS,
    PRODUCTION_MONITORING_FLAGS,
    PRODUCTION_SECURITY_FLAGS,
} from "../../../facts/guide/app-flags";
import { CONTAINER_CAPABILITIES } from "../../../facts/aws/container-capabilities";
import { IMAGES } from "../../../facts/guide/images";
import { asList, MASKED, ofType, shown } from "../../../lib/relations/resources";
import { environmentOf, resourceRule, Rule, RuleEnvironment, stackRule } from "../../lib/rule";
import { Container, containersOf, perContainer, variablesOf } from "./containers";
import { perResource, record, records, REGION, TASK_DEFINITION } from "./shared";
import { sourcesOf } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";

const CLUSTER = "aws:ecs/cluster:Cluster";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const SECRETS = ["aws:secretsmanager/secret:Secret", "aws:secretsmanager/secretVersion:SecretVersion"];

/** Variable names that hold credentials (FSBP ECS.8): by pattern, plus the fixed names. */
const CREDENTIAL_NAME = /PASSWORD|SECRET|KEY|TOKEN/i;
const CREDENTIAL_NAMES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"];
/** A Secrets Manager ARN in this region (`:secret:` as AWS writes it, `/secret/` as the mocks do). */
const SECRET_ARN = new RegExp(`^arn:aws:secretsmanager:${REGION}:\\d{12}:secret[:/]`);

/** Container Insights on a cluster: `enabled`, or `enhanced`, which includes it. */
function insightsProblems(props: Props): string[] {
    const insights = records(props.settings).find((s) => s.name === "containerInsights")?.value;
    return insights === "enabled" || insights === "enhanced"
        ? []
        : [
              `containerInsights is ${shown(insights)}; set settings: [{ name: "containerInsights", value: "enabled" }] (or "enhanced")`,
          ];
}

/** The awslogs group a container logs to, when it logs through awslogs. */
function awslogsGroupOf(container: Container): unknown {
    const logs = container.logConfiguration ?? {};
    return logs.logDriver === "awslogs" ? record(logs.options)["awslogs-group"] : undefined;
}

/** Whether the `/ecs/…` group a container logs to is one this stack creates: needs the log groups. */
function logGroupManagedProblems(container: Container, who: string, managedGroups: ReadonlySet<unknown>): string[] {
    const group = awslogsGroupOf(container);
    // A group made outside the stack (or by awslogs-create-group) keeps logs forever, untagged.
    return typeof group === "string" && group.startsWith("/ecs/") && !managedGroups.has(group)
        ? [
              `${who} logs to ${shown(group)}, which no aws.cloudwatch.LogGroup of this stack creates; create it (with a retention) in this stack`,
          ]
        : [];
}

/**
 * A container's own log settings: awslogs, into a log group named `/ecs/…`, in the guide's region.
 * Read from the task definition alone, so decided in the resource pass.
 */
function logSettingProblems(container: Container, who: string): string[] {
    const logs = container.logConfiguration ?? {};
    if (logs.logDriver !== "awslogs") {
        return [
            `${who} logs through ${shown(logs.logDriver)}; set logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/<service>", "awslogs-region": "${REGION}", "awslogs-stream-prefix": "ecs" } }`,
        ];
    }
    const problems: string[] = [];
    const options = record(logs.options);
    const group = options["awslogs-group"];
    if (typeof group !== "string" || !group.startsWith("/ecs/")) {
        problems.push(`${who} logs to ${shown(group)}; name its log group "/ecs/<service>"`);
    }
    if (options["awslogs-region"] !== REGION) {
        problems.push(
            `${who} sends logs to region ${shown(options["awslogs-region"])}; set "awslogs-region": "${REGION}"`,
        );
    }
    return problems;
}

/** Host isolation of a task definition: awsvpc, no host PID or IPC namespace, no privileged container. */
function hostAccessProblems(props: Props): string[] {
    const problems: string[] = [];
    if (props.networkMode !== "awsvpc") {
        problems.push(
            `networkMode is ${shown(props.networkMode)} (unset means "bridge" on EC2); set networkMode: "awsvpc"`,
        );
    }
    for (const mode of ["pidMode", "ipcMode"]) {
        if (props[mode] === "host") {
            problems.push(`${mode} is "host"; remove ${mode} (or set "task")`);
        }
    }
    return [
        ...problems,
        ...perContainer(props, (container, who) =>
            container.privileged === true ? [`${who} is privileged; remove privileged: true`] : [],
        ),
    ];
}

/** Users that are root: by name or uid 0, with or without a group. */
function isRootUser(user: unknown): boolean {
    return typeof user === "string" && ["root", "0"].includes(user.split(":")[0]);
}

/**
 * The one container admitted as root: the guide's API image (facts/guide/images.ts), whose
 * supervisord must start as root to run nginx on port 80 and switch php-fpm's workers to www-data.
 */
const ROOT_IMAGE = IMAGES.api;
/** The capabilities of Docker's default set the API image's root processes never use: all dropped. */
const ROOT_IMAGE_UNUSED: readonly string[] = CONTAINER_CAPABILITIES.dockerDefaults.filter(
    (capability) => !(ROOT_IMAGE.rootNeeds as readonly string[]).includes(capability),
);

/**
 * Why a root container is not the documented exception: only the API image's container (named as
 * its repository) may run as root, and only with every capability it does not use dropped and none
 * added. Undefined when it is the exception.
 */
function rootProblem(container: Container, who: string): string | undefined {
    const unset = container.user === undefined ? " (the image's default, often root)" : "";
    const general = `${who} runs as user ${shown(container.user)}${unset}; set user to a non-root uid, e.g. "1000"`;
    if (container.name !== ROOT_IMAGE.repository || (container.user !== undefined && !isRootUser(container.user))) {
        return general;
    }
    const capabilities = container.linuxParameters?.capabilities ?? {};
    const dropped = new Set(asList(capabilities.drop));
    const kept = dropped.has("ALL") ? [] : ROOT_IMAGE_UNUSED.filter((c) => !dropped.has(c));
    const added = asList(capabilities.add);
    if (kept.length === 0 && added.length === 0) {
        return undefined;
    }
    return `${who} runs as root (the guide's API image) but ${kept.length > 0 ? `keeps ${kept.join(", ")}` : `adds ${added.join(", ")}`}; drop ${ROOT_IMAGE_UNUSED.join(", ")} in linuxParameters.capabilities.drop and add none, or set user to a non-root uid`;
}

/**
 * A non-root user on a read-only root filesystem, writing only to volumes the task declares; the
 * API image's container may run as root with the capabilities it does not use dropped.
 */
function leastPrivilegeProblems(props: Props): string[] {
    const volumes = new Set(records(props.volumes).map((v) => v.name));
    return perContainer(props, (container, who) => {
        const problems: string[] = [];
        if (container.user === undefined || isRootUser(container.user)) {
            const problem = rootProblem(container, who);
            if (problem !== undefined) {
                problems.push(problem);
            }
        }
        if (container.readonlyRootFilesystem !== true) {
            problems.push(
                `${who} has readonlyRootFilesystem ${shown(container.readonlyRootFilesystem)}; set readonlyRootFilesystem: true and mount writable paths as volumes`,
            );
        }
        for (const mount of asList(container.mountPoints)) {
            if (!volumes.has(mount.sourceVolume)) {
                problems.push(
                    `${who} mounts ${shown(mount.sourceVolume)}, which volumes does not declare; add { name: ${shown(mount.sourceVolume)} } to volumes`,
                );
            }
        }
        return problems;
    });
}

/** One container's credentials: none in `environment`, and secrets read from Secrets Manager here. */
function containerSecretProblems(container: Container, who: string): string[] {
    const exposed = [...variablesOf(container).keys()].filter(
        (name) => CREDENTIAL_NAME.test(name) || CREDENTIAL_NAMES.includes(name),
    );
    const misplaced = exposed.map(
        (name) =>
            `${who} passes ${name} in environment; move it to secrets: [{ name: "${name}", valueFrom: <secret ARN> }]`,
    );
    const foreign = asList(container.secrets)
        .filter((s) => typeof s.valueFrom !== "string" || !SECRET_ARN.test(s.valueFrom))
        .map(
            (s) =>
                `${who} reads ${String(s.name)} from ${shown(s.valueFrom)}; point valueFrom at a Secrets Manager secret ARN of this stack in ${REGION}`,
        );
    return [...misplaced, ...foreign];
}

/** A task definition's credentials, and whether the secrets it reads are this stack's own. */
function taskSecretProblems(task: PolicyResource): string[] {
    const containers = containersOf(task.props) ?? [];
    const problems: string[] = [];
    // An ARN of the right shape may still name another stack's secret; only the dependency proves it is ours.
    const usesSecrets = containers.some((c) => asList(c.secrets).length > 0);
    const fromStack = sourcesOf(task, "containerDefinitions").some((s) => SECRETS.includes(s.type));
    if (usesSecrets && !fromStack) {
        problems.push(
            "the task's secrets come from no aws.secretsmanager.Secret of this stack; build each valueFrom from the stack's secret ARNs",
        );
    }
    return problems;
}

/** The flags a container must carry in `environment`, by environment (guide: Environment Configuration). */
function requiredFlags(environment: RuleEnvironment): Record<string, string> {
    const flags: Record<string, string> = { APP_ENV: environment, AWS_REGION: REGION };
    if (environment !== "local") {
        const { APP_DEBUG, MOCK_EXTERNAL_SERVICES } = ENVIRONMENT_FLAGS[environment];
        Object.assign(flags, { APP_DEBUG, MOCK_EXTERNAL_SERVICES });
    }
    if (environment === "production") {
        Object.assign(flags, PRODUCTION_SECURITY_FLAGS, PRODUCTION_MONITORING_FLAGS);
    }
    return flags;
}

/** Each container's flags against the task definition's own environment. */
function flagProblems(props: Props): string[] {
    const environment = environmentOf(props);
    const flags = requiredFlags(environment);
    return perContainer(props, (container, who) => {
        const variables = variablesOf(container);
        // A masked value is unknown, not wrong.
        const problems = Object.entries(flags)
            .filter(([name, value]) => variables.get(name) !== value && variables.get(name) !== MASKED)
            .map(([name, value]) => `${who}: ${name} is ${shown(variables.get(name))}; set ${name}=${value}`);
        if (environment !== "local" && variables.get("MOCK_BEDROCK") === "true") {
            problems.push(`${who}: MOCK_BEDROCK is "true"; remove it or set MOCK_BEDROCK=false outside local`);
        }
        return problems;
    });
}

/** `ecs-observability`: Container Insights on every cluster, every container logging to its /ecs/ group. */
export const ecsObservability: Rule = stackRule({
    id: "ecs-observability",
    description:
        "Makes the services debuggable as the guide does it (`aws logs tail /ecs/fraud-api`; FSBP ECS.9, ECS.12): Container Insights is on for every cluster, and every container logs through awslogs to a log group /ecs/<service> of this stack in ca-central-1.",
    kind: "security",
    // Container Insights and each container's log settings are the resource's own, decided at
    // preview; whether the log group is one this stack creates needs the log groups.
    resourceCheck: {
        types: [CLUSTER, TASK_DEFINITION],
        check: (props, args) =>
            args.type === CLUSTER ? insightsProblems(props) : perContainer(props, logSettingProblems),
    },
    check: (resources) => {
        const managed = new Set(ofType(resources, LOG_GROUP).map((g) => (g.props as Props).name));
        return perResource([TASK_DEFINITION], (task) =>
            perContainer(task.props, (container, who) => logGroupManagedProblems(container, who, managed)),
        )(resources);
    },
});

/** `ecs-no-host-access-or-privilege`: containers stay isolated from the host. */
export const ecsNoHostAccessOrPrivilege: Rule = resourceRule({
    id: "ecs-no-host-access-or-privilege",
    description:
        "Keeps a compromised container from reaching the host (FSBP ECS.3, ECS.4, SH ECS.17): awsvpc networking, no shared PID or IPC namespace, no privileged container.",
    kind: "security",
    types: [TASK_DEFINITION],
    check: hostAccessProblems,
});

/** `ecs-container-least-privilege`: non-root users on read-only root filesystems. */
export const ecsContainerLeastPrivilege: Rule = resourceRule({
    id: "ecs-container-least-privilege",
    description: `Limits what a compromised container can do (FSBP ECS.5, SH ECS.20; guide: the ML image's USER appuser): containers run as a non-root user on a read-only root filesystem, writing only to declared task volumes. One exception, because the guide's API image has no USER and its supervisord must start as root to bind port 80 and switch nginx's and php-fpm's workers to www-data: the fraud-api container may run as root when it drops every capability those root processes do not use (${ROOT_IMAGE_UNUSED.join(", ")}) and adds none.`,
    kind: "advisory",
    types: [TASK_DEFINITION],
    check: leastPrivilegeProblems,
});

/** `ecs-secrets-not-in-environment`: credentials come from this stack's secrets, never from `environment`. */
export const ecsSecretsNotInEnvironment: Rule = stackRule({
    id: "ecs-secrets-not-in-environment",
    description:
        "Keeps credentials out of task definitions, which many people can read (FSBP ECS.8; guide: Secrets Management): no credential-like variable in environment; DB_PASSWORD, APP_KEY and the HMAC keys come from this stack's Secrets Manager secrets through secrets[].valueFrom.",
    kind: "security",
    // What each container passes and where it reads secrets from is the task's own; whether those
    // secrets are this stack's needs the dependencies, judged in the stack pass.
    resourceCheck: {
        types: [TASK_DEFINITION],
        check: (props) => perContainer(props, containerSecretProblems),
    },
    check: perResource([TASK_DEFINITION], taskSecretProblems),
});

/** `ecs-app-flags-per-environment`: the guide's application flags for the task's environment. */
export const ecsAppFlagsPerEnvironment: Rule = resourceRule({
    id: "ecs-app-flags-per-environment",
    description:
        "Keeps each environment's application behaviour as the guide sets it (Environment Configuration, Production Configuration): APP_ENV and AWS_REGION always; no debug or mocks outside local; the security and monitoring flags on in production.",
    kind: "security",
    types: [TASK_DEFINITION],
    check: flagProblems,
});
