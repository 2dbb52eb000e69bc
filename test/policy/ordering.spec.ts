import { strict as assert } from "assert";
import { PlanResource } from "../../plan/engine/contract";
import { levelsOf, messagesOf, resource, stackTags } from "./harness";

const RULE = "create-time-ordering";

/** `r` with an explicit `dependsOn` on `deps`, beside the dependencies its inputs bring. */
function dependingOn(r: PlanResource, ...deps: PlanResource[]): PlanResource {
    return { ...r, options: { ...r.options, dependsOn: [...r.options.dependsOn, ...deps.map((d) => d.urn)] } };
}

/** `r` as a child of `parent`. */
function childOf(r: PlanResource, parent: PlanResource): PlanResource {
    return { ...r, parent: parent.urn };
}

describe("policy: create-time-ordering", () => {
    describe("rds-monitoring-role-policy", () => {
        const role = resource("aws:iam/role:Role", { tags: stackTags() }, { name: "monitoring" });
        const attachment = resource(
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            { policyArn: "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole" },
            { name: "monitoring-policy", from: { role: [role] } },
        );
        const instance = resource(
            "aws:rds/instance:Instance",
            { monitoringInterval: 60, tags: stackTags() },
            { name: "db", from: { monitoringRoleArn: [role] } },
        );

        it("passes an instance that depends on its monitoring role's policy attachment", async () => {
            assert.deepEqual(await messagesOf([role, attachment, dependingOn(instance, attachment)], RULE), []);
        });

        it("rejects an instance that only takes the role's ARN, mandatory in every stack", async () => {
            assert.deepEqual(await levelsOf([role, attachment, instance], RULE), [
                [
                    "mandatory",
                    "Instance db does not wait for RolePolicyAttachment monitoring-policy, so both may be created at once; RDS checks the enhanced-monitoring role's permissions when the instance is created: a role whose AmazonRDSEnhancedMonitoringRole attachment is not there yet is refused with InvalidParameterValue. Add dependsOn: [RolePolicyAttachment monitoring-policy] to Instance db (create-time ordering rds-monitoring-role-policy)",
                ],
            ]);
        });
    });

    describe("rds-log-groups", () => {
        const group = resource(
            "aws:cloudwatch/logGroup:LogGroup",
            { name: "/aws/rds/instance/db1/postgresql", tags: stackTags("local") },
            { name: "db-postgresql" },
        );
        const instance = resource(
            "aws:rds/instance:Instance",
            { identifier: "db1", enabledCloudwatchLogsExports: ["postgresql"], tags: stackTags("local") },
            { name: "db" },
        );

        it("passes an instance created after the log group of its exported log", async () => {
            assert.deepEqual(await messagesOf([group, dependingOn(instance, group)], RULE), []);
        });

        it("rejects an instance that may export before its log group exists, mandatory in local too", async () => {
            assert.deepEqual(await levelsOf([group, instance], RULE), [
                [
                    "mandatory",
                    "Instance db does not wait for LogGroup db-postgresql, so both may be created at once; RDS creates /aws/rds/instance/<identifier>/<log type> itself, with no retention and no key, as soon as it exports a log; the program's own log group created after that is refused with ResourceAlreadyExistsException. Add dependsOn: [LogGroup db-postgresql] to Instance db (create-time ordering rds-log-groups)",
                ],
            ]);
        });
    });

    describe("s3-replication-versioning", () => {
        const source = resource("aws:s3/bucket:Bucket", { tags: stackTags() }, { name: "models" });
        const destination = resource("aws:s3/bucket:Bucket", { tags: stackTags() }, { name: "backup" });
        const versioning = (bucket: PlanResource) =>
            resource(
                "aws:s3/bucketVersioning:BucketVersioning",
                { versioningConfiguration: { status: "Enabled" } },
                { name: `${bucket.name}-versioning`, from: { bucket: [bucket] } },
            );
        const sourceVersioning = versioning(source);
        const destinationVersioning = versioning(destination);
        const replication = resource(
            "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
            { rules: [{ status: "Enabled" }] },
            { name: "replication", from: { bucket: [source], rules: [destination] } },
        );
        const buckets = [source, destination, sourceVersioning, destinationVersioning];

        it("passes a replication configuration created after both buckets' versioning", async () => {
            const ordered = dependingOn(replication, sourceVersioning, destinationVersioning);
            assert.deepEqual(await messagesOf([...buckets, ordered], RULE), []);
        });

        it("rejects one that waits for the source's versioning only", async () => {
            assert.deepEqual(await messagesOf([...buckets, dependingOn(replication, sourceVersioning)], RULE), [
                "BucketReplicationConfig replication does not wait for BucketVersioning backup-versioning, so both may be created at once; S3 refuses a replication configuration unless versioning is already enabled on the source and the destination bucket. Add dependsOn: [BucketVersioning backup-versioning] to BucketReplicationConfig replication (create-time ordering s3-replication-versioning)",
            ]);
        });
    });

    describe("ecs-service-target-group-listener", () => {
        const tg = resource("aws:lb/targetGroup:TargetGroup", { tags: stackTags() }, { name: "blue" });
        const listener = resource("aws:lb/listener:Listener", { tags: stackTags() }, { name: "https" });
        const rule = resource(
            "aws:lb/listenerRule:ListenerRule",
            { actions: [{ type: "forward" }], tags: stackTags() },
            { name: "production-rule", from: { actions: [tg], listenerArn: [listener] } },
        );
        const service = resource(
            "aws:ecs/service:Service",
            { name: "fraud-api", tags: stackTags() },
            { name: "api", from: { loadBalancers: [tg] } },
        );

        it("passes a service that waits for the listener rule forwarding to its target group", async () => {
            assert.deepEqual(await messagesOf([tg, listener, rule, dependingOn(service, rule)], RULE), []);
        });

        it("passes a service whose parent component waits for that rule", async () => {
            const component = dependingOn(
                resource("fraud-detector:compute:ApplicationService", {}, { name: "api-component", custom: false }),
                rule,
            );
            assert.deepEqual(await messagesOf([tg, listener, rule, component, childOf(service, component)], RULE), []);
        });

        it("rejects a service that may be created before any listener forwards to its target group", async () => {
            assert.deepEqual(await messagesOf([tg, listener, rule, service], RULE), [
                'Service api does not wait for ListenerRule production-rule, so both may be created at once; ECS refuses a service whose target group no listener forwards to yet: InvalidParameterException "The target group ... does not have an associated load balancer". Add dependsOn: [ListenerRule production-rule] to Service api (create-time ordering ecs-service-target-group-listener)',
            ]);
        });
    });

    describe("ecs-service-capacity-provider", () => {
        const provider = resource("aws:ecs/capacityProvider:CapacityProvider", { tags: stackTags() }, { name: "ec2" });
        const registration = resource(
            "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders",
            { capacityProviders: ["FARGATE", "ec2-abc1234"] },
            { name: "capacity", from: { capacityProviders: [provider] } },
        );
        const service = resource(
            "aws:ecs/service:Service",
            { name: "fraud-worker", tags: stackTags() },
            { name: "worker", from: { capacityProviderStrategies: [provider] } },
        );

        it("passes a service that waits for the provider's registration on the cluster", async () => {
            assert.deepEqual(await messagesOf([provider, registration, dependingOn(service, registration)], RULE), []);
        });

        it("rejects a service that names the provider before the cluster has it", async () => {
            assert.deepEqual(await messagesOf([provider, registration, service], RULE), [
                "Service worker does not wait for ClusterCapacityProviders capacity, so both may be created at once; ECS refuses a capacity provider strategy that names a provider not yet associated with the cluster. Add dependsOn: [ClusterCapacityProviders capacity] to Service worker (create-time ordering ecs-service-capacity-provider)",
            ]);
        });
    });

    describe("alb-access-logs-bucket-policy", () => {
        const bucket = resource("aws:s3/bucket:Bucket", { tags: stackTags() }, { name: "logs" });
        const policy = resource(
            "aws:s3/bucketPolicy:BucketPolicy",
            { policy: "{}" },
            { name: "logs-policy", from: { bucket: [bucket] } },
        );
        const alb = resource(
            "aws:lb/loadBalancer:LoadBalancer",
            { accessLogs: { enabled: true, bucket: "logs" }, tags: stackTags() },
            { name: "alb", from: { accessLogs: [bucket] } },
        );

        it("passes a load balancer created after its log bucket's policy", async () => {
            assert.deepEqual(await messagesOf([bucket, policy, dependingOn(alb, policy)], RULE), []);
        });

        it("rejects one that may turn access logs on before the bucket admits them", async () => {
            assert.deepEqual(await messagesOf([bucket, policy, alb], RULE), [
                "LoadBalancer alb does not wait for BucketPolicy logs-policy, so both may be created at once; Elastic Load Balancing tests its write access to the log bucket when access logs are turned on, and refuses the attribute while the bucket policy does not grant it. Add dependsOn: [BucketPolicy logs-policy] to LoadBalancer alb (create-time ordering alb-access-logs-bucket-policy)",
            ]);
        });
    });
});
