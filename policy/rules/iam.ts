import { PolicyResource } from "@pulumi/policy";
import { actionMatches, parseDocument, Statement } from "../lib/documents";
import { asList, ofType, refersTo, shown } from "../lib/resources";
import { Finding, Props, resourceRule, Rule, stackRule } from "../lib/rule";

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ROLE_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const ECS_TASKS = "ecs-tasks.amazonaws.com";
const HAIKU_ARN = "arn:aws:bedrock:ca-central-1::foundation-model/anthropic.claude-3-haiku-*";
const HAIKU_PREFIX = HAIKU_ARN.slice(0, -1);

/**
 * Actions AWS authorises only on `Resource: "*"` (they have no resource type in the Service
 * Authorization Reference), so `"*"` is the narrowest grant they accept. Compared case-insensitively.
 */
const STAR_ONLY_ACTIONS = new Set(
    [
        "ecr:GetAuthorizationToken",
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "xray:GetSamplingRules",
        "xray:GetSamplingTargets",
        "cloudwatch:PutMetricData",
        "ssm:DescribeParameters",
        "secretsmanager:GetRandomPassword",
        "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel",
    ].map((action) => action.toLowerCase()),
);

/** AWS managed policies that hand out the whole account (FSBP IAM.1, CKV2_AWS_56). */
const FORBIDDEN_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|IAMFullAccess)$/;

/** What the guide's task-role policy grants (Security Hardening › IAM Roles), by lower-cased action. */
const TASK_GRANTS: Readonly<Record<string, { readonly allowed: (resource: string) => boolean; readonly on: string }>> =
    {
        "bedrock:invokemodel": { allowed: isHaikuArn, on: HAIKU_ARN },
        "s3:getobject": { allowed: isModelsObjectArn, on: "the models bucket's objects (<models bucket ARN>/*)" },
    };

/** One permission document found on a resource, with where it sits there (for messages). */
interface Document {
    readonly where: string;
    readonly statements: Statement[];
}

/** A document granted to a role, or a policy ARN attached to it whose content the program does not define. */
interface Grant {
    readonly holder: PolicyResource;
    readonly document?: Document;
    readonly foreignArn?: string;
}

/** A Claude 3 Haiku model in ca-central-1: the guide's wildcard itself, or one named model version. */
function isHaikuArn(resource: string): boolean {
    return resource.startsWith(HAIKU_PREFIX) && /^[^*?]*\*?$/.test(resource.slice(HAIKU_PREFIX.length));
}

/** The objects of the models bucket: the guide's `arn:aws:s3:::fraud-detector-prod-models/*`. */
function isModelsObjectArn(resource: string): boolean {
    return /^arn:aws:s3:::[a-z0-9.-]+-models\/\*$/.test(resource);
}

/** True for `*` and `service:*`, which grant every action of the account or of a service. */
function isServiceWildcard(action: string): boolean {
    return action === "*" || /^[a-z0-9-]+:\*$/i.test(action);
}

/** The resource's short type and logical name, for messages. */
function label(resource: PolicyResource): string {
    return `${resource.type.split(":").pop() ?? resource.type} ${resource.name}`;
}

function quoted(values: readonly string[]): string {
    return values.map((value) => JSON.stringify(value)).join(", ");
}

/**
 * The permission documents a resource of `type` carries: a policy's `policy`, a role's (deprecated)
 * `inlinePolicies`. Never a role's trust policy, which iam-trust-ecs-tasks-only judges. Documents
 * that cannot be read yet (unknown, `[secret]`) are left out: undecidable, not wrong.
 */
function documentsOf(type: string, props: Props): Document[] {
    if (type === POLICY || type === ROLE_POLICY) {
        const statements = parseDocument(props.policy);
        return statements ? [{ where: "policy", statements }] : [];
    }
    if (type === ROLE) {
        return asList(props.inlinePolicies as Array<{ name?: unknown; policy?: unknown }>).flatMap((inline, i) => {
            const statements = parseDocument(inline?.policy);
            return statements ? [{ where: `inlinePolicies[${i}] (${shown(inline.name)})`, statements }] : [];
        });
    }
    return [];
}

