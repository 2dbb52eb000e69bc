import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BLUE_GREEN_WEIGHTS } from "../../../facts/aws/ecs-blue-green";
import { createAliasRecord, createValidatedCertificate, publicZoneId } from "./certificate";
import { mergeTags, Tags } from "../../tags";

export const HTTPS_PORT = 443;
export const HTTP_PORT = 80;
/** TLS 1.3 with a TLS 1.2 fallback (FSBP ELB.17), the console's default policy. */
const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

/**
 * A forward to the blue/green pair: `live` at weight 100, `standby` at 0. The production listener
 * rule and the serving listener's default action both use it: ECS native blue/green moves the
 * weights of a rule that names both groups, and fails a deployment on a listener whose actions mix
 * forward with fixed-response (facts/aws/ecs-blue-green.ts).
 */
export function weightedForward(
    live: pulumi.Input<string>,
    standby: pulumi.Input<string>,
): aws.types.input.lb.ListenerDefaultAction & aws.types.input.lb.ListenerRuleAction {
    return {
        type: "forward",
        forward: {
            targetGroups: [
                { arn: live, weight: BLUE_GREEN_WEIGHTS.live },
                { arn: standby, weight: BLUE_GREEN_WEIGHTS.standby },
            ],
        },
    };
}
/** The guide's SECURE_HEADERS_ENABLED, added by the ALB to every HTTPS answer. */
const SECURE_HEADERS = {
    routingHttpResponseStrictTransportSecurityHeaderValue: "max-age=31536000; includeSubDomains",
    routingHttpResponseXContentTypeOptionsHeaderValue: "nosniff",
    routingHttpResponseXFrameOptionsHeaderValue: "DENY",
};

/**
 * The certificate of `domainName`, validated in its public zone, on an HTTPS listener whose
 * default action is `defaultAction`; port 80 only redirects to it; the domain's alias A record
 * points at the ALB. All are children of `parent`. Returns the HTTPS listener.
 */
export function createHttpsListeners(
    parent: pulumi.Resource,
    name: string,
    tags: Tags,
    domainName: string,
    hostedZoneName: string,
    loadBalancer: aws.lb.LoadBalancer,
    defaultAction: aws.types.input.lb.ListenerDefaultAction,
): aws.lb.Listener {
    const zoneId = publicZoneId(parent, hostedZoneName);
    const certificateArn = createValidatedCertificate(parent, name, domainName, zoneId, tags);
    const https = new aws.lb.Listener(
        `${name}-https`,
        {
            loadBalancerArn: loadBalancer.arn,
            port: HTTPS_PORT,
            protocol: "HTTPS",
            sslPolicy: TLS_POLICY,
            certificateArn,
            defaultActions: [defaultAction],
            ...SECURE_HEADERS,
            tags: mergeTags(tags),
        },
        { parent },
    );
    new aws.lb.Listener(
        `${name}-http`,
        {
            loadBalancerArn: loadBalancer.arn,
            port: HTTP_PORT,
            protocol: "HTTP",
            defaultActions: [
                {
                    type: "redirect",
                    redirect: { protocol: "HTTPS", port: `${HTTPS_PORT}`, statusCode: "HTTP_301" },
                },
            ],
            tags: mergeTags(tags),
        },
        { parent },
    );
    createAliasRecord(parent, name, domainName, zoneId, loadBalancer);
    return https;
}

/**
 * Without a domain there is no certificate: the local stack serves plain HTTP on port 80, with
 * `defaultAction`.
 */
export function createHttpListener(
    parent: pulumi.Resource,
    name: string,
    tags: Tags,
    loadBalancer: aws.lb.LoadBalancer,
    defaultAction: aws.types.input.lb.ListenerDefaultAction,
): aws.lb.Listener {
    return new aws.lb.Listener(
        `${name}-http`,
        {
            loadBalancerArn: loadBalancer.arn,
            port: HTTP_PORT,
            protocol: "HTTP",
            defaultActions: [defaultAction],
            tags: mergeTags(tags),
        },
        { parent },
    );
}
