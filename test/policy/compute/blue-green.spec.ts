import { strict as assert } from "assert";
import { messagesOf, resource, stackTags } from "../harness";
import { httpsListenerProps, LISTENER, Props, TARGET_GROUP, targetGroupProps } from "./fixtures";

const SERVICE = "aws:ecs/service:Service";
const LISTENER_RULE = "aws:lb/listenerRule:ListenerRule";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const RULE_ID = "ecs-blue-green-switches";

/** An alarm `name` on `metricName`, or metric math over it when `math`. */
function alarm(name: string, metricName: string, math = false) {
    const metric = { namespace: "AWS/ApplicationELB", metricName, stat: "Sum", period: 60 };
    return resource(
        ALARM,
        math
            ? {
                  name,
                  metricQueries: [
                      { id: "m0", metric, returnData: false },
                      { id: "e1", expression: "SUM([m0])" },
                  ],
              }
            : { name, ...metric, statistic: "Sum" },
    );
}

/**
 * A BLUE_GREEN service with its two groups, the production rule (forwarding to `ruleGroups`, by
 * default both) on a listener with `defaultActions`, and rolling back on `alarms`.
 */
function blueGreen(
    options: { ruleGroups?: "both" | "blue"; defaultActions?: Props[]; alarms?: ReturnType<typeof alarm>[] } = {},
) {
    const blue = resource(TARGET_GROUP, targetGroupProps(), { name: "fd-prod-blue" });
    const green = resource(TARGET_GROUP, targetGroupProps(), { name: "fd-prod-green" });
    const listener = resource(
        LISTENER,
        { ...httpsListenerProps(), defaultActions: options.defaultActions ?? [{ type: "forward" }] },
        { name: "https", from: { defaultActions: [blue, green] } },
    );
    const forwarded = options.ruleGroups === "blue" ? [blue] : [blue, green];
    const rule = resource(
        LISTENER_RULE,
        { actions: [{ type: "forward" }], tags: stackTags() },
        { name: "production-rule", from: { listenerArn: [listener], actions: forwarded } },
    );
    const alarms = options.alarms ?? [alarm("FraudDetector-ReleaseServerErrors", "HTTPCode_Target_5XX_Count", true)];
    const service = resource(
        SERVICE,
        {
            name: "fraud-api",
            deploymentConfiguration: { strategy: "BLUE_GREEN" },
            alarms: { alarmNames: alarms.map((a) => a.inputs.name), enable: true, rollback: true },
            tags: stackTags(),
        },
        { name: "fraud-api", from: { loadBalancers: [blue, green, rule] } },
    );
    return [blue, green, listener, rule, service, ...alarms];
}

describe("policy: compute: ecs-blue-green-switches", () => {
    it("passes a service whose rule names both groups, whose listener forwards only, rolling back on 5XX", async () =>
        assert.deepEqual(await messagesOf(blueGreen(), RULE_ID), []));

    it("reports a production rule that forwards to blue only", async () =>
        assert.deepEqual(await messagesOf(blueGreen({ ruleGroups: "blue" }), RULE_ID), [
            'ListenerRule production-rule does not forward to TargetGroup fd-prod-green; ECS shifts weights only between the groups the production rule names: set actions: [{ type: "forward", forward: { targetGroups: [{ arn: <live group>, weight: 100 }, { arn: <alternate group>, weight: 0 }] } }]',
        ]));

    it("reports a listener whose default action is a fixed 404", async () =>
        assert.deepEqual(await messagesOf(blueGreen({ defaultActions: [{ type: "fixed-response" }] }), RULE_ID), [
            'Listener https of the production rule has default actions ["fixed-response"]; ECS fails a blue/green deployment on a listener that mixes forward with other actions: forward the default action to the same target groups',
        ]));

    it("reports a rollback alarm on the load balancer's 4XX, single metric or metric math", async () =>
        assert.deepEqual(
            await messagesOf(
                blueGreen({
                    alarms: [
                        alarm("FraudDetector-HighErrorRate", "HTTPCode_Target_4XX_Count"),
                        alarm("FraudDetector-EdgeErrors", "HTTPCode_ELB_4XX_Count", true),
                    ],
                }),
                RULE_ID,
            ),
            [
                "Service fraud-api rolls back on FraudDetector-HighErrorRate, which counts HTTPCode_Target_4XX_Count: clients' errors roll good releases back; roll back on target 5XX or unhealthy hosts of its target groups",
                "Service fraud-api rolls back on FraudDetector-EdgeErrors, which counts HTTPCode_ELB_4XX_Count: clients' errors roll good releases back; roll back on target 5XX or unhealthy hosts of its target groups",
            ],
        ));

    it("reports a BLUE_GREEN service with no production rule of the stack", async () => {
        const resources = blueGreen().filter((r) => r.type !== LISTENER_RULE);
        assert.deepEqual(await messagesOf(resources, RULE_ID), [
            "Service fraud-api deploys BLUE_GREEN but no listener rule of this stack is its loadBalancers[].advancedConfiguration.productionListenerRule; create the rule and pass its ARN",
        ]);
    });

    it("ignores a rolling service", async () =>
        assert.deepEqual(
            await messagesOf([resource(SERVICE, { name: "fraud-worker", tags: stackTags() })], RULE_ID),
            [],
        ));
});
