import { PolicyResource } from "@pulumi/policy";
import {
    notOfThisStack,
    perResource,
    RDS_INSTANCE,
    securityGroupProblems,
    subnetGroupProblems,
} from "../../lib/data-tier";
import { asList, shown } from "../../../lib/relations/resources";
import { Rule, stackRule } from "../../lib/rule";
import { Props } from "../../../lib/relations/resource-shape";
import { sourcesOf } from "../../../lib/relations/references";

const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";

/** `rds-encryption`, the instance's own half: encrypted storage. */
function storageProblems(props: Props): string[] {
    return props.storageEncrypted === true
        ? []
        : [
              `storageEncrypted is ${shown(props.storageEncrypted)}; set storageEncrypted: true (a customer KMS key in kmsKeyId is preferred)`,
          ];
}

/** `rds-encryption`, the half that needs the parameter group: a postgres one that forces TLS. */
function parameterGroupProblems(instance: PolicyResource): string[] {
    const problems: string[] = [];
    const groups = sourcesOf(instance, "parameterGroupName", PARAMETER_GROUP);
    if (groups.length === 0) {
        problems.push(
            `${notOfThisStack(instance, "parameterGroupName", "parameter group")}; set it to an aws.rds.ParameterGroup (family postgres*) with the parameter rds.force_ssl = "1"`,
        );
    }
    for (const group of groups) {
        const family = group.props.family as unknown;
        if (typeof family !== "string" || !family.startsWith("postgres")) {
            problems.push(
                `parameter group ${group.name} has family ${shown(family)}; use the instance's postgres* family (e.g. "postgres15")`,
            );
        }
        const parameters = asList(group.props.parameters as Array<{ name?: unknown; value?: unknown }>);
        const forceSsl = parameters.find((parameter) => parameter.name === "rds.force_ssl")?.value;
        // The parameter is a string input; a number 1 is read the same way.
        if (forceSsl !== "1" && forceSsl !== 1) {
            problems.push(
                `parameter group ${group.name} sets rds.force_ssl to ${shown(forceSsl)}; add the parameter { name: "rds.force_ssl", value: "1" } so clients must use TLS`,
            );
        }
    }
    return problems;
}

/**
 * The RDS rules that keep the data unreadable to others, in security-rules.md's order: encrypted at
 * rest and on the wire, and out of reach of the network.
 */
export const databaseProtectionRules: readonly Rule[] = [
    stackRule({
        id: "rds-encryption",
        description:
            "Keeps the fraud data encrypted at rest and on the wire (FSBP RDS.3; guide: ENCRYPT_SENSITIVE_DATA): every RDS instance has storageEncrypted (a customer key preferred) and a postgres* parameter group of this stack with rds.force_ssl = 1.",
        kind: "security",
        // Storage encryption is the instance's own, decided at preview; the parameter group it names
        // is another resource, judged in the stack pass.
        resourceCheck: { types: [RDS_INSTANCE], check: storageProblems },
        check: perResource(RDS_INSTANCE, (_resources, instance) => parameterGroupProblems(instance)),
    }),
    stackRule({
        id: "rds-network-isolation",
        description:
            "Keeps the database out of reach of the internet (FSBP RDS.2; guide: subnet_ids = database_subnet_ids): not publicly accessible, in a subnet group of the isolated subnets, behind its own single security group. Limit: a dependency on the awsx VPC is accepted when the VPC declares Isolated subnets, since policies cannot see which of its outputs was used.",
        kind: "security",
        // Public accessibility is the instance's own setting; its subnet and security groups are not.
        resourceCheck: {
            types: [RDS_INSTANCE],
            check: (props) =>
                props.publiclyAccessible === true ? ["publiclyAccessible is true; set publiclyAccessible: false"] : [],
        },
        check: perResource(RDS_INSTANCE, (resources, instance) => [
            ...subnetGroupProblems(instance, "dbSubnetGroupName", SUBNET_GROUP, ["Isolated"]),
            ...securityGroupProblems(resources, instance, "vpcSecurityGroupIds", "database", true),
        ]),
    }),
];
