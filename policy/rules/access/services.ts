/**
 * The data paths of AWS services acting with the stack's key or for the stack (access-paths.ts
 * rows logs-encrypt-groups, topic-publishers, hosts-launch-encrypted, models-replicate,
 * flow-logs-deliver, rds-enhanced-monitoring).
 *
 * @module
 */
import { PolicyResource } from "@pulumi/policy";
import { DATA_PATH_FACTS } from "../../../facts/aws/data-paths";
import { KEY_POLICY_FACTS, KeyPolicyFact } from "../../../facts/aws/service-principals";
import { conditionIs, keyDelegatesToIam, keyOf, keyPolicyGaps, REGION, roleAllows, trusts } from "../../lib/access";
import { parseDocument } from "../../../lib/relations/documents";
import { IAM_TYPES, policyTargetsOf } from "../../../lib/relations/iam-graph";
import { ofType } from "../../../lib/relations/resources";
import { Finding } from "../../lib/rule";
import { sourcesOf } from "../../../lib/relations/references";

/** A finding naming the path and the principal. */
function finding(id: string, on: PolicyResource, who: string, problem: string): Finding {
    return { resource: on, message: `${id}: ${who}: ${problem}` };
}

/** The finding when the key policy lacks the fact's statement, or none. */
function keyFindings(id: string, key: PolicyResource, fact: KeyPolicyFact, why: string): Finding[] {
    const gaps = keyPolicyGaps(key, fact);
    if (gaps.length === 0) {
        return [];
    }
    const principal = fact.principal.service?.replace("{region}", REGION) ?? fact.principal.role;
    const conditions = Object.entries(fact.conditions)
        .map(([k, spec]) => ` with ${spec.operators[0]} ${k}${spec.value === undefined ? "" : ` ${spec.value}`}`)
        .join("");
    return [
        finding(
            id,
            key,
            principal ?? "",
            `${why}, but the policy of key ${key.name} allows it no ${gaps.join(", ")}; add an Allow statement naming it for ${fact.actions.join(", ")}${conditions} (${fact.source})`,
        ),
    ];
}

/** logs-encrypt-groups: CloudWatch Logs may use the key of each log group under it. */
function logGroups(resources: readonly PolicyResource[]): Finding[] {
    return ofType(resources, "aws:cloudwatch/logGroup:LogGroup").flatMap((group) => {
        const key = keyOf(group, "kmsKeyId");
        return key
            ? keyFindings(
                  "logs-encrypt-groups",
                  key,
                  KEY_POLICY_FACTS.cloudWatchLogs,
                  `log group ${String(group.props.name)} is under it`,
              )
            : [];
    });
}

/** The publishers of a topic: the services whose resources in the stack send to it. */
function publishersOf(resources: readonly PolicyResource[], topic: PolicyResource): KeyPolicyFact[] {
    const sends = (type: string, property: string) =>
        ofType(resources, type).some((r) => sourcesOf(r, property).some((s) => s.urn === topic.urn));
    const candidates: Array<[boolean, KeyPolicyFact]> = [
        [sends("aws:cloudwatch/metricAlarm:MetricAlarm", "alarmActions"), KEY_POLICY_FACTS.cloudWatchPublishes],
        [sends("aws:budgets/budget:Budget", "notifications"), KEY_POLICY_FACTS.budgetsPublishes],
        [sends("aws:rds/eventSubscription:EventSubscription", "snsTopic"), KEY_POLICY_FACTS.rdsEventsPublish],
    ];
    return candidates.filter(([present]) => present).map(([, fact]) => fact);
}

