import { strict as assert } from "assert";
import { messagesOf, resource, stackTags } from "../harness";
import { levelsOf, SECRET_ARN, TASK, taskProps, taskStack } from "./fixtures";

describe("policy: compute", () => {
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
});
