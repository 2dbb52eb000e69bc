import { PolicyResource } from "@pulumi/policy";
import { namesEveryone, parseDocument } from "../../lib/relations/documents";
import { MASKED, ofType, shown } from "../../lib/relations/resources";
import { environmentOf, Finding, resourceRule, Rule, RuleEnvironment, stackRule } from "../lib/rule";
import { refersTo, sourcesOf } from "../../lib/relations/references";
import { Props } from "../../lib/relations/resource-shape";

const RDS_INSTANCE = "aws:rds/instance:Instance";
const SECRET = "aws:secretsmanager/secret:Secret";
const SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const KMS_KEY = "aws:kms/key:Key";
const GENERATORS = ["random:index/randomPassword:RandomPassword", "random:index/randomBytes:RandomBytes"];
const MAX_ROTATION_DAYS = 90;

/**
 * The short environment names the guide uses in secret names (`fraud-detector/prod/database`). The
 * program keeps the same mapping as `ENVIRONMENT_SHORT_NAMES` in stacks/schema.ts; this is the
 * pack's own copy, not an import, because the pack is loaded on its own from policy/ and must stay
 * self-contained.
 */
const SHORT_NAMES: Readonly<Record<RuleEnvironment, string>> = {
    local: "local",
    staging: "staging",
    production: "prod",
};

/** The secrets the guide's Secrets Management section creates for an environment. */
function guideSecretNames(environment: RuleEnvironment): string[] {
    const short = SHORT_NAMES[environment];
    return [`fraud-detector/${short}/database`, `fraud-detector/${short}/hmac-keys`];
}

/**
 * Why a secret version's value may be a literal, or undefined when it is generated (a RandomPassword
 * or RandomBytes dependency, or for the database secret the RDS instance whose connection details
 * and RDS-managed password it points at), write-only (`secretStringWo`), masked or not known yet.
 */
function literalValueProblem(version: PolicyResource, sources: readonly string[]): string | undefined {
    const generated = sourcesOf(version, "secretString").some((s) => sources.includes(s.type));
    if (generated || version.props.secretStringWo !== undefined) {
        return undefined;
    }
    const value: unknown = version.props.secretString ?? version.props.secretBinary;
    if (value === MASKED || (value === undefined && sourcesOf(version, "secretString").length > 0)) {
        return undefined;
    }
    return value === undefined
        ? `SecretVersion ${version.name} sets no value; set secretString from a RandomPassword's result, or secretStringWo`
        : `SecretVersion ${version.name} stores a literal value; build secretString from a RandomPassword's result (or pass it write-only in secretStringWo), never a string in the program`;
}

/** Which keys the database secret's JSON lacks, when its value can be read. */
function missingDatabaseKeys(version: PolicyResource): string[] {
    const value: unknown = version.props.secretString;
    if (typeof value !== "string" || value === MASKED) {
        return [];
    }
    try {
        const parsed = JSON.parse(value) as unknown;
        if (parsed === null || typeof parsed !== "object") {
            return [];
        }
        // The password itself, or (with manageMasterUserPassword) the ARN of RDS's own secret.
        const missing = "password" in parsed || "passwordSecretArn" in parsed ? [] : ["password"];
        return "username" in parsed ? missing : ["username", ...missing];
    } catch {
        return [];
    }
}

/** Problems of one guide secret: existence, description, and where its values come from. */
function guideSecretProblems(resources: readonly PolicyResource[], instance: PolicyResource, name: string): Finding[] {
    const secret = ofType(resources, SECRET).find((s) => s.props.name === name);
    if (secret === undefined) {
        return [
            {
                resource: instance,
                message: `the RDS instance ${instance.name} has no secret named "${name}"; add a Secret with name: "${name}" and a description (guide: Secrets Management)`,
            },
        ];
    }
    const findings: Finding[] = [];
    const at = (message: string) => findings.push({ resource: secret, message: `secret ${name}: ${message}` });
    if (typeof secret.props.description !== "string" || secret.props.description.trim() === "") {
        at(`description is ${shown(secret.props.description)}; set description to what the secret holds`);
    }
    const versions = ofType(resources, SECRET_VERSION).filter((v) => refersTo(v, "secretId", secret));
    if (versions.length === 0) {
        at("has no SecretVersion; add one with secretId → this secret and secretString from a RandomPassword");
    }
    for (const version of versions) {
        const database = name.endsWith("/database");
        const literal = literalValueProblem(version, database ? [...GENERATORS, RDS_INSTANCE] : GENERATORS);
        if (literal !== undefined) {
            at(literal);
        }
        const missing = database ? missingDatabaseKeys(version) : [];
        if (missing.length > 0) {
            at(
                `SecretVersion ${version.name} lacks ${missing.join(" and ")}; store a JSON object with username and password (or passwordSecretArn, the RDS-managed secret)`,
            );
        }
    }
    return findings;
}

