import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { LoadBalancerArgs } from "./args";
import { createHttpListener, createHttpsListeners, HTTP_PORT, HTTPS_PORT, weightedForward } from "./listeners";
import { loadBalancerArgsProblems, loadBalancerName, targetGroupLogicalName } from "./naming";
import { mergeTags } from "../../tags";

/** The priority of the one rule ECS switches. */
const PRODUCTION_RULE_PRIORITY = 100;

/**
 * What ECS owns on the production rule once the service exists: its actions, whose weights ECS
 * rewrites at every switch and rollback (facts/aws/ecs-blue-green.ts). Pulumi ignores them, so an
 * update never sends traffic back to the group ECS has just drained.
 */
export const ECS_OWNED_RULE_FIELDS = ["actions"];

/**
 * The guide's internet-facing Application Load Balancer in front of the api, ready for ECS native
 * blue/green deployments.
 *
 * Creates: 1. the ALB's security group (`Role=alb`): tcp/443 and tcp/80 from the internet (IPv4
 * and IPv6), egress only to the api group on `targetPort`; and, on the api group, the rule that
 * admits the ALB on `targetPort`; 2. the ALB over the public subnets: invalid headers dropped,
 * defensive desync mitigation, access logs to the log bucket under `alb/`, deletion protection as
 * the stack sets it; 3. the blue and green target groups (`ip` targets, HTTP check on
 * `healthCheckPath`); 4. with `domainName`: a DNS-validated ACM certificate and its validation
 * record, an HTTPS listener (TLS 1.3 policy, HSTS and other security headers), an HTTP listener
 * that only redirects to HTTPS, and an alias A record to the ALB; without it (local), one HTTP
 * listener; 5. on the serving listener, the production listener rule (`/*`, every path) forwarding
 * to blue at weight 100 and green at weight 0, which ECS shifts, and the same weighted forward as
 * the default action, so that no request is answered by anything but the application.
 *
 * Use: the api's ECS service registers with `blueTargetGroupArn`, names `greenTargetGroupArn` as
 * its alternate target group and `productionListenerRuleArn` as its production rule; clients call
 * `url`.
 *
 * The access-log bucket must let Elastic Load Balancing write `alb/AWSLogs/<account>/*` (in
 * ca-central-1 its account 985666609251) and be encrypted with SSE-S3: AWS checks both when access
 * logs are turned on.
 *
 * Cost, per month in ca-central-1: about USD 18 of ALB hours (USD 0.02475 an hour), LCUs at USD
 * 0.0088 an LCU-hour (a lightly used API needs well under one), USD 7.30 for the two public IPv4
 * addresses of its nodes, and the S3 storage of its access logs. ACM public certificates are free,
 * and so are Route 53 alias queries to the ALB.
 */
export class LoadBalancer extends pulumi.ComponentResource {
    /** The load balancer's ARN. */
    public readonly loadBalancerArn: pulumi.Output<string>;
    /** Its ARN suffix, the `LoadBalancer` dimension of CloudWatch metrics. */
    public readonly loadBalancerArnSuffix: pulumi.Output<string>;
    /** Its DNS name. */
    public readonly dnsName: pulumi.Output<string>;
    /** The URL clients use: `https://<domainName>`, or `http://<dnsName>` without a domain. */
    public readonly url: pulumi.Output<string>;
    /** The ALB's security group. */
    public readonly securityGroupId: pulumi.Output<string>;
    /** The target group serving traffic (blue). */
    public readonly blueTargetGroupArn: pulumi.Output<string>;
    /** The target group a blue/green deployment fills before the switch (green). */
    public readonly greenTargetGroupArn: pulumi.Output<string>;
    /** The blue target group's ARN suffix, the `TargetGroup` dimension of CloudWatch metrics. */
    public readonly blueTargetGroupArnSuffix: pulumi.Output<string>;
    /** The green target group's ARN suffix: after a switch, green is the group in service. */
    public readonly greenTargetGroupArnSuffix: pulumi.Output<string>;
    /** The listener rule ECS switches between blue and green. */
    public readonly productionListenerRuleArn: pulumi.Output<string>;

    constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("fraud-detector:edge:LoadBalancer", name, {}, opts);
        validate(args, this);
        const securityGroup = this.createSecurityGroup(name, args);
        const loadBalancer = this.createLoadBalancer(name, args, securityGroup);
        const blue = this.createTargetGroup(args, "blue");
        const green = this.createTargetGroup(args, "green");
        // The default action is reached only by a request the `/*` rule does not match, which no
        // path escapes; ECS does not move it, so after a switch it may name the drained group. It
        // still forwards rather than answering 404: ECS fails a deployment on a listener that mixes
        // forward with fixed-response actions.
        const defaultAction = weightedForward(blue.arn, green.arn);
        const listener =
            args.domainName !== undefined && args.hostedZoneName !== undefined
                ? createHttpsListeners(
                      this,
                      name,
                      args.tags,
                      args.domainName,
                      args.hostedZoneName,
                      loadBalancer,
                      defaultAction,
                  )
                : createHttpListener(this, name, args.tags, loadBalancer, defaultAction);
        const rule = this.createProductionRule(name, args, listener, blue, green);

        this.loadBalancerArn = loadBalancer.arn;
        this.loadBalancerArnSuffix = loadBalancer.arnSuffix;
        this.dnsName = loadBalancer.dnsName;
        this.url =
            args.domainName === undefined
                ? pulumi.interpolate`http://${loadBalancer.dnsName}`
                : pulumi.output(`https://${args.domainName}`);
        this.securityGroupId = securityGroup.id;
        this.blueTargetGroupArn = blue.arn;
        this.greenTargetGroupArn = green.arn;
        this.blueTargetGroupArnSuffix = blue.arnSuffix;
        this.greenTargetGroupArnSuffix = green.arnSuffix;
        this.productionListenerRuleArn = rule.arn;
        this.registerOutputs({
            loadBalancerArn: this.loadBalancerArn,
            loadBalancerArnSuffix: this.loadBalancerArnSuffix,
            dnsName: this.dnsName,
            url: this.url,
            securityGroupId: this.securityGroupId,
            blueTargetGroupArn: this.blueTargetGroupArn,
            greenTargetGroupArn: this.greenTargetGroupArn,
            blueTargetGroupArnSuffix: this.blueTargetGroupArnSuffix,
            greenTargetGroupArnSuffix: this.greenTargetGroupArnSuffix,
            productionListenerRuleArn: this.productionListenerRuleArn,
        });
    }

    /**
     * The only group the internet may reach, on 443 and 80; it may send only to the api group, on
     * `targetPort`. The api group's matching ingress rule is created here, beside its egress twin,
     * so the two halves of the path come and go together.
     */
    private createSecurityGroup(name: string, args: LoadBalancerArgs): aws.ec2.SecurityGroup {
        const group = new aws.ec2.SecurityGroup(
            `${name}-sg`,
            {
                vpcId: args.vpcId,
                description: `Load balancer ${args.namePrefix}: HTTPS and HTTP from the internet, tcp/${args.targetPort} to the api`,
                tags: mergeTags(args.tags, { Name: `${args.namePrefix}-alb`, Role: "alb" }),
            },
            { parent: this },
        );
        const world = [
            ["ipv4", { cidrIpv4: "0.0.0.0/0" }],
            ["ipv6", { cidrIpv6: "::/0" }],
        ] as const;
        const listeners = [
            ["https", HTTPS_PORT, "HTTPS from the internet"],
            ["http", HTTP_PORT, "HTTP from the internet, redirected to HTTPS"],
        ] as const;
        for (const [protocol, port, description] of listeners) {
            for (const [family, source] of world) {
                new aws.vpc.SecurityGroupIngressRule(
                    `${name}-${protocol}-in-${family}`,
                    {
                        securityGroupId: group.id,
                        ...source,
                        ipProtocol: "tcp",
                        fromPort: port,
                        toPort: port,
                        description,
                        tags: mergeTags(args.tags),
                    },
                    { parent: this },
                );
            }
        }
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-to-targets`,
            {
                securityGroupId: group.id,
                referencedSecurityGroupId: args.targetSecurityGroupId,
                ipProtocol: "tcp",
                fromPort: args.targetPort,
                toPort: args.targetPort,
                description: `api tasks on tcp/${args.targetPort}`,
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-into-targets`,
            {
                securityGroupId: args.targetSecurityGroupId,
                referencedSecurityGroupId: group.id,
                ipProtocol: "tcp",
                fromPort: args.targetPort,
                toPort: args.targetPort,
                description: `api on tcp/${args.targetPort} from the load balancer`,
                tags: mergeTags(args.tags),
            },
            { parent: this },
        );
        return group;
    }

    private createLoadBalancer(
        name: string,
        args: LoadBalancerArgs,
        securityGroup: aws.ec2.SecurityGroup,
    ): aws.lb.LoadBalancer {
        const physicalName = loadBalancerName(args.namePrefix);
        return new aws.lb.LoadBalancer(
            `${name}-lb`,
            {
                name: physicalName,
                loadBalancerType: "application",
                internal: false,
                subnets: args.subnetIds,
                securityGroups: [securityGroup.id],
                dropInvalidHeaderFields: true,
                desyncMitigationMode: "defensive",
                enableDeletionProtection: args.deletionProtection,
                accessLogs: { bucket: args.accessLogBucket, prefix: "alb", enabled: true },
                idleTimeout: 60,
                tags: mergeTags(args.tags, { Name: physicalName }),
            },
            { parent: this },
        );
    }

    /**
     * One of the blue/green pair; ECS registers the api tasks by IP (awsvpc).
     *
     * Named by the provider from a short logical name (`fd-prod-blue-1a2b3c4`, at most 24 characters
     * and 32 in all, AWS's limit): the 7 random hex digits keep the name unique in the account, and
     * give every replacement a new name, so Pulumi creates the new group before it deletes the old
     * one. A fixed name would need deleteBeforeReplace, and AWS refuses to delete a group the
     * listener rule and the ECS service still use. No stack was ever deployed with the previous
     * logical names (the preview failed on them), so no alias is needed.
     */
    private createTargetGroup(args: LoadBalancerArgs, colour: string): aws.lb.TargetGroup {
        return new aws.lb.TargetGroup(
            targetGroupLogicalName(args.namePrefix, colour),
            {
                targetType: "ip",
                protocol: "HTTP",
                port: args.targetPort,
                vpcId: args.vpcId,
                healthCheck: {
                    enabled: true,
                    protocol: "HTTP",
                    path: args.healthCheckPath,
                    matcher: "200",
                    interval: 15,
                },
                // Requests to the api are short; 30 s drains a task without slowing every deployment 5 minutes.
                deregistrationDelay: 30,
                tags: mergeTags(args.tags, { Name: `${args.namePrefix}-${colour}` }),
            },
            { parent: this },
        );
    }

    /** The production listener rule: every path, blue at 100 and green at 0 until ECS shifts them. */
    private createProductionRule(
        name: string,
        args: LoadBalancerArgs,
        listener: aws.lb.Listener,
        blue: aws.lb.TargetGroup,
        green: aws.lb.TargetGroup,
    ): aws.lb.ListenerRule {
        return new aws.lb.ListenerRule(
            `${name}-production-rule`,
            {
                listenerArn: listener.arn,
                priority: PRODUCTION_RULE_PRIORITY,
                conditions: [{ pathPattern: { values: ["/*"] } }],
                actions: [weightedForward(blue.arn, green.arn)],
                tags: mergeTags(args.tags),
            },
            { parent: this, ignoreChanges: ECS_OWNED_RULE_FIELDS },
        );
    }
}

/** Every problem with `args` in one error, before any child exists. */
function validate(args: LoadBalancerArgs, resource: pulumi.Resource): void {
    const problems = loadBalancerArgsProblems(args);
    if (problems.length > 0) {
        throw new pulumi.ResourceError(`invalid LoadBalancer arguments:\n  ${problems.join("\n  ")}`, resource);
    }
}
