import { PolicyResource } from "@pulumi/policy";
import {
    sourcesOfType,
    notOfThisStack,
    perResource,
    RDS_INSTANCE,
    securityGroupProblems,
    subnetGroupProblems,
} from "../../lib/data-tier";
import { asList, shown } from "../../lib/resources";
import { Rule, stackRule } from "../../lib/rule";

const PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
const SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";

/** `rds-encryption`: encrypted storage and a postgres parameter group that forces TLS. */
function encryptionProblems(instance: PolicyResource): string[] {
    const props = instance.props;
    const problems: string[] = [];
    if (props.storageEncrypted !== true) {
        problems.push(
            `storageEncrypted is ${shown(props.storageEncrypted)}; set storageEncrypted: true (a customer KMS key in kmsKeyId is preferred)`,
        );
    }
    const groups = sourcesOfType(instance, "parameterGroupName", PARAMETER_GROUP);
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
        // A stack rule, because the parameter group the instance names is judged with it.
        check: perResource(RDS_INSTANCE, (_resources, instance) => encryptionProblems(instance)),
    }),
    stackRule({
        id: "rds-network-isolation",
        description:
            "Keeps the database out of reach of the internet (FSBP RDS.2; guide: subnet_ids = database_subnet_ids): not publicly accessible, in a subnet group of the isolated subnets, behind its own single security group. Limit: a dependency on the awsx VPC is accepted when the VPC declares Isolated subnets, since policies cannot see which of its outputs was used.",
        kind: "security",
        check: perResource(RDS_INSTANCE, (resources, instance) => [
            ...(instance.props.publiclyAccessible === true
                ? ["publiclyAccessible is true; set publiclyAccessible: false"]
                : []),
            ...subnetGroupProblems(instance, "dbSubnetGroupName", SUBNET_GROUP, ["Isolated"]),
            ...securityGroupProblems(resources, instance, "vpcSecurityGroupIds", "database", true),
        ]),
    }),
];
