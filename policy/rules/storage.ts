import { PolicyResource } from "@pulumi/policy";
import { parseDocument, Statement } from "../lib/documents";
import { asList, ofType, refersTo, shown, sourcesOf, tagsOf } from "../lib/resources";
import { environmentOf, Finding, Props, Rule, stackRule } from "../lib/rule";

/**
 * A v7 S3 token together with its deprecated `…V2` alias (security-rules.md, "Notes for
 * implementers": rules accept both), so every check is written once for both.
 */
function withV2(token: string): string[] {
    const [pkg, module, name] = token.split(":");
    return [token, `${pkg}:${module}V2:${name}V2`];
}

const BUCKETS = withV2("aws:s3/bucket:Bucket");
const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const BUCKET_ACLS = withV2("aws:s3/bucketAcl:BucketAcl");
const OWNERSHIP_CONTROLS = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
const ENCRYPTION_CONFIGS = withV2(
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
);
const VERSIONINGS = withV2("aws:s3/bucketVersioning:BucketVersioning");
const LOGGINGS = withV2("aws:s3/bucketLogging:BucketLogging");
const REPLICATION_CONFIG = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
const LIFECYCLE_CONFIGS = withV2("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration");
const OBJECT_LOCK_CONFIGS = withV2("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration");
const ROLE = "aws:iam/role:Role";
/** The value a plan shows for a masked secret: unknown, never a literal. */
const MASKED = "[secret]";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const IAM_POLICY = "aws:iam/policy:Policy";

/** How the purpose-dependent rules tell the buckets apart, for their descriptions. */
const PURPOSE_NOTE =
    "A bucket's role is read from its Purpose tag (models, backup, logs) first, else from its name (fraud-detector-<env>-models; a name containing backup or logs).";

