import { strict as assert } from "assert";
import { readStackConfig } from "../../plan/engine/stack-files";
import { ConfigError, RawConfig, resolveStackConfig } from "../../stacks";
import { sharedZoneProblems } from "../../stacks/zone-separation";
import { planOf, resourcesOf, ROOT, STACKS } from "../helpers/plan";

// Staging and production run in separate AWS accounts, and a zone lookup sees only its own account
// (facts/aws/route53.ts): each cloud stack validates its certificate in a zone of its own. These
// tests read config and mock plans; that the delegation is in place only a real `pulumi up` shows.

const RECORD = "aws:route53/record:Record";

/** A valid staging config with `edge` set as given; every other value from the profile. */
function stagingRaw(edge: Record<string, string>): RawConfig {
    return {
        values: {
            "aws:region": "ca-central-1",
            "fraud-detector:environment": "staging",
            "fraud-detector:alerts": JSON.stringify({ email: "oncall@example.com" }),
            "fraud-detector:imageTag": "3f9c2e1",
            "fraud-detector:edge": JSON.stringify(edge),
        },
        secretKeys: [],
    };
}

function problemsOf(raw: RawConfig): readonly string[] {
    try {
        resolveStackConfig("staging", raw);
    } catch (err) {
        assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
        return err.problems;
    }
    assert.fail("expected the config to be rejected");
}

/** Each stack file as `pulumi up` would resolve it. */
function resolvedStacks() {
    return STACKS.map((stack) => {
        const { values, secretKeys } = readStackConfig(ROOT, stack);
        return resolveStackConfig(stack, { values, secretKeys });
    });
}

describe("validation zones", () => {
    describe("edge.domainName inside edge.hostedZoneName", () => {
        it("accepts the zone's apex as the API name (staging-api.fraud-detector.com in its own zone)", () => {
            const config = resolveStackConfig(
                "staging",
                stagingRaw({
                    domainName: "staging-api.fraud-detector.com",
                    hostedZoneName: "staging-api.fraud-detector.com",
                }),
            );
            assert.deepEqual(config.edge, {
                domainName: "staging-api.fraud-detector.com",
                hostedZoneName: "staging-api.fraud-detector.com",
            });
        });

        it("accepts a name inside the zone (api.fraud-detector.com in fraud-detector.com)", () => {
            const config = resolveStackConfig(
                "staging",
                stagingRaw({ domainName: "api.fraud-detector.com", hostedZoneName: "fraud-detector.com" }),
            );
            assert.equal(config.edge.hostedZoneName, "fraud-detector.com");
        });

        it("rejects a name outside the zone, naming both keys, their values and what is allowed", () =>
            assert.deepEqual(
                problemsOf(
                    stagingRaw({
                        domainName: "api.fraud-detector.com",
                        hostedZoneName: "staging-api.fraud-detector.com",
                    }),
                ),
                [
                    'fraud-detector:edge.domainName: "api.fraud-detector.com" is not allowed; expected edge.hostedZoneName ("staging-api.fraud-detector.com") itself or a name that ends in ".staging-api.fraud-detector.com": the certificate is validated and the API\'s alias record created in that zone',
                ],
            ));

        it("rejects a zone that only shares a suffix with the name (xfraud-detector.com is not in fraud-detector.com)", () =>
            assert.deepEqual(
                problemsOf(stagingRaw({ domainName: "xfraud-detector.com", hostedZoneName: "fraud-detector.com" })),
                [
                    'fraud-detector:edge.domainName: "xfraud-detector.com" is not allowed; expected edge.hostedZoneName ("fraud-detector.com") itself or a name that ends in ".fraud-detector.com": the certificate is validated and the API\'s alias record created in that zone',
                ],
            ));
    });

    describe("one zone per cloud stack", () => {
        it("finds no shared zone among the stack files", () =>
            assert.deepEqual(sharedZoneProblems(resolvedStacks()), []));

        it("gives staging its own zone, named like its API and inside production's fraud-detector.com", () =>
            assert.deepEqual(
                resolvedStacks().map((config) => [config.stack, config.edge.hostedZoneName]),
                [
                    ["local", undefined],
                    ["staging", "staging-api.fraud-detector.com"],
                    ["production", "fraud-detector.com"],
                ],
            ));

        it("rejects staging and production validating in the same zone", () =>
            assert.deepEqual(
                sharedZoneProblems([
                    { stack: "local", environment: "local" },
                    { stack: "staging", environment: "staging", hostedZoneName: "fraud-detector.com" },
                    { stack: "production", environment: "production", hostedZoneName: "fraud-detector.com" },
                ]),
                [
                    'stacks staging and production both set edge.hostedZoneName "fraud-detector.com"; they run in separate AWS accounts and only the account whose zone the parent delegates to can validate a certificate there: give each stack a zone of its own in its own account, delegated by an NS record from the parent zone (README: DNS delegation for staging)',
                ],
            ));

        it("leaves local out: it runs on LocalStack, with no delegation", () =>
            assert.deepEqual(
                sharedZoneProblems([
                    { stack: "local", environment: "local", hostedZoneName: "fraud-detector.com" },
                    { stack: "production", environment: "production", hostedZoneName: "fraud-detector.com" },
                ]),
                [],
            ));
    });

    describe("in the plans", () => {
        // The mock answers each zone name with its own id (plan/engine/mock-aws.ts: mockZoneId).
        const cases = [
            { stack: "staging", zoneId: "ZSTAGINGAPIFRAUDDETECTORCOM", apex: "staging-api.fraud-detector.com" },
            { stack: "production", zoneId: "ZFRAUDDETECTORCOM", apex: undefined },
        ] as const;

        for (const { stack, zoneId, apex } of cases) {
            it(`writes every ${stack} record, validation CNAME and API alias, into zone ${zoneId}`, () =>
                assert.deepEqual(
                    resourcesOf(planOf(stack), RECORD).map((r) => [r.inputs.type, r.inputs.zoneId]),
                    [
                        ["CNAME", zoneId],
                        ["A", zoneId],
                    ],
                ));

            if (apex !== undefined) {
                it(`makes the API alias the apex of ${stack}'s zone (${apex})`, () => {
                    const alias = resourcesOf(planOf(stack), RECORD).filter((r) => r.inputs.type === "A");
                    assert.deepEqual(
                        alias.map((r) => r.inputs.name),
                        [apex],
                    );
                });
            }
        }

        it("creates no DNS record in local, which has no domain", () =>
            assert.equal(resourcesOf(planOf("local"), RECORD).length, 0));
    });
});
