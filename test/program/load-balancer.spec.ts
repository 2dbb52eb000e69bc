import { strict as assert } from "assert";
import type { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { onlyOf, planOf, resourcesOf, STACKS } from "../helpers/plan";
import { dependentsOf, named, sourceOf } from "../helpers/relations";

const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
const LISTENER = "aws:lb/listener:Listener";
const LISTENER_RULE = "aws:lb/listenerRule:ListenerRule";
const CERTIFICATE = "aws:acm/certificate:Certificate";
const CERTIFICATE_VALIDATION = "aws:acm/certificateValidation:CertificateValidation";
const RECORD = "aws:route53/record:Record";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const LEGACY_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const BUCKET = "aws:s3/bucket:Bucket";

/** The rules of security-rules.md that judge this component's resources. */
const ALB_RULES = [
    "alb-https-only",
    "alb-access-logs",
    "alb-deletion-protection",
    "alb-desync-protection",
    "alb-availability",
    "alb-edge-protection",
    "sg-no-world-ingress",
    "sg-egress-restricted",
    "sg-internal-ingress-scoped",
    "sg-no-rule-management-conflicts",
];

/** What each stack's profile gives the load balancer (stacks/profiles.ts: edge, dataProtection). */
const EXPECTED: Readonly<
    Record<
        (typeof STACKS)[number],
        {
            prefix: string;
            /** The target groups' logical-name stem: the prefix's initials and its last word. */
            targetGroups: string;
            deletionProtection: boolean;
            domain?: string;
            /** The mock id of the public zone the stack validates in (plan/engine/mock-aws.ts: mockZoneId). */
            zoneId?: string;
            advisories: readonly string[];
        }
    >
> = {
    production: {
        prefix: "fraud-detector-prod",
        targetGroups: "fd-prod",
        deletionProtection: true,
        domain: "api.fraud-detector.com",
        zoneId: "ZFRAUDDETECTORCOM",
        advisories: ["alb-edge-protection"],
    },
    staging: {
        prefix: "fraud-detector-staging",
        targetGroups: "fd-staging",
        deletionProtection: true,
        domain: "staging-api.fraud-detector.com",
        // Staging's own zone, delegated from fraud-detector.com: the API name is its apex.
        zoneId: "ZSTAGINGAPIFRAUDDETECTORCOM",
        advisories: ["alb-edge-protection"],
    },
    local: {
        prefix: "fraud-detector-local",
        targetGroups: "fd-local",
        deletionProtection: false,
        // Every rule is advisory in local; these three are the price of a stack without a domain.
        advisories: ["alb-deletion-protection", "alb-edge-protection", "alb-https-only"],
    },
};

const TLS13_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/** ECS native blue/green's production forward: blue in service at 100, green standing by at 0. */
function weightedToBlue(plan: PlanDocument): unknown {
    return {
        type: "forward",
        forward: {
            targetGroups: [
                { arn: named(plan, TARGET_GROUP, "-blue").outputs.arn, weight: 100 },
                { arn: named(plan, TARGET_GROUP, "-green").outputs.arn, weight: 0 },
            ],
        },
    };
}

/** The one load balancer of the stack. */
function loadBalancerOf(plan: PlanDocument): PlanResource {
    return onlyOf(plan, LOAD_BALANCER);
}

/** The ALB's security group, followed from the load balancer's `securityGroups`. */
function albGroupOf(plan: PlanDocument): PlanResource {
    const group = sourceOf(plan, loadBalancerOf(plan), "securityGroups", SECURITY_GROUP);
    assert.ok(group, "the load balancer's securityGroups come from no security group");
    return group;
}

/** The api tasks' security group. */
function apiGroupOf(plan: PlanDocument): PlanResource {
    return named(plan, SECURITY_GROUP, "-services-fraud-api");
}

/** The listener of the load balancer on `port`; fails when there is not exactly one. */
function listenerOn(plan: PlanDocument, port: number): PlanResource {
    const found = dependentsOf(plan, LISTENER, "loadBalancerArn", loadBalancerOf(plan)).filter(
        (l) => l.inputs.port === port,
    );
    assert.equal(found.length, 1, `expected exactly one listener on port ${port}, found ${found.length}`);
    return found[0];
}

/** Standalone rules of `type` on `group`, as [protocol, from, to, source] rows, sorted. */
function rulesOn(plan: PlanDocument, type: string, group: PlanResource): unknown[][] {
    return dependentsOf(plan, type, "securityGroupId", group)
        .map((r) => [
            r.inputs.ipProtocol,
            r.inputs.fromPort,
            r.inputs.toPort,
            r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6 ?? r.inputs.referencedSecurityGroupId,
        ])
        .sort();
}

/** Policy findings on this component's resources (their URNs carry the `-alb` component name). */
function findingsOnAlb(plan: PlanDocument) {
    return plan.policy.violations.filter((v) => v.urn?.includes("-alb") && ALB_RULES.includes(v.policy));
}

// What these tests cannot prove: that AWS accepts the inputs, that ACM issues the certificate, that
// the log bucket's policy lets Elastic Load Balancing write, or that ECS can switch the rule. Only a
// real deployment shows that.
describe("LoadBalancer", () => {
    for (const stack of STACKS) {
        const expected = EXPECTED[stack];
        describe(`in ${stack}`, () => {
            it("is exactly one internet-facing application load balancer, over exactly the public subnets", () => {
                const plan = planOf(stack);
                const lb = loadBalancerOf(plan).inputs;
                assert.deepEqual(
                    [lb.loadBalancerType, lb.internal, lb.subnets],
                    ["application", false, plan.outputs.publicSubnetIds],
                );
                assert.equal((plan.outputs.publicSubnetIds as string[]).length, 2);
            });

            it(`is named ${expected.prefix} and tagged with the stack's tags`, () => {
                const lb = loadBalancerOf(planOf(stack)).inputs;
                assert.equal(lb.name, expected.prefix);
                assert.deepEqual(lb.tags, {
                    Project: "fraud-detector",
                    Environment: stack,
                    ManagedBy: "pulumi",
                    Name: expected.prefix,
                });
            });

            it("drops invalid header fields and mitigates desync defensively", () => {
                const lb = loadBalancerOf(planOf(stack)).inputs;
                assert.deepEqual([lb.dropInvalidHeaderFields, lb.desyncMitigationMode], [true, "defensive"]);
            });

            it(`sets deletion protection to ${expected.deletionProtection}, as the profile's dataProtection does`, () =>
                assert.equal(
                    loadBalancerOf(planOf(stack)).inputs.enableDeletionProtection,
                    expected.deletionProtection,
                ));

            it("writes access logs under alb/ to the stack's access-log bucket", () => {
                const plan = planOf(stack);
                const lb = loadBalancerOf(plan);
                const bucket = sourceOf(plan, lb, "accessLogs", BUCKET);
                assert.ok(bucket, "the access logs' bucket comes from no S3 bucket");
                assert.equal((bucket.inputs.tags as Record<string, string>).Purpose, "logs");
                assert.deepEqual(lb.inputs.accessLogs, {
                    bucket: `${expected.prefix}-access-logs`,
                    prefix: "alb",
                    enabled: true,
                });
                assert.equal(bucket.outputs.bucket, `${expected.prefix}-access-logs`);
            });

            for (const colour of ["blue", "green"]) {
                it(`has a ${colour} target group of ip targets on 80 in the VPC, checked on /health`, () => {
                    const plan = planOf(stack);
                    const group = named(plan, TARGET_GROUP, `-${colour}`).inputs;
                    assert.deepEqual(
                        [group.targetType, group.protocol, group.port, group.vpcId, group.deregistrationDelay],
                        ["ip", "HTTP", 80, plan.outputs.vpcId, 30],
                    );
                    assert.deepEqual(group.healthCheck, {
                        enabled: true,
                        protocol: "HTTP",
                        path: "/health",
                        matcher: "200",
                        interval: 15,
                    });
                });
            }

            it(`auto-names its target groups ${expected.targetGroups}-<colour>-<7 hex>, within AWS's 32 characters`, () => {
                const groups = resourcesOf(planOf(stack), TARGET_GROUP);
                const names = groups.map((g) => String(g.outputs.name)).sort();
                assert.deepEqual(groups.map((g) => g.name).sort(), [
                    `${expected.targetGroups}-blue`,
                    `${expected.targetGroups}-green`,
                ]);
                assert.match(names[0], new RegExp(`^${expected.targetGroups}-blue-[0-9a-f]{7}$`));
                assert.match(names[1], new RegExp(`^${expected.targetGroups}-green-[0-9a-f]{7}$`));
                assert.ok(
                    names.every((n) => n.length <= 32),
                    names.map((n) => `${n}: ${n.length}`).join(", "),
                );
            });

            it("has exactly the blue and green target groups", () =>
                assert.equal(resourcesOf(planOf(stack), TARGET_GROUP).length, 2));

            it("forwards every path to blue (100) and green (0) through one production rule, priority 100, on the serving listener", () => {
                const plan = planOf(stack);
                const serving = listenerOn(plan, expected.domain ? 443 : 80);
                const rules = dependentsOf(plan, LISTENER_RULE, "listenerArn", serving);
                assert.equal(rules.length, 1);
                assert.deepEqual(
                    [rules[0].inputs.priority, rules[0].inputs.conditions, rules[0].inputs.actions],
                    [100, [{ pathPattern: { values: ["/*"] } }], [weightedToBlue(plan)]],
                );
                assert.equal(resourcesOf(plan, LISTENER_RULE).length, 1);
            });

            it("leaves the production rule's actions to ECS, which shifts the weights at every release", () =>
                assert.deepEqual(onlyOf(planOf(stack), LISTENER_RULE).options.ignoreChanges, ["actions"]));

            it("serves the application, never a fixed response, to a request the production rule does not match", () => {
                const plan = planOf(stack);
                assert.deepEqual(listenerOn(plan, expected.domain ? 443 : 80).inputs.defaultActions, [
                    weightedToBlue(plan),
                ]);
            });

            it("sets ignoreChanges on no other load-balancer resource", () =>
                assert.deepEqual(
                    planOf(stack)
                        .resources.filter((r) => r.urn.includes("-alb") && (r.options.ignoreChanges ?? []).length > 0)
                        .map((r) => r.type),
                    [LISTENER_RULE],
                ));

            it("has a security group tagged Role=alb, with no inline rules", () => {
                const group = albGroupOf(planOf(stack)).inputs;
                assert.equal((group.tags as Record<string, string>).Role, "alb");
                assert.deepEqual([group.ingress, group.egress], [undefined, undefined]);
            });

            it("admits exactly tcp/443 and tcp/80 from the world, IPv4 and IPv6", () => {
                const plan = planOf(stack);
                const group = albGroupOf(plan);
                assert.deepEqual(rulesOn(plan, INGRESS, group), [
                    ["tcp", 443, 443, "0.0.0.0/0"],
                    ["tcp", 443, 443, "::/0"],
                    ["tcp", 80, 80, "0.0.0.0/0"],
                    ["tcp", 80, 80, "::/0"],
                ]);
                assert.equal(dependentsOf(plan, LEGACY_RULE, "securityGroupId", group).length, 0);
            });

            it("sends only tcp/80 to the api group", () => {
                const plan = planOf(stack);
                const group = albGroupOf(plan);
                const api = apiGroupOf(plan);
                assert.deepEqual(rulesOn(plan, EGRESS, group), [["tcp", 80, 80, api.id]]);
                const egress = dependentsOf(plan, EGRESS, "securityGroupId", group)[0];
                assert.equal(sourceOf(plan, egress, "referencedSecurityGroupId", SECURITY_GROUP)?.urn, api.urn);
            });

            it("lets the api group admit tcp/80 only from the ALB group", () => {
                const plan = planOf(stack);
                const api = apiGroupOf(plan);
                const group = albGroupOf(plan);
                assert.deepEqual(rulesOn(plan, INGRESS, api), [["tcp", 80, 80, group.id]]);
                const ingress = dependentsOf(plan, INGRESS, "securityGroupId", api)[0];
                assert.equal(sourceOf(plan, ingress, "referencedSecurityGroupId", SECURITY_GROUP)?.urn, group.urn);
            });

            it("draws no mandatory finding from the load-balancer and security-group rules", () =>
                assert.deepEqual(
                    findingsOnAlb(planOf(stack)).filter((v) => v.enforcementLevel === "mandatory"),
                    [],
                ));

            it(`draws only the advisories ${expected.advisories.join(", ")} on its resources`, () =>
                assert.deepEqual(
                    [...new Set(findingsOnAlb(planOf(stack)).map((v) => `${v.enforcementLevel} ${v.policy}`))].sort(),
                    expected.advisories.map((policy) => `advisory ${policy}`),
                ));

            if (expected.domain !== undefined && expected.zoneId !== undefined) {
                const domain = expected.domain;
                const zoneId = expected.zoneId;

                it(`serves HTTPS on 443 with the TLS 1.3 policy and the certificate of ${domain}, validated by DNS`, () => {
                    const plan = planOf(stack);
                    const https = listenerOn(plan, 443);
                    assert.deepEqual([https.inputs.protocol, https.inputs.sslPolicy], ["HTTPS", TLS13_POLICY]);
                    const validation = sourceOf(plan, https, "certificateArn", CERTIFICATE_VALIDATION);
                    assert.ok(validation, "the HTTPS listener's certificate does not come from a validation");
                    const certificate = sourceOf(plan, validation, "certificateArn", CERTIFICATE);
                    assert.ok(certificate, "the validation names no ACM certificate");
                    assert.deepEqual(
                        [certificate.inputs.domainName, certificate.inputs.validationMethod],
                        [domain, "DNS"],
                    );
                    assert.equal(https.inputs.certificateArn, certificate.outputs.arn);
                    assert.equal(onlyOf(plan, CERTIFICATE).urn, certificate.urn);
                });

                it(`waits for the validation CNAME that ACM asked for, in the stack's own public zone ${zoneId}`, () => {
                    const plan = planOf(stack);
                    const validation = onlyOf(plan, CERTIFICATE_VALIDATION);
                    const record = sourceOf(plan, validation, "validationRecordFqdns", RECORD);
                    assert.ok(record, "the validation's record FQDNs come from no Route 53 record");
                    const certificate = onlyOf(plan, CERTIFICATE);
                    const [challenge] = certificate.outputs.domainValidationOptions as Record<string, string>[];
                    assert.deepEqual(
                        [record.inputs.zoneId, record.inputs.name, record.inputs.type, record.inputs.records],
                        [zoneId, challenge.resourceRecordName, "CNAME", [challenge.resourceRecordValue]],
                    );
                    assert.deepEqual(validation.inputs.validationRecordFqdns, [record.outputs.fqdn]);
                });

                it("adds HSTS, nosniff and DENY to every HTTPS answer", () => {
                    const https = listenerOn(planOf(stack), 443).inputs;
                    assert.deepEqual(
                        [
                            https.routingHttpResponseStrictTransportSecurityHeaderValue,
                            https.routingHttpResponseXContentTypeOptionsHeaderValue,
                            https.routingHttpResponseXFrameOptionsHeaderValue,
                        ],
                        ["max-age=31536000; includeSubDomains", "nosniff", "DENY"],
                    );
                });

                it("only redirects HTTP on 80 to HTTPS 443, permanently", () => {
                    const http = listenerOn(planOf(stack), 80).inputs;
                    assert.equal(http.protocol, "HTTP");
                    assert.deepEqual(http.defaultActions, [
                        { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
                    ]);
                });

                it("has exactly two listeners, HTTPS 443 and HTTP 80", () =>
                    assert.deepEqual(
                        resourcesOf(planOf(stack), LISTENER)
                            .map((l) => Number(l.inputs.port))
                            .sort((a, b) => a - b),
                        [80, 443],
                    ));

                it(`points ${domain} at the load balancer with an alias A record in zone ${zoneId}`, () => {
                    const plan = planOf(stack);
                    const lb = loadBalancerOf(plan);
                    const alias = dependentsOf(plan, RECORD, "aliases", lb);
                    assert.equal(alias.length, 1);
                    assert.deepEqual(
                        [alias[0].inputs.zoneId, alias[0].inputs.name, alias[0].inputs.type, alias[0].inputs.aliases],
                        [
                            zoneId,
                            domain,
                            "A",
                            [{ name: lb.outputs.dnsName, zoneId: lb.outputs.zoneId, evaluateTargetHealth: true }],
                        ],
                    );
                });

                it(`exports https://${domain} as the API's URL`, () =>
                    assert.equal(planOf(stack).outputs.apiUrl, `https://${domain}`));
            } else {
                it("serves plain HTTP on 80 only: one listener, no certificate, no DNS record", () => {
                    const plan = planOf(stack);
                    assert.equal(listenerOn(plan, 80).inputs.protocol, "HTTP");
                    assert.deepEqual(
                        [
                            resourcesOf(plan, LISTENER).length,
                            resourcesOf(plan, CERTIFICATE).length,
                            resourcesOf(plan, CERTIFICATE_VALIDATION).length,
                            resourcesOf(plan, RECORD).length,
                        ],
                        [1, 0, 0, 0],
                    );
                });

                it("exports http://<the ALB's DNS name> as the API's URL", () => {
                    const plan = planOf(stack);
                    assert.equal(plan.outputs.apiUrl, `http://${String(loadBalancerOf(plan).outputs.dnsName)}`);
                });
            }
        });
    }
});
