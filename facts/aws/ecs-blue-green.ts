/**
 * What ECS native blue/green requires of an Application Load Balancer, and what it changes on its
 * own during a deployment. Pure data with sources.
 *
 * @module
 */

import type { FactSource } from "./instance-network";

/**
 * The weights of the production listener rule's forward action: the group in service at 100, the
 * other at 0. ECS moves the whole weight from one group to the other at the switch (and back on a
 * rollback), so the rule must name both groups from the start.
 */
export const BLUE_GREEN_WEIGHTS = { live: 100, standby: 0 } as const;

/** Where AWS says how the listener rule of an ECS blue/green service must look. */
export const BLUE_GREEN_LISTENER_RULE: FactSource = {
    url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb-resources-for-blue-green.html",
    says: "Blue/green needs two target groups (a primary one for the blue revision, an alternate one for green) and a production listener rule that forwards to both, with weights ECS changes to shift traffic; blue/green deployments are not supported when the listener's rules mix forward with non-forward actions (redirect, fixed-response, authenticate): the deployment fails",
};

/** Where AWS names the fields of a service load balancer's advanced configuration. */
export const ADVANCED_CONFIGURATION: FactSource = {
    url: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AdvancedConfiguration.html",
    says: "alternateTargetGroupArn, productionListenerRule (the listener rule's ARN for an Application Load Balancer), testListenerRule, and roleArn: the IAM role that lets ECS call the Elastic Load Balancing APIs",
};

/**
 * What ECS rewrites in AWS during every blue/green deployment, so a program that set it once must
 * not set it back: the production rule's actions (the weights). The known report of the conflict
 * is Terraform's; the Pulumi AWS provider wraps the same resource code.
 */
export const ECS_REWRITES_RULE_ACTIONS: FactSource = {
    url: "https://github.com/hashicorp/terraform-provider-aws/issues/45678",
    says: "aws_ecs_service: Terraform triggered deployments do not alternate target groups for ECS-managed blue/green (open, labels bug and service/ecs, provider v6.24.0): applies made through the provider do not behave like deployments started from the console; the related terraform-aws-modules/terraform-aws-alb#409 shows the provider restoring the rule's 100/0 weights after ECS rotated them, unless the rule's actions are ignored",
};
