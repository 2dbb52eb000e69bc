import { PolicyResource } from "@pulumi/policy";
import { GUIDE_RPO_HOURS } from "../../../facts/guide/recovery";
import {
    attachedTo,
    bucketLabel,
    bucketsFor,
    findingsOn,
    holdsModels,
    isBucket,
    perBucket,
    purposeOf,
    PURPOSE_NOTE,
    S3_TYPES,
} from "../../lib/buckets";
import { parseDocument } from "../../../lib/relations/documents";
import { asList, ofType, shown } from "../../../lib/relations/resources";
import { environmentOf, Rule, stackRule } from "../../lib/rule";
import { versioningProblem } from "./protection";
import { refersTo, sourcesOf } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const IAM_POLICY = "aws:iam/policy:Policy";

/**
 * The `Enabled` rules of replication or lifecycle configurations: both keep a `rules` list whose
 * entries only act while their `status` is "Enabled".
 */
function enabledRulesOf(configs: readonly PolicyResource[]): Props[] {
    return configs.flatMap((c) => asList(c.props.rules as Props[])).filter((rule) => rule.status === "Enabled");
}

/** The policy documents that grant a role its permissions, with the resources each document came from. */
function roleDocuments(resources: readonly PolicyResource[], role: PolicyResource) {
    const inline = ofType(resources, ROLE_POLICY)
        .filter((p) => refersTo(p, "role", role))
        .map((p) => ({ name: p.name, document: p.props.policy as unknown, sources: sourcesOf(p, "policy") }));
    const managed = ofType(resources, ROLE_POLICY_ATTACHMENT)
        .filter((a) => refersTo(a, "role", role))
        .flatMap((a) => {
            const policies = sourcesOf(a, "policyArn").filter((p) => p.type === IAM_POLICY);
            // A policyArn that is not one of the stack's policies is an AWS managed one: never scoped.
            return policies.length > 0
                ? policies.map((p) => ({
                      name: p.name,
                      document: p.props.policy as unknown,
                      sources: sourcesOf(p, "policy"),
                  }))
                : [{ name: String(a.props.policyArn), document: undefined, sources: [] }];
        });
    return [...inline, ...managed];
}

/** Problems of the replication role's permissions: S3 access only to the models and backup buckets. */
function replicationRoleProblems(
    resources: readonly PolicyResource[],
    config: PolicyResource,
    allowed: readonly PolicyResource[],
): string[] {
    const problems: string[] = [];
    for (const role of sourcesOf(config, "role").filter((r) => r.type === ROLE)) {
        for (const { name, document, sources } of roleDocuments(resources, role)) {
            const statements = parseDocument(document);
            const wildcard = statements?.some(
                (s) => s.effect === "Allow" && s.resources.some((r) => r === "*" || r === "arn:aws:s3:::*"),
            );
            const others = sources.filter((s) => isBucket(s) && !allowed.includes(s));
            if (statements === undefined || wildcard || others.length > 0) {
                problems.push(
                    `the replication role ${role.name} gets ${name}, which is not scoped to the models and backup buckets; grant S3 actions only on those two buckets' ARNs`,
                );
            }
        }
    }
    return problems;
}

/** Problems of the models bucket's replication into the backup bucket (guide: Backup & Disaster Recovery). */
function replicationProblems(resources: readonly PolicyResource[], models: PolicyResource): string[] {
    const configs = attachedTo(resources, S3_TYPES.replication, models);
    if (configs.length === 0) {
        return [
            'does not replicate; add a BucketReplicationConfig with bucket → this bucket and an "Enabled" rule whose destination.bucket is the backup bucket',
        ];
    }
    const backups = bucketsFor(resources, "backup");
    const problems: string[] = [];
    for (const config of configs) {
        const targets = backups.filter((b) => refersTo(config, "rules", b));
        const enabled = enabledRulesOf([config]);
        if (targets.length === 0) {
            problems.push(
                "replicates into no backup bucket of this stack; set rules[].destination.bucket to the backup bucket's ARN (Purpose=backup)",
            );
        }
        if (enabled.length === 0) {
            problems.push('has no enabled replication rule; set rules[].status: "Enabled"');
        } else if (
            !enabled.some(
                (rule) =>
                    (rule.destination as { replicationTime?: { status?: unknown } } | undefined)?.replicationTime
                        ?.status === "Enabled",
            )
        ) {
            problems.push(
                `replication has no time control; set rules[].destination.replicationTime: { status: "Enabled", time: { minutes: 15 } } to meet the ${GUIDE_RPO_HOURS} h RPO`,
            );
        }
        problems.push(...replicationRoleProblems(resources, config, [models, ...backups]));
        for (const target of targets) {
            const problem = versioningProblem(resources, target);
            if (problem !== undefined) {
                problems.push(`the replication target ${bucketLabel(target)} ${problem}`);
            }
        }
    }
    const own = versioningProblem(resources, models);
    return own === undefined ? problems : [...problems, own];
}

