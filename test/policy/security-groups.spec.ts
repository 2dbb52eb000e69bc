import { strict as assert } from "assert";
import { PlanResource } from "../../plan/engine/contract";
import { messagesOf, resource, stackTags, violationsOf } from "./harness";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";

function group(name: string, env = "production"): PlanResource {
    return resource(SG, { description: name, tags: stackTags(env) }, { name });
}

/** A standalone ingress rule on `target`, from `source` (a group) or from `cidr`. */
function ingress(target: PlanResource, port: number, source: PlanResource | string, protocol = "tcp"): PlanResource {
    const props: Record<string, unknown> = { ipProtocol: protocol, fromPort: port, toPort: port, tags: stackTags() };
    const from: Record<string, PlanResource[]> = { securityGroupId: [target] };
    if (typeof source === "string") {
        props.cidrIpv4 = source;
    } else {
        props.referencedSecurityGroupId = `${source.name}-id`;
        from.referencedSecurityGroupId = [source];
    }
    return resource(INGRESS, props, { from });
}

function egress(target: PlanResource, port: number, cidr: string, protocol = "tcp"): PlanResource {
    return resource(
        EGRESS,
        { ipProtocol: protocol, fromPort: port, toPort: port, cidrIpv4: cidr, tags: stackTags() },
        { from: { securityGroupId: [target] } },
    );
}

/** The groups of a compliant stack, attached by the resources that use them. */
function tiers() {
    const alb = group("alb");
    const api = group("api");
    const db = group("db");
    const cache = group("cache");
    const endpoint = group("bedrock-endpoint");
    const users = [
        resource("aws:lb/loadBalancer:LoadBalancer", { tags: stackTags() }, { from: { securityGroups: [alb] } }),
        resource("aws:ecs/service:Service", { tags: stackTags() }, { from: { networkConfiguration: [api] } }),
        resource("aws:rds/instance:Instance", { tags: stackTags() }, { from: { vpcSecurityGroupIds: [db] } }),
        resource(
            "aws:elasticache/replicationGroup:ReplicationGroup",
            { tags: stackTags() },
            { from: { securityGroupIds: [cache] } },
        ),
        resource("aws:ec2/vpcEndpoint:VpcEndpoint", { tags: stackTags() }, { from: { securityGroupIds: [endpoint] } }),
    ];
    return { alb, api, db, cache, endpoint, all: [alb, api, db, cache, endpoint, ...users] };
}

