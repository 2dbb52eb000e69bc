import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createAliasRecord, createValidatedCertificate, publicZoneId } from "./load-balancer-certificate";
import { mergeTags, Tags } from "./tags";

export const HTTPS_PORT = 443;
export const HTTP_PORT = 80;
/** TLS 1.3 with a TLS 1.2 fallback (FSBP ELB.17), the console's default policy. */
const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
/** What a request matching no rule gets: nothing about the targets behind the ALB. */
const NOT_FOUND: aws.types.input.lb.ListenerDefaultAction = {
    type: "fixed-response",
    fixedResponse: { contentType: "text/plain", statusCode: "404", messageBody: "Not Found" },
};
/** The guide's SECURE_HEADERS_ENABLED, added by the ALB to every HTTPS answer. */
const SECURE_HEADERS = {
    routingHttpResponseStrictTransportSecurityHeaderValue: "max-age=31536000; includeSubDomains",
    routingHttpResponseXContentTypeOptionsHeaderValue: "nosniff",
    routingHttpResponseXFrameOptionsHeaderValue: "DENY",
};

/**
 * The certificate of `domainName`, validated in its public zone, on an HTTPS listener; port 80
 * only redirects to it; the domain's alias A record points at the ALB. All are children of
 * `parent`. Returns the HTTPS listener.
 */
export function createHttpsListeners(
    parent: pulumi.Resource,
    name: string,
    tags: Tags,
    domainName: string,
    hostedZoneName: string,
    loadBalancer: aws.lb.LoadBalancer,
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
            defaultActions: [NOT_FOUND],
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

/** Without a domain there is no certificate: the local stack serves plain HTTP on port 80. */
export function createHttpListener(
    parent: pulumi.Resource,
    name: string,
    tags: Tags,
    loadBalancer: aws.lb.LoadBalancer,
): aws.lb.Listener {
    return new aws.lb.Listener(
        `${name}-http`,
        {
            loadBalancerArn: loadBalancer.arn,
            port: HTTP_PORT,
            protocol: "HTTP",
            defaultActions: [NOT_FOUND],
            tags: mergeTags(tags),
        },
        { parent },
    );
}