/** topic-publishers: each publisher is admitted by the key policy and by the topic policy. */
function topics(resources: readonly PolicyResource[]): Finding[] {
    const id = "topic-publishers";
    return ofType(resources, "aws:sns/topic:Topic").flatMap((topic) => {
        const publishers = publishersOf(resources, topic);
        const key = keyOf(topic, "kmsMasterKeyId");
        const policies = ofType(resources, "aws:sns/topicPolicy:TopicPolicy").filter((p) =>
            sourcesOf(p, "arn").some((s) => s.urn === topic.urn),
        );
        const statements = policies.flatMap((p) => parseDocument(p.props.policy) ?? []);
        return publishers.flatMap((fact) => {
            const service = fact.principal.service ?? "";
            const findings = key ? keyFindings(id, key, fact, `topic ${topic.name} is under it`) : [];
            const admitted = statements.some(
                (s) =>
                    s.effect === "Allow" &&
                    (s.principals.Service ?? []).includes(service) &&
                    s.actions.some((a) => /^sns:(publish|\*)$/i.test(a)),
            );
            if (policies.length > 0 && !admitted) {
                findings.push(
                    finding(
                        id,
                        topic,
                        service,
                        `the policy of topic ${topic.name} does not allow it sns:Publish; add it with an aws:SourceAccount condition`,
                    ),
                );
            }
            return findings;
        });
    });
}

/** hosts-launch-encrypted: the Auto Scaling service-linked role's two statements on the volumes' key. */
function hostVolumes(resources: readonly PolicyResource[]): Finding[] {
    return ofType(resources, "aws:autoscaling/group:Group").flatMap((group) =>
        sourcesOf(group, "launchTemplate")
            .filter((t) => t.type === "aws:ec2/launchTemplate:LaunchTemplate")
            .flatMap((template) => {
                const key = keyOf(template, "blockDeviceMappings");
                const why = `Auto Scaling group ${group.name} launches volumes under it`;
                return key
                    ? [
                          ...keyFindings("hosts-launch-encrypted", key, KEY_POLICY_FACTS.autoScalingUsesKey, why),
                          ...keyFindings("hosts-launch-encrypted", key, KEY_POLICY_FACTS.autoScalingCreatesGrants, why),
                      ]
                    : [];
            }),
    );
}

/** models-replicate: the replication role's source and destination grants, kms through S3 only. */
function replication(resources: readonly PolicyResource[]): Finding[] {
    const id = "models-replicate";
    const viaS3 = `s3.${REGION}.amazonaws.com`;
    return ofType(resources, "aws:s3/bucketReplicationConfig:BucketReplicationConfig").flatMap((config) => {
        const role = sourcesOf(config, "role").find((r) => r.type === IAM_TYPES.role);
        const source = sourcesOf(config, "bucket").find((b) => b.type.startsWith("aws:s3/bucket"));
        const destination = sourcesOf(config, "rules").find((b) => b.type.startsWith("aws:s3/bucket"));
        const key = keyOf(config, "rules");
        if (role === undefined || source === undefined || destination === undefined) {
            return [];
        }
        const who = `replication role ${role.name}`;
        const objects = (bucket: PolicyResource) => (arn: string) =>
            arn === `arn:aws:s3:::${String(bucket.props.bucket)}/*`;
        const through = (statement: Parameters<typeof conditionIs>[0]) =>
            conditionIs(statement, "kms:ViaService", viaS3);
        const needs: Array<[string, boolean]> = [
            [
                `s3:GetObjectVersionForReplication on arn:aws:s3:::${String(source.props.bucket)}/*`,
                roleAllows(resources, role, {
                    action: "s3:GetObjectVersionForReplication",
                    target: source,
                    names: objects(source),
                }),
            ],
            [
                `s3:ReplicateObject on arn:aws:s3:::${String(destination.props.bucket)}/*`,
                roleAllows(resources, role, {
                    action: "s3:ReplicateObject",
                    target: destination,
                    names: objects(destination),
                }),
            ],
        ];
        if (key !== undefined) {
            for (const action of ["kms:Decrypt", "kms:Encrypt"]) {
                needs.push([
                    `${action} on key ${key.name} with Condition StringEquals "kms:ViaService": "${viaS3}"`,
                    roleAllows(resources, role, {
                        action,
                        target: key,
                        names: (arn) => arn.includes(":key/"),
                        condition: through,
                    }),
                ]);
            }
        }
        const findings = needs
            .filter(([, allowed]) => !allowed)
            .map(([what]) =>
                finding(
                    id,
                    role,
                    who,
                    `no statement allows ${what} (${DATA_PATH_FACTS.replicationSource.source}); add it`,
                ),
            );
        if (key !== undefined && !keyDelegatesToIam(key, "kms:Encrypt")) {
            findings.push(
                finding(
                    id,
                    key,
                    who,
                    `the policy of key ${key.name} has no account (root) statement, so IAM grants do not count; add it`,
                ),
            );
        }
        return findings;
    });
}

