import { resource, stackTags } from "./harness";
import { fromResourcePass } from "./resource-parts-harness";

/** Issue #11: this family's stack rules decide their single-resource parts in the resource pass (see ./resource-parts-harness.ts). */

describe("stack rules' single-resource parts are decided in the resource pass (issue #11)", () => {
    describe("vpc-default-sg-closed", () => {
        it("reports a managed default group that keeps rules from the group alone", async () => {
            const vpc = resource("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16", tags: stackTags() });
            const group = resource(
                "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                { vpcId: vpc.id, ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }], tags: stackTags() },
                { from: { vpcId: [vpc] } },
            );
            await fromResourcePass(
                [vpc, group],
                "vpc-default-sg-closed",
                group,
                "mandatory",
                "the default security group keeps 1 ingress and 0 egress rules; set ingress: [] and egress: []",
            );
        });
    });
});
