import { strict as assert } from "assert";
import { parseDocument, Statement } from "../../lib/relations/documents";
import { evaluate, evaluateAssumeRole, evaluateBounded, iamGlob } from "../../policy/lib/iam-evaluate";

// The evaluator the escalation tests rely on, against the rules of AWS's policy evaluation logic it
// claims to model.

const ACCOUNT = "123456789012";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/fraud-detector-prod-api-task-1a2b3c4`;

/** The statements of a document of `statements`. */
const docOf = (...statements: Array<Record<string, unknown>>): Statement[] =>
    parseDocument({ Version: "2012-10-17", Statement: statements }) as Statement[];

describe("policy/lib/iam-evaluate", () => {
    it("matches ARNs with * across slashes and ? as one character, case-sensitively", () =>
        assert.deepEqual(
            [
                iamGlob("arn:aws:iam::*:role/fraud-*", "arn:aws:iam::1:role/fraud-a/b"),
                iamGlob("arn:aws:iam::*:role/fraud-*", "arn:aws:iam::1:role/github-actions/fraud-a"),
                iamGlob("arn:aws:iam::*:role/*fraud-*", "arn:aws:iam::1:role/github-actions/fraud-a"),
                iamGlob("key/?", "key/ab"),
                iamGlob("role/Fraud", "role/fraud"),
            ],
            [true, false, true, false, false],
        ));

    it("lets a Deny win over an Allow, and denies implicitly what nothing allows", () => {
        const identity = docOf(
            { Effect: "Allow", Action: "iam:*", Resource: "*" },
            { Effect: "Deny", Action: "iam:PutRolePolicy", Resource: ROLE },
        );
        assert.deepEqual(
            [
                evaluate(identity, { action: "iam:putrolepolicy", resource: ROLE }),
                evaluate(identity, { action: "iam:TagRole", resource: ROLE }),
                evaluate(identity, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }),
            ],
            ["ExplicitDeny", "Allow", "ImplicitDeny"],
        );
    });

    it("reads NotAction and NotResource as everything but the listed ones", () => {
        const identity = docOf({ Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:s3:::secret/*" });
        assert.deepEqual(
            [
                evaluate(identity, { action: "s3:GetObject", resource: "arn:aws:s3:::public/k" }),
                evaluate(identity, { action: "s3:GetObject", resource: "arn:aws:s3:::secret/k" }),
                evaluate(identity, { action: "iam:CreateRole", resource: ROLE }),
            ],
            ["Allow", "ImplicitDeny", "ImplicitDeny"],
        );
    });

    it("holds positive operators only when the key is present, negated ones when it is absent", () => {
        const identity = docOf(
            {
                Effect: "Allow",
                Action: "iam:CreateRole",
                Resource: "*",
                Condition: { StringEquals: { "iam:PermissionsBoundary": "arn:b" } },
            },
            {
                Effect: "Deny",
                Action: "iam:CreateRole",
                Resource: "*",
                Condition: { StringNotEquals: { "iam:PermissionsBoundary": "arn:b" } },
            },
        );
        assert.deepEqual(
            [
                evaluate(identity, { action: "iam:CreateRole", resource: ROLE }),
                evaluate(identity, {
                    action: "iam:CreateRole",
                    resource: ROLE,
                    context: { "iam:PermissionsBoundary": "arn:c" },
                }),
                evaluate(identity, {
                    action: "iam:CreateRole",
                    resource: ROLE,
                    context: { "iam:PermissionsBoundary": "arn:b" },
                }),
            ],
            ["ExplicitDeny", "ExplicitDeny", "Allow"],
        );
    });

    it("caps a bounded role by its boundary, whose Deny wins too", () => {
        const identity = docOf({ Effect: "Allow", Action: "*", Resource: "*" });
        const boundary = docOf(
            { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::stack-*/*" },
            { Effect: "Deny", Action: "iam:*", Resource: "*" },
        );
        assert.deepEqual(
            [
                evaluateBounded(identity, boundary, { action: "s3:GetObject", resource: "arn:aws:s3:::stack-m/k" }),
                evaluateBounded(identity, boundary, { action: "s3:GetObject", resource: "arn:aws:s3:::other/k" }),
                evaluateBounded(identity, boundary, { action: "iam:CreateRole", resource: ROLE }),
                evaluateBounded(identity, undefined, { action: "iam:CreateRole", resource: ROLE }),
            ],
            ["Allow", "ImplicitDeny", "ExplicitDeny", "Allow"],
        );
    });

    it("lets a trust naming the caller allow on its own, and one naming the account defer to the caller", () => {
        const caller = { roleArn: `arn:aws:iam::${ACCOUNT}:role/deployer`, accountId: ACCOUNT };
        const byArn = docOf({ Effect: "Allow", Principal: { AWS: caller.roleArn }, Action: "sts:AssumeRole" });
        const byAccount = docOf({
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: "sts:AssumeRole",
        });
        const byService = docOf({
            Effect: "Allow",
            Principal: { Service: "ecs-tasks.amazonaws.com" },
            Action: "sts:AssumeRole",
        });
        const nothing: Statement[] = [];
        const allows = docOf({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" });
        const denies = docOf({ Effect: "Deny", Action: "sts:AssumeRole", Resource: "*" });
        assert.deepEqual(
            [
                evaluateAssumeRole(nothing, byArn, caller, ROLE),
                evaluateAssumeRole(nothing, byAccount, caller, ROLE),
                evaluateAssumeRole(allows, byAccount, caller, ROLE),
                evaluateAssumeRole(allows, byService, caller, ROLE),
                evaluateAssumeRole(denies, byArn, caller, ROLE),
            ],
            ["Allow", "ImplicitDeny", "Allow", "ImplicitDeny", "ExplicitDeny"],
        );
    });

    it("refuses to guess on an operator it does not model", () =>
        assert.throws(
            () =>
                evaluate(
                    docOf({
                        Effect: "Allow",
                        Action: "*",
                        Resource: "*",
                        Condition: { DateLessThan: { "aws:CurrentTime": "2030" } },
                    }),
                    { action: "s3:GetObject", resource: "*" },
                ),
            { message: "condition operator DateLessThan is not modelled by iam-evaluate" },
        ));
});
