/**
 * The IAM vocabulary of the program: a policy document and its statements, the stack a grant is
 * scoped to and the ARNs of its resources. The task roles, the roles' permissions boundary and the
 * GitHub Actions grants (`delivery/deploy-access/`) all write their documents with it, so it lives
 * in the security area rather than in any one of them.
 *
 * Scoping, in order of preference: the stack's own names (`fraud-detector-prod*`, the guide's
 * `/ecs/fraud-api`, `fraud-detector/prod/*`); else this account and ca-central-1 where AWS picks the
 * ids (VPCs, subnets, certificates); `"*"` only for actions AWS authorises on no narrower resource
 * (the Service Authorization Reference gives them no resource type), in statements named `*StarOnly`.
 * Each action was checked against that reference (the 2020-11 snapshot in duo-labs/parliament) and
 * against how AWS's own managed policies (iann0036/iam-dataset, 2026-08) scope it today; actions
 * newer than the snapshot are marked where they appear.
 */

/** The IAM policy language version every document of this program uses. */
export const POLICY_VERSION = "2012-10-17";

/** An IAM policy document, ready for `JSON.stringify` or `pulumi.jsonStringify`. */
export interface PolicyDocument {
    /** The policy language version, always `2012-10-17`. */
    readonly Version: string;
    /** The document's statements. */
    readonly Statement: unknown[];
}