/** The rotation interval in days a SecretRotation sets, when it can be read. */
function rotationDays(rules: { automaticallyAfterDays?: unknown; scheduleExpression?: unknown } | undefined) {
    if (typeof rules?.automaticallyAfterDays === "number") {
        return rules.automaticallyAfterDays;
    }
    const expression = typeof rules?.scheduleExpression === "string" ? rules.scheduleExpression : "";
    const rate = /^rate\((\d+) (hours?|days?)\)$/.exec(expression);
    if (rate) {
        return rate[2].startsWith("hour") ? Number(rate[1]) / 24 : Number(rate[1]);
    }
    // A cron that runs every month (month field * or ?) rotates at least every 31 days.
    const cron = /^cron\((.+)\)$/.exec(expression)?.[1].trim().split(/\s+/);
    return cron !== undefined && ["*", "?"].includes(cron[3] ?? "") ? 31 : undefined;
}

/** Problems of a secret's rotation (FSBP SecretsManager.1, SecretsManager.4) and its key. */
function rotationAndKeyProblems(resources: readonly PolicyResource[], secret: PolicyResource): string[] {
    // The key is the secret's own setting, keyProblemsOfSecret's, in the resource pass.
    const problems: string[] = [];
    const rotations = ofType(resources, SECRET_ROTATION).filter((r) => refersTo(r, "secretId", secret));
    if (rotations.length === 0) {
        problems.push(
            `is never rotated; add a SecretRotation with secretId → this secret, a rotationLambdaArn and rotationRules.automaticallyAfterDays at most ${MAX_ROTATION_DAYS}`,
        );
    }
    for (const rotation of rotations) {
        const rules = rotation.props.rotationRules as Props | undefined;
        const days = rotationDays(rules);
        if (rotation.props.rotationEnabled === false) {
            problems.push("rotation is turned off (rotationEnabled false); remove rotationEnabled or set it to true");
        }
        if (days === undefined || days > MAX_ROTATION_DAYS) {
            problems.push(
                `the rotation schedule is ${shown(rules?.automaticallyAfterDays ?? rules?.scheduleExpression)}; rotate at least every ${MAX_ROTATION_DAYS} days (rotationRules.automaticallyAfterDays at most ${MAX_ROTATION_DAYS})`,
            );
        }
        if (rotation.props.rotationLambdaArn === undefined) {
            problems.push("the rotation has no rotationLambdaArn; set it to the rotation function's ARN");
        }
    }
    return problems.map((p) => `secret ${secretName(secret.props as Props, secret.name)}: ${p}`);
}

/** How messages name a secret: its name input, else its resource name. */
function secretName(props: Props, resourceName: string): string {
    return typeof props.name === "string" ? props.name : resourceName;
}

/** A secret encrypted with AWS's own key: the secret's own setting, decided at preview. */
function keyProblemsOfSecret(props: Props, resourceName: string): string[] {
    const kmsKeyId: unknown = props.kmsKeyId;
    return kmsKeyId === undefined || kmsKeyId === "alias/aws/secretsmanager"
        ? [
              `secret ${secretName(props, resourceName)}: kmsKeyId is ${shown(kmsKeyId)}; encrypt the secret with a customer-managed key (kmsKeyId from an aws.kms.Key)`,
          ]
        : [];
}

/** Problems of a KMS key (FSBP KMS.3, KMS.5; CKV_AWS_7, CKV_AWS_33). */
function keyProblems(props: Props): string[] {
    const problems: string[] = [];
    // AWS rotates only symmetric encryption keys; asymmetric and HMAC keys cannot turn rotation on.
    const symmetric = props.customerMasterKeySpec === undefined || props.customerMasterKeySpec === "SYMMETRIC_DEFAULT";
    if (symmetric && props.enableKeyRotation !== true) {
        problems.push(
            `enableKeyRotation is ${shown(props.enableKeyRotation)} (the provider default is false); set enableKeyRotation: true`,
        );
    }
    if (typeof props.rotationPeriodInDays === "number" && props.rotationPeriodInDays > 365) {
        problems.push(
            `rotationPeriodInDays is ${props.rotationPeriodInDays}; set it to at most 365 (or leave it unset for yearly rotation)`,
        );
    }
    if (props.deletionWindowInDays !== undefined && props.deletionWindowInDays !== 30) {
        problems.push(
            `deletionWindowInDays is ${shown(props.deletionWindowInDays)}; set deletionWindowInDays: 30 (or leave it unset) so a deleted key can be recovered`,
        );
    }
    if (props.isEnabled === false) {
        problems.push(
            "isEnabled is false; a disabled key makes everything it encrypts unreadable; set isEnabled: true",
        );
    }
    problems.push(...keyPolicyProblems(props.policy));
    return problems;
}

