import { strict as assert } from "assert";
import { messagesOf, resource, stackTags, violationsOf } from "../harness";
import { albProps, LB, levelsOf, TARGET_GROUP, targetGroupProps } from "./fixtures";

const ALB = "aws:alb/loadBalancer:LoadBalancer";

describe("policy: compute", () => {
    describe("alb-access-logs", () => {
        const bucket = () => resource("aws:s3/bucket:Bucket", { tags: stackTags() });

        it("passes a load balancer logging to a bucket of the stack", async () => {
            const logs = bucket();
            const alb = resource(ALB, albProps(), { from: { accessLogs: [logs] } });
            assert.deepEqual(await messagesOf([logs, alb], "alb-access-logs"), []);
        });

        it("rejects access logs left off, mandatory in production", async () => {
            const logs = bucket();
            const alb = resource(
                LB,
                { ...albProps(), accessLogs: { bucket: "fraud-detector-production-logs" } },
                { from: { accessLogs: [logs] } },
            );
            assert.deepEqual(await levelsOf([logs, alb], "alb-access-logs"), [
                [
                    "mandatory",
                    "accessLogs.enabled is unset (off by default, even with a bucket); set accessLogs: { enabled: true, bucket: <the log bucket> }",
                ],
            ]);
        });

        it("rejects logs sent to a bucket the stack does not manage", async () => {
            const alb = resource(LB, albProps());
            assert.deepEqual(await messagesOf([alb], "alb-access-logs"), [
                'accessLogs.bucket is "fraud-detector-production-logs", not a bucket of this stack; set it to the project\'s log bucket (its bucket output)',
            ]);
        });
    });

    describe("alb-deletion-protection", () => {
        it("passes a load balancer with deletion protection", async () => {
            assert.deepEqual(await messagesOf([resource(ALB, albProps())], "alb-deletion-protection"), []);
        });

        it("rejects the provider's default, mandatory in staging", async () => {
            const alb = resource(LB, { ...albProps("staging"), enableDeletionProtection: undefined });
            assert.deepEqual(await levelsOf([alb], "alb-deletion-protection"), [
                ["mandatory", "enableDeletionProtection is unset (off by default); set enableDeletionProtection: true"],
            ]);
        });

        it("rejects deletion protection turned off, advisory in local", async () => {
            const alb = resource(ALB, { ...albProps("local"), enableDeletionProtection: false });
            assert.deepEqual(await levelsOf([alb], "alb-deletion-protection"), [
                ["advisory", "enableDeletionProtection is false (off by default); set enableDeletionProtection: true"],
            ]);
        });
    });

    describe("alb-desync-protection", () => {
        it("passes an ALB dropping invalid headers in defensive mode", async () => {
            assert.deepEqual(await messagesOf([resource(LB, albProps())], "alb-desync-protection"), []);
        });

        it("rejects an ALB that keeps invalid header fields, mandatory in production", async () => {
            const alb = resource(ALB, { ...albProps(), dropInvalidHeaderFields: undefined });
            assert.deepEqual(await levelsOf([alb], "alb-desync-protection"), [
                ["mandatory", "dropInvalidHeaderFields is unset (off by default); set dropInvalidHeaderFields: true"],
            ]);
        });

        it("rejects desync mitigation in monitor mode", async () => {
            const alb = resource(LB, { ...albProps(), desyncMitigationMode: "monitor" });
            assert.deepEqual(await messagesOf([alb], "alb-desync-protection"), [
                'desyncMitigationMode is "monitor"; set "defensive" (the default) or "strictest"',
            ]);
        });

        it("does not judge a network load balancer, which has neither setting", async () => {
            const nlb = resource(LB, {
                ...albProps(),
                loadBalancerType: "network",
                dropInvalidHeaderFields: undefined,
            });
            assert.deepEqual(await messagesOf([nlb], "alb-desync-protection"), []);
        });
    });

    describe("alb-availability", () => {
        it("passes one public ALB over two subnets, an internal one and an ip target group on /health", async () => {
            const resources = [
                resource(LB, albProps()),
                resource(ALB, {
                    ...albProps(),
                    internal: true,
                    subnetMappings: [{ subnetId: "a" }, { subnetId: "b" }],
                    subnets: undefined,
                }),
                resource(TARGET_GROUP, targetGroupProps()),
            ];
            assert.deepEqual(await messagesOf(resources, "alb-availability"), []);
        });

        it("rejects a second internet-facing load balancer", async () => {
            const first = resource(LB, albProps(), { name: "public" });
            const second = resource(ALB, albProps(), { name: "other" });
            const found = await violationsOf([first, second], "alb-availability");
            assert.deepEqual(
                found.map((v) => [v.urn, v.message]),
                [
                    [
                        second.urn,
                        "LoadBalancer other is a second internet-facing load balancer (besides LoadBalancer public); keep one public ALB and set internal: true on the others",
                    ],
                ],
            );
        });

        it("rejects an ALB in a single subnet, advisory in staging", async () => {
            const alb = resource(LB, { ...albProps("staging"), subnets: ["subnet-public-a"] });
            assert.deepEqual(await levelsOf([alb], "alb-availability"), [
                ["advisory", "the load balancer spans 1 subnet(s); list the public subnets of both AZs in subnets"],
            ]);
        });

        it("rejects an ALB without its own security group", async () => {
            const alb = resource(LB, { ...albProps(), securityGroups: undefined });
            assert.deepEqual(await messagesOf([alb], "alb-availability"), [
                "securityGroups is unset; attach the ALB's own security group",
            ]);
        });

        it("rejects a network load balancer as the public entry point", async () => {
            const nlb = resource(LB, { ...albProps(), loadBalancerType: "network", securityGroups: undefined });
            assert.deepEqual(await messagesOf([nlb], "alb-availability"), [
                'loadBalancerType is "network"; the public entry point is an application load balancer',
            ]);
        });

        it("rejects instance targets, mandatory in production", async () => {
            const tg = resource(TARGET_GROUP, { ...targetGroupProps(), targetType: undefined });
            assert.deepEqual(await levelsOf([tg], "alb-availability"), [
                ["mandatory", 'targetType is unset (unset means "instance"); set targetType: "ip" for awsvpc tasks'],
            ]);
        });

        it("rejects a health check on the default path", async () => {
            const tg = resource(TARGET_GROUP, { ...targetGroupProps(), healthCheck: { enabled: true } });
            assert.deepEqual(await messagesOf([tg], "alb-availability"), [
                'healthCheck.path is unset (unset means "/"); set healthCheck.path: "/health"',
            ]);
        });

        it("rejects a disabled health check", async () => {
            const tg = resource(TARGET_GROUP, {
                ...targetGroupProps(),
                healthCheck: { enabled: false, path: "/health" },
            });
            assert.deepEqual(await messagesOf([tg], "alb-availability"), [
                'healthCheck.enabled is false; set healthCheck: { enabled: true, path: "/health" }',
            ]);
        });

        it("rejects a TCP health check", async () => {
            const tg = resource(TARGET_GROUP, {
                ...targetGroupProps(),
                healthCheck: { path: "/health", protocol: "TCP" },
            });
            assert.deepEqual(await messagesOf([tg], "alb-availability"), [
                'healthCheck.protocol is "TCP"; use an HTTP health check',
            ]);
        });

        it("rejects a matcher that counts errors as healthy", async () => {
            const tg = resource(TARGET_GROUP, {
                ...targetGroupProps(),
                healthCheck: { path: "/health", matcher: "200-499" },
            });
            assert.deepEqual(await messagesOf([tg], "alb-availability"), [
                'healthCheck.matcher is "200-499"; accept only 2xx (or 3xx) answers, e.g. "200"',
            ]);
        });
    });
});
