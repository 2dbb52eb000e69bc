/**
 * Fixtures the observability specs share.
 */
import { PlanResource } from "../../../plan/engine/contract";
import { resource, stackTags } from "../harness";

/** The LogGroup type token. */
export const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

/** The Topic type token. */
export const TOPIC = "aws:sns/topic:Topic";

/** The TopicPolicy type token. */
export const TOPIC_POLICY = "aws:sns/topicPolicy:TopicPolicy";

/** The account the fixtures' ARNs name. */
export const ACCOUNT = "123456789012";

/** The alert topic's ARN. */
export const TOPIC_ARN = `arn:aws:sns:ca-central-1:${ACCOUNT}:fraud-detector-alerts`;

/** Resource inputs or a policy document, as JSON. */
export type Doc = Record<string, unknown>;

/** A policy document of `statements`. */
export function doc(...statements: Doc[]): Doc {
    return { Version: "2012-10-17", Statement: statements };
}

/** The alert topic the guide's alarms notify, tagged for `environment`. */
export function alertTopic(environment = "production"): PlanResource {
    return resource(TOPIC, { name: "fraud-detector-alerts", tags: stackTags(environment) }, { name: "alerts" });
}
