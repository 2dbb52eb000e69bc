import { strict as assert } from "assert";
import type { PlanDiff } from "../../../plan/diff/contract";
import { formatValue, renderDiff, summarize } from "../../../plan/diff/render";

const DIFF: PlanDiff = {
    from: "staging",
    to: "production",
    components: [
        {
            component: "cache",
            type: "fraud-detector:data:Cache",
            changes: [
                {
                    resource: "cache-redis",
                    type: "aws:elasticache/replicationGroup:ReplicationGroup",
                    setting: "nodeType",
                    from: "cache.t3.micro",
                    to: "cache.r6g.large",
                },
                {
                    resource: "cache-redis",
                    type: "aws:elasticache/replicationGroup:ReplicationGroup",
                    setting: "numCacheClusters",
                    from: 1,
                    to: 3,
                },
            ],
            onlyIn: { staging: [], production: [] },
        },
        {
            component: "cluster",
            type: "fraud-detector:compute:Cluster",
            changes: [],
            onlyIn: {
                staging: [
                    { resource: "cluster-hosts", type: "aws:autoscaling/group:Group" },
                    { resource: "cluster-ec2", type: "aws:ecs/capacityProvider:CapacityProvider" },
                ],
                production: [],
            },
        },
    ],
    policy: {
        from: { mandatory: 0, advisory: 13 },
        to: { mandatory: 0, advisory: 7 },
        rules: [{ policy: "cache-high-availability", enforcementLevel: "advisory", from: 3, to: 0 }],
    },
    cost: {
        currency: "USD",
        from: 188.45,
        to: 1161.44,
        change: 972.99,
        components: [{ component: "database", from: 12.6, to: 423.12, change: 410.52 }],
    },
};

describe("plan diff: readable form", () => {
    const cases: Array<[Parameters<typeof formatValue>[0], string]> = [
        [null, "-"],
        [false, "false"],
        [3, "3"],
        ["OnePerAz", "OnePerAz"],
        [[], "none"],
        [["FARGATE", "FARGATE_SPOT"], "FARGATE, FARGATE_SPOT"],
        [{ enabled: true }, '{"enabled":true}'],
    ];
    for (const [value, text] of cases) {
        it(`shows ${JSON.stringify(value)} as ${text}`, () => assert.equal(formatValue(value), text));
    }

    it("lays out each component as a table of resource, setting and the two stacks' values, then what only one stack has", () => {
        const text = renderDiff(DIFF);
        const start = text.indexOf("cache (");
        assert.deepEqual(text.slice(start, text.indexOf("Policy:")).split("\n"), [
            "cache (fraud-detector:data:Cache)",
            "  resource     setting           staging         production",
            "  cache-redis  nodeType          cache.t3.micro  cache.r6g.large",
            "  cache-redis  numCacheClusters  1               3",
            "",
            "cluster (fraud-detector:compute:Cluster)",
            "  only in staging:",
            "    cluster-hosts  aws:autoscaling/group:Group",
            "    cluster-ec2    aws:ecs/capacityProvider:CapacityProvider",
            "",
            "",
        ]);
    });

    it("shows the policy counts, the rules that differ, and the cost totals with their change", () => {
        const lines = renderDiff(DIFF).split("\n");
        const policy = lines.findIndex((line) => line.startsWith("Policy:"));
        assert.deepEqual(lines.slice(policy, policy + 4), [
            "Policy: staging 0 mandatory, 13 advisory; production 0 mandatory, 7 advisory",
            "  rule                     level     staging  production",
            "  cache-high-availability  advisory        3           0",
            "Cost estimate: staging 188.45 USD/month; production 1,161.44 USD/month (+972.99)",
        ]);
    });

    it("ends with one summary line", () => {
        assert.equal(
            summarize(DIFF),
            "Summary: 2 setting(s) differ in 1 component(s); 2 resource(s) only in staging, 0 only in production; " +
                "violations (mandatory/advisory) 0/13 → 0/7; cost 188.45 → 1,161.44 USD/month",
        );
        assert.ok(renderDiff(DIFF).endsWith(`\n${summarize(DIFF)}\n`));
    });

    it("says so when no component differs", () => {
        const text = renderDiff({ ...DIFF, components: [] });
        assert.match(text, /\n\nNo component differs in a curated setting or in its resources\.\n/);
    });
});