/** flow-logs-deliver: the flow-log role trusts VPC Flow Logs and may write the group. */
function flowLogs(resources: readonly PolicyResource[]): Finding[] {
    const id = "flow-logs-deliver";
    return ofType(resources, "aws:ec2/flowLog:FlowLog").flatMap((flowLog) => {
        const role = sourcesOf(flowLog, "iamRoleArn").find((r) => r.type === IAM_TYPES.role);
        const group = sourcesOf(flowLog, "logDestination").find((g) => g.type === "aws:cloudwatch/logGroup:LogGroup");
        if (role === undefined) {
            return [];
        }
        const who = `flow-log role ${role.name}`;
        const findings: Finding[] = [];
        if (!trusts(role, "vpc-flow-logs.amazonaws.com")) {
            findings.push(
                finding(
                    id,
                    role,
                    who,
                    `its trust policy does not admit vpc-flow-logs.amazonaws.com (${DATA_PATH_FACTS.flowLogsRole.source}); add it`,
                ),
            );
        }
        if (group !== undefined) {
            for (const action of DATA_PATH_FACTS.flowLogsRole.actions) {
                const names = (arn: string) => arn.includes(`:log-group:${String(group.props.name)}`);
                if (!roleAllows(resources, role, { action, target: group, names })) {
                    findings.push(
                        finding(
                            id,
                            role,
                            who,
                            `no statement allows ${action} on log group ${String(group.props.name)}; add it`,
                        ),
                    );
                }
            }
        }
        return findings;
    });
}

/** rds-enhanced-monitoring: the monitoring role trusts RDS monitoring and has AWS's policy. */
function rdsMonitoring(resources: readonly PolicyResource[]): Finding[] {
    const id = "rds-enhanced-monitoring";
    return ofType(resources, "aws:rds/instance:Instance").flatMap((instance) => {
        const role = sourcesOf(instance, "monitoringRoleArn").find((r) => r.type === IAM_TYPES.role);
        if (role === undefined) {
            return [];
        }
        const who = `monitoring role ${role.name}`;
        const findings: Finding[] = [];
        if (!trusts(role, "monitoring.rds.amazonaws.com")) {
            findings.push(
                finding(
                    id,
                    role,
                    who,
                    `its trust policy does not admit monitoring.rds.amazonaws.com (${DATA_PATH_FACTS.rdsEnhancedMonitoring.source}); add it`,
                ),
            );
        }
        const attached = policyTargetsOf(resources, role).some((t) =>
            String(t.props.policyArn).endsWith(":policy/service-role/AmazonRDSEnhancedMonitoringRole"),
        );
        if (!attached) {
            findings.push(
                finding(
                    id,
                    role,
                    who,
                    "AmazonRDSEnhancedMonitoringRole is not attached; attach arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
                ),
            );
        }
        return findings;
    });
}

/** Every service path's findings over the stack. */
export function servicePathFindings(resources: readonly PolicyResource[]): Finding[] {
    return [
        ...logGroups(resources),
        ...topics(resources),
        ...hostVolumes(resources),
        ...replication(resources),
        ...flowLogs(resources),
        ...rdsMonitoring(resources),
    ];
}
