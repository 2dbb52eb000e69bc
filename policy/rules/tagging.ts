import { PolicyResource } from "@pulumi/policy";
import { GUIDE_REGION } from "../../facts/guide/region";
import { TAGGABLE } from "../lib/taggable";
import { resourceRule, Rule, stackRule, Finding, stackEnvironment } from "../lib/rule";
import { shown, tagsOf } from "../../lib/relations/resources";
import { Props } from "../../lib/relations/resource-shape";

const REGION = GUIDE_REGION;
const ENVIRONMENTS = ["local", "staging", "production"];

/**
 * The cost-allocation tags every taggable resource carries, and the values allowed: read from the
 * resource alone, so decided in the resource pass.
 */
function ownTagProblems(props: Props): string[] {
    const tags = tagsOf(props);
    const problems: string[] = [];
    if (tags.Project !== "fraud-detector") {
        problems.push(`tag Project is ${shown(tags.Project)}; set tags.Project to "fraud-detector"`);
    }
    if (typeof tags.Environment !== "string" || !ENVIRONMENTS.includes(tags.Environment)) {
        problems.push(
            `tag Environment is ${shown(tags.Environment)}; set tags.Environment to the stack's environment (local, staging or production)`,
        );
    }
    if (tags.ManagedBy !== "pulumi") {
        problems.push(`tag ManagedBy is ${shown(tags.ManagedBy)}; set tags.ManagedBy to "pulumi"`);
    }
    return problems;
}

/** A valid Environment tag that differs from the stack's: needs the other resources' tags. */
function environmentMismatch(props: Props, environment: string): string[] {
    const tagged = tagsOf(props).Environment;
    return typeof tagged === "string" && ENVIRONMENTS.includes(tagged) && tagged !== environment
        ? [
              `tag Environment is "${tagged}" but the stack's resources are "${environment}"; one stack is one environment`,
          ]
        : [];
}

/** The stack-wide rules: region and tags. */
export const taggingRules: readonly Rule[] = [
    resourceRule({
        id: "region-ca-central-1",
        description:
            "Keeps every regional resource in ca-central-1, the guide's region (AWS_REGION=ca-central-1, AZs ca-central-1a/b): data stays in Canada.",
        kind: "security",
        types: (type) => type === "pulumi:providers:aws" || type.startsWith("aws:"),
        check: (props, args) => {
            const region = props.region;
            if (args.type === "pulumi:providers:aws" && region !== REGION) {
                return [`the AWS provider's region is ${shown(region)}; set region: "${REGION}"`];
            }
            if (args.type !== "pulumi:providers:aws" && region !== undefined && region !== REGION) {
                return [`region is overridden to ${shown(region)}; remove region or set it to "${REGION}"`];
            }
            return [];
        },
    }),
    stackRule({
        id: "tags-required",
        description:
            "Makes every resource's cost and ownership traceable (guide: Cost Monitoring, cost-allocation tags): Project=fraud-detector, Environment=<stack>, ManagedBy=pulumi on every taggable resource.",
        kind: "security",
        // Which tags are present and valid is the resource's own; whether its Environment is the
        // stack's needs the other resources.
        resourceCheck: { types: (type) => TAGGABLE.has(type), check: ownTagProblems },
        check: (resources) => {
            const environment = stackEnvironment(resources);
            const findings: Finding[] = [];
            for (const resource of resources as PolicyResource[]) {
                if (!TAGGABLE.has(resource.type)) {
                    continue;
                }
                for (const message of environmentMismatch(resource.props as Props, environment)) {
                    findings.push({ resource, message });
                }
            }
            return findings;
        },
    }),
];
