import { PolicyResource } from "@pulumi/policy";
import { parseDocument, Statement } from "../../../lib/relations/documents";
import {
    allowsOf,
    Grant,
    grantsOf,
    quoted,
    rolesUsedAs,
    unresolvedRoleReferences,
    via,
} from "../../../lib/relations/iam-graph";
import { label, shown } from "../../../lib/relations/resources";
import {
    GUIDE_BEDROCK_ENDPOINT_SERVICE,
    GUIDE_FOUNDATION_MODEL_ARN_PREFIX,
    isGuideRegionFoundationModelArn,
} from "../../../facts/guide/bedrock";
import { Finding, Rule, stackRule } from "../../lib/rule";

const MODEL_ARN_PREFIX = GUIDE_FOUNDATION_MODEL_ARN_PREFIX;
const BEDROCK_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const BEDROCK_SERVICE = GUIDE_BEDROCK_ENDPOINT_SERVICE;
/** A foundation model (or the guide's prefix of their IDs) in ca-central-1. */
const isFoundationModelArn = isGuideRegionFoundationModelArn;

/** What bedrock:InvokeModel may name: the stack's model, as far as the plan shows it. */
interface ModelScope {
    readonly allowed: (resource: string) => boolean;
    readonly on: string;
}

/**
 * The stack's Bedrock model, read from the plan rather than fixed here (`fraud-detector:bedrock.modelId`
 * chooses it): the foundation models the stack's Bedrock endpoint policy admits, where the stack has
 * that endpoint; otherwise (local) any one foundation model of ca-central-1.
 */
function modelScopeOf(resources: readonly PolicyResource[]): ModelScope {
    const admitted = resources
        .filter((r) => r.type === BEDROCK_ENDPOINT && r.props.serviceName === BEDROCK_SERVICE)
        .flatMap((endpoint) => parseDocument(endpoint.props.policy) ?? [])
        .filter((statement) => statement.effect === "Allow")
        .flatMap((statement) => statement.resources)
        .filter(isFoundationModelArn);
    return admitted.length > 0
        ? {
              allowed: (resource) => admitted.includes(resource),
              on: `the model the Bedrock endpoint admits, ${quoted(admitted)}`,
          }
        : {
              allowed: isFoundationModelArn,
              on: `a foundation model of ca-central-1 (${MODEL_ARN_PREFIX}<bedrock.modelId>)`,
          };
}

/** The objects of the models bucket: the guide's `arn:aws:s3:::fraud-detector-prod-models/*`. */
function isModelsObjectArn(resource: string): boolean {
    return /^arn:aws:s3:::[a-z0-9.-]+-models\/\*$/.test(resource);
}

/** One key of ca-central-1, named: the stack's key that encrypts the models bucket. */
function isKeyArn(resource: string): boolean {
    return /^arn:aws:kms:ca-central-1:[0-9]*:key\/[^*?]+$/.test(resource);
}

/** The models bucket itself, the encryption context S3 passes with an S3 Bucket Key. */
function isModelsBucketArn(value: unknown): boolean {
    return typeof value === "string" && /^arn:aws:s3:::[a-z0-9.-]+-models$/.test(value);
}

/** S3 in ca-central-1 calling KMS on the role's behalf (kms:ViaService). */
const VIA_S3 = "s3.ca-central-1.amazonaws.com";

/**
 * What the guide's task-role policy grants (Security Hardening › IAM Roles), by lower-cased action,
 * with the stack's Bedrock model in place of the guide's Claude 3 Haiku.
 * kms:Decrypt belongs to "s3:GetObject on the models bucket": the bucket is SSE-KMS under the
 * stack's key, and S3 refuses the read without it; it is admitted only as {@link decryptProblems}
 * scopes it.
 */
function taskGrants(model: ModelScope): Readonly<Record<string, ModelScope>> {
    return {
        "bedrock:invokemodel": model,
        "s3:getobject": { allowed: isModelsObjectArn, on: "the models bucket's objects (<models bucket ARN>/*)" },
        "kms:decrypt": { allowed: isKeyArn, on: "the stack key's ARN (arn:aws:kms:ca-central-1:<account>:key/<id>)" },
    };
}

/**
 * Why a kms:Decrypt statement is more than reading the models bucket: it must stand alone and hold
 * only through S3 in ca-central-1 (StringEquals kms:ViaService), and an encryption-context
 * condition, when present, must name the models bucket.
 */
