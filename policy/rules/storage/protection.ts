import { PolicyResource } from "@pulumi/policy";
import {
    attachedTo,
    bucketCheck,
    holdsModels,
    isBucket,
    perBucket,
    purposeOf,
    PURPOSE_NOTE,
    S3_TYPES,
} from "../../lib/buckets";
import { asList, shown } from "../../../lib/relations/resources";
import { environmentOf, Rule, stackRule } from "../../lib/rule";
import { sourcesOf } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";

const SSE_ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];

/** Problems of a bucket's default encryption: present, with an algorithm S3 knows. */
function encryptionProblems(resources: readonly PolicyResource[], bucket: PolicyResource): string[] {
    const configs = attachedTo(resources, S3_TYPES.encryption, bucket);
    if (configs.length === 0) {
        return [
            'has no default encryption; add a BucketServerSideEncryptionConfiguration with bucket → this bucket and rules[].applyServerSideEncryptionByDefault.sseAlgorithm "aws:kms" (with bucketKeyEnabled: true) or "AES256"',
        ];
    }
    const algorithms = configs.flatMap((c) =>
        asList(c.props.rules as Props[]).map(
            (rule) => (rule.applyServerSideEncryptionByDefault as { sseAlgorithm?: unknown } | undefined)?.sseAlgorithm,
        ),
    );
    return algorithms.some((a) => SSE_ALGORITHMS.includes(String(a)))
        ? []
        : [
              `the default encryption algorithm is ${algorithms.length > 0 ? algorithms.map(shown).join(", ") : "unset"}; set rules[].applyServerSideEncryptionByDefault.sseAlgorithm to "aws:kms" or "AES256"`,
          ];
}

/**
 * Why versioning is not `Enabled` on `bucket` through a BucketVersioning, or undefined when it is.
 * Exported because replication (backup.ts) needs both of its buckets versioned and says so in the
 * same words.
 */
export function versioningProblem(resources: readonly PolicyResource[], bucket: PolicyResource): string | undefined {
    const statuses = attachedTo(resources, S3_TYPES.versioning, bucket).map(
        (v) => (v.props.versioningConfiguration as { status?: unknown } | undefined)?.status,
    );
    if (statuses.includes("Enabled")) {
        return undefined;
    }
    return statuses.length === 0
        ? 'is not versioned; add a BucketVersioning with bucket → this bucket and versioningConfiguration.status: "Enabled" (the inline versioning input is deprecated in v7)'
        : `versioning status is ${statuses.map(shown).join(", ")}; set versioningConfiguration.status: "Enabled"`;
}

/** Problems of a bucket's recoverability that need its BucketVersioning: versioning for model artefacts. */
function dataProtectionProblems(resources: readonly PolicyResource[], bucket: PolicyResource): string[] {
    const problems: string[] = [];
    const versioning = holdsModels(purposeOf(bucket)) ? versioningProblem(resources, bucket) : undefined;
    if (versioning !== undefined) {
        problems.push(versioning);
    }
    return problems;
}

/** A production bucket's own setting: no forceDestroy. Needs no other resource, so decided at preview. */
function forceDestroyProblems(props: Props): string[] {
    return environmentOf(props) === "production" && props.forceDestroy === true
        ? ["forceDestroy is true; remove forceDestroy so a destroy cannot empty the bucket"]
        : [];
}

/** Problems of a models or backup bucket's server access logs: written, and to the log bucket. */
function accessLoggingProblems(resources: readonly PolicyResource[], bucket: PolicyResource): string[] {
    // Only model artefacts need the audit trail. The log bucket is exempt: logging it into itself
    // would log its own log writes without end, which AWS advises against.
    if (!holdsModels(purposeOf(bucket))) {
        return [];
    }
    const loggings = attachedTo(resources, S3_TYPES.logging, bucket);
    if (loggings.length === 0) {
        return [
            "writes no server access logs; add a BucketLogging with bucket → this bucket, targetBucket → the log bucket (Purpose=logs) and a targetPrefix",
        ];
    }
    const toLogBucket = loggings.some((l) =>
        sourcesOf(l, "targetBucket").some((t) => isBucket(t) && purposeOf(t) === "logs"),
    );
    return toLogBucket
        ? []
        : [
              `writes access logs to ${loggings.map((l) => shown(l.props.targetBucket)).join(", ")}, not to the log bucket; set targetBucket to the log bucket (Purpose=logs) of this stack`,
          ];
}

/** The S3 protection rules of security-rules.md: encryption at rest, versioning, access logs. */
export const storageProtectionRules: readonly Rule[] = [
    stackRule({
        id: "s3-encryption",
        description:
            "Encrypts every object at rest (guide: ENCRYPT_SENSITIVE_DATA=true; CKV_AWS_19, CKV_AWS_145): each bucket has a BucketServerSideEncryptionConfiguration; SSE-KMS with bucket keys is preferred, SSE-S3 accepted (the log bucket needs it).",
        kind: "security",
        check: perBucket(encryptionProblems),
    }),
    stackRule({
        id: "s3-data-protection",
        description: `Keeps model artefacts and backups recoverable (guide: Backup & Disaster Recovery › Application Data Backup; CKV_AWS_21): versioning Enabled on the models and backup buckets, and no production bucket sets forceDestroy. ${PURPOSE_NOTE}`,
        kind: "security",
        resourceCheck: bucketCheck(forceDestroyProblems),
        check: perBucket(dataProtectionProblems),
    }),
    stackRule({
        id: "s3-access-logging",
        description: `Records who reads and writes models and backups (FSBP S3.9; guide: AUDIT_LOGGING_ENABLED=true): the models and backup buckets have a BucketLogging whose targetBucket is the log bucket (Purpose=logs); the log bucket itself is exempt. ${PURPOSE_NOTE}`,
        kind: "security",
        check: perBucket(accessLoggingProblems),
    }),
];
