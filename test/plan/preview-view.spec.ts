import { strict as assert } from "assert";
import { previewView, UNKNOWN } from "../../plan/engine/preview-view";
import { planWith, resource, stackTags } from "../policy/harness";

describe("the plan as a first preview sees it", () => {
    const vpc = resource("aws:ec2/vpc:Vpc", { cidrBlock: "10.0.0.0/16", tags: stackTags() }, { name: "main-vpc" });
    const group = resource("aws:cloudwatch/logGroup:LogGroup", { name: "/vpc/flow-logs" }, { name: "flow-group" });

    it("makes an input unknown when it holds an id that only the creation of its source computes", () => {
        const log = resource(
            "aws:ec2/flowLog:FlowLog",
            { vpcId: "main-vpc-id", trafficType: "ALL" },
            { from: { vpcId: [vpc] } },
        );
        const seen = previewView(planWith([vpc, log])).resources[1].inputs;
        assert.deepEqual(seen, { vpcId: UNKNOWN, trafficType: "ALL" });
    });

    it("makes a whole document unknown when it embeds such a value, as jsonStringify does", () => {
        const policy = resource(
            "aws:iam/rolePolicy:RolePolicy",
            { policy: '{"Statement":[{"Resource":"arn:x:flow-group-id"}]}', role: "some-role" },
            { from: { policy: [group] } },
        );
        assert.deepEqual(previewView(planWith([group, policy])).resources[1].inputs, {
            policy: UNKNOWN,
            role: "some-role",
        });
    });

    it("keeps what the source was given (a chosen name is known before anything exists)", () => {
        const log = resource(
            "aws:ec2/flowLog:FlowLog",
            { logGroupName: "/vpc/flow-logs" },
            { from: { logGroupName: [group] } },
        );
        assert.deepEqual(previewView(planWith([group, log])).resources[1].inputs, { logGroupName: "/vpc/flow-logs" });
    });
});