/** Problems of a key policy: explicit, readable, and no `*` principal without a condition. */
function keyPolicyProblems(policy: unknown): string[] {
    if (policy === MASKED) {
        return [];
    }
    if (policy === undefined) {
        return ["has no explicit key policy; set policy to a document that names this account's principals"];
    }
    const statements = parseDocument(policy);
    if (statements === undefined) {
        return [`the key policy does not parse (${shown(policy)}); set policy to a valid JSON policy document`];
    }
    return statements
        .filter((s) => s.effect === "Allow" && namesEveryone(s) && Object.keys(s.conditions).length === 0)
        .map(
            (s) =>
                `the key policy allows ${s.actions.join(", ") || "actions"} to Principal "*" without a Condition; name the principals or add a Condition (e.g. kms:CallerAccount)`,
        );
}

/** The Secrets Manager and KMS rules of security-rules.md. */
export const secretsKmsRules: readonly Rule[] = [
    stackRule({
        id: "secrets-per-guide",
        description:
            "Keeps database and HMAC credentials out of the program (guide: Production Configuration › Secrets Management): triggered by an RDS instance, fraud-detector/<env>/database and fraud-detector/<env>/hmac-keys exist with descriptions, and their SecretVersion values come from a RandomPassword/RandomBytes or secretStringWo, never a literal.",
        kind: "security",
        check: (resources) => {
            const instances = ofType(resources, RDS_INSTANCE);
            // One finding set per environment, even if several instances share it.
            const seen = new Set<RuleEnvironment>();
            return instances.flatMap((instance) => {
                const environment = environmentOf(instance.props);
                if (seen.has(environment)) {
                    return [];
                }
                seen.add(environment);
                return guideSecretNames(environment).flatMap((name) => guideSecretProblems(resources, instance, name));
            });
        },
    }),
    resourceRule({
        id: "secrets-recovery-window",
        description:
            "Lets a deleted production secret be restored (guide: Backup & Disaster Recovery): recoveryWindowInDays stays between 7 and 30 (unset means 30); 0 deletes at once and is refused.",
        kind: "security",
        types: [SECRET],
        check: (props) => {
            const days = props.recoveryWindowInDays;
            if (environmentOf(props) !== "production" || days === undefined) {
                return [];
            }
            return typeof days === "number" && days >= 7 && days <= 30
                ? []
                : [
                      `recoveryWindowInDays is ${shown(days)}${days === 0 ? " (deleted at once, no recovery)" : ""}; set recoveryWindowInDays between 7 and 30, or leave it unset for 30`,
                  ];
        },
    }),
    stackRule({
        id: "secrets-rotation-and-cmk",
        description:
            "Limits how long a leaked credential stays useful and who can decrypt it (FSBP SecretsManager.1, SecretsManager.4; CKV2_AWS_57, CKV_AWS_149): each secret has a SecretRotation with a Lambda at most every 90 days and is encrypted with a customer-managed KMS key.",
        kind: "advisory",
        // The customer key is the secret's own setting, decided at preview; rotation needs the
        // SecretRotation resources.
        resourceCheck: { types: [SECRET], check: (props, args) => keyProblemsOfSecret(props, args.name) },
        check: (resources) =>
            ofType(resources, SECRET).flatMap((secret) =>
                rotationAndKeyProblems(resources, secret).map((message) => ({ resource: secret, message })),
            ),
    }),
    resourceRule({
        id: "kms-key-safety",
        description:
            "Keeps customer keys usable and private, since losing a key makes its snapshots and backups unreadable (FSBP KMS.3, KMS.5; awsguard cmk-backing-key-rotation-enabled): rotation on (at most 365 days), the full 30-day deletion window, enabled, and an explicit key policy with no unconditioned * principal.",
        kind: "security",
        types: [KMS_KEY],
        check: (props) => keyProblems(props),
    }),
];
