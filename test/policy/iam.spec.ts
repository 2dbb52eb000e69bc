import { strict as assert } from "assert";
import { PlanResource } from "../../plan/engine/contract";
import { levelsOf, messagesOf, resource, stackTags, violationsOf } from "./harness";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ROLE_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";

const ACCOUNT = "123456789012";
const HAIKU = "arn:aws:bedrock:ca-central-1::foundation-model/anthropic.claude-3-haiku-*";
const MODELS_OBJECTS = "arn:aws:s3:::fraud-detector-prod-models/*";
const SECRET_ARN = `arn:aws:secretsmanager:ca-central-1:${ACCOUNT}:secret:fraud-detector/prod/database-AbCdEf`;
const KEY_ARN = `arn:aws:kms:ca-central-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

type Doc = Record<string, unknown>;

/** A policy document of `statements`. */
function doc(...statements: Doc[]): Doc {
    return { Version: "2012-10-17", Statement: statements };
}

function allow(action: string | string[], resourceArn: string | string[]): Doc {
    return { Effect: "Allow", Action: action, Resource: resourceArn };
}

/** The guide's task-role grants (Security Hardening › IAM Roles). */
const GUIDE_GRANTS = [allow("bedrock:InvokeModel", HAIKU), allow("s3:GetObject", MODELS_OBJECTS)];

/** A trust policy admitting `principal` (ECS tasks by default), as a JSON string. */
function trust(principal: unknown = { Service: "ecs-tasks.amazonaws.com" }): string {
    return JSON.stringify(
        doc({
            Effect: "Allow",
            Principal: principal,
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT } },
        }),
    );
}

/** A role trusted by ECS tasks. */
function role(name: string, props: Doc = {}, environment = "production"): PlanResource {
    return resource(ROLE, { assumeRolePolicy: trust(), tags: stackTags(environment), ...props }, { name });
}

/** An inline RolePolicy of `target` granting `statements` (a JSON string, as pulumi.jsonStringify gives). */
function rolePolicy(target: PlanResource, statements: Doc[], name = `${target.name}-policy`): PlanResource {
    return resource(
        ROLE_POLICY,
        { role: `${target.name}-id`, policy: JSON.stringify(doc(...statements)) },
        { name, from: { role: [target] } },
    );
}

/** fraud-api's task definition, using `taskRole` and `executionRole`. */
function taskDefinition(taskRole: PlanResource, executionRole: PlanResource, environment = "production"): PlanResource {
    return resource(
        TASK_DEFINITION,
        {
            family: "fraud-api",
            containerDefinitions: "[]",
            taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/${taskRole.name}`,
            executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/${executionRole.name}`,
            tags: stackTags(environment),
        },
        { name: "fraud-api", from: { taskRoleArn: [taskRole], executionRoleArn: [executionRole] } },
    );
}

/** A task role and an execution role, used by fraud-api's task definition. */
function taskRoles(environment = "production"): { task: PlanResource; execution: PlanResource; td: PlanResource } {
    const task = role("api-task", {}, environment);
    const execution = role("api-execution", {}, environment);
    return { task, execution, td: taskDefinition(task, execution, environment) };
}

describe("policy: iam", () => {
    describe("iam-no-wildcards", () => {
        const RULE = "iam-no-wildcards";
        const policy = (statements: Doc[]) =>
            resource(POLICY, { policy: doc(...statements), tags: stackTags() }, { name: "app" });

        it("passes the guide's grants and actions AWS authorises only on Resource *", async () => {
            const p = policy([...GUIDE_GRANTS, allow(["ecr:GetAuthorizationToken", "xray:PutTraceSegments"], "*")]);
            assert.deepEqual(await messagesOf([p], RULE), []);
        });

        it("passes EC2's Describe family and the other read and list actions that have no resource type", async () => {
            const reads = ["ec2:Describe*", "ec2:DescribeVpcs", "ecs:ListClusters", "route53:ListHostedZones"];
            assert.deepEqual(await messagesOf([policy([allow(reads, "*")])], RULE), []);
        });

        it("rejects a pattern on Resource * wider than a family AWS grants only on *", async () => {
            const p = policy([allow(["ec2:D*", "ecs:List*", "ec2:Describe*"], "*")]);
            assert.deepEqual(await messagesOf([p], RULE), [
                'policy statement 1 allows "ec2:D*", "ecs:List*" on Resource "*"; name the resources (only actions AWS grants solely on "*", such as ecr:GetAuthorizationToken, may use it)',
            ]);
        });

        it("rejects a statement allowing every action of a service", async () => {
            const p = policy([allow("s3:*", MODELS_OBJECTS)]);
            assert.deepEqual(await messagesOf([p], RULE), [
                'policy statement 1 allows "s3:*"; name the actions the role needs instead of "*" or "service:*"',
            ]);
        });

        it("rejects Action * on Resource * once, as a wildcard action", async () => {
            const p = policy([allow("*", "*")]);
            assert.deepEqual(await messagesOf([p], RULE), [
                'policy statement 1 allows "*"; name the actions the role needs instead of "*" or "service:*"',
            ]);
        });

        it("rejects an Allow with NotAction", async () => {
            const p = policy([{ Effect: "Allow", NotAction: "iam:*", Resource: MODELS_OBJECTS }]);
            assert.deepEqual(await messagesOf([p], RULE), [
                'policy statement 1 allows every action except NotAction ["iam:*"]; list the allowed actions in Action instead',
            ]);
        });

        it("rejects a restrictable action on Resource *", async () => {
            const p = policy([allow(["s3:GetObject", "ecr:GetAuthorizationToken"], "*")]);
            assert.deepEqual(await messagesOf([p], RULE), [
                'policy statement 1 allows "s3:GetObject" on Resource "*"; name the resources (only actions AWS grants solely on "*", such as ecr:GetAuthorizationToken, may use it)',
            ]);
        });

        it("rejects an Allow with NotResource", async () => {
            const p = policy([{ Effect: "Allow", Action: "s3:GetObject", NotResource: MODELS_OBJECTS }]);
            assert.deepEqual(await messagesOf([p], RULE), [
                'policy statement 1 applies to every resource except NotResource ["arn:aws:s3:::fraud-detector-prod-models/*"]; list the resources in Resource instead',
            ]);
        });

        it("ignores Deny statements, however broad", async () => {
            const p = policy([...GUIDE_GRANTS, { Effect: "Deny", Action: "*", Resource: "*" }]);
            assert.deepEqual(await messagesOf([p], RULE), []);
        });

        it("judges a RolePolicy given as a JSON string", async () => {
            const p = rolePolicy(role("api-task"), [allow("bedrock:*", HAIKU)]);
            assert.deepEqual(await messagesOf([p], RULE), [
                'policy statement 1 allows "bedrock:*"; name the actions the role needs instead of "*" or "service:*"',
            ]);
        });

        it("judges a role's inline policies but not its trust policy", async () => {
            const r = role("api-task", {
                assumeRolePolicy: trust("*"),
                inlinePolicies: [{ name: "logs", policy: JSON.stringify(doc(allow("logs:PutLogEvents", "*"))) }],
            });
            assert.deepEqual(await messagesOf([r], RULE), [
                'inlinePolicies[0] ("logs") statement 1 allows "logs:PutLogEvents" on Resource "*"; name the resources (only actions AWS grants solely on "*", such as ecr:GetAuthorizationToken, may use it)',
            ]);
        });

        it("rejects AdministratorAccess attached to a role (mandatory: the attachment has no Environment)", async () => {
            const attachment = resource(ROLE_ATTACHMENT, {
                role: "api-task",
                policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
            });
            assert.deepEqual(await levelsOf([attachment], RULE), [
                [
                    "mandatory",
                    'policyArn is "arn:aws:iam::aws:policy/AdministratorAccess"; attach a least-privilege policy of this program instead (never AdministratorAccess or IAMFullAccess)',
                ],
            ]);
        });

        it("only advises against IAMFullAccess in a local role's managedPolicyArns", async () => {
            const r = role("api-task", { managedPolicyArns: ["arn:aws:iam::aws:policy/IAMFullAccess"] }, "local");
            assert.deepEqual(await levelsOf([r], RULE), [
                [
                    "advisory",
                    'managedPolicyArns includes "arn:aws:iam::aws:policy/IAMFullAccess"; attach a least-privilege policy of this program instead (never AdministratorAccess or IAMFullAccess)',
                ],
            ]);
        });
    });

    describe("iam-task-role-per-guide", () => {
        const RULE = "iam-task-role-per-guide";

        it("passes a task role granted exactly the guide's policy", async () => {
            const { task, execution, td } = taskRoles();
            assert.deepEqual(await messagesOf([task, execution, td, rolePolicy(task, GUIDE_GRANTS)], RULE), []);
        });

        it("reports a task definition whose task role is a literal ARN of no role in the stack", async () => {
            const { execution } = taskRoles();
            const td = resource(
                TASK_DEFINITION,
                {
                    family: "fraud-api",
                    containerDefinitions: "[]",
                    taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/admin`,
                    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/api-execution`,
                    tags: stackTags(),
                },
                { name: "fraud-api", from: { executionRoleArn: [execution] } },
            );
            assert.deepEqual(await levelsOf([execution, td], RULE), [
                [
                    "mandatory",
                    `TaskDefinition fraud-api: taskRoleArn "arn:aws:iam::${ACCOUNT}:role/admin" names a role that is not in this stack, so its grants cannot be judged against the guide's; reference the role resource (its .arn or .name) instead of a literal`,
                ],
            ]);
        });

        it("reports grants attached to a role by a literal name instead of skipping them", async () => {
            const { task, execution, td } = taskRoles();
            const byName = resource(
                ROLE_POLICY,
                { role: "api-task", policy: JSON.stringify(doc(allow("s3:*", "*"))) },
                { name: "by-name" },
            );
            const attachment = resource(
                ROLE_ATTACHMENT,
                { role: "api-task", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
                { name: "admin-by-name" },
            );
            const shared = resource(
                POLICY_ATTACHMENT,
                { roles: ["api-task-id", "elsewhere"], policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
                { name: "shared", from: { roles: [task] } },
            );
            assert.deepEqual(
                await messagesOf(
                    [task, execution, td, rolePolicy(task, GUIDE_GRANTS), byName, attachment, shared],
                    RULE,
                ),
                [
                    'PolicyAttachment shared: roles ["api-task-id","elsewhere"] names a role that is not in this stack, so its grants cannot be judged against the guide\'s; reference the role resource (its .arn or .name) instead of a literal',
                    'task role api-task has "arn:aws:iam::aws:policy/ReadOnlyAccess" attached by PolicyAttachment shared; grant task roles only the guide\'s bedrock:InvokeModel and s3:GetObject, in a policy of this program',
                    'RolePolicy by-name: role "api-task" names a role that is not in this stack, so its grants cannot be judged against the guide\'s; reference the role resource (its .arn or .name) instead of a literal',
                    'RolePolicyAttachment admin-by-name: role "api-task" names a role that is not in this stack, so its grants cannot be judged against the guide\'s; reference the role resource (its .arn or .name) instead of a literal',
                ],
            );
        });

        it("passes the kms:Decrypt reading the SSE-KMS models bucket takes, through S3 only", async () => {
            const { task, execution, td } = taskRoles();
            const decrypt = {
                ...allow("kms:Decrypt", "arn:aws:kms:ca-central-1:111122223333:key/k-1"),
                Condition: {
                    StringEquals: {
                        "kms:ViaService": "s3.ca-central-1.amazonaws.com",
                        "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::fraud-detector-prod-models",
                    },
                },
            };
            const grants = rolePolicy(task, [...GUIDE_GRANTS, decrypt]);
            assert.deepEqual(await messagesOf([task, execution, td, grants], RULE), []);
        });

        it("rejects a kms:Decrypt that is not scoped to S3 or names another bucket's context", async () => {
            const { task, execution, td } = taskRoles();
            const decrypt = {
                ...allow("kms:Decrypt", "arn:aws:kms:ca-central-1:111122223333:key/k-1"),
                Condition: {
                    StringEquals: { "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::fraud-detector-prod-backup" },
                },
            };
            const grants = rolePolicy(task, [...GUIDE_GRANTS, decrypt]);
            assert.deepEqual(await messagesOf([task, execution, td, grants], RULE), [
                'task role api-task: RolePolicy api-task-policy: policy statement 3 allows kms:Decrypt with kms:ViaService unset; add Condition StringEquals "kms:ViaService": "s3.ca-central-1.amazonaws.com" so the key only decrypts the models bucket\'s objects through S3',
                'task role api-task: RolePolicy api-task-policy: policy statement 3 allows kms:Decrypt with kms:EncryptionContext:aws:s3:arn "arn:aws:s3:::fraud-detector-prod-backup"; name the models bucket\'s ARN (with an S3 Bucket Key the context is the bucket, not the object)',
            ]);
        });

        it("ignores roles no task definition uses as its task role", async () => {
            const { task, execution, td } = taskRoles();
            const pull = rolePolicy(execution, [allow(["ecr:BatchGetImage", "logs:PutLogEvents"], "*")]);
            assert.deepEqual(await messagesOf([task, execution, td, pull], RULE), []);
        });

        it("rejects S3 write access in a production task role (mandatory)", async () => {
            const { task, execution, td } = taskRoles();
            const grants = rolePolicy(task, [...GUIDE_GRANTS, allow("s3:PutObject", MODELS_OBJECTS)]);
            const found = await violationsOf([task, execution, td, grants], RULE);
            assert.deepEqual(
                found.map((v) => [v.enforcementLevel, v.urn, v.message]),
                [
                    [
                        "mandatory",
                        task.urn,
                        'task role api-task: RolePolicy api-task-policy: policy statement 3 allows "s3:PutObject"; task roles get only bedrock:InvokeModel, and s3:GetObject with the kms:Decrypt it needs (guide: IAM Roles)',
                    ],
                ],
            );
        });

        it("only advises in local", async () => {
            const { task, execution, td } = taskRoles("local");
            const grants = rolePolicy(task, [...GUIDE_GRANTS, allow("s3:PutObject", MODELS_OBJECTS)]);
            assert.deepEqual(
                (await violationsOf([task, execution, td, grants], RULE)).map((v) => v.enforcementLevel),
                ["advisory"],
            );
        });

        /** The stack's Bedrock endpoint, admitting `model`: where the pack reads the stack's model from. */
        const bedrockEndpoint = (model: string) =>
            resource("aws:ec2/vpcEndpoint:VpcEndpoint", {
                serviceName: "com.amazonaws.ca-central-1.bedrock-runtime",
                policy: JSON.stringify({
                    Statement: [{ Effect: "Allow", Principal: "*", Action: "bedrock:InvokeModel", Resource: model }],
                }),
            });
        const sonnet = "arn:aws:bedrock:ca-central-1::foundation-model/anthropic.claude-3-sonnet-*";
        const haiku45 = "arn:aws:bedrock:ca-central-1::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0";

        it("rejects a model other than the one the stack's Bedrock endpoint admits", async () => {
            const { task, execution, td } = taskRoles();
            const grants = rolePolicy(task, [allow("bedrock:InvokeModel", sonnet), GUIDE_GRANTS[1]]);
            assert.deepEqual(await messagesOf([task, execution, td, grants, bedrockEndpoint(HAIKU)], RULE), [
                `task role api-task: RolePolicy api-task-policy: policy statement 1 allows "bedrock:InvokeModel" on "${sonnet}"; allow it only on the model the Bedrock endpoint admits, "${HAIKU}"`,
            ]);
        });

        it("follows the configured model: passes Claude Haiku 4.5 where the endpoint admits it", async () => {
            const { task, execution, td } = taskRoles();
            const grants = rolePolicy(task, [allow("bedrock:InvokeModel", haiku45), GUIDE_GRANTS[1]]);
            assert.deepEqual(await messagesOf([task, execution, td, grants, bedrockEndpoint(haiku45)], RULE), []);
        });

        it("rejects Haiku in another region", async () => {
            const { task, execution, td } = taskRoles();
            const usEast = HAIKU.replace("ca-central-1", "us-east-1");
            const grants = rolePolicy(task, [allow("bedrock:InvokeModel", usEast), GUIDE_GRANTS[1]]);
            assert.deepEqual(await messagesOf([task, execution, td, grants], RULE), [
                `task role api-task: RolePolicy api-task-policy: policy statement 1 allows "bedrock:InvokeModel" on "${usEast}"; allow it only on a foundation model of ca-central-1 (arn:aws:bedrock:ca-central-1::foundation-model/<bedrock.modelId>)`,
            ]);
        });

        it("rejects a cross-Region inference profile, which is not a foundation model", async () => {
            const { task, execution, td } = taskRoles();
            const profile =
                "arn:aws:bedrock:ca-central-1::foundation-model/global.anthropic.claude-haiku-4-5-20251001-v1:0";
            const grants = rolePolicy(task, [allow("bedrock:InvokeModel", profile), GUIDE_GRANTS[1]]);
            assert.deepEqual(await messagesOf([task, execution, td, grants], RULE), [
                `task role api-task: RolePolicy api-task-policy: policy statement 1 allows "bedrock:InvokeModel" on "${profile}"; allow it only on a foundation model of ca-central-1 (arn:aws:bedrock:ca-central-1::foundation-model/<bedrock.modelId>)`,
            ]);
        });

        it("rejects reading objects outside the models bucket", async () => {
            const { task, execution, td } = taskRoles();
            const grants = rolePolicy(task, [
                GUIDE_GRANTS[0],
                allow("s3:GetObject", "arn:aws:s3:::fraud-detector-prod-backup/*"),
            ]);
            assert.deepEqual(await messagesOf([task, execution, td, grants], RULE), [
                'task role api-task: RolePolicy api-task-policy: policy statement 2 allows "s3:GetObject" on "arn:aws:s3:::fraud-detector-prod-backup/*"; allow it only on the models bucket\'s objects (<models bucket ARN>/*)',
            ]);
        });

        it("follows a managed Policy attached through RolePolicyAttachment", async () => {
            const { task, execution, td } = taskRoles();
            const managed = resource(
                POLICY,
                {
                    policy: doc(...GUIDE_GRANTS, allow("sqs:SendMessage", "arn:aws:sqs:ca-central-1:1:q")),
                    tags: stackTags(),
                },
                { name: "api-grants" },
            );
            const attachment = resource(
                ROLE_ATTACHMENT,
                { role: "api-task", policyArn: `arn:aws:iam::${ACCOUNT}:policy/api-grants` },
                { from: { role: [task], policyArn: [managed] } },
            );
            assert.deepEqual(await messagesOf([task, execution, td, managed, attachment], RULE), [
                'task role api-task: Policy api-grants: policy statement 3 allows "sqs:SendMessage"; task roles get only bedrock:InvokeModel, and s3:GetObject with the kms:Decrypt it needs (guide: IAM Roles)',
            ]);
        });

        it("rejects an AWS managed policy attached to a task role", async () => {
            const { task, execution, td } = taskRoles();
            const attachment = resource(
                ROLE_ATTACHMENT,
                { role: "api-task", policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" },
                { name: "api-s3", from: { role: [task] } },
            );
            assert.deepEqual(await messagesOf([task, execution, td, attachment], RULE), [
                'task role api-task has "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" attached by RolePolicyAttachment api-s3; grant task roles only the guide\'s bedrock:InvokeModel and s3:GetObject, in a policy of this program',
            ]);
        });
    });

    describe("iam-trust-ecs-tasks-only", () => {
        const RULE = "iam-trust-ecs-tasks-only";

        it("passes task and execution roles trusting only ECS tasks", async () => {
            const { task, execution, td } = taskRoles();
            assert.deepEqual(await messagesOf([task, execution, td], RULE), []);
        });

        it("passes a role of another service that no task definition uses", async () => {
            const flowLogs = role("flow-logs", { assumeRolePolicy: trust({ Service: "vpc-flow-logs.amazonaws.com" }) });
            assert.deepEqual(await messagesOf([flowLogs], RULE), []);
        });

        it("rejects a task role that an account may also assume (mandatory)", async () => {
            const task = role("api-task", {
                assumeRolePolicy: trust({ Service: "ecs-tasks.amazonaws.com", AWS: `arn:aws:iam::${ACCOUNT}:root` }),
            });
            const execution = role("api-execution");
            const found = await levelsOf([task, execution, taskDefinition(task, execution)], RULE);
            assert.deepEqual(found, [
                [
                    "mandatory",
                    `role api-task is used by task definitions but assumeRolePolicy statement 1 admits AWS "arn:aws:iam::${ACCOUNT}:root"; trust only Service "ecs-tasks.amazonaws.com"`,
                ],
            ]);
        });

        it("rejects an execution role that ECS tasks cannot assume", async () => {
            const task = role("api-task");
            const execution = role("api-execution", { assumeRolePolicy: trust({ Service: "ecs.amazonaws.com" }) });
            assert.deepEqual(await messagesOf([task, execution, taskDefinition(task, execution)], RULE), [
                'role api-execution is used by task definitions but assumeRolePolicy statement 1 admits Service "ecs.amazonaws.com"; trust only Service "ecs-tasks.amazonaws.com"',
                'role api-execution is used by task definitions but its assumeRolePolicy does not admit ecs-tasks.amazonaws.com; trust Service "ecs-tasks.amazonaws.com" (with an aws:SourceAccount condition)',
            ]);
        });

        it("rejects a trust policy naming * on any role, as an object document", async () => {
            const open = role("ops", { assumeRolePolicy: JSON.parse(trust({ AWS: "*" })) as Doc }, "local");
            assert.deepEqual(await levelsOf([open], RULE), [
                [
                    "advisory",
                    'role ops: assumeRolePolicy statement 1 admits AWS "*"; never trust "*": name the one service or account that assumes the role',
                ],
            ]);
        });
    });

    describe("iam-secrets-and-keys-scoped", () => {
        const RULE = "iam-secrets-and-keys-scoped";
        const readSecrets = (secrets: string | string[]) =>
            allow(["secretsmanager:GetSecretValue", "kms:Decrypt"], [...[secrets].flat(), KEY_ARN]);

        it("passes an execution role reading named secrets with a named key", async () => {
            const { task, execution, td } = taskRoles();
            const reads = allow("secretsmanager:GetSecretValue", SECRET_ARN);
            const decrypts = allow("kms:Decrypt", KEY_ARN);
            assert.deepEqual(
                await messagesOf([task, execution, td, rolePolicy(execution, [reads, decrypts])], RULE),
                [],
            );
        });

        it("rejects GetSecretValue on * in the execution role (mandatory)", async () => {
            const { task, execution, td } = taskRoles();
            const found = await violationsOf(
                [task, execution, td, rolePolicy(execution, [allow("secretsmanager:GetSecretValue", "*")])],
                RULE,
            );
            assert.deepEqual(
                found.map((v) => [v.enforcementLevel, v.urn, v.message]),
                [
                    [
                        "mandatory",
                        execution.urn,
                        'Role api-execution: RolePolicy api-execution-policy: policy statement 1 allows secretsmanager:GetSecretValue on "*"; name this stack\'s secret ARNs',
                    ],
                ],
            );
        });

        it("rejects secretsmanager:* on every secret of the account", async () => {
            const { task, execution, td } = taskRoles();
            const everySecret = `arn:aws:secretsmanager:ca-central-1:${ACCOUNT}:secret:*`;
            const grants = rolePolicy(execution, [allow("secretsmanager:*", everySecret)]);
            assert.deepEqual(await messagesOf([task, execution, td, grants], RULE), [
                `Role api-execution: RolePolicy api-execution-policy: policy statement 1 allows secretsmanager:GetSecretValue on "${everySecret}"; name this stack's secret ARNs`,
            ]);
        });

        it("rejects a task role reading secrets", async () => {
            const { task, execution, td } = taskRoles();
            assert.deepEqual(
                await messagesOf([task, execution, td, rolePolicy(task, [readSecrets(SECRET_ARN)])], RULE),
                [
                    "role api-task is no task definition's executionRoleArn but RolePolicy api-task-policy: policy statement 1 allows secretsmanager:GetSecretValue; only execution roles read secrets (guide: IAM Roles)",
                ],
            );
        });

        it("rejects kms:Decrypt on * in a standalone policy", async () => {
            const p = resource(
                POLICY,
                { policy: doc(allow("kms:Decrypt", "*")), tags: stackTags("staging") },
                { name: "decrypt" },
            );
            assert.deepEqual(await levelsOf([p], RULE), [
                [
                    "mandatory",
                    'Policy decrypt: policy statement 1 allows kms:Decrypt on "*"; name the key ARNs (arn:aws:kms:…:key/<id>)',
                ],
            ]);
        });
    });

    describe("iam-role-policy-conflicts", () => {
        const RULE = "iam-role-policy-conflicts";

        it("passes a role managed only through standalone policy resources", async () => {
            const task = role("api-task");
            assert.deepEqual(await messagesOf([task, rolePolicy(task, GUIDE_GRANTS)], RULE), []);
        });

        it("passes a role whose managedPolicyArns no attachment competes with", async () => {
            const task = role("api-task", { managedPolicyArns: [`arn:aws:iam::${ACCOUNT}:policy/api-grants`] });
            assert.deepEqual(await messagesOf([task], RULE), []);
        });

        it("rejects a role with inlinePolicies that a RolePolicy also targets (mandatory)", async () => {
            const task = role("api-task", {
                inlinePolicies: [{ name: "grants", policy: JSON.stringify(doc(...GUIDE_GRANTS)) }],
            });
            assert.deepEqual(await levelsOf([task, rolePolicy(task, GUIDE_GRANTS)], RULE), [
                [
                    "mandatory",
                    "role api-task sets inlinePolicies and is also the target of RolePolicy api-task-policy; the two overwrite each other: remove inlinePolicies (deprecated in v7) and keep the standalone resources",
                ],
            ]);
        });

        it("rejects an empty managedPolicyArns, which detaches what a PolicyAttachment attaches", async () => {
            const task = role("api-task", { managedPolicyArns: [] });
            const attachment = resource(
                POLICY_ATTACHMENT,
                { roles: ["api-task"], policyArn: `arn:aws:iam::${ACCOUNT}:policy/api-grants` },
                { name: "api-grants", from: { roles: [task] } },
            );
            assert.deepEqual(await messagesOf([task, attachment], RULE), [
                "role api-task sets managedPolicyArns and is also the target of PolicyAttachment api-grants; the two overwrite each other: remove managedPolicyArns (deprecated in v7) and keep the standalone resources",
            ]);
        });
    });

    describe("iam-roles-bounded", () => {
        const RULE = "iam-roles-bounded";
        const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT}:policy/boundaries/fraud-detector-prod-role-boundary`;
        /** The stack's boundary: a Policy under /boundaries/ (its wildcards cap, they grant nothing). */
        const boundary = (path = "/boundaries/") =>
            resource(
                POLICY,
                {
                    path,
                    policy: JSON.stringify(
                        doc(allow("ssmmessages:*", "*"), { Effect: "Deny", Action: "iam:*", Resource: "*" }),
                    ),
                    tags: stackTags(),
                },
                { name: "role-boundary" },
            );
        /** A role whose permissionsBoundary came from `policy`. */
        const bounded = (name: string, policy: PlanResource, environment = "production") =>
            resource(
                ROLE,
                { assumeRolePolicy: trust(), permissionsBoundary: BOUNDARY_ARN, tags: stackTags(environment) },
                { name, from: { permissionsBoundary: [policy] } },
            );
        const GITHUB_TRUST = JSON.stringify(
            doc({
                Effect: "Allow",
                Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
                Action: "sts:AssumeRoleWithWebIdentity",
            }),
        );

        it("passes a role bounded by the stack's boundary policy", async () => {
            const policy = boundary();
            assert.deepEqual(await messagesOf([policy, bounded("api-task", policy)], RULE), []);
        });

        it("passes a role naming an existing boundary under /boundaries/ by ARN", async () =>
            assert.deepEqual(await messagesOf([role("api-task", { permissionsBoundary: BOUNDARY_ARN })], RULE), []));

        it("passes the GitHub OIDC roles, which only an administrator changes", async () =>
            assert.deepEqual(await messagesOf([role("deploy-role", { assumeRolePolicy: GITHUB_TRUST })], RULE), []));

        it("rejects a role without a boundary (mandatory)", async () =>
            assert.deepEqual(await levelsOf([role("api-task")], RULE), [
                [
                    "mandatory",
                    "role api-task has permissionsBoundary unset; set it to the stack's boundary policy (RoleBoundary, under /boundaries/), which caps what the role can ever do",
                ],
            ]));

        it("reports a local role without a boundary as advisory", async () =>
            assert.deepEqual(
                (await levelsOf([role("api-task", {}, "local")], RULE)).map(([level]) => level),
                ["advisory"],
            ));

        it("rejects a role bounded by a policy outside /boundaries/", async () => {
            const policy = boundary("/");
            const found = resource(
                ROLE,
                {
                    assumeRolePolicy: trust(),
                    permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/anything-goes`,
                    tags: stackTags(),
                },
                { name: "api-task", from: { permissionsBoundary: [policy] } },
            );
            assert.deepEqual(await messagesOf([policy, found], RULE), [
                `role api-task has permissionsBoundary "arn:aws:iam::${ACCOUNT}:policy/anything-goes"; set it to the stack's boundary policy (RoleBoundary, under /boundaries/), which caps what the role can ever do`,
            ]);
        });

        it("rejects the boundary attached as a permission policy", async () => {
            const policy = boundary();
            const task = bounded("api-task", policy);
            const attachment = resource(
                ROLE_ATTACHMENT,
                { role: "api-task-id", policyArn: BOUNDARY_ARN },
                { name: "api-task-boundary", from: { role: [task], policyArn: [policy] } },
            );
            assert.deepEqual(await messagesOf([policy, task, attachment], RULE), [
                "api-task-boundary attaches a permissions boundary (a policy under /boundaries/) as a permission policy; a boundary only caps a role, attach a policy of grants instead",
            ]);
        });

        it("leaves the boundary's wildcards to this rule, but judges the same document elsewhere as a grant", async () => {
            assert.deepEqual(await messagesOf([boundary()], "iam-no-wildcards"), []);
            assert.deepEqual(await messagesOf([boundary("/")], "iam-no-wildcards"), [
                'policy statement 1 allows "ssmmessages:*"; name the actions the role needs instead of "*" or "service:*"',
            ]);
        });
    });
});
