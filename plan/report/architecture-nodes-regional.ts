import { DiagramContext, ofType, PlacedNode, regionalPath, resourceNode, text } from "./architecture-context";

/**
 * The diagram's regional nodes, outside the VPC: S3 buckets, secrets (the stack's own and the master
 * secret RDS manages), SNS topics and the CloudWatch alarms, drawn as one node that lists them.
 *
 * @module
 */

const BUCKET = "aws:s3/bucket:Bucket";
const SECRET = "aws:secretsmanager/secret:Secret";
const RDS_INSTANCE = "aws:rds/instance:Instance";
const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

const S3 = { id: "s3", label: "S3" };
const SECRETS = { id: "secrets", label: "Secrets Manager" };
const MONITORING = { id: "monitoring", label: "CloudWatch and SNS" };

/** S3 buckets; IAM statements name their objects as `<bucket ARN>/...`, which the edges match by prefix. */
export function bucketNodes(context: DiagramContext): PlacedNode[] {
    return ofType(context, BUCKET).map((bucket) =>
        resourceNode(bucket, {
            kind: "bucket",
            title: text(bucket.inputs.bucket) || bucket.name,
            details: bucket.inputs.objectLockEnabled === true ? ["Object Lock"] : [],
            path: regionalPath(context, S3),
        }),
    );
}

/**
 * The stack's secrets, and the master-user secret of each RDS instance whose password RDS manages:
 * that secret is created by RDS, not by the program, so its node stands for the instance, and task
 * execution roles that read it point at it by the ARN the instance reports.
 */
export function secretNodes(context: DiagramContext): PlacedNode[] {
    const own: PlacedNode[] = ofType(context, SECRET).map((secret) =>
        resourceNode(secret, {
            kind: "secret",
            title: text(secret.inputs.name) || secret.name,
            details: [],
            path: regionalPath(context, SECRETS),
        }),
    );
    const managed: PlacedNode[] = ofType(context, RDS_INSTANCE).flatMap((db) => {
        const secrets = (db.outputs.masterUserSecrets ?? []) as Array<{ secretArn?: unknown }>;
        const arns = secrets.map((s) => text(s.secretArn)).filter(Boolean);
        return arns.length === 0
            ? []
            : [
                  {
                      id: `${db.name}-master-secret`,
                      kind: "secret" as const,
                      title: "RDS master user secret",
                      details: [`managed by RDS for ${text(db.inputs.identifier) || db.name}`],
                      path: regionalPath(context, SECRETS),
                      urns: [db.urn],
                      arns,
                  },
              ];
    });
    return [...own, ...managed];
}

/** SNS topics, with how many subscriptions of which protocol reach people. */
export function topicNodes(context: DiagramContext): PlacedNode[] {
    return ofType(context, TOPIC).map((topic) => {
        const protocols = ofType(context, SUBSCRIPTION)
            .filter((s) => s.inputs.topic === topic.outputs.arn)
            .map((s) => text(s.inputs.protocol))
            .sort();
        return resourceNode(topic, {
            kind: "topic",
            title: `SNS ${text(topic.inputs.name) || topic.name}`,
            details: protocols.length > 0 ? [`subscriptions: ${protocols.join(", ")}`] : ["no subscriptions"],
            path: regionalPath(context, MONITORING),
        });
    });
}

/**
 * All metric alarms as one node listing their names: a node each would outnumber everything else
 * on the page, and what they watch is drawn as edges from this node.
 */
export function alarmNodes(context: DiagramContext): PlacedNode[] {
    const alarms = ofType(context, ALARM);
    if (alarms.length === 0) {
        return [];
    }
    return [
        {
            id: "alarms",
            kind: "alarms",
            title: `CloudWatch alarms (${alarms.length})`,
            details: alarms.map((a) => text(a.inputs.name) || a.name).sort(),
            path: regionalPath(context, MONITORING),
            urns: alarms.map((a) => a.urn).sort(),
            arns: alarms.map((a) => text(a.outputs.arn)).sort(),
        },
    ];
}
