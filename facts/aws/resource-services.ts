/**
 * Which AWS API each resource type of the program calls, and the keys under which the provider's
 * `endpoints` setting redirects that API (to LocalStack, in the local stack). The provider groups
 * resources by the service package of terraform-provider-aws, whose table of services
 * (`names/data/names_data.csv`) gives each package's resource prefixes and endpoint aliases.
 */

/** Where terraform-provider-aws lists each service: its resource prefixes and endpoint aliases. */
const NAMES_DATA = "hashicorp/terraform-provider-aws:names/data/names_data.csv";

/** The AWS API behind one group of resource types. */
export interface ResourceService {
    /**
     * An exact type token (`aws:cloudwatch/logGroup:LogGroup`) or a module prefix ending in `/`
     * (`aws:ecs/`, every ECS type). An exact token wins over a prefix.
     */
    readonly types: string;
    /** The AWS API by its SDK name, as LocalStack's coverage names it (`elbv2`, `logs`, ...). */
    readonly service: string;
    /** The provider `endpoints` keys that redirect the API (the package name and its aliases). */
    readonly endpointKeys: readonly string[];
    /** Where the mapping comes from. */
    readonly source: string;
}

/** Every resource type the program creates, by the AWS API that creates it. */
export const RESOURCE_SERVICES: readonly ResourceService[] = [
    { types: "aws:acm/", service: "acm", endpointKeys: ["acm"], source: NAMES_DATA },
    {
        types: "aws:appautoscaling/",
        service: "application-autoscaling",
        endpointKeys: ["appautoscaling", "applicationautoscaling"],
        source: NAMES_DATA,
    },
    { types: "aws:autoscaling/", service: "autoscaling", endpointKeys: ["autoscaling"], source: NAMES_DATA },
    {
        types: "aws:budgets/",
        service: "budgets",
        endpointKeys: ["budgets"],
        source: "hashicorp/terraform-provider-aws:internal/service/budgets/budget.go",
    },
    // aws_cloudwatch_log_* belong to CloudWatch Logs, the other aws_cloudwatch_* to CloudWatch.
    {
        types: "aws:cloudwatch/logGroup:LogGroup",
        service: "logs",
        endpointKeys: ["logs", "cloudwatchlog", "cloudwatchlogs"],
        source: NAMES_DATA,
    },
    {
        types: "aws:cloudwatch/dashboard:Dashboard",
        service: "cloudwatch",
        endpointKeys: ["cloudwatch"],
        source: NAMES_DATA,
    },
    {
        types: "aws:cloudwatch/metricAlarm:MetricAlarm",
        service: "cloudwatch",
        endpointKeys: ["cloudwatch"],
        source: NAMES_DATA,
    },
    // aws_cloudwatch_event_* belong to EventBridge (package events, aliases eventbridge, cloudwatchevents).
    {
        types: "aws:cloudwatch/eventRule:EventRule",
        service: "events",
        endpointKeys: ["events", "eventbridge", "cloudwatchevents"],
        source: NAMES_DATA,
    },
    {
        types: "aws:cloudwatch/eventTarget:EventTarget",
        service: "events",
        endpointKeys: ["events", "eventbridge", "cloudwatchevents"],
        source: NAMES_DATA,
    },
    { types: "aws:ec2/", service: "ec2", endpointKeys: ["ec2"], source: NAMES_DATA },
    // The VPC security-group rule resources are "Part of EC2" there and call the EC2 API.
    { types: "aws:vpc/", service: "ec2", endpointKeys: ["ec2"], source: NAMES_DATA },
    // awsx's VPC creates EC2 resources only: VPC, subnets, route tables, gateways, EIPs.
    { types: "awsx:ec2:Vpc", service: "ec2", endpointKeys: ["ec2"], source: "pulumi/pulumi-awsx:awsx/ec2/vpc.ts" },
    { types: "aws:ecr/", service: "ecr", endpointKeys: ["ecr"], source: NAMES_DATA },
    { types: "aws:ecs/", service: "ecs", endpointKeys: ["ecs"], source: NAMES_DATA },
    { types: "aws:elasticache/", service: "elasticache", endpointKeys: ["elasticache"], source: NAMES_DATA },
    { types: "aws:iam/", service: "iam", endpointKeys: ["iam"], source: NAMES_DATA },
    { types: "aws:kms/", service: "kms", endpointKeys: ["kms"], source: NAMES_DATA },
    { types: "aws:lb/", service: "elbv2", endpointKeys: ["elbv2", "elasticloadbalancingv2"], source: NAMES_DATA },
    { types: "aws:rds/", service: "rds", endpointKeys: ["rds"], source: NAMES_DATA },
    { types: "aws:route53/", service: "route53", endpointKeys: ["route53"], source: NAMES_DATA },
    { types: "aws:s3/", service: "s3", endpointKeys: ["s3", "s3api"], source: NAMES_DATA },
    { types: "aws:secretsmanager/", service: "secretsmanager", endpointKeys: ["secretsmanager"], source: NAMES_DATA },
    {
        types: "aws:servicediscovery/",
        service: "servicediscovery",
        endpointKeys: ["servicediscovery"],
        source: NAMES_DATA,
    },
    { types: "aws:sfn/", service: "stepfunctions", endpointKeys: ["sfn", "stepfunctions"], source: NAMES_DATA },
    { types: "aws:sns/", service: "sns", endpointKeys: ["sns"], source: NAMES_DATA },
    { types: "aws:ssm/", service: "ssm", endpointKeys: ["ssm"], source: NAMES_DATA },
];

/** Type-token prefixes that call no AWS API: components, the stack, providers, `random`. */
export const NO_AWS_API_PREFIXES: readonly string[] = ["fraud-detector:", "pulumi:", "random:"];
