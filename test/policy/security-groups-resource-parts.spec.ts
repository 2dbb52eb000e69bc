import { strict as assert } from "assert";
import type { PlanResource } from "../../plan/engine/contract";
import { resource, stackTags } from "./harness";
import { EGRESS_RULE, INGRESS_RULE, SG, byPass, fromResourcePass } from "./resource-parts-harness";

/** Issue #11: this family's stack rules decide their single-resource parts in the resource pass (see ./resource-parts-harness.ts). */

describe("stack rules' single-resource parts are decided in the resource pass (issue #11)", () => {
    describe("sg-no-world-ingress", () => {
        const worldMessage = (on: PlanResource, ports: string, cidr: string) =>
            `${on.type.split(":").pop()} ${on.name} opens ${ports} to ${cidr}; only the load balancer's group may, on tcp/443 and tcp/80: admit named security groups or the VPC CIDR instead`;

        it("reports SSH from the world on a standalone rule from the rule alone, whatever its group", async () => {
            const group = resource(SG, { tags: stackTags() });
            const rule = resource(
                INGRESS_RULE,
                {
                    securityGroupId: group.id,
                    ipProtocol: "tcp",
                    fromPort: 22,
                    toPort: 22,
                    cidrIpv4: "0.0.0.0/0",
                    tags: stackTags(),
                },
                { from: { securityGroupId: [group] } },
            );
            await fromResourcePass(
                [group, rule],
                "sg-no-world-ingress",
                rule,
                "mandatory",
                worldMessage(rule, "tcp/22", "0.0.0.0/0"),
            );
        });

        it("reports an inline all-traffic rule from ::/0 from the group alone", async () => {
            const group = resource(SG, {
                ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlocks: ["::/0"] }],
                tags: stackTags(),
            });
            await fromResourcePass(
                [group],
                "sg-no-world-ingress",
                group,
                "mandatory",
                worldMessage(group, "all traffic", "::/0"),
            );
        });

        it("reports RDP from the world on a legacy rule and a network ACL entry from each alone", async () => {
            const legacy = resource("aws:ec2/securityGroupRule:SecurityGroupRule", {
                type: "ingress",
                protocol: "tcp",
                fromPort: 3389,
                toPort: 3389,
                cidrBlocks: ["0.0.0.0/0"],
                securityGroupId: "sg-0123456789abcdef0",
            });
            const acl = resource("aws:ec2/networkAclRule:NetworkAclRule", {
                egress: false,
                ruleAction: "allow",
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrBlock: "0.0.0.0/0",
            });
            await fromResourcePass(
                [legacy, acl],
                "sg-no-world-ingress",
                legacy,
                "mandatory",
                worldMessage(legacy, "tcp/3389", "0.0.0.0/0"),
            );
            await fromResourcePass(
                [legacy, acl],
                "sg-no-world-ingress",
                acl,
                "mandatory",
                worldMessage(acl, "tcp/443", "0.0.0.0/0"),
            );
        });

        it("leaves 443 from the world on a group that is not the ALB's to the stack pass", async () => {
            const group = resource(SG, { tags: stackTags() });
            const rule = resource(
                INGRESS_RULE,
                {
                    securityGroupId: group.id,
                    ipProtocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    cidrIpv4: "0.0.0.0/0",
                    tags: stackTags(),
                },
                { from: { securityGroupId: [group] } },
            );
            const found = await byPass([group, rule], "sg-no-world-ingress");
            assert.deepEqual(found.resource, []);
            assert.deepEqual(found.stack, [[rule.urn, "mandatory", worldMessage(rule, "tcp/443", "0.0.0.0/0")]]);
        });
    });
    describe("sg-egress-restricted", () => {
        it("reports inline all-traffic egress to 0.0.0.0/0 from the group alone, whatever group it is", async () => {
            const group = resource(SG, {
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
                tags: stackTags(),
            });
            await fromResourcePass(
                [group],
                "sg-egress-restricted",
                group,
                "mandatory",
                `SecurityGroup ${group.name} sends all traffic to 0.0.0.0/0; allow only tcp/443 to the internet`,
            );
        });

        it("reports inline egress outside the VPC and all ports to the VPC from the group alone", async () => {
            const group = resource(SG, {
                egress: [
                    { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["192.168.0.0/16"] },
                    { protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["10.0.0.0/16"] },
                ],
                tags: stackTags(),
            });
            await fromResourcePass(
                [group],
                "sg-egress-restricted",
                group,
                "mandatory",
                `SecurityGroup ${group.name} sends tcp/5432 to 192.168.0.0/16, outside the VPC; use tcp/443 or the VPC CIDR`,
            );
            await fromResourcePass(
                [group],
                "sg-egress-restricted",
                group,
                "mandatory",
                `SecurityGroup ${group.name} sends tcp/0-65535 to 10.0.0.0/16; name the ports the peer listens on`,
            );
        });

        it("leaves a standalone rule, whose message names its group, and all ports to a peer group to the stack pass", async () => {
            const peer = resource(SG, { tags: stackTags() }, { name: "peer" });
            const group = resource(
                SG,
                { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, securityGroups: [peer.id] }], tags: stackTags() },
                { name: "app", from: { egress: [peer] } },
            );
            const rule = resource(
                EGRESS_RULE,
                { securityGroupId: group.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", tags: stackTags() },
                { from: { securityGroupId: [group] } },
            );
            const found = await byPass([peer, group, rule], "sg-egress-restricted");
            assert.deepEqual(found.resource, []);
            assert.deepEqual(found.stack, [
                [
                    group.urn,
                    "mandatory",
                    "SecurityGroup app sends all traffic to security group peer; name the ports the peer listens on",
                ],
                [
                    rule.urn,
                    "mandatory",
                    "SecurityGroup app sends all traffic to 0.0.0.0/0; allow only tcp/443 to the internet",
                ],
            ]);
        });
    });
});