const PUBLIC_ACCESS_SWITCHES = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
const SSE_ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];
const PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GRANTEE_GROUPS = [
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

/** The role a bucket plays in the guide's design. */
type Purpose = "models" | "backup" | "logs";

/**
 * What a bucket is for: its `Purpose` tag (models, backup or logs) first, else its physical name
 * (`fraud-detector-<env>-models`; a name containing "backup" or "logs"), else unknown.
 */
function purposeOf(bucket: PolicyResource): Purpose | undefined {
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

/** How a bucket is named in messages: its physical name when known, else its logical name. */
function label(bucket: PolicyResource): string {
    return `bucket ${typeof bucket.props.bucket === "string" ? bucket.props.bucket : bucket.name}`;
}

/** The standalone resources of `types` configuring `bucket`, followed through their `bucket` input. */
function attached(resources: readonly PolicyResource[], types: readonly string[], bucket: PolicyResource) {
    return ofType(resources, ...types).filter((r) => refersTo(r, "bucket", bucket));
}

/** The buckets of the stack with `purpose`. */
function bucketsFor(resources: readonly PolicyResource[], purpose: Purpose): PolicyResource[] {
    return ofType(resources, ...BUCKETS).filter((b) => purposeOf(b) === purpose);
}

/** Findings on a bucket (buckets carry the Environment tag; their standalone configs do not). */
function on(bucket: PolicyResource, messages: readonly string[]): Finding[] {
    return messages.map((message) => ({ resource: bucket, message: `${label(bucket)}: ${message}` }));
}

/** Whether a statement names everyone as principal (`"*"` or `{ AWS: "*" }`). */
function namesEveryone(statement: Statement): boolean {
    return statement.principals["*"] !== undefined || (statement.principals.AWS ?? []).includes("*");
}

/** The FSBP S3.5 statement: deny every S3 action to everyone when aws:SecureTransport is false. */
function deniesInsecureTransport(statement: Statement): boolean {
    const allActions = statement.actions.some((a) => a === "*" || a.toLowerCase() === "s3:*");
    const onPlainHttp = Object.entries(statement.conditions).some(
        ([operator, block]) =>
            /^bool(ifexists)?$/i.test(operator) &&
            Object.entries(block ?? {}).some(
                ([key, value]) =>
                    key.toLowerCase() === "aws:securetransport" && asList(value).some((v) => String(v) === "false"),
            ),
    );
    return statement.effect === "Deny" && namesEveryone(statement) && allActions && onPlainHttp;
}

/** Problems of a bucket's policy documents (inline `policy` and standalone BucketPolicy resources). */
function bucketPolicyProblems(documents: readonly unknown[]): string[] {
    const tlsFix =
        'add a statement that denies "s3:*" to Principal "*" when Bool aws:SecureTransport is "false" (FSBP S3.5)';
    if (documents.length === 0) {
        return [`has no bucket policy; attach a BucketPolicy and ${tlsFix}`];
    }
    // A masked document cannot be judged: unknown, not a violation.
    if (documents.includes(MASKED)) {
        return [];
    }
    const problems: string[] = [];
    const statements: Statement[] = [];
    for (const document of documents) {
        const parsed = parseDocument(document);
        if (parsed === undefined) {
            problems.push(`has a bucket policy that does not parse (${shown(document)}); give a valid policy document`);
        } else {
            statements.push(...parsed);
        }
    }
    if (!statements.some(deniesInsecureTransport)) {
        problems.push(`the bucket policy does not refuse plain HTTP; ${tlsFix}`);
    }
    for (const statement of statements.filter((s) => s.effect === "Allow" && namesEveryone(s))) {
        problems.push(
            `the bucket policy allows ${statement.actions.join(", ") || "actions"} to Principal "*"; grant only to named principals of this account or to AWS service principals`,
        );
    }
    return problems;
}

/** Problems of the ACLs on a bucket: inline `acl`/`grants`, public BucketAcl, and object ownership. */
function aclProblems(resources: readonly PolicyResource[], bucket: PolicyResource): string[] {
    const problems: string[] = [];
    if (bucket.props.acl !== undefined) {
        problems.push(`sets acl ${shown(bucket.props.acl)}; remove acl (ACLs stay off, ownership BucketOwnerEnforced)`);
    }
    if (asList(bucket.props.grants).length > 0) {
        problems.push("sets grants; remove grants and grant access through the bucket policy or IAM");
    }
    for (const acl of attached(resources, BUCKET_ACLS, bucket)) {
        const grants = asList((acl.props.accessControlPolicy as { grants?: unknown } | undefined)?.grants);
        const publicGrant = grants.some((g) =>
            PUBLIC_GRANTEE_GROUPS.includes(String((g as { grantee?: { uri?: unknown } }).grantee?.uri)),
        );
        if (PUBLIC_CANNED_ACLS.includes(String(acl.props.acl)) || publicGrant) {
            problems.push(
                `BucketAcl ${acl.name} makes the bucket public (acl ${shown(acl.props.acl)}); remove the BucketAcl`,
            );
        }
    }
    const controls = attached(resources, [OWNERSHIP_CONTROLS], bucket);
    if (controls.length === 0) {
        problems.push(
            'has no BucketOwnershipControls; add one with bucket → this bucket and rule.objectOwnership: "BucketOwnerEnforced"',
        );
    }
    for (const control of controls) {
        const ownership = (control.props.rule as { objectOwnership?: unknown } | undefined)?.objectOwnership;
        if (ownership !== "BucketOwnerEnforced") {
            problems.push(
                `object ownership is ${shown(ownership)}; set rule.objectOwnership: "BucketOwnerEnforced" so ACLs are disabled`,
            );
        }
    }
    return problems;
}

/** Why versioning is not `Enabled` on `bucket` through a BucketVersioning, or undefined when it is. */
function versioningProblem(resources: readonly PolicyResource[], bucket: PolicyResource): string | undefined {
    const statuses = attached(resources, VERSIONINGS, bucket).map(
        (v) => (v.props.versioningConfiguration as { status?: unknown } | undefined)?.status,
    );
    if (statuses.includes("Enabled")) {
        return undefined;
    }
    return statuses.length === 0
        ? 'is not versioned; add a BucketVersioning with bucket → this bucket and versioningConfiguration.status: "Enabled" (the inline versioning input is deprecated in v7)'
        : `versioning status is ${statuses.map(shown).join(", ")}; set versioningConfiguration.status: "Enabled"`;
}

/** The enabled lifecycle rules of a bucket, from its BucketLifecycleConfiguration resources. */
function lifecycleRulesOf(resources: readonly PolicyResource[], bucket: PolicyResource): Props[] {
    return attached(resources, LIFECYCLE_CONFIGS, bucket)
        .flatMap((c) => asList(c.props.rules as Props[]))
        .filter((rule) => rule.status === "Enabled");
}

/** The longest noncurrent-version expiry of a bucket's enabled lifecycle rules, in days. */
function noncurrentDaysOf(resources: readonly PolicyResource[], bucket: PolicyResource): number | undefined {
    const days = lifecycleRulesOf(resources, bucket)
        .map((rule) => (rule.noncurrentVersionExpiration as { noncurrentDays?: unknown } | undefined)?.noncurrentDays)
        .filter((d): d is number => typeof d === "number");
    return days.length > 0 ? Math.max(...days) : undefined;
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
            const others = sources.filter((s) => BUCKETS.includes(s.type) && !allowed.includes(s));
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
    const configs = ofType(resources, REPLICATION_CONFIG).filter((c) => refersTo(c, "bucket", models));
    if (configs.length === 0) {
        return [
            'does not replicate; add a BucketReplicationConfig with bucket → this bucket and an "Enabled" rule whose destination.bucket is the backup bucket',
        ];
    }
    const problems: string[] = [];
    for (const config of configs) {
        const targets = bucketsFor(resources, "backup").filter((b) => refersTo(config, "rules", b));
        const enabled = asList(config.props.rules as Props[]).filter((rule) => rule.status === "Enabled");
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
                'replication has no time control; set rules[].destination.replicationTime: { status: "Enabled", time: { minutes: 15 } } to meet the 1 h RPO',
            );
        }
        problems.push(...replicationRoleProblems(resources, config, [models, ...bucketsFor(resources, "backup")]));
        for (const target of targets) {
            const problem = versioningProblem(resources, target);
            if (problem !== undefined) {
                problems.push(`the replication target ${label(target)} ${problem}`);
            }
        }
    }
    const own = versioningProblem(resources, models);
    return own === undefined ? problems : [...problems, own];
}

