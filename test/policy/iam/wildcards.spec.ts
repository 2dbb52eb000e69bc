import { strict as assert } from "assert";
import { levelsOf, messagesOf, resource, stackTags } from "../harness";
import {
    allow,
    doc,
    Doc,
    GUIDE_GRANTS,
    HAIKU,
    MODELS_OBJECTS,
    POLICY,
    role,
    ROLE_ATTACHMENT,
    rolePolicy,
    trust,
} from "./fixtures";

describe("policy: iam", () => {
    describe("iam-no-wildcards", () => {
        const RULE = "iam-no-wildcards";
        const policy = (statements: Doc[]) =>
            resource(POLICY, { policy: doc(...statements), tags: stackTags() }, { name: "app" });

        it("passes the guide's grants and actions AWS authorises only on Resource *", async () => {
            const p = policy([...GUIDE_GRANTS, allow(["ecr:GetAuthorizationToken", "xray:PutTraceSegments"], "*")]);
            assert.deepEqual(await messagesOf([p], RULE), []);
        });

        it("passes EC2's Describe family and the other read and list actions that have no resource type", async () => {
            const reads = ["ec2:Describe*", "ec2:DescribeVpcs", "ecs:ListClusters", "route53:ListHostedZones"];
            assert.deepEqual(await messagesOf([policy([allow(reads, "*")])], RULE), []);
        });

        it("rejects a pattern on Resource * wider than a family AWS grants only on *", async () => {
            const p = policy([allow(["ec2:D*", "ecs:List*", "ec2:Describe*"], "*")]);
            assert.deepEqual(await messagesOf([p], RULE), [
                'policy statement 1 allows "ec2:D*", "ecs:List*" on Resource "*"; name the resources (only actions AWS grants solely on "*", such as ecr:GetAuthorizationToken, may use it)',
            ]);
        });

        it("rejects a statement allowing every action of a service", async () => {
            const p = policy([allow("s3:*", MODELS_OBJECTS)]);
            assert.deepEqual(await messagesOf([p], RULE), [
                'policy statement 1 allows "s3:*"; name the actions the role needs instead of "*" or "service:*"',
            ]);
        });

        it("rejects Action * on Resource * once, as a wildcard action", async () => {
            const p = policy([allow("*", "*")]);
            assert.deepEqual(await messagesOf([p], RULE), [
                'policy statement 1 allows "*"; name the actions the role needs instead of "*" or "service:*"',
            ]);
        });

        it("rejects an Allow with NotAction", async () => {
            const p = policy([{ Effect: "Allow", NotAction: "iam:*", Resource: MODELS_OBJECTS }]);
            assert.deepEqual(await messagesOf([p], RULE), [
                'policy statement 1 allows every action except NotAction ["iam:*"]; list the allowed actions in Action instead',
            ]);
        });

        it("rejects a restrictable action on Resource *", async () => {
            const p = policy([allow(["s3:GetObject", "ecr:GetAuthorizationToken"], "*")]);
            assert.deepEqual(await messagesOf([p], RULE), [
                'policy statement 1 allows "s3:GetObject" on Resource "*"; name the resources (only actions AWS grants solely on "*", such as ecr:GetAuthorizationToken, may use it)',
            ]);
        });

        it("rejects an Allow with NotResource", async () => {
            const p = policy([{ Effect: "Allow", Action: "s3:GetObject", NotResource: MODELS_OBJECTS }]);
            assert.deepEqual(await messagesOf([p], RULE), [
                'policy statement 1 applies to every resource except NotResource ["arn:aws:s3:::fraud-detector-prod-models/*"]; list the resources in Resource instead',
            ]);
        });

        it("ignores Deny statements, however broad", async () => {
            const p = policy([...GUIDE_GRANTS, { Effect: "Deny", Action: "*", Resource: "*" }]);
            assert.deepEqual(await messagesOf([p], RULE), []);
        });

        it("judges a RolePolicy given as a JSON string", async () => {
            const p = rolePolicy(role("api-task"), [allow("bedrock:*", HAIKU)]);
            assert.deepEqual(await messagesOf([p], RULE), [
                'policy statement 1 allows "bedrock:*"; name the actions the role needs instead of "*" or "service:*"',
            ]);
        });

        it("judges a role's inline policies but not its trust policy", async () => {
            const r = role("api-task", {
                assumeRolePolicy: trust("*"),
                inlinePolicies: [{ name: "logs", policy: JSON.stringify(doc(allow("logs:PutLogEvents", "*"))) }],
            });
            assert.deepEqual(await messagesOf([r], RULE), [
                'inlinePolicies[0] ("logs") statement 1 allows "logs:PutLogEvents" on Resource "*"; name the resources (only actions AWS grants solely on "*", such as ecr:GetAuthorizationToken, may use it)',
            ]);
        });

        it("rejects AdministratorAccess attached to a role (mandatory: the attachment has no Environment)", async () => {
            const attachment = resource(ROLE_ATTACHMENT, {
                role: "api-task",
                policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
            });
            assert.deepEqual(await levelsOf([attachment], RULE), [
                [
                    "mandatory",
                    'policyArn is "arn:aws:iam::aws:policy/AdministratorAccess"; attach a least-privilege policy of this program instead (never AdministratorAccess or IAMFullAccess)',
                ],
            ]);
        });

        it("only advises against IAMFullAccess in a local role's managedPolicyArns", async () => {
            const r = role("api-task", { managedPolicyArns: ["arn:aws:iam::aws:policy/IAMFullAccess"] }, "local");
            assert.deepEqual(await levelsOf([r], RULE), [
                [
                    "advisory",
                    'managedPolicyArns includes "arn:aws:iam::aws:policy/IAMFullAccess"; attach a least-privilege policy of this program instead (never AdministratorAccess or IAMFullAccess)',
                ],
            ]);
        });
    });
});