function decryptProblems(at: string, statement: Statement): string[] {
    if (!statement.actions.some((action) => action.toLowerCase() === "kms:decrypt")) {
        return [];
    }
    const problems: string[] = [];
    if (statement.actions.length > 1) {
        problems.push(
            `${at} mixes kms:Decrypt with ${quoted(statement.actions.filter((a) => a.toLowerCase() !== "kms:decrypt"))}; give kms:Decrypt its own statement`,
        );
    }
    const equals = statement.conditions.StringEquals ?? {};
    if (equals["kms:ViaService"] !== VIA_S3) {
        problems.push(
            `${at} allows kms:Decrypt with kms:ViaService ${shown(equals["kms:ViaService"])}; add Condition StringEquals "kms:ViaService": "${VIA_S3}" so the key only decrypts the models bucket's objects through S3`,
        );
    }
    const context = equals["kms:EncryptionContext:aws:s3:arn"];
    if (context !== undefined && !isModelsBucketArn(context)) {
        problems.push(
            `${at} allows kms:Decrypt with kms:EncryptionContext:aws:s3:arn ${shown(context)}; name the models bucket's ARN (with an S3 Bucket Key the context is the bucket, not the object)`,
        );
    }
    return problems;
}

/** Why one task-role statement grants more than the guide. */
function taskGrantProblems(at: string, statement: Statement, grants: Readonly<Record<string, ModelScope>>): string[] {
    const problems: string[] = [];
    if (statement.notActions.length > 0 || statement.notResources.length > 0) {
        problems.push(`${at} uses NotAction or NotResource; name the guide's actions and resources explicitly`);
    }
    const extra = statement.actions.filter((action) => grants[action.toLowerCase()] === undefined);
    if (extra.length > 0) {
        problems.push(
            `${at} allows ${quoted(extra)}; task roles get only bedrock:InvokeModel, and s3:GetObject with the kms:Decrypt it needs (guide: IAM Roles)`,
        );
    }
    for (const action of statement.actions) {
        const grant = grants[action.toLowerCase()];
        const outside = grant ? statement.resources.filter((resource) => !grant.allowed(resource)) : [];
        if (grant && outside.length > 0) {
            problems.push(`${at} allows "${action}" on ${quoted(outside)}; allow it only on ${grant.on}`);
        }
    }
    return [...problems, ...decryptProblems(at, statement)];
}

/** The findings of one grant to the task role `role`, reported on the role. */
function grantFindings(
    role: PolicyResource,
    grant: Grant<PolicyResource>,
    grants: Readonly<Record<string, ModelScope>>,
): Finding[] {
    if (grant.document === undefined) {
        // The program cannot see into a foreign policy, so it cannot prove the policy is the guide's.
        const how = grant.holder === role ? " through managedPolicyArns" : ` by ${label(grant.holder)}`;
        return [
            {
                resource: role,
                message: `task role ${role.name} has ${shown(grant.foreignArn)} attached${how}; grant task roles only the guide's bedrock:InvokeModel and s3:GetObject, in a policy of this program`,
            },
        ];
    }
    return allowsOf(grant.document).flatMap(({ at, statement }) =>
        taskGrantProblems(`${via(grant.holder, role)}${at}`, statement, grants).map((problem) => ({
            resource: role,
            message: `task role ${role.name}: ${problem}`,
        })),
    );
}

/** `iam-task-role-per-guide`: the roles task definitions run as hold exactly the guide's grants. */
export const iamTaskRolePerGuide: Rule = stackRule({
    id: "iam-task-role-per-guide",
    description:
        "Gives the application containers exactly the guide's grants (Security Hardening › IAM Roles): the roles task definitions name in taskRoleArn may only invoke the stack's Bedrock model (fraud-detector:bedrock.modelId, the guide's Claude 3 Haiku by default; read from the plan as the model the Bedrock endpoint's policy admits, or any one foundation model of ca-central-1 where there is no endpoint) and read the models bucket's objects. Reading them includes kms:Decrypt on the stack's key, because the bucket is SSE-KMS and S3 refuses GetObject without it; it is admitted alone in its statement, on a named key, only through S3 in ca-central-1 (kms:ViaService) and, if an encryption context is named, only for the models bucket. Triggered by task definitions.",
    kind: "security",
    check: (resources) => {
        const grants = taskGrants(modelScopeOf(resources));
        return [
            // A task role, or a grant to a role, that resolves to no role of the stack could hold
            // anything: reported, not skipped.
            ...unresolvedRoleReferences(resources).map(({ resource, reference }) => ({
                resource,
                message: `${label(resource)}: ${reference} names a role that is not in this stack, so its grants cannot be judged against the guide's; reference the role resource (its .arn or .name) instead of a literal`,
            })),
            ...[...rolesUsedAs(resources, "taskRoleArn")].flatMap((role) =>
                grantsOf(resources, role).flatMap((grant) => grantFindings(role, grant, grants)),
            ),
        ];
    },
});
