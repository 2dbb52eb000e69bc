import { strict as assert } from "assert";
import { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { GUIDE_PREFIX, planOf, resourcesOf, STACKS } from "../helpers/plan";
import { dependentsOf } from "../helpers/relations";

const GROUP = "aws:ec2/securityGroup:SecurityGroup";

/** The security group whose Role tag is `role` and Name is `name` (or the only one with that role). */
function group(plan: PlanDocument, role: string, name?: string): PlanResource {
    const found = resourcesOf(plan, GROUP).filter((g) => {
        const tags = g.inputs.tags as Record<string, string>;
        return tags.Role === role && (name === undefined || tags.Name === name);
    });
    assert.equal(found.length, 1, `${role} ${name ?? ""}`);
    return found[0];
}

/** `tcp/<port> -> <peer>` for each rule of `type` on `target`, the peer named by its Role/Name tags or CIDR. */
function flows(plan: PlanDocument, type: string, target: PlanResource): string[] {
    const byId = new Map(resourcesOf(plan, GROUP).map((g) => [g.id, g]));
    return dependentsOf(plan, type, "securityGroupId", target)
        .map((rule) => {
            const peer = byId.get(rule.inputs.referencedSecurityGroupId as string);
            const peerName = peer ? (peer.inputs.tags as Record<string, string>).Name : String(rule.inputs.cidrIpv4);
            return `${String(rule.inputs.ipProtocol)}/${String(rule.inputs.fromPort)} ${peerName}`;
        })
        .sort();
}

const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

describe("service traffic", () => {
    for (const stack of STACKS) {
        const prefix = GUIDE_PREFIX[stack];
        describe(`in ${stack}`, () => {
            for (const caller of ["fraud-api", "fraud-worker"]) {
                it(`lets ${caller} out only on 443, and to PostgreSQL, Redis and the ml-service on their ports`, () => {
                    const plan = planOf(stack);
                    assert.deepEqual(flows(plan, EGRESS, group(plan, "app", caller)), [
                        "tcp/443 0.0.0.0/0",
                        `tcp/5432 ${prefix}-db`,
                        `tcp/6379 ${prefix}-cache`,
                        "tcp/8000 fraud-ml",
                    ]);
                });
            }

            it("lets fraud-ml out only on 443, and in only from the api and the worker on 8000", () => {
                const plan = planOf(stack);
                const ml = group(plan, "app", "fraud-ml");
                assert.deepEqual(flows(plan, EGRESS, ml), ["tcp/443 0.0.0.0/0"]);
                assert.deepEqual(flows(plan, INGRESS, ml), ["tcp/8000 fraud-api", "tcp/8000 fraud-worker"]);
            });

            it("admits the api's port only from the load balancer", () => {
                const plan = planOf(stack);
                assert.deepEqual(flows(plan, INGRESS, group(plan, "app", "fraud-api")), [`tcp/80 ${prefix}-alb`]);
            });
        });
    }
});
