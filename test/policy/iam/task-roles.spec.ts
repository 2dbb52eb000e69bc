import { strict as assert } from "assert";
import { levelsOf, messagesOf, resource, stackTags, violationsOf } from "../harness";
import {
    ACCOUNT,
    allow,
    doc,
    GUIDE_GRANTS,
    HAIKU,
    MODELS_OBJECTS,
    POLICY,
    POLICY_ATTACHMENT,
    ROLE_ATTACHMENT,
    ROLE_POLICY,
    rolePolicy,
    TASK_DEFINITION,
    taskRoles,
} from "./fixtures";

describe("policy: iam", () => {
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
});