/** Problems of a bucket's lifecycle and, for the backup bucket, its Object Lock. */
function lifecycleProblems(resources: readonly PolicyResource[], bucket: PolicyResource): string[] {
    const problems: string[] = [];
    const purpose = purposeOf(bucket);
    const rules = lifecycleRulesOf(resources, bucket);
    const aborts = rules.some(
        (rule) =>
            typeof (rule.abortIncompleteMultipartUpload as { daysAfterInitiation?: unknown } | undefined)
                ?.daysAfterInitiation === "number",
    );
    if (!aborts) {
        problems.push(
            'does not abort incomplete multipart uploads; add an "Enabled" lifecycle rule with abortIncompleteMultipartUpload.daysAfterInitiation (e.g. 7)',
        );
    }
    if (purpose === "models" || purpose === "backup") {
        const days = noncurrentDaysOf(resources, bucket);
        if (days === undefined) {
            problems.push(
                'keeps noncurrent versions forever; add an "Enabled" lifecycle rule with noncurrentVersionExpiration.noncurrentDays',
            );
        }
        if (purpose === "backup" && days !== undefined) {
            const models = bucketsFor(resources, "models")
                .map((m) => noncurrentDaysOf(resources, m))
                .filter((d): d is number => d !== undefined);
            if (models.length > 0 && days <= Math.max(...models)) {
                problems.push(
                    `keeps noncurrent versions ${days} days, no longer than the models bucket (${Math.max(...models)}); keep them longer on the backup bucket`,
                );
            }
        }
    }
    if (purpose === "backup") {
        if (bucket.props.objectLockEnabled !== true) {
            problems.push(
                `objectLockEnabled is ${shown(bucket.props.objectLockEnabled)}; set objectLockEnabled: true on the backup bucket`,
            );
        }
        const retention = attached(resources, OBJECT_LOCK_CONFIGS, bucket).some((c) => {
            const defaults = (c.props.rule as { defaultRetention?: { days?: unknown; years?: unknown } } | undefined)
                ?.defaultRetention;
            return defaults?.days !== undefined || defaults?.years !== undefined;
        });
        if (!retention) {
            problems.push(
                "has no default Object Lock retention; add a BucketObjectLockConfiguration with rule.defaultRetention (mode and days or years)",
            );
        }
    }
    return problems;
}

