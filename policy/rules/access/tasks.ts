/**
 * The data paths of the ECS tasks (access-paths.ts rows tasks-* and execution-*): the task role
 * reading the models bucket and invoking Bedrock, the execution role pulling images, reading
 * secrets and writing logs, each through IAM, the key policy, the resource policy and the network.
 *
 * @module
 */
import { PolicyResource } from "@pulumi/policy";
import { DATA_PATH_FACTS } from "../../../facts/aws/data-paths";
import {
    endpointFor,
    endpointGap,
    GrantTest,
    hasInterfaceEndpoints,
    keyDelegatesToIam,
    keyOf,
    REGION,
    roleAllows,
} from "../../lib/access";
import { attachedTo, bucketsFor, S3_TYPES } from "../../lib/buckets";
import { parseDocument } from "../../../lib/relations/documents";
import { IAM_TYPES } from "../../../lib/relations/iam-graph";
import { ofType, tagsOf } from "../../../lib/relations/resources";
import { Finding } from "../../lib/rule";
import { groupsAmong } from "../../../lib/relations/security-groups";
import { sourcesOf } from "../../../lib/relations/references";

const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const SERVICE = "aws:ecs/service:Service";
const CAPACITY_PROVIDER = "aws:ecs/capacityProvider:CapacityProvider";
const REPOSITORY = "aws:ecr/repository:Repository";
const SECRET = "aws:secretsmanager/secret:Secret";
const RDS_INSTANCE = "aws:rds/instance:Instance";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

/** One task definition with what the paths need of it. */
interface Task {
    readonly definition: PolicyResource;
    /** The family (fraud-api), for messages. */
    readonly family: string;
    readonly taskRole?: PolicyResource;
    readonly executionRole?: PolicyResource;
    /** The resources its container definitions took values from. */
    readonly wired: readonly PolicyResource[];
    /** The services that run it. */
    readonly services: readonly PolicyResource[];
}

function tasksOf(resources: readonly PolicyResource[]): Task[] {
    return ofType(resources, TASK_DEFINITION).map((definition) => ({
        definition,
        family: typeof definition.props.family === "string" ? definition.props.family : definition.name,
        taskRole: sourcesOf(definition, "taskRoleArn").find((r) => r.type === IAM_TYPES.role),
        executionRole: sourcesOf(definition, "executionRoleArn").find((r) => r.type === IAM_TYPES.role),
        wired: sourcesOf(definition, "containerDefinitions"),
        services: ofType(resources, SERVICE).filter((s) =>
            sourcesOf(s, "taskDefinition").some((d) => d.urn === definition.urn),
        ),
    }));
}

/** The groups of the task's own ENIs: the services' networkConfiguration groups. */
function taskGroups(task: Task): PolicyResource[] {
    return task.services.flatMap((s) => groupsAmong(sourcesOf(s, "networkConfiguration")));
}

/**
 * The groups that make the execution role's calls (image pull, secrets, logs): the task's own on
 * Fargate, the hosts' on EC2 capacity, where the ECS agent on the host makes them
 * (DATA_PATH_FACTS.fargateTaskEni, ec2HostAgent).
 */
function pullerGroups(resources: readonly PolicyResource[], task: Task): PolicyResource[] {
    const onHosts = task.services.some((s) =>
        sourcesOf(s, "capacityProviderStrategies").some((p) => p.type === CAPACITY_PROVIDER),
    );
    return onHosts ? groupsAmong(resources).filter((g) => tagsOf(g.props).Role === "ecs-host") : taskGroups(task);
}

/** A finding on the role (or the task definition) naming the path and the principal. */
function finding(id: string, on: PolicyResource, who: string, problem: string): Finding {
    return { resource: on, message: `${id}: ${who}: ${problem}` };
}

/** An IAM test for an action on a resource the document depends on. */
function on(action: string, target: PolicyResource, names: (arn: string) => boolean): GrantTest {
    return { action, target, names };
}

const isKeyArn = (arn: string) => arn.includes(":key/");

/** The network findings of reaching `service`'s endpoint from each of `groups`. */
function networkFindings(
    resources: readonly PolicyResource[],
    id: string,
    task: Task,
    service: string,
    groups: readonly PolicyResource[],
): Finding[] {
    if (!hasInterfaceEndpoints(resources)) {
        return [];
    }
    const endpoint = endpointFor(resources, service);
    if (endpoint === undefined) {
        return [
            finding(
                id,
                task.definition,
                `task ${task.family}`,
                `no interface endpoint for ${service}; add one with private DNS`,
            ),
        ];
    }
    return groups.flatMap((group) => {
        const gap = endpointGap(resources, endpoint, group);
        return gap ? [finding(id, endpoint, `task ${task.family} through endpoint ${endpoint.name}`, gap)] : [];
    });
}

