import { strict as assert } from "assert";
import { alertTopic } from "./fixtures";
import { levelsOf, messagesOf, resource, stackTags } from "../harness";

const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";

const ECS_SERVICE = "aws:ecs/service:Service";

describe("policy: observability", () => {
    describe("dashboard-per-guide", () => {
        const RULE = "dashboard-per-guide";
        const API_CPU = ["AWS/ECS", "CPUUtilization", "ClusterName", "fraud-detector-prod", "ServiceName", "fraud-api"];
        const API_MEMORY = [".", "MemoryUtilization", ".", ".", ".", "."];
        const body = (metrics: unknown[][], region = "ca-central-1") =>
            JSON.stringify({
                widgets: [{ type: "metric", properties: { metrics, period: 300, stat: "Average", region } }],
            });
        const dashboard = (dashboardBody: string, dashboardName = "FraudDetector-Production") =>
            resource(DASHBOARD, { dashboardName, dashboardBody }, { name: "dashboard" });
        const service = (environment = "production") =>
            resource(ECS_SERVICE, { name: "fraud-api", tags: stackTags(environment) }, { name: "fraud-api" });

        it("passes the guide's dashboard charting fraud-api CPU and memory", async () => {
            assert.deepEqual(await messagesOf([service(), dashboard(body([API_CPU, API_MEMORY]))], RULE), []);
        });

        it("names the staging dashboard FraudDetector-Staging", async () => {
            const staging = dashboard(body([API_CPU, API_MEMORY]), "FraudDetector-Staging");
            assert.deepEqual(await messagesOf([service("staging"), staging], RULE), []);
        });

        it("requires no dashboard while the stack has no ECS service", async () => {
            assert.deepEqual(await messagesOf([alertTopic()], RULE), []);
        });

        it("rejects a production stack whose dashboard has another name (mandatory)", async () => {
            const other = dashboard(body([API_CPU, API_MEMORY]), "fraud-ops");
            assert.deepEqual(await levelsOf([service(), other], RULE), [
                [
                    "mandatory",
                    'no dashboard is named "FraudDetector-Production" (found ["fraud-ops"]); create an aws.cloudwatch.Dashboard with dashboardName "FraudDetector-Production" charting fraud-api\'s AWS/ECS CPU and memory',
                ],
            ]);
        });

        it("only advises in staging, where the rule is production-only", async () => {
            assert.deepEqual(await levelsOf([service("staging")], RULE), [
                [
                    "advisory",
                    'no dashboard is named "FraudDetector-Staging"; create an aws.cloudwatch.Dashboard with dashboardName "FraudDetector-Staging" charting fraud-api\'s AWS/ECS CPU and memory',
                ],
            ]);
        });

        it("rejects a dashboard without fraud-api's memory", async () => {
            assert.deepEqual(await messagesOf([service(), dashboard(body([API_CPU]))], RULE), [
                'dashboard FraudDetector-Production does not chart AWS/ECS MemoryUtilization of ServiceName fraud-api in ca-central-1; add ["AWS/ECS", "MemoryUtilization", "ClusterName", <cluster>, "ServiceName", "fraud-api"] to a metric widget with region "ca-central-1"',
            ]);
        });

        it("rejects a dashboard charting another region", async () => {
            const messages = await messagesOf([service(), dashboard(body([API_CPU, API_MEMORY], "us-east-1"))], RULE);
            assert.deepEqual(messages, [
                'dashboard FraudDetector-Production does not chart AWS/ECS CPUUtilization of ServiceName fraud-api in ca-central-1; add ["AWS/ECS", "CPUUtilization", "ClusterName", <cluster>, "ServiceName", "fraud-api"] to a metric widget with region "ca-central-1"',
                'dashboard FraudDetector-Production does not chart AWS/ECS MemoryUtilization of ServiceName fraud-api in ca-central-1; add ["AWS/ECS", "MemoryUtilization", "ClusterName", <cluster>, "ServiceName", "fraud-api"] to a metric widget with region "ca-central-1"',
            ]);
        });
    });
});
