import { PolicyResource } from "@pulumi/policy";
import { Statement } from "../../../lib/relations/documents";
import {
    allowsOf,
    documentsOf,
    everyDocument,
    grantsAction,
    grantsOf,
    IAM_TYPES,
    PermissionDocument,
    quoted,
    rolesUsedAs,
    via,
} from "../../../lib/relations/iam-graph";
import { label, ofType } from "../../../lib/relations/resources";
import { Finding, Rule, stackRule } from "../../lib/rule";

const GET_SECRET_VALUE = "secretsmanager:GetSecretValue";

/** A secret ARN narrowed to named secrets: a literal name before any wildcard (the random suffix). */
function isNamedSecretArn(resource: string): boolean {
    return /^arn:aws[a-z-]*:secretsmanager:[^:]+:[^:]*:secret:[^*?]+/.test(resource);
}

/** A KMS key ARN naming one key. */
function isNamedKeyArn(resource: string): boolean {
    return /^arn:aws[a-z-]*:kms:[^:]+:[^:]*:key\/[^*?]+$/.test(resource);
}

/**
 * The resources of a statement that reach `service`'s resources without naming them: `*`, or an
 * ARN of that service (or with a wildcard service) that `named` rejects. Another service's ARN in
 * the same statement (a key next to a secret) widens nothing, so it is not counted.
 */
function unnamedOf(statement: Statement, service: string, named: (resource: string) => boolean): string[] {
    return statement.resources.filter((resource) => {
        const arnService = resource.split(":")[2];
        const ofService =
            resource === "*" || arnService === undefined || arnService === service || /[*?]/.test(arnService);
        return ofService && !named(resource);
    });
}

/** The unscoped secret reads and decrypts of one document, as messages prefixed with `prefix`. */
function unscopedMessages(document: PermissionDocument, prefix: string): string[] {
    const messages: string[] = [];
    for (const { at, statement } of allowsOf(document)) {
        const secrets = unnamedOf(statement, "secretsmanager", isNamedSecretArn);
        if (grantsAction(statement, GET_SECRET_VALUE) && secrets.length > 0) {
            messages.push(
                `${prefix}${at} allows secretsmanager:GetSecretValue on ${quoted(secrets)}; name this stack's secret ARNs`,
            );
        }
        const keys = unnamedOf(statement, "kms", isNamedKeyArn);
        if (grantsAction(statement, "kms:Decrypt") && keys.length > 0) {
            messages.push(
                `${prefix}${at} allows kms:Decrypt on ${quoted(keys)}; name the key ARNs (arn:aws:kms:…:key/<id>)`,
            );
        }
    }
    return messages;
}

/**
 * Secret reads and decrypts that name no particular secret or key, in a RolePolicy: reported on its
 * role, which needs the role. A Policy's or a Role's own documents are judged in the resource pass.
 */
function unscopedFindings(resources: readonly PolicyResource[]): Finding[] {
    return everyDocument(resources)
        .filter(({ owner, where }) => owner.type === IAM_TYPES.rolePolicy || where !== "")
        .flatMap(({ owner, where, document }) =>
            unscopedMessages(document, `${label(owner)}: ${where}`).map((message) => ({ resource: owner, message })),
        );
}

/** Secret reads granted to roles that no task definition uses as its execution role. */
function nonExecutionReadFindings(resources: readonly PolicyResource[]): Finding[] {
    const executionRoles = rolesUsedAs(resources, "executionRoleArn");
    const findings: Finding[] = [];
    for (const role of ofType(resources, IAM_TYPES.role).filter((r) => !executionRoles.has(r))) {
        for (const { holder, document } of grantsOf(resources, role)) {
            if (document === undefined) {
                continue;
            }
            const reads = allowsOf(document).filter(({ statement }) => grantsAction(statement, GET_SECRET_VALUE));
            for (const { at } of reads) {
                findings.push({
                    resource: role,
                    message: `role ${role.name} is no task definition's executionRoleArn but ${via(holder, role)}${at} allows secretsmanager:GetSecretValue; only execution roles read secrets (guide: IAM Roles)`,
                });
            }
        }
    }
    return findings;
}

/** `iam-secrets-and-keys-scoped`: secrets and keys are read by name, and secrets only by execution roles. */
export const iamSecretsAndKeysScoped: Rule = stackRule({
    id: "iam-secrets-and-keys-scoped",
    description:
        'Keeps secrets and keys readable only where needed (FSBP KMS.1, KMS.2; guide: Secrets Management): secretsmanager:GetSecretValue only on named secret ARNs and only in roles task definitions use as executionRoleArn; kms:Decrypt only on named key ARNs, never "*". Triggered by IAM policies.',
    kind: "security",
    // A Policy's or a Role's own documents that read or decrypt everything are wrong whatever uses
    // them, decided at preview; a RolePolicy is reported on its role, and who may read secrets at
    // all needs the task definitions.
    resourceCheck: {
        types: [IAM_TYPES.policy, IAM_TYPES.role],
        check: (props, args) =>
            documentsOf(args.type, props).flatMap((document) =>
                unscopedMessages(document, `${args.type.split(":").pop() ?? args.type} ${args.name}: `),
            ),
    },
    check: (resources) => [...unscopedFindings(resources), ...nonExecutionReadFindings(resources)],
});
