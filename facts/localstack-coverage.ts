/**
 * Which LocalStack plan emulates which AWS service, as data with its source. The `local` stack
 * deploys to LocalStack (`localstackEndpoint`): a resource of a service its plan does not emulate
 * fails `pulumi up` there, so the local profile creates only what the plan below covers, and a test
 * holds the local plan to it (test/plan/localstack-coverage.spec.ts).
 *
 * Since 2026-03-23 LocalStack ships one image that needs an auth token, under plans ordered by what
 * they include: Hobby (free, non-commercial), Base, Ultimate. The community edition (open source,
 * no token) no longer exists: its repository was archived in March 2026.
 */

/** LocalStack's plans, each including every service of the plans before it. */
export const LOCALSTACK_PLANS = ["Hobby", "Base", "Ultimate"] as const;

/** One of LocalStack's plans. */
export type LocalStackPlan = (typeof LOCALSTACK_PLANS)[number];

/** The catalog that gives each service's minimum plan ("License availability", updated 2026-03-23). */
const CATALOG = "https://docs.localstack.cloud/api-coverage/v1";

/** The LocalStack docs repository at the commit read for services the catalog was not read for. */
const DOCS_REPO = "localstack/localstack-docs@378660c842de80db9a47394f974ecba7c12aa759";

/** How far LocalStack emulates one AWS service. */
export interface LocalStackService {
    /** The AWS API, by its SDK name (`application-autoscaling`, `elbv2`, `logs`, ...). */
    readonly service: string;
    /** The cheapest plan that emulates it; `undefined` when no plan does. */
    readonly minimumPlan: LocalStackPlan | undefined;
    /** Where LocalStack says so. */
    readonly source: string;
    /** When the source said so (its date or the licensing update it reflects). */
    readonly asOf: string;
}

/** Every AWS service some stack of this program calls, and the plan that emulates it. */
export const LOCALSTACK_COVERAGE: readonly LocalStackService[] = [
    { service: "acm", minimumPlan: "Hobby", source: `${CATALOG}/index.md`, asOf: "2026-03-23" },
    {
        service: "application-autoscaling",
        minimumPlan: "Base",
        source: `${CATALOG}/services/application-autoscaling.json`,
        asOf: "2026-03-23",
    },
    { service: "autoscaling", minimumPlan: "Base", source: `${CATALOG}/services/autoscaling.json`, asOf: "2026-03-23" },
    // Not in the catalog, and no service page: no plan emulates AWS Budgets.
    { service: "budgets", minimumPlan: undefined, source: `${CATALOG}/index.md`, asOf: "2026-03-23" },
    { service: "cloudwatch", minimumPlan: "Hobby", source: `${CATALOG}/services/cloudwatch.md`, asOf: "2026-03-23" },
    // The docs page tags these "Free", the name of the free plan before 2026-03-23.
    {
        service: "ec2",
        minimumPlan: "Hobby",
        source: `${DOCS_REPO}:src/content/docs/aws/services/ec2.mdx`,
        asOf: "2025-07-25",
    },
    { service: "ecr", minimumPlan: "Base", source: `${CATALOG}/services/ecr.json`, asOf: "2026-03-23" },
    { service: "ecs", minimumPlan: "Base", source: `${CATALOG}/services/ecs.md`, asOf: "2026-03-23" },
    { service: "elasticache", minimumPlan: "Base", source: `${CATALOG}/services/elasticache.md`, asOf: "2026-03-23" },
    { service: "elbv2", minimumPlan: "Base", source: `${CATALOG}/services/elbv2.json`, asOf: "2026-03-23" },
    {
        service: "iam",
        minimumPlan: "Hobby",
        source: `${DOCS_REPO}:src/content/docs/aws/services/iam.mdx`,
        asOf: "2025-07-25",
    },
    {
        service: "kms",
        minimumPlan: "Hobby",
        source: `${DOCS_REPO}:src/content/docs/aws/services/kms.mdx`,
        asOf: "2025-07-25",
    },
    { service: "logs", minimumPlan: "Hobby", source: `${CATALOG}/services/logs.md`, asOf: "2026-03-23" },
    { service: "rds", minimumPlan: "Base", source: `${CATALOG}/services/rds.md`, asOf: "2026-03-23" },
    {
        service: "route53",
        minimumPlan: "Hobby",
        source: `${DOCS_REPO}:src/content/docs/aws/services/route53.mdx`,
        asOf: "2025-07-25",
    },
    {
        service: "s3",
        minimumPlan: "Hobby",
        source: `${DOCS_REPO}:src/content/docs/aws/services/s3.mdx`,
        asOf: "2025-07-25",
    },
    {
        service: "secretsmanager",
        minimumPlan: "Hobby",
        source: `${CATALOG}/services/secretsmanager.md`,
        asOf: "2026-03-23",
    },
    {
        service: "servicediscovery",
        minimumPlan: "Ultimate",
        source: `${CATALOG}/services/servicediscovery.md`,
        asOf: "2026-03-23",
    },
    { service: "sns", minimumPlan: "Hobby", source: `${CATALOG}/services/sns.md`, asOf: "2026-03-23" },
    { service: "ssm", minimumPlan: "Hobby", source: `${CATALOG}/services/ssm.md`, asOf: "2026-03-23" },
    {
        service: "sts",
        minimumPlan: "Hobby",
        source: `${DOCS_REPO}:src/content/docs/aws/services/sts.mdx`,
        asOf: "2025-07-25",
    },
];

/**
 * The LocalStack the `local` stack needs: the Ultimate plan, because the services find each other
 * through ECS Service Connect, whose Cloud Map namespace (servicediscovery) only Ultimate emulates.
 * The image is LocalStack's authenticated image; it refuses to start without the auth token.
 */
export const LOCAL_STACK_LOCALSTACK = {
    plan: "Ultimate",
    image: "localstack/localstack-pro",
    authTokenVariable: "LOCALSTACK_AUTH_TOKEN",
    source: "https://docs.localstack.cloud/getting-started/auth-token/",
} as const satisfies {
    readonly plan: LocalStackPlan;
    readonly image: string;
    readonly authTokenVariable: string;
    readonly source: string;
};