/** tasks-read-models: GetObject and (SSE-KMS) kms:Decrypt; the bucket policy denies no TLS read. */
function readModels(resources: readonly PolicyResource[], task: Task): Finding[] {
    const id = "tasks-read-models";
    const role = task.taskRole;
    const buckets = bucketsFor(resources, "models").filter((b) => task.wired.some((w) => w.urn === b.urn));
    if (role === undefined || buckets.length === 0) {
        return [];
    }
    const who = `task role ${role.name}`;
    return buckets.flatMap((bucket) => {
        const name = String(bucket.props.bucket);
        const findings: Finding[] = [];
        if (
            !roleAllows(
                resources,
                role,
                on("s3:GetObject", bucket, (arn) => arn === `arn:aws:s3:::${name}/*`),
            )
        ) {
            findings.push(finding(id, role, who, `no statement allows s3:GetObject on arn:aws:s3:::${name}/*; add it`));
        }
        const key = attachedTo(resources, S3_TYPES.encryption, bucket)
            .map((c) => keyOf(c, "rules"))
            .find((k) => k !== undefined);
        if (key !== undefined) {
            if (!roleAllows(resources, role, on("kms:Decrypt", key, isKeyArn))) {
                findings.push(
                    finding(
                        id,
                        role,
                        who,
                        `bucket ${name} is SSE-KMS under key ${key.name} but no statement allows kms:Decrypt on it (${DATA_PATH_FACTS.s3ReadSseKms.source}); add kms:Decrypt on the key with Condition StringEquals "kms:ViaService": "s3.${REGION}.amazonaws.com"`,
                    ),
                );
            }
            if (!keyDelegatesToIam(key, "kms:Decrypt")) {
                findings.push(
                    finding(
                        id,
                        key,
                        who,
                        `the policy of key ${key.name} has no account (root) statement allowing kms:Decrypt, so IAM grants do not count; add it`,
                    ),
                );
            }
        }
        for (const policy of attachedTo(resources, S3_TYPES.policy, bucket)) {
            const denies = (parseDocument(policy.props.policy) ?? []).filter(
                (s) =>
                    s.effect === "Deny" &&
                    Object.keys(s.conditions).length === 0 &&
                    s.actions.some((a) => new RegExp(`^${a.replace(/\*/g, ".*")}$`, "i").test("s3:GetObject")),
            );
            if (denies.length > 0) {
                findings.push(
                    finding(
                        id,
                        bucket,
                        who,
                        `the policy of bucket ${name} denies s3:GetObject without a condition; narrow the Deny`,
                    ),
                );
            }
        }
        return findings;
    });
}

/** tasks-invoke-bedrock: InvokeModel in IAM and in the endpoint policy; the endpoint admits the task. */
function invokeBedrock(resources: readonly PolicyResource[], task: Task): Finding[] {
    const id = "tasks-invoke-bedrock";
    const endpoint = task.wired.find((w) => w.type === "aws:ec2/vpcEndpoint:VpcEndpoint");
    const role = task.taskRole;
    if (endpoint === undefined || role === undefined) {
        return [];
    }
    const who = `task role ${role.name}`;
    const findings: Finding[] = [];
    if (
        !roleAllows(resources, role, {
            action: "bedrock:InvokeModel",
            names: (arn) => arn.includes(":foundation-model/"),
        })
    ) {
        findings.push(finding(id, role, who, "no statement allows bedrock:InvokeModel on a foundation model; add it"));
    }
    const policy = parseDocument(endpoint.props.policy);
    if (
        policy !== undefined &&
        !policy.some(
            (s) =>
                s.effect === "Allow" &&
                s.actions.some((a) => new RegExp(`^${a.replace(/\*/g, ".*")}$`, "i").test("bedrock:InvokeModel")),
        )
    ) {
        findings.push(
            finding(
                id,
                endpoint,
                who,
                `the policy of endpoint ${endpoint.name} allows no bedrock:InvokeModel (${DATA_PATH_FACTS.endpointPolicy.source}); allow it on the model`,
            ),
        );
    }
    for (const group of taskGroups(task)) {
        const gap = endpointGap(resources, endpoint, group);
        if (gap) {
            findings.push(finding(id, endpoint, who, gap));
        }
    }
    return findings;
}