/** The Allow statements of a document, each with its place ("policy statement 2") for messages. */
function allowsOf(document: Document): Array<{ at: string; statement: Statement }> {
    return document.statements
        .map((statement, i) => ({ at: `${document.where} statement ${i + 1}`, statement }))
        .filter(({ statement }) => statement.effect === "Allow");
}

/** The wildcard problems of one document (iam-no-wildcards). */
function wildcardProblems(document: Document): string[] {
    const problems: string[] = [];
    for (const { at, statement } of allowsOf(document)) {
        if (statement.notActions.length > 0) {
            problems.push(
                `${at} allows every action except NotAction ${shown(statement.notActions)}; list the allowed actions in Action instead`,
            );
        }
        const broad = statement.actions.filter(isServiceWildcard);
        if (broad.length > 0) {
            problems.push(
                `${at} allows ${quoted(broad)}; name the actions the role needs instead of "*" or "service:*"`,
            );
        }
        const restrictable = statement.actions.filter(
            (action) => !isServiceWildcard(action) && !STAR_ONLY_ACTIONS.has(action.toLowerCase()),
        );
        if (statement.resources.includes("*") && restrictable.length > 0) {
            problems.push(
                `${at} allows ${quoted(restrictable)} on Resource "*"; name the resources (only actions AWS grants solely on "*", such as ecr:GetAuthorizationToken, may use it)`,
            );
        }
        if (statement.notResources.length > 0) {
            problems.push(
                `${at} applies to every resource except NotResource ${shown(statement.notResources)}; list the resources in Resource instead`,
            );
        }
    }
    return problems;
}

/** Whether a role takes its permissions exclusively from its own deprecated inputs (see RoleArgs' docs). */
function exclusiveInputsOf(props: Props): string[] {
    const inputs: string[] = [];
    // One block, even an empty one, makes inlinePolicies exclusive; none leaves inline policies alone.
    if (asList(props.inlinePolicies).length > 0) {
        inputs.push("inlinePolicies");
    }
    // Any value, even [], makes managedPolicyArns exclusive.
    if (props.managedPolicyArns !== undefined && props.managedPolicyArns !== null) {
        inputs.push("managedPolicyArns");
    }
    return inputs;
}

/** The RolePolicy, RolePolicyAttachment and PolicyAttachment resources that target `role`. */
function targetsOf(resources: readonly PolicyResource[], role: PolicyResource): PolicyResource[] {
    return resources.filter(
        (r) =>
            ((r.type === ROLE_POLICY || r.type === ROLE_ATTACHMENT) && refersTo(r, "role", role)) ||
            (r.type === POLICY_ATTACHMENT && refersTo(r, "roles", role)),
    );
}

/** The documents of the Policy resources a value came from (an attachment's policyArn, managedPolicyArns). */
function policyDocumentsFrom(resource: PolicyResource, property: string): Grant[] {
    return (resource.propertyDependencies[property] ?? [])
        .filter((source) => source.type === POLICY)
        .flatMap((policy) =>
            documentsOf(POLICY, policy.props as Props).map((document) => ({ holder: policy, document })),
        );
}

/**
 * Everything granted to `role`: its inline policies, RolePolicy documents, the documents of Policy
 * resources attached to it, and attached ARNs whose content the program does not define (AWS
 * managed policies, policies from outside).
 */
