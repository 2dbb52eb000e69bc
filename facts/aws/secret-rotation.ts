/**
 * What AWS documents about rotating the platform's two shared credentials without an outage: the
 * events that announce a new secret value, the Step Functions integration that redeploys an ECS
 * service without code, and ElastiCache's two-step AUTH token change. Each fact names its source.
 *
 * Pure data: nothing here imports from the program, the plan or the policy pack.
 *
 * @module
 */

/** One fact with its source. */
export interface RotationFact {
    /** What AWS documents, in one sentence. */
    readonly rule: string;
    /** The AWS page that documents it. */
    readonly source: string;
}

/** The EventBridge fields of Secrets Manager's events, as CloudTrail delivers them. */
export const SECRET_EVENTS = {
    /** The `source` of every Secrets Manager event. */
    source: "aws.secretsmanager",
    /** The `detail.eventSource` of every Secrets Manager event. */
    eventSource: "secretsmanager.amazonaws.com",
    /**
     * A rotation Secrets Manager itself runs (RDS-managed master secrets included) ends with the
     * service event `RotationSucceeded`, which names the secret in `additionalEventData.SecretId`.
     */
    rotated: {
        detailType: "AWS Service Event via CloudTrail",
        eventName: "RotationSucceeded",
        rule: "a successful rotation is logged as the CloudTrail service event RotationSucceeded (detail-type AWS Service Event via CloudTrail), naming the secret in additionalEventData.SecretId",
        source: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieve-ct-entries.html",
    },
    /**
     * A value written through the API (`pulumi up` writes a new version with PutSecretValue) is an
     * API call event naming the secret's ARN in `responseElements.arn` (`aRN` before February 2024).
     */
    written: {
        detailType: "AWS API Call via CloudTrail",
        eventNames: ["PutSecretValue", "UpdateSecret"],
        rule: "PutSecretValue and UpdateSecret are logged as AWS API Call via CloudTrail events; match a secret by responseElements.arn",
        source: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/monitoring-eventbridge.html",
    },
    /** CloudTrail delivers these to EventBridge on a best-effort basis. */
    delivery: {
        rule: "AWS services deliver events to CloudTrail, and so to EventBridge, on a best-effort basis",
        source: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html",
    },
} as const;

/** RDS rotates the master password it manages every 7 days unless told otherwise. */
export const RDS_MANAGED_ROTATION: RotationFact & { readonly days: number } = {
    days: 7,
    rule: "RDS rotates a master user password it manages in Secrets Manager every 7 days by default; the old password stops working when the rotation finishes",
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html",
};

/**
 * Step Functions calls ECS UpdateService through its AWS SDK integration, with no code: the task's
 * Resource is this ARN and its Parameters are UpdateService's request members. What its role needs
 * is the data-path fact `statesUpdateService` (data-paths.ts).
 */
export const STATES_ECS_UPDATE_SERVICE: RotationFact & { readonly resource: string } = {
    resource: "arn:aws:states:::aws-sdk:ecs:updateService",
    rule: "Step Functions' AWS SDK integrations call any service API from a Task state whose Resource is arn:aws:states:::aws-sdk:<service>:<action>",
    source: "https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html",
};

/** `ForceNewDeployment` starts new tasks from the same task definition, which read secrets anew. */
export const ECS_FORCE_NEW_DEPLOYMENT: RotationFact = {
    rule: "UpdateService with forceNewDeployment starts a new deployment without changing the task definition; ECS injects secrets when a task starts",
    source: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html",
};

/** The service principals that assume the redeploy's two roles. */
export const REDEPLOY_PRINCIPALS = {
    /** EventBridge, starting the state machine (data-path fact `eventsStartExecution`). */
    events: "events.amazonaws.com",
    /** Step Functions, running it (data-path fact `statesUpdateService`). */
    states: "states.amazonaws.com",
} as const;

/**
 * ElastiCache's AUTH token change on an existing replication group (ModifyReplicationGroup
 * AuthToken + AuthTokenUpdateStrategy): ROTATE adds the new token beside the old one, so clients
 * with either authenticate; SET, allowed only after ROTATE, keeps the new token alone.
 */
export const ELASTICACHE_AUTH_UPDATE = {
    strategies: ["ROTATE", "SET"] as const,
    rule: "modify the token with --auth-token-update-strategy ROTATE (old and new tokens both accepted), move every client to the new token, then modify again with the same token and SET (only the new one accepted); SET is allowed only after ROTATE",
    source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html#auth-modifyng-token",
    /** pulumi-aws sends the strategy with `authTokenWo` too, and only when `authTokenWoVersion` changes. */
    provider:
        "pulumi-aws elasticache.ReplicationGroup: authTokenUpdateStrategy is used when modifying authToken or authTokenWo; changing authTokenWoVersion triggers the update of authTokenWo (sdk/nodejs/elasticache/replicationGroup.ts, 7.48.0)",
} as const;