/** The longest noncurrent-version expiry of a bucket's enabled lifecycle rules, in days. */
function noncurrentDaysOf(resources: readonly PolicyResource[], bucket: PolicyResource): number | undefined {
    const days = enabledRulesOf(attachedTo(resources, S3_TYPES.lifecycle, bucket))
        .map((rule) => (rule.noncurrentVersionExpiration as { noncurrentDays?: unknown } | undefined)?.noncurrentDays)
        .filter((d): d is number => typeof d === "number");
    return days.length > 0 ? Math.max(...days) : undefined;
}

/**
 * Problems of a models or backup bucket's noncurrent versions: they expire, and the backup bucket
 * keeps them longer than the models bucket, so it can restore what the models bucket already dropped.
 */
function noncurrentProblems(resources: readonly PolicyResource[], bucket: PolicyResource): string[] {
    const days = noncurrentDaysOf(resources, bucket);
    if (days === undefined) {
        return [
            'keeps noncurrent versions forever; add an "Enabled" lifecycle rule with noncurrentVersionExpiration.noncurrentDays',
        ];
    }
    if (purposeOf(bucket) !== "backup") {
        return [];
    }
    const models = bucketsFor(resources, "models")
        .map((m) => noncurrentDaysOf(resources, m))
        .filter((d): d is number => d !== undefined);
    return models.length > 0 && days <= Math.max(...models)
        ? [
              `keeps noncurrent versions ${days} days, no longer than the models bucket (${Math.max(...models)}); keep them longer on the backup bucket`,
          ]
        : [];
}

/** Problems of the backup bucket's Object Lock: enabled on the bucket, with a default retention. */
function objectLockProblems(resources: readonly PolicyResource[], bucket: PolicyResource): string[] {
    const problems: string[] = [];
    if (bucket.props.objectLockEnabled !== true) {
        problems.push(
            `objectLockEnabled is ${shown(bucket.props.objectLockEnabled)}; set objectLockEnabled: true on the backup bucket`,
        );
    }
    const retention = attachedTo(resources, S3_TYPES.objectLock, bucket).some((c) => {
        const defaults = (c.props.rule as { defaultRetention?: { days?: unknown; years?: unknown } } | undefined)
            ?.defaultRetention;
        return defaults?.days !== undefined || defaults?.years !== undefined;
    });
    if (!retention) {
        problems.push(
            "has no default Object Lock retention; add a BucketObjectLockConfiguration with rule.defaultRetention (mode and days or years)",
        );
    }
    return problems;
}

/** Problems of a bucket's lifecycle and, for the backup bucket, its Object Lock. */
function lifecycleProblems(resources: readonly PolicyResource[], bucket: PolicyResource): string[] {
    const problems: string[] = [];
    const purpose = purposeOf(bucket);
    const aborts = enabledRulesOf(attachedTo(resources, S3_TYPES.lifecycle, bucket)).some(
        (rule) =>
            typeof (rule.abortIncompleteMultipartUpload as { daysAfterInitiation?: unknown } | undefined)
                ?.daysAfterInitiation === "number",
    );
    if (!aborts) {
        problems.push(
            'does not abort incomplete multipart uploads; add an "Enabled" lifecycle rule with abortIncompleteMultipartUpload.daysAfterInitiation (e.g. 7)',
        );
    }
    if (holdsModels(purpose)) {
        problems.push(...noncurrentProblems(resources, bucket));
    }
    if (purpose === "backup") {
        problems.push(...objectLockProblems(resources, bucket));
    }
    return problems;
}

/** The S3 backup rules of security-rules.md: replication into the backup bucket, lifecycle and Object Lock. */
export const storageBackupRules: readonly Rule[] = [
    stackRule({
        id: "s3-backup-replication",
        description: `Meets the guide's RPO of ${GUIDE_RPO_HOURS} h for model artefacts (Backup & Disaster Recovery: models → fraud-detector-backup-models, real-time replication): triggered by a production models bucket, which must replicate through an enabled rule with Replication Time Control into the backup bucket, with a role scoped to the two buckets and both versioned. ${PURPOSE_NOTE}`,
        kind: "resilience",
        check: (resources) =>
            bucketsFor(resources, "models")
                .filter((bucket) => environmentOf(bucket.props) === "production")
                .flatMap((bucket) => findingsOn(bucket, replicationProblems(resources, bucket))),
    }),
    stackRule({
        id: "s3-lifecycle-and-lock",
        description: `Keeps storage costs bounded and backups tamper-proof (FSBP S3.13; CKV2_AWS_61, CKV_AWS_143): every bucket aborts incomplete uploads, the models and backup buckets expire noncurrent versions (longer on the backup bucket), and the backup bucket uses Object Lock with a default retention. ${PURPOSE_NOTE}`,
        kind: "advisory",
        check: perBucket(lifecycleProblems),
    }),
];
