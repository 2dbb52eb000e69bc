/**
 * Fixtures the compute specs share: compliant resources of the guide's design that each test
 * breaks in one property. Fixtures only one spec uses stay in that spec.
 */
import { PlanResource } from "../../../plan/engine/contract";
import { levelsOf, resource, stackTags } from "../harness";

/** Resource inputs as the fixtures build them. */
export type Props = Record<string, unknown>;

/** The load balancer token (the aws:alb/* alias is judged the same). */
export const LB = "aws:lb/loadBalancer:LoadBalancer";
/** The listener token. */
export const LISTENER = "aws:lb/listener:Listener";
/** The target group token. */
export const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
/** The ECS task definition token. */
export const TASK = "aws:ecs/taskDefinition:TaskDefinition";
/** The ECS cluster token. */
export const CLUSTER = "aws:ecs/cluster:Cluster";

/** The ARN of the stack's database secret, as the task definitions read it. */
export const SECRET_ARN = "arn:aws:secretsmanager:ca-central-1:111122223333:secret:fraud-detector/prod/database-AbCdEf";
/** The api image's repository, without a tag. */
export const IMAGE = "111122223333.dkr.ecr.ca-central-1.amazonaws.com/fraud-api";

/** Re-exported for the compute specs, which import their helpers from here. */
export { levelsOf };

// ---------------------------------------------------------------------------------------------
// Load balancer fixtures

/** The guide's public ALB for `env`: two public subnets, its own group, protected and logging. */
export function albProps(env = "production"): Props {
    return {
        loadBalancerType: "application",
        internal: false,
        subnets: ["subnet-public-a", "subnet-public-b"],
        securityGroups: ["sg-alb"],
        enableDeletionProtection: true,
        dropInvalidHeaderFields: true,
        desyncMitigationMode: "defensive",
        accessLogs: { enabled: true, bucket: "fraud-detector-production-logs", prefix: "alb" },
        tags: stackTags(env),
    };
}

/** The HTTPS listener: ACM certificate, TLS 1.3 policy, the guide's security headers. */
export function httpsListenerProps(): Props {
    return {
        port: 443,
        protocol: "HTTPS",
        certificateArn: "arn:aws:acm:ca-central-1:111122223333:certificate/abcd",
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        defaultActions: [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:tg/api" }],
        routingHttpResponseStrictTransportSecurityHeaderValue: "max-age=31536000; includeSubDomains",
        routingHttpResponseXContentTypeOptionsHeaderValue: "nosniff",
        routingHttpResponseXFrameOptionsHeaderValue: "DENY",
        tags: stackTags(),
    };
}

/** A target group of Fargate tasks: ip targets checked on /health. */
export function targetGroupProps(env = "production"): Props {
    return {
        port: 80,
        protocol: "HTTP",
        targetType: "ip",
        vpcId: "vpc-1",
        healthCheck: { enabled: true, path: "/health", matcher: "200" },
        tags: stackTags(env),
    };
}

// ---------------------------------------------------------------------------------------------
// ECS fixtures

/** The guide's flags for `env` as container environment entries. */
export function flagsFor(env: string): Array<{ name: string; value: string }> {
    const flags: Record<string, string> = { APP_ENV: env, AWS_REGION: "ca-central-1" };
    if (env === "local") {
        Object.assign(flags, { APP_DEBUG: "true", MOCK_EXTERNAL_SERVICES: "true", MOCK_BEDROCK: "true" });
    } else {
        Object.assign(flags, { APP_DEBUG: "false", MOCK_EXTERNAL_SERVICES: "false" });
    }
    if (env === "production") {
        for (const flag of [
            "ENCRYPT_SENSITIVE_DATA",
            "AUDIT_LOGGING_ENABLED",
            "SECURE_HEADERS_ENABLED",
            "METRICS_ENABLED",
            "HEALTH_CHECK_ENABLED",
        ]) {
            flags[flag] = "true";
        }
    }
    return Object.entries(flags).map(([name, value]) => ({ name, value }));
}

/** The api container, compliant with every ECS rule. */
export function apiContainer(env = "production"): Props {
    return {
        name: "api",
        image: `${IMAGE}:3f9c2ab`,
        user: "1000",
        readonlyRootFilesystem: true,
        portMappings: [{ containerPort: 80 }],
        mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp" }],
        environment: [...flagsFor(env), { name: "DB_HOST", value: "fraud-db.internal" }],
        secrets: [{ name: "DB_PASSWORD", valueFrom: SECRET_ARN }],
        logConfiguration: {
            logDriver: "awslogs",
            options: {
                "awslogs-group": "/ecs/fraud-api",
                "awslogs-region": "ca-central-1",
                "awslogs-stream-prefix": "ecs",
            },
        },
    };
}

/** The fraud-api task definition of `containers` in `env`: awsvpc, Fargate, its own two roles. */
export function taskProps(containers: Props[] = [apiContainer()], env = "production"): Props {
    return {
        family: "fraud-api",
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        cpu: "512",
        memory: "1024",
        taskRoleArn: "arn:aws:iam::111122223333:role/fraud-api-task",
        executionRoleArn: "arn:aws:iam::111122223333:role/fraud-api-execution",
        volumes: [{ name: "tmp" }],
        containerDefinitions: JSON.stringify(containers),
        tags: stackTags(env),
    };
}

/** A task definition and what it is wired to: its secret, log group, roles and cluster. */
export function taskStack(options: { props?: Props; from?: Record<string, PlanResource[]> } = {}) {
    const secret = resource("aws:secretsmanager/secret:Secret", {
        name: "fraud-detector/prod/database",
        tags: stackTags(),
    });
    const logGroup = resource("aws:cloudwatch/logGroup:LogGroup", {
        name: "/ecs/fraud-api",
        retentionInDays: 30,
        tags: stackTags(),
    });
    const taskRole = resource(
        "aws:iam/role:Role",
        { name: "fraud-api-task", tags: stackTags() },
        { name: "task-role" },
    );
    const executionRole = resource(
        "aws:iam/role:Role",
        { name: "fraud-api-execution", tags: stackTags() },
        { name: "execution-role" },
    );
    const cluster = resource(CLUSTER, {
        name: "fraud-detector-prod",
        settings: [{ name: "containerInsights", value: "enabled" }],
        tags: stackTags(),
    });
    const task = resource(TASK, options.props ?? taskProps(), {
        from: {
            containerDefinitions: [secret, logGroup],
            taskRoleArn: [taskRole],
            executionRoleArn: [executionRole],
            ...options.from,
        },
    });
    return {
        secret,
        logGroup,
        taskRole,
        executionRole,
        cluster,
        task,
        all: [secret, logGroup, taskRole, executionRole, cluster, task],
    };
}

/** A task definition of one container, for the rules that read only the task definition. */
export const singleTask = (container: Props, env = "production") => resource(TASK, taskProps([container], env));
