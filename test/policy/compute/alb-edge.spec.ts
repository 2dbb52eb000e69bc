import { strict as assert } from "assert";
import { messagesOf, resource, stackTags } from "../harness";
import { albProps, httpsListenerProps, LB, levelsOf, LISTENER, Props } from "./fixtures";

const ALB_LISTENER = "aws:alb/listener:Listener";
const CERTIFICATE = "aws:acm/certificate:Certificate";

/** The HTTP listener, whose only job is the redirect to HTTPS. */
function redirectListenerProps(): Props {
    return {
        port: 80,
        protocol: "HTTP",
        defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
        tags: stackTags(),
    };
}

/** The API's certificate: DNS-validated, RSA 2048. */
function certificateProps(): Props {
    return {
        domainName: "api.fraud-detector.example",
        validationMethod: "DNS",
        keyAlgorithm: "RSA_2048",
        tags: stackTags(),
    };
}

describe("policy: compute", () => {
    describe("alb-https-only", () => {
        it("passes an HTTPS listener, the HTTP redirect and a DNS-validated RSA 2048 certificate", async () => {
            const resources = [
                resource(LISTENER, httpsListenerProps()),
                resource(ALB_LISTENER, redirectListenerProps()),
                resource(CERTIFICATE, certificateProps()),
            ];
            assert.deepEqual(await messagesOf(resources, "alb-https-only"), []);
        });

        it("accepts every TLS 1.3 policy of ELB.17 and its later variants", async () => {
            const policies = [
                "ELBSecurityPolicy-TLS13-1-3-2021-06",
                "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
                "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
                "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
                "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
            ];
            const listeners = policies.map((sslPolicy) => resource(LISTENER, { ...httpsListenerProps(), sslPolicy }));
            assert.deepEqual(await messagesOf(listeners, "alb-https-only"), []);
        });

        it("rejects the provider's default TLS policy, mandatory in staging", async () => {
            const listener = resource(ALB_LISTENER, {
                ...httpsListenerProps(),
                sslPolicy: undefined,
                tags: stackTags("staging"),
            });
            assert.deepEqual(await levelsOf([listener], "alb-https-only"), [
                [
                    "mandatory",
                    'sslPolicy is unset (unset means ELBSecurityPolicy-2016-08, which still allows TLS 1.0); set sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" or another TLS 1.3 policy of ELB.17',
                ],
            ]);
        });

        it("rejects a TLS 1.2-only policy", async () => {
            const listener = resource(LISTENER, {
                ...httpsListenerProps(),
                sslPolicy: "ELBSecurityPolicy-TLS-1-2-2017-01",
            });
            assert.deepEqual(await messagesOf([listener], "alb-https-only"), [
                'sslPolicy is "ELBSecurityPolicy-TLS-1-2-2017-01" (unset means ELBSecurityPolicy-2016-08, which still allows TLS 1.0); set sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" or another TLS 1.3 policy of ELB.17',
            ]);
        });

        it("rejects an HTTPS listener without a certificate", async () => {
            const listener = resource(LISTENER, { ...httpsListenerProps(), certificateArn: undefined });
            assert.deepEqual(await messagesOf([listener], "alb-https-only"), [
                "certificateArn is unset; attach the ACM certificate of the API's domain",
            ]);
        });

        it("rejects an HTTP listener that forwards to the targets", async () => {
            const listener = resource(ALB_LISTENER, {
                ...redirectListenerProps(),
                defaultActions: [{ type: "forward", targetGroupArn: "arn:tg" }],
            });
            assert.deepEqual(await messagesOf([listener], "alb-https-only"), [
                'protocol is "HTTP" and the default actions are ["forward"]; serve clients over HTTPS, or make a redirect the only default action: { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }',
            ]);
        });

        it("rejects a redirect that keeps the client on HTTP", async () => {
            const listener = resource(LISTENER, {
                ...redirectListenerProps(),
                defaultActions: [{ type: "redirect", redirect: { port: "8080", statusCode: "HTTP_301" } }],
            });
            assert.deepEqual(await messagesOf([listener], "alb-https-only"), [
                'the HTTP listener redirects to protocol unset; set redirect.protocol: "HTTPS"',
            ]);
        });

        it("rejects a 1024-bit RSA certificate", async () => {
            const certificate = resource(CERTIFICATE, { ...certificateProps(), keyAlgorithm: "RSA_1024" });
            assert.deepEqual(await messagesOf([certificate], "alb-https-only"), [
                'keyAlgorithm is "RSA_1024"; use RSA_2048 or stronger, or an EC key (FSBP ACM.2)',
            ]);
        });

        it("rejects e-mail validation", async () => {
            const certificate = resource(CERTIFICATE, { ...certificateProps(), validationMethod: "EMAIL" });
            assert.deepEqual(await messagesOf([certificate], "alb-https-only"), [
                'validationMethod is "EMAIL"; set validationMethod: "DNS" so ACM renews the certificate by itself',
            ]);
        });

        it("does not judge an imported certificate, whose key is not an input", async () => {
            const imported = resource(CERTIFICATE, {
                privateKey: "[secret]",
                certificateBody: "-----BEGIN CERT",
                tags: stackTags(),
            });
            assert.deepEqual(await messagesOf([imported], "alb-https-only"), []);
        });
    });

    describe("alb-edge-protection", () => {
        it("passes a WAF-guarded public ALB whose HTTPS listener adds the security headers", async () => {
            const alb = resource(LB, albProps());
            const waf = resource("aws:wafv2/webAclAssociation:WebAclAssociation", {}, { from: { resourceArn: [alb] } });
            const listener = resource(LISTENER, httpsListenerProps(), { from: { loadBalancerArn: [alb] } });
            assert.deepEqual(await messagesOf([alb, waf, listener], "alb-edge-protection"), []);
        });

        it("rejects a public ALB without a web ACL, advisory even in production", async () => {
            const alb = resource(LB, albProps(), { name: "public" });
            assert.deepEqual(await levelsOf([alb], "alb-edge-protection"), [
                [
                    "advisory",
                    "no WAFv2 web ACL is associated with LoadBalancer public; add an aws.wafv2.WebAclAssociation with resourceArn: <alb>.arn",
                ],
            ]);
        });

        it("does not ask for a web ACL on an internal load balancer", async () => {
            assert.deepEqual(
                await messagesOf([resource(LB, { ...albProps(), internal: true })], "alb-edge-protection"),
                [],
            );
        });

        it("rejects an HTTPS listener without the security headers", async () => {
            const listener = resource(ALB_LISTENER, {
                ...httpsListenerProps(),
                routingHttpResponseStrictTransportSecurityHeaderValue: undefined,
                routingHttpResponseXContentTypeOptionsHeaderValue: undefined,
                routingHttpResponseXFrameOptionsHeaderValue: "ALLOW-FROM https://example.com",
            });
            assert.deepEqual(await messagesOf([listener], "alb-edge-protection"), [
                'routingHttpResponseStrictTransportSecurityHeaderValue is unset; set it to "max-age=31536000; includeSubDomains"',
                'routingHttpResponseXContentTypeOptionsHeaderValue is unset; set it to "nosniff"',
                'routingHttpResponseXFrameOptionsHeaderValue is "ALLOW-FROM https://example.com"; set it to "DENY"',
            ]);
        });
    });
});
