import { PolicyResource } from "@pulumi/policy";
import { MASKED, ofType, shown } from "../../../lib/relations/resources";
import { parseDocument, Statement } from "../../../lib/relations/documents";
import { grantsAction } from "../../../lib/relations/iam-graph";
import { Finding, resourceRule, Rule } from "../../lib/rule";
import { sourcesOf } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";

/** The SNS topic type token: the alarm and budget topic. */
export const TOPIC = "aws:sns/topic:Topic";
const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";
const KMS_KEY = "aws:kms/key:Key";
const KMS_ALIAS = "aws:kms/alias:Alias";
/** The services that may publish to the project's topics: alarms, budget alerts and RDS events. */
const PUBLISHERS = ["cloudwatch.amazonaws.com", "budgets.amazonaws.com", "events.rds.amazonaws.com"];

/** The account a principal (`123456789012`, `arn:aws:iam::123456789012:root`) or an SNS ARN belongs to. */
function accountOf(value: unknown): string | undefined {
    if (typeof value !== "string") {
        return undefined;
    }
    return (/^(\d{12})$/.exec(value) ?? /^arn:aws[a-z-]*:(?:iam|sns):[^:]*:(\d{12})(?::|$)/.exec(value))?.[1];
}

/** Whether a statement carries the confused-deputy guard a service principal needs. */
function hasSourceCondition(statement: Statement): boolean {
    return Object.values(statement.conditions).some((operator) =>
        Object.keys(operator ?? {}).some((key) => /^aws:Source(Account|Arn)$/i.test(key)),
    );
}

/** What one Allow statement of a topic policy lets in beyond the account and the publishing services. */
function topicStatementProblems(at: string, statement: Statement, owner: string | undefined): string[] {
    const problems: string[] = [];
    const services: string[] = [];
    for (const [kind, values] of Object.entries(statement.principals)) {
        for (const value of values) {
            if (kind === "*" || value === "*") {
                problems.push(
                    `${at} lets any principal ("*") use the topic; allow only this account and ${PUBLISHERS.join(" / ")}`,
                );
            } else if (kind === "AWS" && owner !== undefined && accountOf(value) !== owner) {
                problems.push(
                    `${at} admits AWS ${JSON.stringify(value)}, outside account ${owner}; allow only this account`,
                );
            } else if (kind === "Service" && PUBLISHERS.includes(value)) {
                services.push(value);
            } else if (kind !== "AWS") {
                problems.push(
                    `${at} admits ${kind} ${JSON.stringify(value)}; only ${PUBLISHERS.join(", ")} may publish`,
                );
            }
        }
    }
    if (services.length === 0) {
        return problems;
    }
    const others = statement.actions.filter((action) => action.toLowerCase() !== "sns:publish");
    if (others.length > 0 || statement.notActions.length > 0) {
        problems.push(
            `${at} lets ${services.join(", ")} do ${shown([...others, ...statement.notActions])}; allow the services only sns:Publish`,
        );
    }
    if (!hasSourceCondition(statement)) {
        problems.push(
            `${at} lets ${services.join(", ")} publish without an aws:SourceAccount or aws:SourceArn condition; add one`,
        );
    }
    return problems;
}

/** `sns-topic-not-public`: topic policies admit only the account and the publishing services. */
export const snsTopicNotPublic: Rule = resourceRule({
    id: "sns-topic-not-public",
    description:
        'Keeps the alarm topic private (FSBP SNS.4; CKV_AWS_169): topic policies admit only this account, and cloudwatch.amazonaws.com / budgets.amazonaws.com / events.rds.amazonaws.com for sns:Publish under an aws:SourceAccount or aws:SourceArn condition; never "*", never other accounts.',
    kind: "security",
    types: [TOPIC, TOPIC_POLICY],
    check: (props, args) => {
        const statements = parseDocument(props.policy);
        if (statements === undefined) {
            return [];
        }
        // The owning account: the TopicPolicy's topic ARN, else the topic ARNs the statements name.
        const owner =
            accountOf(args.type === TOPIC_POLICY ? props.arn : undefined) ??
            statements.flatMap((s) => s.resources.map(accountOf)).find((account) => account !== undefined);
        return statements.flatMap((statement, i) =>
            statement.effect === "Allow" ? topicStatementProblems(`policy statement ${i + 1}`, statement, owner) : [],
        );
    },
});