/** One IAM statement. */
export interface Statement {
    /** What the statement is for, unique in its document. */
    readonly Sid: string;
    /**
     * Grants allow; nothing is granted by exception. A Deny only fences off what a grant's pattern
     * would otherwise reach (this access itself, boundary removal, assuming roles).
     */
    readonly Effect: "Allow" | "Deny";
    /** Named actions; a `*` only after a verb (`ec2:Describe*`), never a whole service. */
    readonly Action: readonly string[];
    /** ARNs of the stack's resources, or `"*"` for actions AWS grants on nothing narrower. */
    readonly Resource: readonly string[];
    /** Further limits: region, service a role is passed to, managed policy attached. */
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** The stack the grants are scoped to: plain strings, resolved by the component. */
export interface StackScope {
    /** The AWS account the stack deploys into (12 digits). */
    readonly accountId: string;
    /** The stack's region, ca-central-1. */
    readonly region: string;
    /** Prefix of the stack's physical and logical names, `fraud-detector-prod`. */
    readonly namePrefix: string;
    /** Path of the stack's secrets and SSM parameters, `fraud-detector/prod`. */
    readonly secretPathPrefix: string;
    /** The guide's service names (`fraud-api`, ...): task families, ECS services, `/ecs/<name>` logs. */
    readonly serviceNames: readonly string[];
    /** ARNs of the stack's ECR repositories (fraud-api, fraud-ml). */
    readonly repositoryArns: readonly string[];
    /** ARN of the stack's data key. */
    readonly dataKeyArn: string;
    /** Name of the VPC flow-log group. */
    readonly flowLogGroupName: string;
    /** The API's DNS name, when the stack has one (its records are the only ones the role may change). */
    readonly apiDomainName?: string;
    /** ARN of the permissions boundary every role the deploy role creates or changes must carry. */
    readonly roleBoundaryArn: string;
    /**
     * The name the GitHub Actions roles and policies are named after (`fraud-detector-prod-deploy-access`):
     * IAM names them `<accessName>-<suffix>`, which the deploy role may never write.
     */
    readonly accessName: string;
}

/** The part of the scope ARNs are built from; the roles' boundary needs no more. */
export type ArnScope = Pick<StackScope, "accountId" | "region" | "namePrefix" | "secretPathPrefix">;

/** Named groups of statements, one managed policy each. */
export type GrantGroups = Readonly<Record<string, (scope: StackScope) => Statement[]>>;

/** The roles the program creates pass to exactly these services (iam:PassedToService). */
export const PASSED_TO_SERVICES = [
    "ecs-tasks.amazonaws.com", // task and execution roles
    "ecs.amazonaws.com", // the blue/green role of fraud-api
    "ec2.amazonaws.com", // the bastion's and the ECS hosts' instance profiles
    "monitoring.rds.amazonaws.com", // RDS enhanced monitoring
    "vpc-flow-logs.amazonaws.com", // the flow-log role
    "s3.amazonaws.com", // the models-to-backup replication role
] as const;

/** The AWS managed policies the program attaches to its roles: the only ones the deploy role may attach. */
export const ATTACHABLE_MANAGED_POLICIES = [
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
    "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role",
    "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole",
    "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers",
] as const;

/** An ARN of `service` in the stack's region and account. */
export const regional = (s: ArnScope, service: string, resource: string) =>
    `arn:aws:${service}:${s.region}:${s.accountId}:${resource}`;
/** An ARN of a global `service` (IAM, Budgets, dashboards) in the stack's account. */
export const global = (s: ArnScope, service: string, resource: string) =>
    `arn:aws:${service}::${s.accountId}:${resource}`;
/** A condition that holds only for requests to the stack's region. */
export const inRegion = (s: ArnScope) => ({ StringEquals: { "aws:RequestedRegion": s.region } });
/** An Allow statement; `Condition` only when given. */
export const allow = (
    Sid: string,
    Action: string[],
    Resource: string[],
    Condition?: Statement["Condition"],
): Statement =>
    Condition ? { Sid, Effect: "Allow", Action, Resource, Condition } : { Sid, Effect: "Allow", Action, Resource };

/** A Deny statement: what no Allow of the document may reach. */
export const deny = (Sid: string, Action: string[], Resource: string[]): Statement => ({
    Sid,
    Effect: "Deny",
    Action,
    Resource,
});

/** The stack's log groups (`/ecs/<service>`, flow logs), each with its streams. */
export const logGroups = (s: StackScope) =>
    [...s.serviceNames.map((n) => `/ecs/${n}`), s.flowLogGroupName].flatMap((name) => [
        regional(s, "logs", `log-group:${name}`),
        regional(s, "logs", `log-group:${name}:*`),
    ]);
/** The stack's ECS cluster, its services, its capacity provider and the services' task families. */
export const ecsResources = (s: StackScope) => [
    regional(s, "ecs", `cluster/${s.namePrefix}`),
    regional(s, "ecs", `service/${s.namePrefix}/*`),
    regional(s, "ecs", `capacity-provider/${s.namePrefix}-*`),
    ...s.serviceNames.map((n) => regional(s, "ecs", `task-definition/${n}:*`)),
];
/** The stack's ALB (named after the prefix), its listeners, rules and target groups. */
export const loadBalancing = (s: ArnScope) =>
    ["loadbalancer", "listener", "listener-rule"]
        .map((kind) => regional(s, "elasticloadbalancing", `${kind}/app/${s.namePrefix}/*`))
        .concat(regional(s, "elasticloadbalancing", `targetgroup/${s.namePrefix}*/*`));
/** The stack's DB instance and its subnet group, parameter group, event subscription and snapshots. */
export const rdsResources = (s: StackScope) =>
    [`db:${s.namePrefix}`, ...["subgrp", "pg", "es", "snapshot"].map((k) => `${k}:${s.namePrefix}-*`)].map((r) =>
        regional(s, "rds", r),
    );
/** The stack's replication group, its member clusters, subnet group and snapshots. */
export const cacheResources = (s: StackScope) =>
    [
        `replicationgroup:${s.namePrefix}`,
        ...["cluster", "subnetgroup", "snapshot"].map((k) => `${k}:${s.namePrefix}-*`),
    ].map((r) => regional(s, "elasticache", r));
/** The stack's buckets (models, backup, access logs): bucket ARNs only, never their objects. */
export const buckets = (s: ArnScope) => [`arn:aws:s3:::${s.namePrefix}-*`];
/** The stack's secrets, `fraud-detector/<env>/*`. */
export const secrets = (s: ArnScope) => [regional(s, "secretsmanager", `secret:${s.secretPathPrefix}/*`)];
/** The stack's SSM parameters, `/fraud-detector/<env>/*`. */
export const parameters = (s: ArnScope) => [regional(s, "ssm", `parameter/${s.secretPathPrefix}/*`)];
/** The guide's alarms (`FraudDetector-*`) and the ones target tracking makes for the stack's services. */
export const alarms = (s: StackScope) => [
    regional(s, "cloudwatch", "alarm:FraudDetector-*"),
    // Target tracking creates its alarms under the caller's permissions.
    regional(s, "cloudwatch", `alarm:TargetTracking-service/${s.namePrefix}/*`),
];
/**
 * The roles the program creates: `<namePrefix>-*` at the root path. `DeployAccess`'s own roles carry
 * the prefix too but sit under `/github-actions/`, which IAM puts in the ARN; the deploy role's
 * Deny statements fence them off whatever their path (`deliveryAccess`).
 */
export const roles = (s: StackScope) => [global(s, "iam", `role/${s.namePrefix}-*`)];
/**
 * `DeployAccess`'s own roles and policies at any path (`role/*<accessName>-*`), the boundary, and
 * the account's OIDC providers: what only an administrator changes.
 */
export const deliveryAccess = (s: StackScope) => [
    global(s, "iam", `role/*${s.accessName}-*`),
    global(s, "iam", `policy/*${s.accessName}-*`),
    s.roleBoundaryArn,
    global(s, "iam", "oidc-provider/*"),
];
