import { strict as assert } from "assert";
import {
    allDeployStatements,
    DEPLOY_ACCESS_PATH,
    DEPLOY_POLICY_NAMES,
    deployPolicy,
    deploySubject,
    githubTrustPolicy,
    MAX_MANAGED_POLICY_CHARS,
    policySize,
    previewSubject,
    READ_POLICY_NAMES,
    readPolicy,
    StackScope,
    Statement,
} from "../../components/delivery/deploy-access/policies";
import { iamGlob } from "../../policy/lib/iam-evaluate";

// Pure tests of the documents: what IAM would be asked to store. They cannot prove that AWS
// authorises `pulumi up` with exactly these grants; only a real deploy can.

const ACCOUNT = "123456789012";
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const REPO = "acme-corp/fraud-infra";

/** Staging: the longest name prefix, so the largest documents. */
const SCOPE: StackScope = {
    accountId: ACCOUNT,
    region: "ca-central-1",
    namePrefix: "fraud-detector-staging",
    secretPathPrefix: "fraud-detector/staging",
    serviceNames: ["fraud-api", "fraud-worker", "fraud-ml"],
    repositoryArns: ["fraud-api", "fraud-worker", "fraud-ml"].map(
        (n) => `arn:aws:ecr:ca-central-1:${ACCOUNT}:repository/${n}`,
    ),
    dataKeyArn: `arn:aws:kms:ca-central-1:${ACCOUNT}:key/0123abcd-0123-4567-89ab-0123456789ab`,
    flowLogGroupName: "/vpc/fraud-detector-staging/flow-logs",
    apiDomainName: "staging-api.fraud-detector.com",
    roleBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundaries/fraud-detector-staging-role-boundary`,
    accessName: "fraud-detector-staging-deploy-access",
};

/** Whether a web-identity request with `claims` satisfies the trust policy's conditions. */
function admits(trust: ReturnType<typeof githubTrustPolicy>, claims: Record<string, string>): boolean {
    return (trust.Statement as Statement[]).some((statement) =>
        Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
            Object.entries(keys).every(([key, expected]) => {
                const value = claims[key];
                const values = [expected].flat();
                if (value === undefined) return false;
                if (operator === "StringEquals") return values.includes(value);
                if (operator === "StringLike") return values.some((v) => iamGlob(v, value));
                throw new Error(`operator ${operator} not modelled`);
            }),
        ),
    );
}

const claims = (sub: string, aud = "sts.amazonaws.com") => ({
    "token.actions.githubusercontent.com:aud": aud,
    "token.actions.githubusercontent.com:sub": sub,
});

const readStatements = READ_POLICY_NAMES.flatMap((n) => readPolicy(n, SCOPE).Statement as Statement[]);
const deployStatements = allDeployStatements(SCOPE);
/** The grants alone; the Deny statements fence off what they must never reach. */
const grants = deployStatements.filter((s) => s.Effect === "Allow");
const writeStatements = DEPLOY_POLICY_NAMES.flatMap((n) => deployPolicy(n, SCOPE).Statement as Statement[]);

describe("deploy-access-policies", () => {
    describe("the deploy role's trust", () => {
        const trust = githubTrustPolicy(PROVIDER, deploySubject(REPO, "production"));

        it("trusts exactly the repository's jobs in the production environment, with the STS audience", () =>
            assert.deepEqual(trust, {
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "GitHubActionsOidc",
                        Effect: "Allow",
                        Principal: { Federated: PROVIDER },
                        Action: "sts:AssumeRoleWithWebIdentity",
                        Condition: {
                            StringEquals: {
                                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                                "token.actions.githubusercontent.com:sub":
                                    "repo:acme-corp/fraud-infra:environment:production",
                            },
                        },
                    },
                ],
            }));

        it("admits the claims a main-branch job in environment production presents", () =>
            assert.equal(admits(trust, claims("repo:acme-corp/fraud-infra:environment:production")), true));

        const refused: Array<[string, Record<string, string>]> = [
            ["another repository", claims("repo:acme-corp/other:environment:production")],
            ["a repository whose name extends it", claims("repo:acme-corp/fraud-infra-fork:environment:production")],
            ["another owner's repository of the same name", claims("repo:evil/fraud-infra:environment:production")],
            ["the repository in other letter case", claims("repo:ACME-CORP/fraud-infra:environment:production")],
            ["another environment", claims("repo:acme-corp/fraud-infra:environment:staging")],
            ["a job on main without the environment", claims("repo:acme-corp/fraud-infra:ref:refs/heads/main")],
            ["a job on another branch", claims("repo:acme-corp/fraud-infra:ref:refs/heads/feature")],
            ["a pull request", claims("repo:acme-corp/fraud-infra:pull_request")],
            ["a literal wildcard subject", claims("repo:acme-corp/*:environment:production")],
            ["another audience", claims("repo:acme-corp/fraud-infra:environment:production", "acme-corp")],
        ];
        for (const [what, request] of refused) {
            it(`refuses ${what}`, () => assert.equal(admits(trust, request), false));
        }

        it("uses no pattern operator and no wildcard in any condition value", () => {
            const conditions = (trust.Statement as Statement[]).map((s) => s.Condition ?? {});
            assert.deepEqual(
                conditions.map((c) => Object.keys(c)),
                [["StringEquals"]],
            );
            const values = conditions.flatMap((c) => Object.values(c).flatMap((keys) => Object.values(keys).flat()));
            assert.deepEqual(
                values.filter((v) => /[*?]/.test(v)),
                [],
            );
        });
    });

    describe("the preview role's trust", () => {
        const trust = githubTrustPolicy(PROVIDER, previewSubject(REPO));

        it("names exactly the repository's pull_request subject", () =>
            assert.deepEqual((trust.Statement as Statement[])[0].Condition, {
                StringEquals: {
                    "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                    "token.actions.githubusercontent.com:sub": "repo:acme-corp/fraud-infra:pull_request",
                },
            }));

        it("admits pull requests of the repository and refuses its deploy jobs and other repositories", () =>
            assert.deepEqual(
                [
                    "repo:acme-corp/fraud-infra:pull_request",
                    "repo:acme-corp/fraud-infra:environment:production",
                    "repo:acme-corp/fraud-infra:ref:refs/heads/main",
                    "repo:evil/fraud-infra:pull_request",
                ].map((sub) => admits(trust, claims(sub))),
                [true, false, false, false],
            ));
    });

    describe("the read-only grants (the preview role's only ones)", () => {
        it("allow only Describe, List, Get and View actions", () =>
            assert.deepEqual(
                readStatements.flatMap((s) => s.Action).filter((a) => !/^[a-z0-9-]+:(Describe|List|Get|View)/.test(a)),
                [],
            ));

        it("read no data: no object, secret value, decryption or log event", () =>
            assert.deepEqual(
                readStatements
                    .flatMap((s) => s.Action)
                    .filter((a) => /GetObject|GetSecretValue|Decrypt|GetLogEvents|GetParametersByPath/.test(a)),
                [],
            ));

        it("reach S3 at bucket level only: no object ARN", () =>
            assert.deepEqual(
                readStatements
                    .flatMap((s) => s.Resource)
                    .filter((r) => r.startsWith("arn:aws:s3:::") && r.includes("/")),
                [],
            ));
    });

    describe("every grant of the deploy role", () => {
        it("names its actions: no *, no service:*", () =>
            assert.deepEqual(
                grants.flatMap((s) => s.Action).filter((a) => a === "*" || /^[a-z0-9-]+:\*$/.test(a)),
                [],
            ));

        it("uses Resource * only in the star-only statements, each limited to ca-central-1 but Route 53's", () => {
            const starred = grants.filter((s) => s.Resource.includes("*"));
            assert.deepEqual(
                starred.map((s) => [s.Sid, s.Resource, s.Condition]),
                [
                    ["ReadStarOnly", ["*"], { StringEquals: { "aws:RequestedRegion": "ca-central-1" } }],
                    ["ReadHostedZonesStarOnly", ["*"], undefined],
                    ["ComputeStarOnly", ["*"], { StringEquals: { "aws:RequestedRegion": "ca-central-1" } }],
                ],
            );
        });

        it("grants no IAM action on Resource *", () =>
            assert.deepEqual(
                grants.filter((s) => s.Resource.includes("*") && s.Action.some((a) => a.startsWith("iam:"))),
                [],
            ));

        it("scopes every other resource to this account and region, the stack's buckets, or AWS-owned ARNs", () => {
            const scoped = grants.flatMap((s) => s.Resource).filter((r) => r !== "*");
            const outside = scoped.filter(
                (r) =>
                    !r.includes(`:${ACCOUNT}:`) &&
                    !r.startsWith("arn:aws:s3:::fraud-detector-staging-") &&
                    !/^arn:aws:(ec2|ssm):ca-central-1::(image|parameter\/aws\/service)\//.test(r) &&
                    !/^arn:aws:route53:::(hostedzone|change)\/\*$/.test(r),
            );
            assert.deepEqual(outside, []);
            assert.deepEqual(
                scoped.filter((r) => /:(us|eu|ap|sa|me|af|il|mx)-[a-z]+-\d:/.test(r) && !r.includes(":ca-central-1:")),
                [],
            );
        });

        it("passes only the stack's own roles, and only to the services the program hands roles to", () =>
            assert.deepEqual(
                grants.filter((s) => s.Action.includes("iam:PassRole")),
                [
                    {
                        Sid: "PassStackRoles",
                        Effect: "Allow",
                        Action: ["iam:PassRole"],
                        Resource: [`arn:aws:iam::${ACCOUNT}:role/fraud-detector-staging-*`],
                        Condition: {
                            StringEquals: {
                                "iam:PassedToService": [
                                    "ecs-tasks.amazonaws.com",
                                    "ecs.amazonaws.com",
                                    "ec2.amazonaws.com",
                                    "monitoring.rds.amazonaws.com",
                                    "vpc-flow-logs.amazonaws.com",
                                    "s3.amazonaws.com",
                                ],
                            },
                        },
                    },
                ],
            ));

        it("cannot write its own role, the preview role or their policies (they live under /github-actions/)", () => {
            const own = [
                `arn:aws:iam::${ACCOUNT}:role${DEPLOY_ACCESS_PATH}fraud-detector-staging-deploy-access-deploy-role-0dfe599`,
                `arn:aws:iam::${ACCOUNT}:policy${DEPLOY_ACCESS_PATH}fraud-detector-staging-deploy-access-identity-9aac6e5`,
                `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
            ];
            const iamWrites = writeStatements.filter(
                (s) => s.Effect === "Allow" && s.Action.some((a) => a.startsWith("iam:")),
            );
            assert.ok(iamWrites.length > 0);
            assert.deepEqual(
                own.filter((arn) => iamWrites.some((s) => s.Resource.some((r) => iamGlob(r, arn)))),
                [],
            );
            assert.ok(
                iamWrites.some((s) =>
                    s.Resource.some((r) =>
                        iamGlob(r, `arn:aws:iam::${ACCOUNT}:role/fraud-detector-staging-api-task-role-1a2b3c4`),
                    ),
                ),
            );
        });

        it("attaches only the AWS managed policies the program itself attaches", () =>
            assert.deepEqual(
                grants.filter((s) => s.Action.includes("iam:AttachRolePolicy")).map((s) => s.Condition),
                [
                    {
                        StringEquals: {
                            "iam:PermissionsBoundary": `arn:aws:iam::${ACCOUNT}:policy/boundaries/fraud-detector-staging-role-boundary`,
                        },
                        ArnEquals: {
                            "iam:PolicyARN": [
                                "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                                "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
                                "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
                                "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers",
                            ],
                        },
                    },
                ],
            ));

        it("pushes images only to the stack's three repositories", () => {
            const push = ["ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage"];
            const pushing = deployStatements.filter((s) => s.Action.some((a) => push.includes(a)));
            assert.deepEqual(
                pushing.map((s) => s.Resource),
                [SCOPE.repositoryArns],
            );
        });

        it("never reads a secret value, and decrypts only with the stack's data key", () => {
            assert.deepEqual(
                deployStatements.filter((s) => s.Action.some((a) => /^secretsmanager:(GetSecretValue|\*)/.test(a))),
                [],
            );
            assert.deepEqual(
                deployStatements.filter((s) => s.Action.includes("kms:Decrypt")).map((s) => s.Resource),
                [[SCOPE.dataKeyArn]],
            );
        });

        it("changes DNS records only for the API's name and its certificate validation", () =>
            assert.deepEqual(
                deployStatements
                    .filter((s) => s.Action.includes("route53:ChangeResourceRecordSets"))
                    .map((s) => s.Condition),
                [
                    {
                        "ForAllValues:StringLike": {
                            "route53:ChangeResourceRecordSetsNormalizedRecordNames": [
                                "staging-api.fraud-detector.com",
                                "*.staging-api.fraud-detector.com",
                            ],
                        },
                    },
                ],
            ));

        it("changes no DNS record when the stack has no API domain", () =>
            assert.deepEqual(
                allDeployStatements({ ...SCOPE, apiDomainName: undefined }).filter((s) =>
                    s.Action.includes("route53:ChangeResourceRecordSets"),
                ),
                [],
            ));

        it("keeps every managed policy within IAM's 6,144 characters", () => {
            const sizes = [
                ...READ_POLICY_NAMES.map((n) => [n, policySize(readPolicy(n, SCOPE))] as const),
                ...DEPLOY_POLICY_NAMES.map((n) => [n, policySize(deployPolicy(n, SCOPE))] as const),
            ];
            assert.deepEqual(
                sizes.filter(([, size]) => size > MAX_MANAGED_POLICY_CHARS),
                [],
            );
        });

        it("gives every statement of a document its own Sid", () => {
            for (const document of [
                ...READ_POLICY_NAMES.map((n) => readPolicy(n, SCOPE)),
                ...DEPLOY_POLICY_NAMES.map((n) => deployPolicy(n, SCOPE)),
            ]) {
                const sids = (document.Statement as Statement[]).map((s) => s.Sid);
                assert.equal(new Set(sids).size, sids.length, sids.join());
            }
        });
    });
});
