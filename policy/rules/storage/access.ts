import { PolicyResource } from "@pulumi/policy";
import { attachedTo, bucketCheck, perBucket, S3_TYPES } from "../../lib/buckets";
import { namesEveryone, parseDocument, Statement } from "../../../lib/relations/documents";
import { asList, MASKED, shown } from "../../../lib/relations/resources";
import { Rule, stackRule } from "../../lib/rule";
import { Props } from "../../../lib/relations/resource-shape";

const PUBLIC_ACCESS_SWITCHES = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
const PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GRANTEE_GROUPS = [
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
];

/** Problems of a bucket's public-access block: present, with all four switches on (FSBP S3.8). */
function publicAccessProblems(resources: readonly PolicyResource[], bucket: PolicyResource): string[] {
    const blocks = attachedTo(resources, S3_TYPES.publicAccessBlock, bucket);
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

/**
 * A bucket's policy documents: the deprecated inline `policy` input and every standalone
 * BucketPolicy. Both write the bucket's one policy, so they are judged as one set of statements.
 */
function policyDocumentsOf(resources: readonly PolicyResource[], bucket: PolicyResource): unknown[] {
    return [
        ...(bucket.props.policy !== undefined ? [bucket.props.policy as unknown] : []),
        ...attachedTo(resources, S3_TYPES.policy, bucket).map((p): unknown => p.props.policy),
    ];
}

/** Problems of a bucket's policy documents: TLS only (FSBP S3.5) and nothing granted to everyone. */
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

/** Whether a standalone BucketAcl opens the bucket: a public canned ACL or a grant to a public group. */
function isPublicAcl(acl: PolicyResource): boolean {
    const grants = asList((acl.props.accessControlPolicy as { grants?: unknown } | undefined)?.grants);
    const publicGrant = grants.some((g) =>
        PUBLIC_GRANTEE_GROUPS.includes(String((g as { grantee?: { uri?: unknown } }).grantee?.uri)),
    );
    return PUBLIC_CANNED_ACLS.includes(String(acl.props.acl)) || publicGrant;
}

/** The bucket's own ACL inputs, `acl` and `grants`: judged on the bucket alone, so decided at preview. */
function inlineAclProblems(props: Props): string[] {
    const problems: string[] = [];
    if (props.acl !== undefined) {
        problems.push(`sets acl ${shown(props.acl)}; remove acl (ACLs stay off, ownership BucketOwnerEnforced)`);
    }
    if (asList(props.grants).length > 0) {
        problems.push("sets grants; remove grants and grant access through the bucket policy or IAM");
    }
    return problems;
}

/** Problems of the ACL resources on a bucket: a public BucketAcl, and object ownership. */
function aclProblems(resources: readonly PolicyResource[], bucket: PolicyResource): string[] {
    const problems: string[] = [];
    for (const acl of attachedTo(resources, S3_TYPES.acl, bucket).filter(isPublicAcl)) {
        problems.push(
            `BucketAcl ${acl.name} makes the bucket public (acl ${shown(acl.props.acl)}); remove the BucketAcl`,
        );
    }
    const controls = attachedTo(resources, S3_TYPES.ownershipControls, bucket);
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

/** The S3 access rules of security-rules.md: who can reach a bucket (public access, policies, ACLs). */
export const storageAccessRules: readonly Rule[] = [
    stackRule({
        id: "s3-block-public-access",
        description:
            "Keeps every bucket private whatever its policy or ACLs say (FSBP S3.8): each bucket has its own BucketPublicAccessBlock with all four switches on. An account-level block is welcome but not required and not judged.",
        kind: "security",
        check: perBucket(publicAccessProblems),
    }),
    stackRule({
        id: "s3-policy-and-acls",
        description:
            "Stops data leaking through bucket policies or ACLs (FSBP S3.2, S3.3, S3.5, S3.6, S3.12): each bucket has a policy that refuses plain HTTP and grants nothing to Principal *, no ACLs (no acl or grants, no public BucketAcl) and BucketOwnershipControls BucketOwnerEnforced.",
        kind: "security",
        resourceCheck: bucketCheck(inlineAclProblems),
        check: perBucket((resources, bucket) => [
            ...bucketPolicyProblems(policyDocumentsOf(resources, bucket)),
            ...aclProblems(resources, bucket),
        ]),
    }),
];