function grantsOf(resources: readonly PolicyResource[], role: PolicyResource): Grant[] {
    const grants: Grant[] = documentsOf(ROLE, role.props as Props).map((document) => ({ holder: role, document }));
    for (const target of targetsOf(resources, role)) {
        if (target.type === ROLE_POLICY) {
            grants.push(
                ...documentsOf(ROLE_POLICY, target.props as Props).map((document) => ({ holder: target, document })),
            );
            continue;
        }
        const fromPolicies = policyDocumentsFrom(target, "policyArn");
        const arn: unknown = target.props.policyArn;
        if (fromPolicies.length > 0) {
            grants.push(...fromPolicies);
        } else if (typeof arn === "string" && arn !== "[secret]") {
            grants.push({ holder: target, foreignArn: arn });
        }
    }
    grants.push(...policyDocumentsFrom(role, "managedPolicyArns"));
    for (const arn of asList(role.props.managedPolicyArns as string[])) {
        if (typeof arn === "string" && arn.includes(":iam::aws:policy/")) {
            grants.push({ holder: role, foreignArn: arn });
        }
    }
    return grants;
}

/** The roles task definitions name in any of `properties` (followed through property dependencies). */
function rolesUsedAs(resources: readonly PolicyResource[], ...properties: string[]): Set<PolicyResource> {
    const roles = new Set<PolicyResource>();
    for (const taskDefinition of ofType(resources, TASK_DEFINITION)) {
        for (const property of properties) {
            for (const source of taskDefinition.propertyDependencies[property] ?? []) {
                if (source.type === ROLE) {
                    roles.add(source);
                }
            }
        }
    }
    return roles;
}

/** Why one task-role statement grants more than the guide (iam-task-role-per-guide). */
function taskGrantProblems(at: string, statement: Statement): string[] {
    const problems: string[] = [];
    if (statement.notActions.length > 0 || statement.notResources.length > 0) {
        problems.push(`${at} uses NotAction or NotResource; name the guide's actions and resources explicitly`);
    }
    const extra = statement.actions.filter((action) => TASK_GRANTS[action.toLowerCase()] === undefined);
    if (extra.length > 0) {
        problems.push(
            `${at} allows ${quoted(extra)}; task roles get only bedrock:InvokeModel and s3:GetObject (guide: IAM Roles)`,
        );
    }
    for (const action of statement.actions) {
        const grant = TASK_GRANTS[action.toLowerCase()];
        const outside = grant ? statement.resources.filter((resource) => !grant.allowed(resource)) : [];
        if (grant && outside.length > 0) {
            problems.push(`${at} allows "${action}" on ${quoted(outside)}; allow it only on ${grant.on}`);
        }
    }
    return problems;
}

/** Every permission document of the stack, with the resource a finding about it belongs on. */
function everyDocument(
    resources: readonly PolicyResource[],
): Array<{ owner: PolicyResource; where: string; document: Document }> {
    return resources
        .filter((r) => r.type === POLICY || r.type === ROLE_POLICY || r.type === ROLE)
        .flatMap((r) => {
            // A RolePolicy has no tags; its role's Environment decides the level, so findings go there.
            const role = (r.propertyDependencies.role ?? []).find((source) => source.type === ROLE);
            const owner = r.type === ROLE_POLICY && role ? role : r;
            const where = r === owner ? "" : `${label(r)}: `;
            return documentsOf(r.type, r.props as Props).map((document) => ({ owner, where, document }));
        });
}

/** Whether an action pattern of the statement covers `action` (so `secretsmanager:*` counts too). */
function grantsAction(statement: Statement, action: string): boolean {
    return statement.actions.some((pattern) => actionMatches(pattern, action));
}

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

/** A principal as the trust policy wrote it, for messages: `"*"`, `AWS "arn:…"`, `Service "…"`. */
function principalsOf(statement: Statement): string[] {
    return Object.entries(statement.principals).flatMap(([kind, values]) =>
        values.map((value) => (kind === "*" ? JSON.stringify(value) : `${kind} ${JSON.stringify(value)}`)),
    );
}