/** execution-pulls-images: the ECR actions on the repository, and the ECR endpoints admit the puller. */
function pullImages(resources: readonly PolicyResource[], task: Task): Finding[] {
    const id = "execution-pulls-images";
    const role = task.executionRole;
    if (role === undefined) {
        return [];
    }
    const who = `execution role ${role.name}`;
    const findings: Finding[] = [];
    if (!roleAllows(resources, role, { action: "ecr:GetAuthorizationToken", names: () => false })) {
        findings.push(finding(id, role, who, `no statement allows ecr:GetAuthorizationToken on "*"; add it`));
    }
    for (const repository of task.wired.filter((w) => w.type === REPOSITORY)) {
        const name = String(repository.props.name);
        for (const action of ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]) {
            if (
                !roleAllows(
                    resources,
                    role,
                    on(action, repository, (arn) => arn.endsWith(`:repository/${name}`)),
                )
            ) {
                findings.push(finding(id, role, who, `no statement allows ${action} on repository ${name}; add it`));
            }
        }
    }
    const groups = pullerGroups(resources, task);
    return [
        ...findings,
        ...networkFindings(resources, id, task, "ecr.api", groups),
        ...networkFindings(resources, id, task, "ecr.dkr", groups),
    ];
}

/** execution-reads-secrets: GetSecretValue per secret, kms:Decrypt for those under the key, the endpoint. */
function readSecrets(resources: readonly PolicyResource[], task: Task): Finding[] {
    const id = "execution-reads-secrets";
    const role = task.executionRole;
    const secrets = task.wired.filter((w) => w.type === SECRET || w.type === RDS_INSTANCE);
    if (role === undefined || secrets.length === 0) {
        return [];
    }
    const who = `execution role ${role.name}`;
    const findings: Finding[] = [];
    for (const secret of secrets) {
        const managed = secret.type === RDS_INSTANCE;
        const label = managed ? `the RDS-managed secret of ${secret.name}` : `secret ${String(secret.props.name)}`;
        const names = (arn: string) =>
            arn.includes(":secret:") && (managed || arn.includes(`:secret:${String(secret.props.name)}`));
        if (!roleAllows(resources, role, on("secretsmanager:GetSecretValue", secret, names))) {
            findings.push(
                finding(id, role, who, `no statement allows secretsmanager:GetSecretValue on ${label}; add it`),
            );
        }
        const key = keyOf(secret, managed ? "masterUserSecretKmsKeyId" : "kmsKeyId");
        if (key !== undefined && !roleAllows(resources, role, on("kms:Decrypt", key, isKeyArn))) {
            findings.push(
                finding(
                    id,
                    role,
                    who,
                    `${label} is under key ${key.name} but no statement allows kms:Decrypt on it (${DATA_PATH_FACTS.ecsSecrets.source}); add it`,
                ),
            );
        }
    }
    return [...findings, ...networkFindings(resources, id, task, "secretsmanager", pullerGroups(resources, task))];
}

/** execution-writes-logs: the two logs actions on the group, and the logs endpoint admits the puller. */
function writeLogs(resources: readonly PolicyResource[], task: Task): Finding[] {
    const id = "execution-writes-logs";
    const role = task.executionRole;
    const groups = task.wired.filter((w) => w.type === LOG_GROUP);
    if (role === undefined || groups.length === 0) {
        return [];
    }
    const who = `execution role ${role.name}`;
    const findings = groups.flatMap((group) =>
        DATA_PATH_FACTS.ecsLogs.actions
            .filter(
                (action) =>
                    !roleAllows(
                        resources,
                        role,
                        on(action, group, (arn) => arn.includes(`:log-group:${String(group.props.name)}`)),
                    ),
            )
            .map((action) =>
                finding(
                    id,
                    role,
                    who,
                    `no statement allows ${action} on log group ${String(group.props.name)}; add it`,
                ),
            ),
    );
    return [...findings, ...networkFindings(resources, id, task, "logs", pullerGroups(resources, task))];
}

/** Every task path's findings over the stack. */
export function taskPathFindings(resources: readonly PolicyResource[]): Finding[] {
    return tasksOf(resources).flatMap((task) => [
        ...readModels(resources, task),
        ...invokeBedrock(resources, task),
        ...pullImages(resources, task),
        ...readSecrets(resources, task),
        ...writeLogs(resources, task),
    ]);
}
