import { hasNameRule, nameProblems } from "../lib/resource-names";
import { resourceRule, Rule } from "../lib/rule";

/**
 * What AWS accepts as a physical name. A resource rule, so a real `pulumi preview --policy-pack`
 * enforces it before anything changes: the provider's Check has put the auto-name into the inputs.
 */
export const nameRules: readonly Rule[] = [
    resourceRule({
        id: "aws-resource-names",
        description:
            "Keeps every physical name within what AWS accepts for its type (facts/aws/resource-names.ts, from the AWS API references and pulumi-aws's auto-naming): length, characters, case and refused forms of the given or auto-generated name, and the prefix input's limit; AWS refuses the create otherwise, in any stack.",
        kind: "aws",
        types: hasNameRule,
        check: (props, args) => nameProblems(args.type, props, args.name),
    }),
];