/** The IAM rules (security-rules.md, section IAM). */
export const iamRules: readonly Rule[] = [
    resourceRule({
        id: "iam-no-wildcards",
        description:
            'Keeps every grant least-privilege (FSBP IAM.1, IAM.21; guide: IAM Roles): no Allow of "*" or "service:*" actions or NotAction, no restrictable action on Resource "*" (only actions AWS grants solely on "*", e.g. ecr:GetAuthorizationToken, xray:PutTraceSegments, cloudwatch:PutMetricData, ssm:DescribeParameters), no AdministratorAccess or IAMFullAccess attached. Trust policies are judged by iam-trust-ecs-tasks-only.',
        kind: "security",
        types: [POLICY, ROLE_POLICY, ROLE, ROLE_ATTACHMENT, POLICY_ATTACHMENT],
        check: (props, args) => {
            const problems = documentsOf(args.type, props).flatMap(wildcardProblems);
            const arns =
                args.type === ROLE
                    ? asList(props.managedPolicyArns as string[]).map((arn) => ({
                          property: "managedPolicyArns includes",
                          arn,
                      }))
                    : [{ property: "policyArn is", arn: props.policyArn }];
            for (const { property, arn } of arns) {
                if (typeof arn === "string" && FORBIDDEN_MANAGED.test(arn)) {
                    problems.push(
                        `${property} ${shown(arn)}; attach a least-privilege policy of this program instead (never AdministratorAccess or IAMFullAccess)`,
                    );
                }
            }
            return problems;
        },
    }),
    stackRule({
        id: "iam-task-role-per-guide",
        description:
            "Gives the application containers exactly the guide's grants (Security Hardening › IAM Roles): the roles task definitions name in taskRoleArn may only invoke Claude 3 Haiku in ca-central-1 and read the models bucket's objects. Triggered by task definitions.",
        kind: "security",
        check: (resources) =>
            [...rolesUsedAs(resources, "taskRoleArn")].flatMap((role) =>
                grantsOf(resources, role).flatMap((grant): Finding[] => {
                    const via = grant.holder === role ? "" : `${label(grant.holder)}: `;
                    if (grant.foreignArn !== undefined) {
                        return [
                            {
                                resource: role,
                                message: `task role ${role.name} has ${shown(grant.foreignArn)} attached${grant.holder === role ? " through managedPolicyArns" : ` by ${label(grant.holder)}`}; grant task roles only the guide's bedrock:InvokeModel and s3:GetObject, in a policy of this program`,
                            },
                        ];
                    }
                    const document = grant.document as Document;
                    return allowsOf(document).flatMap(({ at, statement }) =>
                        taskGrantProblems(`${via}${at}`, statement).map((problem) => ({
                            resource: role,
                            message: `task role ${role.name}: ${problem}`,
                        })),
                    );
                }),
            ),
    }),
    stackRule({
        id: "iam-trust-ecs-tasks-only",
        description:
            "Keeps the containers' roles out of anyone else's hands (CKV_AWS_60, CKV_AWS_61): roles task definitions name (taskRoleArn, executionRoleArn) trust only ecs-tasks.amazonaws.com, and no trust policy admits \"*\". Triggered by roles; an aws:SourceAccount condition is advisable but not required.",
        kind: "security",
        check: (resources) => {
            const taskRoles = rolesUsedAs(resources, "taskRoleArn", "executionRoleArn");
            return ofType(resources, ROLE).flatMap((role): Finding[] => {
                const statements = parseDocument(role.props.assumeRolePolicy);
                if (statements === undefined) {
                    return [];
                }
                const allows = allowsOf({ where: "assumeRolePolicy", statements });
                const messages: string[] = [];
                for (const { at, statement } of allows) {
                    const principals = principalsOf(statement);
                    const others = principals.filter((p) => p !== `Service "${ECS_TASKS}"`);
                    if (taskRoles.has(role) && others.length > 0) {
                        messages.push(
                            `role ${role.name} is used by task definitions but ${at} admits ${others.join(", ")}; trust only Service "${ECS_TASKS}"`,
                        );
                    } else if (principals.some((p) => p === '"*"' || p.endsWith(' "*"'))) {
                        messages.push(
                            `role ${role.name}: ${at} admits ${principals.join(", ")}; never trust "*": name the one service or account that assumes the role`,
                        );
                    }
                }
                const trustsEcs = allows.some(({ statement }) =>
                    (statement.principals.Service ?? []).includes(ECS_TASKS),
                );
                if (taskRoles.has(role) && !trustsEcs) {
                    messages.push(
                        `role ${role.name} is used by task definitions but its assumeRolePolicy does not admit ${ECS_TASKS}; trust Service "${ECS_TASKS}" (with an aws:SourceAccount condition)`,
                    );
                }
                return messages.map((message) => ({ resource: role, message }));
            });
        },
    }),
    stackRule({
        id: "iam-secrets-and-keys-scoped",
        description:
            'Keeps secrets and keys readable only where needed (FSBP KMS.1, KMS.2; guide: Secrets Management): secretsmanager:GetSecretValue only on named secret ARNs and only in roles task definitions use as executionRoleArn; kms:Decrypt only on named key ARNs, never "*". Triggered by IAM policies.',
        kind: "security",
        check: (resources) => {
            const findings: Finding[] = [];
            for (const { owner, where, document } of everyDocument(resources)) {
                for (const { at, statement } of allowsOf(document)) {
                    const secrets = unnamedOf(statement, "secretsmanager", isNamedSecretArn);
                    if (grantsAction(statement, "secretsmanager:GetSecretValue") && secrets.length > 0) {
                        findings.push({
                            resource: owner,
                            message: `${label(owner)}: ${where}${at} allows secretsmanager:GetSecretValue on ${quoted(secrets)}; name this stack's secret ARNs`,
                        });
                    }
                    const keys = unnamedOf(statement, "kms", isNamedKeyArn);
                    if (grantsAction(statement, "kms:Decrypt") && keys.length > 0) {
                        findings.push({
                            resource: owner,
                            message: `${label(owner)}: ${where}${at} allows kms:Decrypt on ${quoted(keys)}; name the key ARNs (arn:aws:kms:…:key/<id>)`,
                        });
                    }
                }
            }
            const executionRoles = rolesUsedAs(resources, "executionRoleArn");
            for (const role of ofType(resources, ROLE).filter((r) => !executionRoles.has(r))) {
                for (const { holder, document } of grantsOf(resources, role)) {
                    if (document === undefined) {
                        continue;
                    }
                    const via = holder === role ? "" : `${label(holder)}: `;
                    const reads = allowsOf(document).filter(({ statement }) =>
                        grantsAction(statement, "secretsmanager:GetSecretValue"),
                    );
                    for (const { at } of reads) {
                        findings.push({
                            resource: role,
                            message: `role ${role.name} is no task definition's executionRoleArn but ${via}${at} allows secretsmanager:GetSecretValue; only execution roles read secrets (guide: IAM Roles)`,
                        });
                    }
                }
            }
            return findings;
        },
    }),
    stackRule({
        id: "iam-role-policy-conflicts",
        description:
            "Stops a role's policies from being rewritten back and forth on every update (awsguard iam-role-no-policy-management-conflicts): a role that sets inlinePolicies or managedPolicyArns (deprecated in v7) is not also targeted by RolePolicy, RolePolicyAttachment or PolicyAttachment.",
        kind: "security",
        check: (resources) =>
            ofType(resources, ROLE).flatMap((role) => {
                const inputs = exclusiveInputsOf(role.props as Props);
                if (inputs.length === 0) {
                    return [];
                }
                return targetsOf(resources, role).map((target) => ({
                    resource: role,
                    message: `role ${role.name} sets ${inputs.join(" and ")} and is also the target of ${label(target)}; the two overwrite each other: remove ${inputs.join(" and ")} (deprecated in v7) and keep the standalone resources`,
                }));
            }),
    }),
];
