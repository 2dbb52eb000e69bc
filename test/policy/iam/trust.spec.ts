import { strict as assert } from "assert";
import { levelsOf, messagesOf } from "../harness";
import { ACCOUNT, Doc, role, taskDefinition, taskRoles, trust } from "./fixtures";

describe("policy: iam", () => {
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
});
