import { strict as assert } from "assert";
import { MAX_MANAGED_POLICY_CHARS, policySize } from "../../components/delivery/deploy-access/policies";
import { BoundaryScope, ROLE_BOUNDARY_PATH, roleBoundaryPolicy } from "../../components/security/role-boundary/policy";
import { ATTACHED_MANAGED_POLICY_ACTIONS } from "../../facts/aws/iam-boundaries";
import type { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { actionMatches, parseDocument, Statement } from "../../lib/relations/documents";
import { evaluateBounded, IamRequest } from "../../policy/lib/iam-evaluate";
import { PERMISSIONS_BOUNDARY_PATH } from "../../lib/relations/iam-graph";
import { planOf, resourcesOf } from "../helpers/plan";
import { dependentsOf } from "../helpers/relations";

// The boundary as a pure document (what it caps), then as planned: every role of every stack
// carries it, and nothing the program grants its roles falls outside it.

const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ACCOUNT = "123456789012";
const REGION = { "aws:RequestedRegion": "ca-central-1" };

const SCOPE: BoundaryScope = {
    accountId: ACCOUNT,
    region: "ca-central-1",
    namePrefix: "fraud-detector-staging",
    secretPathPrefix: "fraud-detector/staging",
    dataKeyArn: `arn:aws:kms:ca-central-1:${ACCOUNT}:key/0123abcd-0123-4567-89ab-0123456789ab`,
};
const BOUNDARY = parseDocument(roleBoundaryPolicy(SCOPE)) as Statement[];

/** A role whose own policy allows `action` on `resource`: the boundary alone decides. */
const asWidened = (action: string, resource: string) =>
    evaluateBounded([{ ...allowAll }], BOUNDARY, { action, resource, context: REGION });
const allowAll: Statement = {
    effect: "Allow",
    actions: ["*"],
    notActions: [],
    resources: ["*"],
    notResources: [],
    principals: {},
    conditions: {},
};

/** A request context that meets `statement`'s own equality conditions, in the stack's region. */
function contextFor(statement: Statement): Record<string, string> {
    const context: Record<string, string> = { ...REGION };
    for (const [operator, keys] of Object.entries(statement.conditions)) {
        if (operator === "StringEquals" || operator === "ArnEquals" || operator === "Bool") {
            for (const [key, value] of Object.entries(keys)) {
                context[key] = String(Array.isArray(value) ? value[0] : value);
            }
        }
    }
    return context;
}

describe("RoleBoundary", () => {
    describe("the boundary document", () => {
        it("caps a role whose own policy allows everything: no IAM, no other role, no data outside the stack", () =>
            assert.deepEqual(
                [
                    asWidened("iam:PutRolePolicy", `arn:aws:iam::${ACCOUNT}:role/fraud-detector-staging-api-task`),
                    asWidened("iam:CreateUser", `arn:aws:iam::${ACCOUNT}:user/attacker`),
                    asWidened("sts:AssumeRole", `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`),
                    asWidened("s3:GetObject", "arn:aws:s3:::fraud-detector-prod-models/model.bin"),
                    asWidened(
                        "secretsmanager:GetSecretValue",
                        `arn:aws:secretsmanager:ca-central-1:${ACCOUNT}:secret:fraud-detector/prod/app-key-AbCdEf`,
                    ),
                    asWidened("kms:Decrypt", `arn:aws:kms:ca-central-1:${ACCOUNT}:key/another-key`),
                    asWidened("ec2:TerminateInstances", `arn:aws:ec2:ca-central-1:${ACCOUNT}:instance/i-0abc`),
                    asWidened("rds:DeleteDBInstance", `arn:aws:rds:ca-central-1:${ACCOUNT}:db:fraud-detector-prod`),
                ],
                [
                    "ExplicitDeny",
                    "ExplicitDeny",
                    "ExplicitDeny",
                    "ImplicitDeny",
                    "ImplicitDeny",
                    "ImplicitDeny",
                    "ImplicitDeny",
                    "ImplicitDeny",
                ],
            ));

        it("leaves the stack's own data within reach", () =>
            assert.deepEqual(
                [
                    asWidened("s3:GetObject", "arn:aws:s3:::fraud-detector-staging-models/model.bin"),
                    asWidened(
                        "secretsmanager:GetSecretValue",
                        `arn:aws:secretsmanager:ca-central-1:${ACCOUNT}:secret:fraud-detector/staging/app-key-AbCdEf`,
                    ),
                    asWidened("kms:Decrypt", SCOPE.dataKeyArn),
                ],
                ["Allow", "Allow", "Allow"],
            ));

        it("keeps the agents' star-only actions to the stack's region", () =>
            assert.deepEqual(
                [
                    asWidened("ssmmessages:OpenDataChannel", "*"),
                    evaluateBounded([allowAll], BOUNDARY, {
                        action: "ssmmessages:OpenDataChannel",
                        resource: "*",
                        context: { "aws:RequestedRegion": "us-east-1" },
                    }),
                ],
                ["Allow", "ImplicitDeny"],
            ));

        it("covers every action of the AWS managed policies the program attaches (facts/aws/iam-boundaries.ts)", () => {
            const allowed = (action: string) =>
                BOUNDARY.some((s) => s.effect === "Allow" && s.actions.some((p) => actionMatches(p, action))) &&
                !BOUNDARY.some((s) => s.effect === "Deny" && s.actions.some((p) => actionMatches(p, action)));
            assert.deepEqual(
                Object.values(ATTACHED_MANAGED_POLICY_ACTIONS.value)
                    .flat()
                    .filter((action) => !allowed(action)),
                [],
            );
        });

        it("sits where the policy pack looks for boundaries (the pack keeps its own copy of the path)", () =>
            assert.deepEqual([ROLE_BOUNDARY_PATH, PERMISSIONS_BOUNDARY_PATH], ["/boundaries/", "/boundaries/"]));

        it("fits in one managed policy (IAM's 6,144 characters)", () =>
            assert.ok(policySize(roleBoundaryPolicy(SCOPE)) <= MAX_MANAGED_POLICY_CHARS));
    });

    for (const stack of ["local", "staging", "production"] as const) {
        describe(`in ${stack}`, () => {
            /** The roles of the plan that are not the GitHub OIDC roles (which an administrator owns). */
            const stackRoles = (plan: PlanDocument) =>
                resourcesOf(plan, ROLE).filter((r) => !r.name.includes("-deploy-access-"));
            const boundaryOf = (plan: PlanDocument): PlanResource => {
                const found = resourcesOf(plan, POLICY).filter((p) => p.inputs.path === "/boundaries/");
                assert.equal(found.length, 1);
                return found[0];
            };

            it("creates one boundary policy under /boundaries/, named after the stack", () => {
                const prefix = {
                    local: "fraud-detector-local",
                    staging: "fraud-detector-staging",
                    production: "fraud-detector-prod",
                }[stack];
                assert.equal(boundaryOf(planOf(stack)).inputs.name, `${prefix}-role-boundary`);
            });

            it("puts the boundary on every role of the stack", () => {
                const plan = planOf(stack);
                const arn = boundaryOf(plan).outputs.arn;
                const roles = stackRoles(plan);
                assert.ok(roles.length >= 8, `${roles.length} roles`);
                assert.deepEqual(
                    roles.filter((r) => r.inputs.permissionsBoundary !== arn).map((r) => r.name),
                    [],
                );
            });

            it("grants no role anything its boundary does not allow", () => {
                const plan = planOf(stack);
                const boundary = parseDocument(boundaryOf(plan).inputs.policy) as Statement[];
                const outside: string[] = [];
                for (const role of stackRoles(plan)) {
                    const identity = dependentsOf(plan, ROLE_POLICY, "role", role).flatMap(
                        (p) => parseDocument(p.inputs.policy) ?? [],
                    );
                    for (const statement of identity.filter((s) => s.effect === "Allow")) {
                        for (const action of statement.actions) {
                            for (const resource of statement.resources) {
                                // The request the grant is for: one that meets the grant's own conditions.
                                const request: IamRequest = { action, resource, context: contextFor(statement) };
                                if (evaluateBounded(identity, boundary, request) !== "Allow") {
                                    outside.push(`${role.name}: ${action} on ${resource}`);
                                }
                            }
                        }
                    }
                }
                assert.deepEqual(outside, []);
            });

            it("leaves no iam-roles-bounded violation", () =>
                assert.deepEqual(
                    planOf(stack).policy.violations.filter((v) => v.policy === "iam-roles-bounded"),
                    [],
                ));
        });
    }
});
