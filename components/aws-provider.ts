import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../stacks";

/**
 * The AWS services LocalStack stands in for in the local stack (one endpoint serves them all), by
 * the provider's `endpoints` keys; test/plan/localstack-coverage.spec.ts checks that they redirect
 * every AWS API the local plan calls (facts/aws/resource-services.ts).
 */
const LOCALSTACK_SERVICES = [
    "acm",
    "appautoscaling",
    "autoscaling",
    "budgets",
    "cloudwatch",
    "cloudwatchlogs",
    "ec2",
    "ecr",
    "ecs",
    "elasticache",
    "elbv2",
    "iam",
    "kms",
    "rds",
    "route53",
    "s3",
    "secretsmanager",
    "servicediscovery",
    "sns",
    "ssm",
    "sts",
] as const;

/**
 * One explicit provider, inherited by every child: the region is pinned here rather than left
 * to the `aws:region` of whoever runs `pulumi up`, and the local stack talks to LocalStack.
 */
export function createAwsProvider(name: string, config: StackConfig, parent: pulumi.Resource): aws.Provider {
    const endpoint = config.localstackEndpoint;
    return new aws.Provider(
        name,
        {
            region: config.region,
            ...(endpoint === undefined
                ? {}
                : {
                      // LocalStack accepts any credentials; these are its documented dummies, not secrets.
                      accessKey: "test",
                      secretKey: "test",
                      skipCredentialsValidation: true,
                      skipMetadataApiCheck: true,
                      skipRequestingAccountId: true,
                      s3UsePathStyle: true,
                      endpoints: [Object.fromEntries(LOCALSTACK_SERVICES.map((service) => [service, endpoint]))],
                  }),
        },
        { parent },
    );
}
