import { strict as assert } from "assert";
import { LoadBalancer } from "../../../components/edge/load-balancer/load-balancer";
import { LoadBalancerArgs } from "../../../components/edge/load-balancer/args";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
/** Production with the API's public name: HTTPS with a validated certificate and an alias record. */
const WITH_DOMAIN: LoadBalancerArgs = {
    namePrefix: "fraud-detector-prod",
    vpcId: "vpc-1",
    subnetIds: ["subnet-public-a", "subnet-public-b"],
    targetSecurityGroupId: "sg-api",
    targetPort: 8000,
    healthCheckPath: "/health",
    domainName: "api.example.com",
    hostedZoneName: "example.com",
    accessLogBucket: "fraud-detector-prod-logs",
    deletionProtection: true,
    tags: TAGS,
};
/** Local without a domain: HTTP only. */
const HTTP_ONLY: LoadBalancerArgs = {
    ...WITH_DOMAIN,
    namePrefix: "fraud-detector-local",
    domainName: undefined,
    hostedZoneName: undefined,
    deletionProtection: false,
};

const build = (args: LoadBalancerArgs) => () => new LoadBalancer("alb", args);
const SECURITY_GROUP_RULES = [
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule alb-to-targets",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule alb-http-in-ipv4",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule alb-http-in-ipv6",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule alb-https-in-ipv4",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule alb-https-in-ipv6",
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule alb-into-targets",
];