/** The KMS keys a topic's kmsMasterKeyId came from, directly or through an alias of this program. */
function keysOf(topic: PolicyResource): PolicyResource[] {
    return sourcesOf(topic, "kmsMasterKeyId").flatMap((source) =>
        source.type === KMS_ALIAS ? sourcesOf(source, "targetKeyId").filter((k) => k.type === KMS_KEY) : [source],
    );
}

/** Whether a key policy lets `service` encrypt notifications with the key. */
function letsServiceUse(key: PolicyResource, service: string): boolean {
    const statements = parseDocument(key.props.policy) ?? [];
    const forService = statements.filter((s) => s.effect === "Allow" && (s.principals.Service ?? []).includes(service));
    return ["kms:Decrypt", "kms:GenerateDataKey"].every((action) => forService.some((s) => grantsAction(s, action)));
}

/**
 * The services that publish to `topic`: CloudWatch always (it is the alarm topic), and every
 * publishing service a topic policy of this program admits for it.
 */
function publishersOf(topic: PolicyResource, resources: readonly PolicyResource[]): string[] {
    const admitted = ofType(resources, TOPIC_POLICY)
        .filter((policy) => sourcesOf(policy, "arn").some((source) => source.urn === topic.urn))
        .flatMap((policy) => parseDocument(policy.props.policy) ?? [])
        .filter((statement) => statement.effect === "Allow")
        .flatMap((statement) => statement.principals.Service ?? [])
        .filter((service) => PUBLISHERS.includes(service));
    return [...new Set(["cloudwatch.amazonaws.com", ...admitted])];
}

/** What each publisher's notifications are, for messages. */
const NOTIFICATIONS: Readonly<Record<string, string>> = {
    "cloudwatch.amazonaws.com": "alarms",
    "budgets.amazonaws.com": "budget alerts",
    "events.rds.amazonaws.com": "database events",
};

/**
 * The topic's own half of telemetry-retention-and-encryption: no customer key at all, or the
 * AWS-managed one. It reads the topic alone, so it runs in the resource pass.
 */
export function topicKeyProblems(props: Props): string[] {
    const keyId: unknown = props.kmsMasterKeyId;
    if (keyId === undefined) {
        return [
            "kmsMasterKeyId is unset; encrypt the topic with a customer KMS key whose policy lets cloudwatch.amazonaws.com use it",
        ];
    }
    if (typeof keyId === "string" && /(^|:)alias\/aws\/sns$/.test(keyId)) {
        return [
            `kmsMasterKeyId is ${shown(keyId)}, the AWS-managed key, whose policy CloudWatch cannot use, so alarms would not be delivered; use a customer KMS key`,
        ];
    }
    return [];
}

/** Why a topic's customer key would stop notifications: a publisher may not use it. */
function encryptionProblems(topic: PolicyResource, publishers: readonly string[]): string[] {
    // No key, or the AWS-managed one, is topicKeyProblems' finding, decided on the topic alone.
    if (topicKeyProblems(topic.props as Props).length > 0) {
        return [];
    }
    // A masked key policy cannot be read yet; it is judged once it can, not failed now.
    return keysOf(topic)
        .filter((key) => key.props.policy !== MASKED)
        .flatMap((key) =>
            publishers
                .filter((service) => key.props.policy === undefined || !letsServiceUse(key, service))
                .map(
                    (service) =>
                        `the topic's key ${key.name} does not let ${service} use it, so ${NOTIFICATIONS[service]} would not be delivered; add a key policy statement allowing that service kms:Decrypt and kms:GenerateDataKey*`,
                ),
        );
}

/** The key-policy part of the topic half of telemetry-retention-and-encryption, one finding per problem, on the topic. */
export function topicEncryptionFindings(resources: readonly PolicyResource[]): Finding[] {
    return ofType(resources, TOPIC).flatMap((topic) =>
        encryptionProblems(topic, publishersOf(topic, resources)).map((message) => ({ resource: topic, message })),
    );
}