/** A stack rule that judges every bucket of the stack with `check`. */
function perBucket(check: (resources: readonly PolicyResource[], bucket: PolicyResource) => string[]) {
    return (resources: readonly PolicyResource[]): Finding[] =>
        ofType(resources, ...BUCKETS).flatMap((bucket) => on(bucket, check(resources, bucket)));
}

/**
 * The S3 rules of security-rules.md: the models, backup and log buckets. A bucket's role is read
 * from its `Purpose` tag (models, backup, logs) first, then from its `bucket` name
 * (`fraud-detector-<env>-models`, a name containing "backup" or "logs"). Standalone configuration
 * resources are followed to their bucket through their `bucket` input; `…V2` tokens count too.
 */
export const storageRules: readonly Rule[] = [
    stackRule({
        id: "s3-block-public-access",
        description:
            "Keeps every bucket private whatever its policy or ACLs say (FSBP S3.8): each bucket has its own BucketPublicAccessBlock with all four switches on. An account-level block is welcome but not required and not judged.",
        kind: "security",
        check: perBucket((resources, bucket) => {
            const blocks = attached(resources, [PUBLIC_ACCESS_BLOCK], bucket);
            if (blocks.length === 0) {
                return [
                    "has no public-access block; add a BucketPublicAccessBlock with bucket → this bucket and blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets all true",
                ];
            }
            return blocks.flatMap((block) => {
                const off = PUBLIC_ACCESS_SWITCHES.filter((s) => block.props[s] !== true);
                return off.length === 0
                    ? []
                    : [
                          `the public-access block leaves ${off.map((s) => `${s} ${shown(block.props[s])}`).join(", ")}; set all four switches to true`,
                      ];
            });
        }),
    }),
    stackRule({
        id: "s3-policy-and-acls",
        description:
            "Stops data leaking through bucket policies or ACLs (FSBP S3.2, S3.3, S3.5, S3.6, S3.12): each bucket has a policy that refuses plain HTTP and grants nothing to Principal *, no ACLs (no acl or grants, no public BucketAcl) and BucketOwnershipControls BucketOwnerEnforced.",
        kind: "security",
        check: perBucket((resources, bucket) => {
            const documents = [
                ...(bucket.props.policy !== undefined ? [bucket.props.policy as unknown] : []),
                ...attached(resources, [BUCKET_POLICY], bucket).map((p): unknown => p.props.policy),
            ];
            return [...bucketPolicyProblems(documents), ...aclProblems(resources, bucket)];
        }),
    }),
    stackRule({
        id: "s3-encryption",
        description:
            "Encrypts every object at rest (guide: ENCRYPT_SENSITIVE_DATA=true; CKV_AWS_19, CKV_AWS_145): each bucket has a BucketServerSideEncryptionConfiguration; SSE-KMS with bucket keys is preferred, SSE-S3 accepted (the log bucket needs it).",
        kind: "security",
        check: perBucket((resources, bucket) => {
            const configs = attached(resources, ENCRYPTION_CONFIGS, bucket);
            if (configs.length === 0) {
                return [
                    'has no default encryption; add a BucketServerSideEncryptionConfiguration with bucket → this bucket and rules[].applyServerSideEncryptionByDefault.sseAlgorithm "aws:kms" (with bucketKeyEnabled: true) or "AES256"',
                ];
            }
            const algorithms = configs.flatMap((c) =>
                asList(c.props.rules as Props[]).map(
                    (rule) =>
                        (rule.applyServerSideEncryptionByDefault as { sseAlgorithm?: unknown } | undefined)
                            ?.sseAlgorithm,
                ),
            );
            return algorithms.some((a) => SSE_ALGORITHMS.includes(String(a)))
                ? []
                : [
                      `the default encryption algorithm is ${algorithms.length > 0 ? algorithms.map(shown).join(", ") : "unset"}; set rules[].applyServerSideEncryptionByDefault.sseAlgorithm to "aws:kms" or "AES256"`,
                  ];
        }),
    }),
    stackRule({
        id: "s3-data-protection",
        description: `Keeps model artefacts and backups recoverable (guide: Backup & Disaster Recovery › Application Data Backup; CKV_AWS_21): versioning Enabled on the models and backup buckets, and no production bucket sets forceDestroy. ${PURPOSE_NOTE}`,
        kind: "security",
        check: perBucket((resources, bucket) => {
            const problems: string[] = [];
            const purpose = purposeOf(bucket);
            const versioning =
                purpose === "models" || purpose === "backup" ? versioningProblem(resources, bucket) : undefined;
            if (versioning !== undefined) {
                problems.push(versioning);
            }
            if (environmentOf(bucket.props) === "production" && bucket.props.forceDestroy === true) {
                problems.push("forceDestroy is true; remove forceDestroy so a destroy cannot empty the bucket");
            }
            return problems;
        }),
    }),
    stackRule({
        id: "s3-access-logging",
        description: `Records who reads and writes models and backups (FSBP S3.9; guide: AUDIT_LOGGING_ENABLED=true): the models and backup buckets have a BucketLogging whose targetBucket is the log bucket (Purpose=logs); the log bucket itself is exempt. ${PURPOSE_NOTE}`,
        kind: "security",
        check: perBucket((resources, bucket) => {
            const purpose = purposeOf(bucket);
            if (purpose !== "models" && purpose !== "backup") {
                return [];
            }
            const loggings = attached(resources, LOGGINGS, bucket);
            if (loggings.length === 0) {
                return [
                    "writes no server access logs; add a BucketLogging with bucket → this bucket, targetBucket → the log bucket (Purpose=logs) and a targetPrefix",
                ];
            }
            const toLogBucket = loggings.some((l) =>
                sourcesOf(l, "targetBucket").some((t) => BUCKETS.includes(t.type) && purposeOf(t) === "logs"),
            );
            return toLogBucket
                ? []
                : [
                      `writes access logs to ${loggings.map((l) => shown(l.props.targetBucket)).join(", ")}, not to the log bucket; set targetBucket to the log bucket (Purpose=logs) of this stack`,
                  ];
        }),
    }),
    stackRule({
        id: "s3-backup-replication",
        description: `Meets the guide's RPO of 1 h for model artefacts (Backup & Disaster Recovery: models → fraud-detector-backup-models, real-time replication): triggered by a production models bucket, which must replicate through an enabled rule with Replication Time Control into the backup bucket, with a role scoped to the two buckets and both versioned. ${PURPOSE_NOTE}`,
        kind: "resilience",
        check: (resources) =>
            bucketsFor(resources, "models")
                .filter((bucket) => environmentOf(bucket.props) === "production")
                .flatMap((bucket) => on(bucket, replicationProblems(resources, bucket))),
    }),
    stackRule({
        id: "s3-lifecycle-and-lock",
        description: `Keeps storage costs bounded and backups tamper-proof (FSBP S3.13; CKV2_AWS_61, CKV_AWS_143): every bucket aborts incomplete uploads, the models and backup buckets expire noncurrent versions (longer on the backup bucket), and the backup bucket uses Object Lock with a default retention. ${PURPOSE_NOTE}`,
        kind: "advisory",
        check: perBucket(lifecycleProblems),
    }),
];