describe("components/edge LoadBalancer (built in-process)", () => {
    const cases = [
        {
            title: "production with a domain: HTTPS, certificate validated in the zone, alias record",
            args: WITH_DOMAIN,
            blue: "fd-prod-blue",
            edge: [
                "aws:acm/certificate:Certificate alb-certificate",
                "aws:acm/certificateValidation:CertificateValidation alb-certificate-validation",
                "aws:lb/listener:Listener alb-http",
                "aws:lb/listener:Listener alb-https",
                "aws:route53/record:Record alb-alias",
                "aws:route53/record:Record alb-certificate-record",
            ],
            url: () => "https://api.example.com",
        },
        {
            title: "local without a domain: one HTTP listener",
            args: HTTP_ONLY,
            blue: "fd-local-blue",
            edge: ["aws:lb/listener:Listener alb-http"],
            url: (dns: unknown) => `http://${String(dns)}`,
        },
    ];
    for (const c of cases) {
        describe(c.title, () => {
            const built = builtOnce(build(c.args));

            it("creates its group and rules, the ALB, the two target groups, listeners and the production rule", async () => {
                const { children, parentName } = await built();
                const green = c.blue.replace("blue", "green");
                assert.deepEqual(
                    children.map((r) => `${r.type} ${r.name}`).sort(),
                    [
                        "aws:ec2/securityGroup:SecurityGroup alb-sg",
                        "aws:lb/listenerRule:ListenerRule alb-production-rule",
                        "aws:lb/loadBalancer:LoadBalancer alb-lb",
                        `aws:lb/targetGroup:TargetGroup ${c.blue}`,
                        `aws:lb/targetGroup:TargetGroup ${green}`,
                        ...SECURITY_GROUP_RULES,
                        ...c.edge,
                    ].sort(),
                );
                assert.ok(children.every((r) => parentName(r) === "alb"));
            });

            it("names the ALB after the prefix, drops invalid headers and logs to the bucket", async () => {
                const lb = (await built()).child("aws:lb/loadBalancer:LoadBalancer", "alb-lb").inputs;
                assert.deepEqual(
                    [lb.name, lb.internal, lb.dropInvalidHeaderFields, lb.enableDeletionProtection],
                    [c.args.namePrefix, false, true, c.args.deletionProtection],
                );
                assert.deepEqual(lb.accessLogs, { bucket: "fraud-detector-prod-logs", prefix: "alb", enabled: true });
            });

            it("health-checks the api's port and path in both target groups", async () => {
                for (const group of (await built()).ofType("aws:lb/targetGroup:TargetGroup")) {
                    assert.deepEqual([group.inputs.targetType, group.inputs.port], ["ip", 8000]);
                    assert.deepEqual(group.inputs.healthCheck, {
                        enabled: true,
                        protocol: "HTTP",
                        path: "/health",
                        matcher: "200",
                        interval: 15,
                    });
                }
            });

            it("leaves the production rule's actions to ECS's blue/green switch", async () => {
                const { child, outputs } = await built();
                const rule = child("aws:lb/listenerRule:ListenerRule", "alb-production-rule");
                assert.equal(rule.inputs.priority, 100);
                assert.deepEqual(rule.options.ignoreChanges, ["actions"]);
                assert.equal(outputs.url, c.url(outputs.dnsName));
            });
        });
    }

    it("serves HTTPS with TLS 1.3 policy and redirects HTTP when it has a domain", async () => {
        const { child } = await builtOnce(build(WITH_DOMAIN))();
        const https = child("aws:lb/listener:Listener", "alb-https").inputs;
        assert.deepEqual(
            [https.port, https.protocol, https.sslPolicy],
            [443, "HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06"],
        );
        const http = child("aws:lb/listener:Listener", "alb-http").inputs;
        assert.equal((http.defaultActions as { type: string }[])[0].type, "redirect");
    });

    const PREFIX = "invalid LoadBalancer arguments:\n  ";
    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<LoadBalancerArgs>[] = [
        [
            "a name prefix with a dot",
            { namePrefix: "fraud.detector" },
            `${PREFIX}namePrefix is "fraud.detector"; use letters, digits and hyphens, starting with a letter or digit and not with "internal-" (the ALB is named after it)`,
        ],
        [
            "a name prefix starting with internal-",
            { namePrefix: "internal-fraud" },
            `${PREFIX}namePrefix is "internal-fraud"; use letters, digits and hyphens, starting with a letter or digit and not with "internal-" (the ALB is named after it)`,
        ],
        [
            "a name prefix whose target group auto-name is too long",
            { namePrefix: "fraud-detector-performancetesting" },
            `${PREFIX}namePrefix "fraud-detector-performancetesting" makes the target group "fd-performancetesting-green", whose auto-name would be 35 characters; AWS accepts at most 32: use a namePrefix with a shorter last word`,
        ],
        [
            "target port 0",
            { targetPort: 0 },
            `${PREFIX}targetPort is 0; use the container's port, an integer from 1 to 65535`,
        ],
        [
            "a target port above 65535",
            { targetPort: 65536 },
            `${PREFIX}targetPort is 65536; use the container's port, an integer from 1 to 65535`,
        ],
        [
            "a relative health check path",
            { healthCheckPath: "health" },
            `${PREFIX}healthCheckPath is "health"; use an absolute path such as "/health"`,
        ],
        [
            "a domain without its zone",
            { hostedZoneName: undefined },
            `${PREFIX}domainName is "api.example.com" and hostedZoneName is undefined; set both (the certificate is validated in that zone) or neither (HTTP only)`,
        ],
        [
            "a zone without a domain",
            { domainName: undefined },
            `${PREFIX}domainName is undefined and hostedZoneName is "example.com"; set both (the certificate is validated in that zone) or neither (HTTP only)`,
        ],
        [
            "a domain outside its zone",
            { domainName: "api.example.org" },
            `${PREFIX}domainName "api.example.org" is not in hostedZoneName "example.com"; name the public zone that holds the domain`,
        ],
        [
            "several problems, one line each",
            { targetPort: 0, healthCheckPath: "health" },
            `${PREFIX}targetPort is 0; use the container's port, an integer from 1 to 65535\n  healthCheckPath is "health"; use an absolute path such as "/health"`,
        ],
        [
            "stack tags that would lose the group's Name",
            { tags: { ...TAGS, Name: "shared" } },
            'tag Name is set by the stack to "shared" and cannot be changed to "fraud-detector-prod-alb"',
        ],
        [
            "stack tags that would lose the group's Role",
            { tags: { ...TAGS, Role: "shared" } },
            'tag Role is set by the stack to "shared" and cannot be changed to "alb"',
        ],
    ];
    refusesEach(build, WITH_DOMAIN, ARGUMENT_ERRORS);
});
