import { strict as assert } from "assert";
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { awsvpcTasksPerHost } from "../../facts/aws/ecs-capacity";
import { CREATE_TIME_ORDERINGS, rdsLogGroupName } from "../../facts/aws/create-time-ordering";
import { INSTANCE_TYPES } from "../../facts/aws/instance-network";
import { MATCHERS } from "../../policy/rules/ordering";
import { ROOT } from "../helpers/plan";

/** The facts files this part of issue #11 added. */
const FILES = ["instance-network.ts", "ecs-capacity.ts", "create-time-ordering.ts"];

describe("facts: EC2 capacity and create-time ordering", () => {
    it("counts 2 awsvpc tasks on a t3.medium: 3 network interfaces less the host's primary one", () => {
        assert.equal(awsvpcTasksPerHost("t3.medium"), 2);
    });

    it("counts 1 task on a t3.micro and 3 on a t3.xlarge (2 and 4 interfaces)", () => {
        assert.deepEqual([awsvpcTasksPerHost("t3.micro"), awsvpcTasksPerHost("t3.xlarge")], [1, 3]);
    });

    it("gives t3 nothing more with trunking on, which ECS does not support on t3", () => {
        assert.equal(awsvpcTasksPerHost("t3.medium", true), 2);
    });

    it("gives an m5.large ECS's trunking limit of 10 tasks, 2 without", () => {
        assert.deepEqual([awsvpcTasksPerHost("m5.large", true), awsvpcTasksPerHost("m5.large")], [10, 2]);
    });

    it("cannot count an instance type without a row", () => {
        assert.equal(awsvpcTasksPerHost("t3.huge"), undefined);
    });

    it("has the t3 family and the staging host type, each with positive numbers", () => {
        for (const type of ["t3.nano", "t3.micro", "t3.small", "t3.medium", "t3.large", "t3.xlarge", "t3.2xlarge"]) {
            const row = INSTANCE_TYPES[type];
            assert.ok(row, type);
            assert.ok(row.vcpus > 0 && row.memoryMiB > 0 && row.maxNetworkInterfaces > 1 && row.ipv4PerInterface > 0);
        }
    });

    it("names RDS's log groups as RDS does", () => {
        assert.equal(
            rdsLogGroupName("fraud-detector-prod", "postgresql"),
            "/aws/rds/instance/fraud-detector-prod/postgresql",
        );
    });

    it("cites a source for every ordering pair, and every pair has a matcher in the policy pack", () => {
        for (const pair of CREATE_TIME_ORDERINGS) {
            assert.match(pair.source.url, /^(https:\/\/docs\.aws\.amazon\.com\/|[\w-]+\/[\w-]+:)/, pair.id);
            assert.ok(pair.source.says.length > 40, pair.id);
        }
        assert.deepEqual(CREATE_TIME_ORDERINGS.map((p) => p.id).sort(), Object.keys(MATCHERS).sort());
    });

    it("keeps the facts a bottom layer: they import only each other", () => {
        const dir = join(ROOT, "facts", "aws");
        const present = readdirSync(dir).filter((f) => FILES.includes(f));
        assert.deepEqual(present.sort(), [...FILES].sort());
        for (const file of present) {
            const imports = [...readFileSync(join(dir, file), "utf8").matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
            assert.deepEqual(
                imports.filter((i) => !i.startsWith("./")),
                [],
                file,
            );
        }
    });
});
