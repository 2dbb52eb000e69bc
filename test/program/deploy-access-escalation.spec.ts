import { strict as assert } from "assert";
import type { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { parseDocument, Statement } from "../../lib/relations/documents";
import { evaluate, evaluateAssumeRole, IamDecision, IamRequest } from "../../policy/lib/iam-evaluate";
import { planOf, resourcesOf } from "../helpers/plan";
import { named, sourceOf } from "../helpers/relations";

// Each escalation path the security review found, evaluated over the IAM documents the plan holds
// (the deploy role's attached policies as planned, the roles' boundary as planned) with the
// evaluator of policy/lib/iam-evaluate.ts. The plan's ARNs come from the mocks, which leave out a
// role's path; each own-role case is asked at the planned ARN and under /github-actions/, where
// IAM puts it.

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ACCOUNT = "111122223333";

/** What one stack's plan says about the deploy role. */
interface DeployRoleView {
    /** Every statement of the policies attached to the deploy role. */
    readonly identity: Statement[];
    readonly roleArn: string;
    /** The ARNs of the policies attached to it. */
    readonly policyArns: string[];
    /** The boundary's ARN as planned. */
    readonly boundaryArn: string;
    readonly namePrefix: string;
}

const views = new Map<string, DeployRoleView>();

/** The deploy role of `stack` as planned, with the documents of its attached policies. */
function deployRoleOf(stack: string): DeployRoleView {
    const cached = views.get(stack);
    if (cached) {
        return cached;
    }
    const plan: PlanDocument = planOf(stack);
    const role = named(plan, ROLE, "deploy-access-deploy-role");
    const policies = resourcesOf(plan, ATTACHMENT)
        .filter((a) => sourceOf(plan, a, "role", ROLE)?.urn === role.urn)
        .map((a) => sourceOf(plan, a, "policyArn", POLICY))
        .filter((p): p is PlanResource => p !== undefined);
    const boundary = plan.resources.find((r) => r.type === POLICY && r.name.endsWith("-role-boundary"));
    const view: DeployRoleView = {
        identity: policies.flatMap((p) => parseDocument(p.inputs.policy) ?? []),
        roleArn: String(role.outputs.arn),
        policyArns: policies.map((p) => String(p.outputs.arn)),
        boundaryArn: typeof boundary?.outputs.arn === "string" ? boundary.outputs.arn : "no boundary planned",
        namePrefix: role.name.replace(/-deploy-access-deploy-role$/, ""),
    };
    views.set(stack, view);
    return view;
}

/** The same ARN under IAM's path `/github-actions/`, as AWS writes it (`role/github-actions/<name>`). */
const underPath = (arn: string) => arn.replace(/:(role|policy)\//, ":$1/github-actions/");

/** `[action, resource, decision]` rows, for assertions that name every case. */
function decide(identity: Statement[], requests: IamRequest[]): Array<[string, string, IamDecision]> {
    return requests.map((r) => [r.action, r.resource, evaluate(identity, r)]);
}

describe("DeployAccess: no escalation from the deploy role", () => {
    for (const stack of ["staging", "production"] as const) {
        describe(`in ${stack}`, () => {
            it("plans the boundary the conditions name, and the deploy role's own ARN", () => {
                const view = deployRoleOf(stack);
                const prefix = stack === "production" ? "fraud-detector-prod" : "fraud-detector-staging";
                assert.deepEqual(
                    [
                        view.boundaryArn,
                        view.roleArn.startsWith(`arn:aws:iam::${ACCOUNT}:role/${prefix}-deploy-access-deploy-role-`),
                    ],
                    [`arn:aws:iam::${ACCOUNT}:policy/${prefix}-role-boundary`, true],
                );
            });

            it("cannot change its own policies, trust or boundary, at the planned ARN or under its path", () => {
                const { identity, roleArn, boundaryArn } = deployRoleOf(stack);
                // The worst case: the request even names the stack's boundary and an attachable policy.
                const context = {
                    "iam:PermissionsBoundary": boundaryArn,
                    "iam:PolicyARN": "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                };
                const actions = [
                    "iam:PutRolePolicy",
                    "iam:AttachRolePolicy",
                    "iam:UpdateAssumeRolePolicy",
                    "iam:PutRolePermissionsBoundary",
                    "iam:DeleteRolePermissionsBoundary",
                ];
                const arns = [roleArn, underPath(roleArn)];
                const rows = decide(
                    identity,
                    arns.flatMap((resource) => actions.map((action) => ({ action, resource, context }))),
                );
                assert.deepEqual(
                    rows.filter(([, , decision]) => decision !== "ExplicitDeny"),
                    [],
                );
            });

            it("creates or changes a stack role only with the stack's boundary on it", () => {
                const { identity, boundaryArn, namePrefix } = deployRoleOf(stack);
                const fresh = `arn:aws:iam::${ACCOUNT}:role/${namePrefix}-escalate`;
                const other = { "iam:PermissionsBoundary": `arn:aws:iam::${ACCOUNT}:policy/anything-goes` };
                const bounded = { "iam:PermissionsBoundary": boundaryArn };
                assert.deepEqual(
                    decide(identity, [
                        { action: "iam:CreateRole", resource: fresh },
                        { action: "iam:CreateRole", resource: fresh, context: other },
                        { action: "iam:PutRolePolicy", resource: fresh },
                        { action: "iam:CreateRole", resource: fresh, context: bounded },
                        { action: "iam:PutRolePolicy", resource: fresh, context: bounded },
                    ]).map(([action, , decision]) => [action, decision]),
                    [
                        ["iam:CreateRole", "ImplicitDeny"],
                        ["iam:CreateRole", "ImplicitDeny"],
                        ["iam:PutRolePolicy", "ImplicitDeny"],
                        ["iam:CreateRole", "Allow"],
                        ["iam:PutRolePolicy", "Allow"],
                    ],
                );
            });

            it("cannot put a new default version on any policy attached to it, nor on the boundary", () => {
                const { identity, policyArns, boundaryArn } = deployRoleOf(stack);
                assert.equal(policyArns.length, 8);
                const targets = [...policyArns, ...policyArns.map(underPath), boundaryArn];
                const rows = decide(
                    identity,
                    targets.flatMap((resource) =>
                        ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"].map((action) => ({
                            action,
                            resource,
                        })),
                    ),
                );
                assert.deepEqual(
                    rows.filter(([, , decision]) => decision !== "ExplicitDeny"),
                    [],
                );
            });

            it("passes stack roles only to the listed services, and never passes itself", () => {
                const { identity, roleArn, namePrefix } = deployRoleOf(stack);
                const taskRole = `arn:aws:iam::${ACCOUNT}:role/${namePrefix}-fraud-api-task-role-1a2b3c4`;
                const pass = (resource: string, service: string): IamRequest => ({
                    action: "iam:PassRole",
                    resource,
                    context: { "iam:PassedToService": service },
                });
                assert.deepEqual(
                    decide(identity, [
                        pass(taskRole, "lambda.amazonaws.com"),
                        pass(taskRole, "ecs-tasks.amazonaws.com"),
                        pass(roleArn, "ecs-tasks.amazonaws.com"),
                        pass(underPath(roleArn), "ec2.amazonaws.com"),
                    ]).map(([, , decision]) => decision),
                    ["ImplicitDeny", "Allow", "ExplicitDeny", "ExplicitDeny"],
                );
            });

            it("cannot assume a role it created, even one whose trust names it", () => {
                const { identity, roleArn, namePrefix } = deployRoleOf(stack);
                const trust = parseDocument({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { AWS: roleArn }, Action: "sts:AssumeRole" }],
                }) as Statement[];
                const accountTrust = parseDocument({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
                            Action: "sts:AssumeRole",
                        },
                    ],
                }) as Statement[];
                const fresh = `arn:aws:iam::${ACCOUNT}:role/${namePrefix}-escalate`;
                const caller = { roleArn, accountId: ACCOUNT };
                assert.deepEqual(
                    [
                        evaluateAssumeRole(identity, trust, caller, fresh),
                        evaluateAssumeRole(identity, accountTrust, caller, fresh),
                    ],
                    ["ExplicitDeny", "ExplicitDeny"],
                );
            });
        });
    }
});
