import { strict as assert } from "assert";
import { CURATED_SETTINGS, EVERY_TYPE, settingsOf } from "../../../plan/diff/settings";
import { fixturePlan } from "./fixtures";

/** The settings issue #7 names, by type: the curated table must keep each. */
const REQUIRED: ReadonlyArray<[string, string]> = [
    ["aws:rds/instance:Instance", "instanceClass"],
    ["aws:rds/instance:Instance", "multiAz"],
    ["aws:rds/instance:Instance", "allocatedStorage"],
    ["aws:rds/instance:Instance", "backupRetentionPeriod"],
    ["aws:rds/instance:Instance", "deletionProtection"],
    ["aws:rds/instance:Instance", "performanceInsightsEnabled"],
    ["aws:rds/instance:Instance", "monitoringInterval"],
    ["aws:elasticache/replicationGroup:ReplicationGroup", "nodeType"],
    ["aws:elasticache/replicationGroup:ReplicationGroup", "numCacheClusters"],
    ["aws:elasticache/replicationGroup:ReplicationGroup", "automaticFailoverEnabled"],
    ["aws:elasticache/replicationGroup:ReplicationGroup", "multiAzEnabled"],
    ["aws:ecs/service:Service", "desiredCount"],
    ["aws:ecs/service:Service", "capacityProvider"],
    ["aws:ecs/service:Service", "launchType"],
    ["aws:ecs/taskDefinition:TaskDefinition", "cpu"],
    ["aws:ecs/taskDefinition:TaskDefinition", "memory"],
    ["aws:appautoscaling/target:Target", "minCapacity"],
    ["aws:appautoscaling/target:Target", "maxCapacity"],
    ["awsx:ec2:Vpc", "natGateways.strategy"],
    ["awsx:ec2:Vpc", "availabilityZones"],
    ["awsx:ec2:Vpc", "vpcEndpoints"],
    ["aws:cloudwatch/logGroup:LogGroup", "retentionInDays"],
    ["aws:ec2/instance:Instance", "instanceType"],
    ["aws:budgets/budget:Budget", "limitAmount"],
    ["aws:lb/loadBalancer:LoadBalancer", "enableDeletionProtection"],
    ["aws:lb/loadBalancer:LoadBalancer", "accessLogs.enabled"],
    ["aws:s3/bucket:Bucket", "replication"],
    [EVERY_TYPE, "protect"],
    [EVERY_TYPE, "retainOnDelete"],
];

const readerOf = (type: string, setting: string) => settingsOf(type).find(([name]) => name === setting)?.[1];

describe("plan diff: curated settings", () => {
    it("keeps every setting the issue names", () => {
        const missing = REQUIRED.filter(([type, setting]) => CURATED_SETTINGS[type]?.[setting] === undefined);
        assert.deepEqual(missing, []);
    });

    it("gives every type its own settings first, then protect and retainOnDelete", () => {
        assert.deepEqual(
            settingsOf("aws:ec2/instance:Instance").map(([name]) => name),
            ["instanceType", "protect", "retainOnDelete"],
        );
        assert.deepEqual(
            settingsOf("aws:iam/role:Role").map(([name]) => name),
            ["protect", "retainOnDelete"],
        );
    });

    it("reads a nested input by its dotted path", () => {
        const plan = fixturePlan("production", "p", [
            { type: "awsx:ec2:Vpc", name: "network-vpc", inputs: { natGateways: { strategy: "OnePerAz" } } },
        ]);
        const vpc = plan.resources[2];
        assert.equal(readerOf("awsx:ec2:Vpc", "natGateways.strategy")?.(vpc, plan), "OnePerAz");
        assert.equal(readerOf("awsx:ec2:Vpc", "availabilityZones")?.(vpc, plan), undefined);
    });

    it("lists the services the VPC has endpoints for, sorted, and only endpoints in that VPC", () => {
        const endpoint = (name: string, vpcId: string, serviceName: string) => ({
            type: "aws:ec2/vpcEndpoint:VpcEndpoint",
            name,
            inputs: { vpcId, serviceName },
        });
        const plan = fixturePlan("production", "p", [
            { type: "awsx:ec2:Vpc", name: "network-vpc", custom: false, outputs: { vpcId: "vpc-1" } },
            endpoint("endpoints-logs", "vpc-1", "com.amazonaws.ca-central-1.logs"),
            endpoint("endpoints-s3", "vpc-1", "com.amazonaws.ca-central-1.s3"),
            endpoint("other-ecr", "vpc-2", "com.amazonaws.ca-central-1.ecr.api"),
        ]);
        assert.deepEqual(readerOf("awsx:ec2:Vpc", "vpcEndpoints")?.(plan.resources[2], plan), ["logs", "s3"]);
    });

    it("names where a bucket replicates to, and nothing for a bucket that does not", () => {
        const plan = fixturePlan("production", "p", [
            { type: "aws:s3/bucket:Bucket", name: "models", id: "p-models" },
            { type: "aws:s3/bucket:Bucket", name: "backup", id: "p-backup" },
            {
                type: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
                name: "replication",
                inputs: { bucket: "p-models", rules: [{ destination: { bucket: "arn:aws:s3:::p-backup" } }] },
            },
        ]);
        const replication = readerOf("aws:s3/bucket:Bucket", "replication");
        assert.deepEqual(replication?.(plan.resources[2], plan), ["arn:aws:s3:::p-backup"]);
        assert.deepEqual(replication?.(plan.resources[3], plan), []);
    });
});
