import { PolicyResource } from "@pulumi/policy";
import { ofType, tagsOf } from "../../lib/relations/resources";
import { Finding, ResourceCheck } from "./rule";
import { refersTo } from "../../lib/relations/references";
import { Props } from "../../lib/relations/resource-shape";

/**
 * A v7 S3 token together with its deprecated `…V2` alias (security-rules.md, "Notes for
 * implementers": rules accept both), so a check is written once for both.
 */
function withV2(token: string): readonly string[] {
    const [pkg, module, name] = token.split(":");
    return [token, `${pkg}:${module}V2:${name}V2`];
}

/**
 * The type tokens of a bucket and of the standalone resources that configure one. Each entry is a
 * list, the v7 token plus its deprecated `…V2` alias where the type has one, so that every check
 * reads both spellings and none has to remember which types are aliased.
 */
export const S3_TYPES = Object.freeze({
    /** The bucket itself. */
    bucket: withV2("aws:s3/bucket:Bucket"),
    /** A bucket's own public-access block (the account-level one is not judged). */
    publicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
    /** A standalone bucket policy. */
    policy: ["aws:s3/bucketPolicy:BucketPolicy"],
    /** A standalone ACL. */
    acl: withV2("aws:s3/bucketAcl:BucketAcl"),
    /** Object ownership (BucketOwnerEnforced turns ACLs off). */
    ownershipControls: ["aws:s3/bucketOwnershipControls:BucketOwnershipControls"],
    /** Default encryption. */
    encryption: withV2("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"),
    /** Versioning (the inline `versioning` input is deprecated in v7). */
    versioning: withV2("aws:s3/bucketVersioning:BucketVersioning"),
    /** Server access logging. */
    logging: withV2("aws:s3/bucketLogging:BucketLogging"),
    /** Replication into another bucket. */
    replication: ["aws:s3/bucketReplicationConfig:BucketReplicationConfig"],
    /** Lifecycle rules. */
    lifecycle: withV2("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"),
    /** Object Lock default retention. */
    objectLock: withV2("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"),
});

/** Whether `resource` is a bucket, under either token. */
export function isBucket(resource: PolicyResource): boolean {
    return S3_TYPES.bucket.includes(resource.type);
}

/** The buckets of the stack, under either token. */
export function bucketsOf(resources: readonly PolicyResource[]): PolicyResource[] {
    return ofType(resources, ...S3_TYPES.bucket);
}

/**
 * The standalone resources of `types` (one entry of {@link S3_TYPES}) that configure `bucket`,
 * followed through their `bucket` input: its property dependency is known even while the bucket's
 * name is not (a preview of new resources).
 */
export function attachedTo(
    resources: readonly PolicyResource[],
    types: readonly string[],
    bucket: PolicyResource,
): PolicyResource[] {
    return ofType(resources, ...types).filter((r) => refersTo(r, "bucket", bucket));
}

/** The role a bucket plays in the guide's design: model artefacts, their backup copy, or access logs. */
export type BucketPurpose = "models" | "backup" | "logs";

/** How {@link purposeOf} tells the buckets apart, for the descriptions of the rules that depend on it. */
export const PURPOSE_NOTE =
    "A bucket's role is read from its Purpose tag (models, backup, logs) first, else from its name (fraud-detector-<env>-models; a name containing backup or logs).";

/**
 * What a bucket is for: its `Purpose` tag (models, backup or logs) first, else its physical name
 * (`bucket`, then `bucketPrefix`: `fraud-detector-<env>-models`; a name containing "backup" or
 * "logs"), else unknown. The tag comes first because names are the guide's convention only and a
 * stack may choose others.
 */
export function purposeOf(bucket: PolicyResource): BucketPurpose | undefined {
    const tag = tagsOf(bucket.props).Purpose;
    if (tag === "models" || tag === "backup" || tag === "logs") {
        return tag;
    }
    const name: unknown = bucket.props.bucket ?? bucket.props.bucketPrefix;
    if (typeof name !== "string") {
        return undefined;
    }
    // Backup first: the guide's backup bucket is `fraud-detector-backup-models`.
    if (name.includes("backup")) {
        return "backup";
    }
    if (/^fraud-detector-[a-z]+-models-?$/.test(name)) {
        return "models";
    }
    return name.includes("logs") ? "logs" : undefined;
}

/**
 * Whether a bucket of `purpose` holds model artefacts (the models bucket and its backup copy), the
 * data the guide's Backup & Disaster Recovery section asks to keep recoverable and audited.
 */
export function holdsModels(purpose: BucketPurpose | undefined): boolean {
    return purpose === "models" || purpose === "backup";
}

/** The buckets of the stack with `purpose`. */
export function bucketsFor(resources: readonly PolicyResource[], purpose: BucketPurpose): PolicyResource[] {
    return bucketsOf(resources).filter((b) => purposeOf(b) === purpose);
}

/** How a bucket is named in messages: its physical name when known, else its logical name. */
export function bucketLabel(bucket: Pick<PolicyResource, "props" | "name">): string {
    return `bucket ${typeof bucket.props.bucket === "string" ? bucket.props.bucket : bucket.name}`;
}

/**
 * Findings on a bucket, each message prefixed with the bucket's label. They are reported on the
 * bucket because it carries the Environment tag that sets the level; its standalone configuration
 * resources do not.
 */
export function findingsOn(bucket: PolicyResource, messages: readonly string[]): Finding[] {
    return messages.map((message) => ({ resource: bucket, message: `${bucketLabel(bucket)}: ${message}` }));
}

/**
 * The resource part of a bucket stack rule: `check` over one bucket's own inputs, each message
 * prefixed as {@link findingsOn} prefixes it, so a finding reads the same from either pass.
 */
export function bucketCheck(check: (props: Props) => string[]): ResourceCheck {
    return {
        types: S3_TYPES.bucket,
        check: (props, args) => check(props).map((message) => `${bucketLabel({ props, name: args.name })}: ${message}`),
    };
}

/** A stack-rule check that judges every bucket of the stack with `check`, and reports on the bucket. */
export function perBucket(
    check: (resources: readonly PolicyResource[], bucket: PolicyResource) => string[],
): (resources: readonly PolicyResource[]) => Finding[] {
    return (resources) => bucketsOf(resources).flatMap((bucket) => findingsOn(bucket, check(resources, bucket)));
}
