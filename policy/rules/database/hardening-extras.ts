import { PolicyResource } from "@pulumi/policy";
import { mustBeTrue, perResource, RDS_INSTANCE } from "../../lib/data-tier";
import { asList, ofType, shown } from "../../../lib/relations/resources";
import { Rule, stackRule } from "../../lib/rule";
import { refersTo, sourcesOf } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";

const EVENT_SUBSCRIPTION = "aws:rds/eventSubscription:EventSubscription";
const SNS_TOPIC = "aws:sns/topic:Topic";
const REQUIRED_EVENT_CATEGORIES = ["failure", "maintenance", "configuration change"];
/** The RDS certificate authorities that are current (rds-ca-2019 expired in August 2024). */
const CURRENT_CAS = ["rds-ca-rsa2048-g1", "rds-ca-rsa4096-g1", "rds-ca-ecc384-g1"];

/** `rds-hardening-extras`: the per-instance settings. */
function extrasProblems(props: Props): string[] {
    const problems: string[] = [];
    const interval = props.monitoringInterval;
    if (typeof interval !== "number" || interval <= 0 || interval > 60) {
        problems.push(
            `monitoringInterval is ${shown(interval)}; set monitoringInterval: 60 (or less) with a monitoringRoleArn for enhanced monitoring`,
        );
    } else if (props.monitoringRoleArn === undefined) {
        problems.push(
            "monitoringRoleArn is unset; enhanced monitoring needs a role that monitoring.rds.amazonaws.com can assume",
        );
    }
    if (props.performanceInsightsEnabled !== true) {
        problems.push(
            `performanceInsightsEnabled is ${shown(props.performanceInsightsEnabled)}; set performanceInsightsEnabled: true with a customer key in performanceInsightsKmsKeyId`,
        );
    } else if (props.performanceInsightsKmsKeyId === undefined) {
        problems.push("performanceInsightsKmsKeyId is unset; encrypt Performance Insights with a customer KMS key");
    }
    problems.push(...mustBeTrue(props, "iamDatabaseAuthenticationEnabled"), ...mustBeTrue(props, "copyTagsToSnapshot"));
    // Unset, RDS picks its current default CA; only an explicit old one is a problem.
    const ca = props.caCertIdentifier;
    if (ca !== undefined && !(typeof ca === "string" && CURRENT_CAS.includes(ca))) {
        problems.push(
            `caCertIdentifier is ${shown(ca)}; set caCertIdentifier to a current CA such as "${CURRENT_CAS[0]}"`,
        );
    }
    return problems;
}

/** `rds-hardening-extras`: an enabled event subscription for the instance that reaches the alarm topic. */
function eventSubscriptionProblems(resources: readonly PolicyResource[], instance: PolicyResource): string[] {
    // No sourceIds means every instance of the account.
    const covering = ofType(resources, EVENT_SUBSCRIPTION).filter(
        (sub) =>
            sub.props.enabled !== false &&
            sub.props.sourceType === "db-instance" &&
            (asList(sub.props.sourceIds as unknown[]).length === 0 || refersTo(sub, "sourceIds", instance)),
    );
    if (covering.length === 0) {
        return [
            `no RDS event subscription covers instance ${instance.name}; add an aws.rds.EventSubscription with sourceType "db-instance", this instance in sourceIds, eventCategories ${JSON.stringify(REQUIRED_EVENT_CATEGORIES)} and snsTopic the alarm topic`,
        ];
    }
    const problems: string[] = [];
    const missingOf = (sub: PolicyResource) => {
        const categories = sub.props.eventCategories as unknown[] | undefined;
        // No categories means every category.
        return categories === undefined || categories.length === 0
            ? []
            : REQUIRED_EVENT_CATEGORIES.filter((category) => !categories.includes(category));
    };
    if (!covering.some((sub) => missingOf(sub).length === 0)) {
        problems.push(
            `event subscription ${covering[0].name} leaves out ${missingOf(covering[0]).join(", ")}; include eventCategories ${JSON.stringify(REQUIRED_EVENT_CATEGORIES)}`,
        );
    }
    if (!covering.some((sub) => sourcesOf(sub, "snsTopic", SNS_TOPIC).length > 0)) {
        problems.push(
            `event subscription ${covering[0].name} sends to ${shown(covering[0].props.snsTopic)}, not an SNS topic of this stack; set snsTopic to the alarm topic's ARN`,
        );
    }
    return problems;
}

/** The advisory RDS rule: hardening beyond the guide's requirements, never blocking. */
export const databaseHardeningRules: readonly Rule[] = [
    stackRule({
        id: "rds-hardening-extras",
        description:
            "Optional database hardening (FSBP RDS.6, RDS.10, RDS.17, RDS.20): enhanced monitoring at 60 s or less, encrypted Performance Insights, IAM authentication, tags copied to snapshots, a current CA, and an event subscription to the alarm topic. Triggered by each RDS instance.",
        kind: "advisory",
        // The settings are the instance's own; only the event subscription needs other resources.
        resourceCheck: { types: [RDS_INSTANCE], check: extrasProblems },
        check: perResource(RDS_INSTANCE, eventSubscriptionProblems),
    }),
];
