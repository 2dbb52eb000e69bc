import { strict as assert } from "assert";
import { keySettings, physicalName, protectionFlags } from "../../plan/engine/resource-summary";
import { onlyOf, planOf, resourcesOf } from "../helpers/plan";

describe("resource summary shared by the readable plan and the report", () => {
    const plan = planOf("production");

    it("names a task definition by its family, but never a parameter group by its engine family", () => {
        const api = resourcesOf(plan, "aws:ecs/taskDefinition:TaskDefinition").find((r) =>
            r.name.includes("fraud-api"),
        );
        assert.equal(api && physicalName(api), "fraud-api");
        // The group's name is the provider's auto-name, an input as in a real preview; never "postgres15".
        assert.match(
            String(physicalName(onlyOf(plan, "aws:rds/parameterGroup:ParameterGroup"))),
            /^fraud-detector-prod-database-params-[0-9a-f]{7}$/,
        );
    });

    it("names the Redis replication group by its id", () => {
        const redis = onlyOf(plan, "aws:elasticache/replicationGroup:ReplicationGroup");
        assert.equal(physicalName(redis), "fraud-detector-prod");
    });

    it("picks the database's key settings in the table's order, with values as text", () => {
        const settings = keySettings(onlyOf(plan, "aws:rds/instance:Instance"));
        assert.deepEqual(settings.slice(0, 3), [
            { key: "instanceClass", value: "db.r5.large" },
            { key: "engineVersion", value: "15" },
            { key: "multiAz", value: "true" },
        ]);
    });

    it("follows dotted paths into objects and joins lists of scalars", () => {
        const vpc = onlyOf(plan, "awsx:ec2:Vpc");
        assert.deepEqual(keySettings(vpc), [
            { key: "cidrBlock", value: "10.0.0.0/16" },
            { key: "availabilityZoneNames", value: "ca-central-1a, ca-central-1b" },
            { key: "natGateways.strategy", value: "OnePerAz" },
        ]);
    });

    it("has no key settings for a type the table does not list", () => {
        assert.deepEqual(keySettings(onlyOf(plan, "pulumi:pulumi:Stack")), []);
    });

    it("words protect and retainOnDelete as flags", () => {
        const bucket = resourcesOf(plan, "aws:s3/bucket:Bucket")[0];
        assert.deepEqual(protectionFlags(bucket), ["protected", "retained on delete"]);
        assert.deepEqual(protectionFlags(onlyOf(plan, "aws:sns/topic:Topic")), []);
    });
});
