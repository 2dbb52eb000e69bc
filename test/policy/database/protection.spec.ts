import { strict as assert } from "assert";
import {
    dbParts,
    dbStack,
    dbSubnetGroup,
    parameterGroup,
    parameterGroupProps,
    securityGroup,
    SERVICE,
    vpc,
} from "../data-tier-fixtures";
import { levelsOf, messagesOf, resource, stackTags } from "../harness";

const SUBNET = "aws:ec2/subnet:Subnet";

describe("policy: database and cache", () => {
    describe("rds-encryption", () => {
        it("passes an encrypted instance with a postgres parameter group forcing TLS", async () =>
            assert.deepEqual(await messagesOf(dbStack(), "rds-encryption"), []));

        it("rejects unencrypted storage, mandatory in staging and advisory in local", async () => {
            for (const [environment, level] of [
                ["staging", "mandatory"],
                ["local", "advisory"],
            ]) {
                const stack = dbStack({ props: { tags: stackTags(environment), storageEncrypted: undefined } });
                assert.deepEqual(await levelsOf(stack, "rds-encryption"), [
                    [
                        level,
                        "storageEncrypted is unset; set storageEncrypted: true (a customer KMS key in kmsKeyId is preferred)",
                    ],
                ]);
            }
        });

        it("rejects an instance on the default parameter group", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { parameterGroupName: undefined }, from: { parameterGroupName: [] } }),
                    "rds-encryption",
                ),
                [
                    'parameterGroupName is unset, so the default parameter group is used, not a parameter group of this stack; set it to an aws.rds.ParameterGroup (family postgres*) with the parameter rds.force_ssl = "1"',
                ],
            ));

        it("rejects a parameter group named by a literal", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { parameterGroupName: "default.postgres15" }, from: { parameterGroupName: [] } }),
                    "rds-encryption",
                ),
                [
                    'parameterGroupName is "default.postgres15", not a parameter group of this stack; set it to an aws.rds.ParameterGroup (family postgres*) with the parameter rds.force_ssl = "1"',
                ],
            ));

        it("rejects a parameter group of another family", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({
                        parts: { parameterGroup: parameterGroup({ ...parameterGroupProps(), family: "mysql8.0" }) },
                    }),
                    "rds-encryption",
                ),
                [
                    'parameter group db-params has family "mysql8.0"; use the instance\'s postgres* family (e.g. "postgres15")',
                ],
            ));

        it("rejects a parameter group that does not force TLS", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({
                        parts: {
                            parameterGroup: parameterGroup({
                                ...parameterGroupProps(),
                                parameters: [{ name: "rds.force_ssl", value: "0" }],
                            }),
                        },
                    }),
                    "rds-encryption",
                ),
                [
                    'parameter group db-params sets rds.force_ssl to "0"; add the parameter { name: "rds.force_ssl", value: "1" } so clients must use TLS',
                ],
            ));

        it("passes a stack without a database", async () =>
            assert.deepEqual(await messagesOf([vpc()], "rds-encryption"), []));
    });

    describe("rds-network-isolation", () => {
        it("passes an instance in the isolated subnet group behind its own group", async () =>
            assert.deepEqual(await messagesOf(dbStack(), "rds-network-isolation"), []));

        it("rejects a publicly accessible instance, mandatory in production", async () =>
            assert.deepEqual(
                await levelsOf(dbStack({ props: { publiclyAccessible: true } }), "rds-network-isolation"),
                [["mandatory", "publiclyAccessible is true; set publiclyAccessible: false"]],
            ));

        it("rejects an instance on the default subnet group", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { dbSubnetGroupName: undefined }, from: { dbSubnetGroupName: [] } }),
                    "rds-network-isolation",
                ),
                [
                    "dbSubnetGroupName is unset, so the default subnet group is used, not a subnet group of this stack; create a dedicated subnet group over the Isolated subnets and set dbSubnetGroupName to its name",
                ],
            ));

        it("rejects a subnet group over a VPC that has no isolated tier", async () => {
            const network = vpc({ subnetSpecs: [{ type: "Public" }, { type: "Private" }] });
            const stack = [...dbStack({ parts: { subnetGroup: dbSubnetGroup({ subnetIds: [network] }) } }), network];
            assert.deepEqual(await messagesOf(stack, "rds-network-isolation"), [
                "subnet group db-subnets takes its subnets from VPC vpc, which declares only Public, Private subnets; add a subnetSpec of type Isolated and use those subnet ids",
            ]);
        });

        it("rejects a subnet group that includes a private subnet", async () => {
            const isolated = resource(
                SUBNET,
                { tags: { ...stackTags(), SubnetType: "Isolated" } },
                { name: "isolated-1" },
            );
            const privateSubnet = resource(
                SUBNET,
                { tags: { ...stackTags(), SubnetType: "Private" } },
                { name: "private-1" },
            );
            const subnetGroup = dbSubnetGroup({ subnetIds: [isolated, privateSubnet] });
            const stack = [...dbStack({ parts: { subnetGroup } }), isolated, privateSubnet];
            assert.deepEqual(await messagesOf(stack, "rds-network-isolation"), [
                'subnet group db-subnets includes subnet private-1 of tier "Private"; use only Isolated subnets',
            ]);
        });

        it("rejects a subnet group of literal subnet ids", async () =>
            assert.deepEqual(
                await messagesOf(dbStack({ parts: { subnetGroup: dbSubnetGroup({}) } }), "rds-network-isolation"),
                [
                    'subnet group db-subnets lists subnetIds ["subnet-1","subnet-2"], which come from no VPC or subnet of this stack; take them from the VPC\'s Isolated subnet ids',
                ],
            ));

        it("rejects an instance on the VPC's default security group", async () =>
            assert.deepEqual(
                await messagesOf(
                    dbStack({ props: { vpcSecurityGroupIds: undefined }, from: { vpcSecurityGroupIds: [] } }),
                    "rds-network-isolation",
                ),
                [
                    "vpcSecurityGroupIds is unset, so the VPC's default security group is attached; attach the database tier's own security group of this stack",
                ],
            ));

        it("rejects a second security group", async () => {
            const parts = dbParts();
            const extra = securityGroup("extra-sg");
            const stack = [
                ...dbStack({
                    parts,
                    props: { vpcSecurityGroupIds: ["db-sg-id", "extra-sg-id"] },
                    from: { vpcSecurityGroupIds: [parts.group, extra] },
                }),
                extra,
            ];
            assert.deepEqual(await messagesOf(stack, "rds-network-isolation"), [
                "2 security groups are attached in vpcSecurityGroupIds; attach only the database security group",
            ]);
        });

        it("rejects a security group shared with the application tier", async () => {
            const parts = dbParts();
            const service = resource(SERVICE, { tags: stackTags() }, { from: { networkConfiguration: [parts.group] } });
            assert.deepEqual(await messagesOf([...dbStack({ parts }), service], "rds-network-isolation"), [
                "security group db-sg is also attached to the app tier; give the database tier a security group of its own",
            ]);
        });
    });
});
