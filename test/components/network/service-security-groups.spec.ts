import { strict as assert } from "assert";
import { ServiceSecurityGroups, ServiceSecurityGroupsArgs } from "../../../components/network/service-security-groups";
import { ArgumentErrorRow, builtOnce, refusesEach } from "../../helpers/component-harness";

const TAGS = { Project: "fraud-detector", Environment: "production", ManagedBy: "pulumi" };
const BASE: ServiceSecurityGroupsArgs = { vpcId: "vpc-1", tags: TAGS };

const build = (args: ServiceSecurityGroupsArgs) => () => new ServiceSecurityGroups("services", args);

describe("components/network ServiceSecurityGroups (built in-process)", () => {
    for (const environment of ["production", "staging", "local"]) {
        describe(`in ${environment}`, () => {
            const built = builtOnce(
                build({ vpcId: `vpc-${environment}`, tags: { ...TAGS, Environment: environment } }),
            );

            it("creates one group per guide service, named and tagged Role=app, with no rule of its own", async () => {
                const { children, parentName } = await built();
                assert.deepEqual(
                    children.map((r) => `${r.type} ${r.name}`),
                    [
                        "aws:ec2/securityGroup:SecurityGroup services-fraud-api",
                        "aws:ec2/securityGroup:SecurityGroup services-fraud-worker",
                        "aws:ec2/securityGroup:SecurityGroup services-fraud-ml",
                    ],
                );
                for (const [group, name] of children.map(
                    (r, i) => [r, ["fraud-api", "fraud-worker", "fraud-ml"][i]] as const,
                )) {
                    assert.equal(parentName(group), "services");
                    assert.equal(group.inputs.vpcId, `vpc-${environment}`);
                    assert.equal(group.inputs.description, `Tasks of ${name}`);
                    assert.deepEqual(group.inputs.tags, { ...TAGS, Environment: environment, Name: name, Role: "app" });
                }
            });

            it("outputs the group id of api, worker and mlService", async () => {
                const { outputs } = await built();
                assert.deepEqual(Object.keys(outputs.groupIds as object).sort(), ["api", "mlService", "worker"]);
            });
        });
    }

    const ARGUMENT_ERRORS: readonly ArgumentErrorRow<ServiceSecurityGroupsArgs>[] = [
        [
            "stack tags that would lose a group's Name",
            { tags: { ...TAGS, Name: "shared" } },
            'tag Name is set by the stack to "shared" and cannot be changed to "fraud-api"',
        ],
        [
            "stack tags that would lose a group's Role",
            { tags: { ...TAGS, Role: "shared" } },
            'tag Role is set by the stack to "shared" and cannot be changed to "app"',
        ],
    ];
    refusesEach(build, BASE, ARGUMENT_ERRORS);
});