describe("policy: network", () => {
    describe("sg-no-world-ingress", () => {
        it("passes the ALB's group open to the world on 443 and 80", async () => {
            const t = tiers();
            const rules = [
                ingress(t.alb, 443, "0.0.0.0/0"),
                ingress(t.alb, 80, "0.0.0.0/0"),
                ingress(t.alb, 443, "::/0"),
            ];
            assert.deepEqual(await messagesOf([...t.all, ...rules], "sg-no-world-ingress"), []);
        });

        it("rejects 0.0.0.0/0 on the database port", async () => {
            const t = tiers();
            const rule = ingress(t.db, 5432, "0.0.0.0/0");
            const found = await violationsOf([...t.all, rule], "sg-no-world-ingress");
            assert.deepEqual(
                found.map((v) => [v.enforcementLevel, v.urn, v.message]),
                [
                    [
                        "mandatory",
                        rule.urn,
                        `SecurityGroupIngressRule ${rule.name} opens tcp/5432 to 0.0.0.0/0; only the load balancer's group may, on tcp/443 and tcp/80: admit named security groups or the VPC CIDR instead`,
                    ],
                ],
            );
        });

        it("rejects SSH from the world even on the ALB's group", async () => {
            const t = tiers();
            assert.equal(
                (await messagesOf([...t.all, ingress(t.alb, 22, "0.0.0.0/0")], "sg-no-world-ingress")).length,
                1,
            );
        });

        it("rejects an inline all-traffic rule from ::/0", async () => {
            const open = resource(SG, {
                ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }],
                tags: stackTags(),
            });
            assert.deepEqual(await messagesOf([open], "sg-no-world-ingress"), [
                `SecurityGroup ${open.name} opens all traffic to ::/0; only the load balancer's group may, on tcp/443 and tcp/80: admit named security groups or the VPC CIDR instead`,
            ]);
        });

        it("rejects a network ACL allowing RDP from the world", async () => {
            const acl = resource("aws:ec2/networkAclRule:NetworkAclRule", {
                egress: false,
                ruleAction: "allow",
                protocol: "tcp",
                fromPort: 3389,
                toPort: 3389,
                cidrBlock: "0.0.0.0/0",
            });
            assert.equal((await messagesOf([acl], "sg-no-world-ingress")).length, 1);
        });
    });

    describe("sg-internal-ingress-scoped", () => {
        it("passes the guide's chain: ALB -> api -> database, cache and endpoint on their ports", async () => {
            const t = tiers();
            const rules = [
                ingress(t.api, 8080, t.alb),
                ingress(t.db, 5432, t.api),
                ingress(t.cache, 6379, t.api),
                ingress(t.endpoint, 443, t.api),
            ];
            assert.deepEqual(await messagesOf([...t.all, ...rules], "sg-internal-ingress-scoped"), []);
        });

        it("rejects the database group admitting the load balancer", async () => {
            const t = tiers();
            assert.deepEqual(await messagesOf([...t.all, ingress(t.db, 5432, t.alb)], "sg-internal-ingress-scoped"), [
                "SecurityGroup db: the database group admits tcp/5432 from security group alb; allow only tcp/5432 from the application (and bastion) security groups",
            ]);
        });

        it("rejects the database group admitting the VPC CIDR instead of the app group", async () => {
            const t = tiers();
            assert.deepEqual(
                await messagesOf([...t.all, ingress(t.db, 5432, "10.0.0.0/16")], "sg-internal-ingress-scoped"),
                [
                    "SecurityGroup db: the database group admits tcp/5432 from 10.0.0.0/16; allow only tcp/5432 from the application (and bastion) security groups",
                ],
            );
        });

        it("rejects the cache group on another port", async () => {
            const t = tiers();
            assert.deepEqual(
                await messagesOf([...t.all, ingress(t.cache, 6380, t.api)], "sg-internal-ingress-scoped"),
                [
                    "SecurityGroup cache: the cache group admits tcp/6380 from security group api; allow only tcp/6379 from the application security groups",
                ],
            );
        });

        it("rejects the endpoint group admitting a CIDR", async () => {
            const t = tiers();
            assert.equal(
                (await messagesOf([...t.all, ingress(t.endpoint, 443, "10.0.1.0/24")], "sg-internal-ingress-scoped"))
                    .length,
                1,
            );
        });

        it("rejects the app group admitting a range outside the VPC", async () => {
            const t = tiers();
            assert.deepEqual(
                await messagesOf([...t.all, ingress(t.api, 8080, "192.168.0.0/24")], "sg-internal-ingress-scoped"),
                [
                    "SecurityGroup api: admits tcp/8080 from 192.168.0.0/24, outside the VPC; admit only named security groups or 10.0.0.0/16",
                ],
            );
        });
    });

    describe("references to security groups that are not in the stack", () => {
        /** A standalone rule whose own group is given as a literal id, so it resolves to no resource. */
        const literal = (type: string, props: Record<string, unknown>, name: string) =>
            resource(type, { securityGroupId: "sg-0123456789abcdef0", tags: stackTags(), ...props }, { name });

        it("rejects all traffic to the internet whatever group it belongs to, and reports the literal group", async () => {
            const rule = literal(EGRESS, { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }, "all-out");
            assert.deepEqual(await messagesOf([rule], "sg-egress-restricted"), [
                'SecurityGroupEgressRule all-out: securityGroupId "sg-0123456789abcdef0" names no security group of this stack, so the rule cannot be attributed; reference the group resource (its .id) instead of a literal id',
                "SecurityGroupEgressRule all-out (group not in this stack) sends all traffic to 0.0.0.0/0; allow only tcp/443 to the internet",
            ]);
        });

        it("reports HTTPS egress of a group given as a literal id instead of passing it", async () => {
            const rule = literal(
                EGRESS,
                { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" },
                "https-out",
            );
            assert.deepEqual(await messagesOf([rule], "sg-egress-restricted"), [
                'SecurityGroupEgressRule https-out: securityGroupId "sg-0123456789abcdef0" names no security group of this stack, so the rule cannot be attributed; reference the group resource (its .id) instead of a literal id',
            ]);
        });

        it("passes egress whose group and destination both resolve", async () => {
            const api = group("api");
            const db = group("db");
            const rule = resource(
                EGRESS,
                {
                    ipProtocol: "tcp",
                    fromPort: 5432,
                    toPort: 5432,
                    referencedSecurityGroupId: "db-id",
                    tags: stackTags(),
                },
                { from: { securityGroupId: [api], referencedSecurityGroupId: [db] } },
            );
            assert.deepEqual(await messagesOf([api, db, rule], "sg-egress-restricted"), []);
        });

        it("reports egress to a destination group that is not in the stack", async () => {
            const api = group("api");
            const rule = resource(
                EGRESS,
                {
                    ipProtocol: "tcp",
                    fromPort: 5432,
                    toPort: 5432,
                    referencedSecurityGroupId: "sg-0feed",
                    tags: stackTags(),
                },
                { from: { securityGroupId: [api] }, name: "to-elsewhere" },
            );
            assert.deepEqual(await messagesOf([api, rule], "sg-egress-restricted"), [
                'SecurityGroupEgressRule to-elsewhere: referencedSecurityGroupId "sg-0feed" names no security group of this stack, so the rule cannot be attributed; reference the group resource (its .id) instead of a literal id',
            ]);
        });

        it("reports an application group admitting a source group that is not in the stack", async () => {
            const t = tiers();
            const rule = resource(
                INGRESS,
                {
                    ipProtocol: "tcp",
                    fromPort: 8080,
                    toPort: 8080,
                    referencedSecurityGroupId: "sg-0feed",
                    tags: stackTags(),
                },
                { from: { securityGroupId: [t.api] }, name: "from-elsewhere" },
            );
            assert.deepEqual(await messagesOf([...t.all, rule], "sg-internal-ingress-scoped"), [
                'SecurityGroupIngressRule from-elsewhere: referencedSecurityGroupId "sg-0feed" names no security group of this stack, so the rule cannot be attributed; reference the group resource (its .id) instead of a literal id',
            ]);
        });

        it("reports ingress on a literal group and still judges the ports it opens", async () => {
            const rule = literal(
                INGRESS,
                { ipProtocol: "tcp", fromPort: 0, toPort: 65535, cidrIpv4: "10.0.0.0/16" },
                "all-ports-in",
            );
            assert.deepEqual(await messagesOf([rule], "sg-internal-ingress-scoped"), [
                'SecurityGroupIngressRule all-ports-in: securityGroupId "sg-0123456789abcdef0" names no security group of this stack, so the rule cannot be attributed; reference the group resource (its .id) instead of a literal id',
                "SecurityGroupIngressRule all-ports-in (group not in this stack): admits tcp/0-65535 from 10.0.0.0/16; admit only the service's own port",
            ]);
        });

        it("reports an inline rule naming source groups that are not in the stack", async () => {
            const db = resource(
                SG,
                {
                    ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-0feed"] }],
                    tags: stackTags(),
                },
                { name: "inline-db" },
            );
            assert.deepEqual(await messagesOf([db], "sg-internal-ingress-scoped"), [
                'SecurityGroup inline-db: ingress[0].securityGroups ["sg-0feed"] names no security group of this stack, so the rule cannot be attributed; reference the group resource (its .id) instead of a literal id',
            ]);
        });

        it("reports a user that attaches a group not in the stack, whose rules then take no tier", async () => {
            const db = group("db");
            const rds = resource(
                "aws:rds/instance:Instance",
                { vpcSecurityGroupIds: ["db-id", "sg-0feed"], tags: stackTags() },
                { name: "database", from: { vpcSecurityGroupIds: [db] } },
            );
            const service = resource(
                "aws:ecs/service:Service",
                { networkConfiguration: { securityGroups: ["sg-0beef"] }, tags: stackTags() },
                { name: "fraud-api" },
            );
            assert.deepEqual(await messagesOf([db, rds, service], "sg-internal-ingress-scoped"), [
                'Service fraud-api: networkConfiguration.securityGroups ["sg-0beef"] holds 1 security group(s) not in this stack, so their rules cannot be judged as the app tier\'s; reference the group resources (their .id) instead of literal ids',
                'Instance database: vpcSecurityGroupIds ["db-id","sg-0feed"] holds 1 security group(s) not in this stack, so their rules cannot be judged as the database tier\'s; reference the group resources (their .id) instead of literal ids',
            ]);
        });

        it("refuses world ingress to a group that is not in the stack, since it cannot be the ALB's", async () => {
            const rule = literal(
                INGRESS,
                { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" },
                "world-in",
            );
            assert.deepEqual(await messagesOf([rule], "sg-no-world-ingress"), [
                "SecurityGroupIngressRule world-in opens tcp/443 to 0.0.0.0/0; only the load balancer's group may, on tcp/443 and tcp/80: admit named security groups or the VPC CIDR instead",
            ]);
        });
    });

    describe("sg-egress-restricted", () => {
        it("passes HTTPS to the internet and named ports inside the VPC", async () => {
            const api = group("api");
            const rules = [egress(api, 443, "0.0.0.0/0"), egress(api, 5432, "10.0.0.0/16")];
            assert.deepEqual(await messagesOf([api, ...rules], "sg-egress-restricted"), []);
        });

        it("rejects all traffic to the internet, AWS's default egress", async () => {
            const api = group("api");
            assert.deepEqual(await messagesOf([api, egress(api, 0, "0.0.0.0/0", "-1")], "sg-egress-restricted"), [
                "SecurityGroup api sends all traffic to 0.0.0.0/0; allow only tcp/443 to the internet",
            ]);
        });

        it("rejects plain HTTP to the internet", async () => {
            const api = group("api");
            assert.equal((await messagesOf([api, egress(api, 80, "0.0.0.0/0")], "sg-egress-restricted")).length, 1);
        });

        it("rejects all ports inside the VPC", async () => {
            const api = group("api");
            assert.deepEqual(await messagesOf([api, egress(api, 0, "10.0.0.0/16", "-1")], "sg-egress-restricted"), [
                "SecurityGroup api sends all traffic to 10.0.0.0/16; name the ports the peer listens on",
            ]);
        });
    });

    describe("sg-no-rule-management-conflicts", () => {
        it("passes a group managed only by standalone rules", async () => {
            const api = group("api");
            assert.deepEqual(
                await messagesOf([api, ingress(api, 8080, "10.0.0.0/16")], "sg-no-rule-management-conflicts"),
                [],
            );
        });

        it("rejects inline ingress on a group that standalone ingress rules also target", async () => {
            const api = resource(SG, { ingress: [], tags: stackTags() }, { name: "api" });
            const rule = ingress(api, 8080, "10.0.0.0/16");
            assert.deepEqual(await messagesOf([api, rule], "sg-no-rule-management-conflicts"), [
                `SecurityGroup api declares inline ingress and is also the target of SecurityGroupIngressRule ${rule.name}; keep one way: remove the inline ingress (prefer standalone rules)`,
            ]);
        });
    });
});
