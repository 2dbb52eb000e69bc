/**
 * The rules for what clients meet at the public edge: the TLS they connect with, the response
 * headers they get back, and the web ACL in front of the load balancer. The load balancer's own
 * settings (logging, protection, availability) are in ./load-balancer.ts.
 *
 * @module
 */

import { PolicyResource } from "@pulumi/policy";
import { label, ofType, shown } from "../../../lib/relations/resources";
import { Finding, resourceRule, Rule, stackRule } from "../../lib/rule";
import { isInternetFacing, LISTENERS, LOAD_BALANCERS, on, perResource, record, records } from "./shared";
import { refersTo } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";

const CERTIFICATE = "aws:acm/certificate:Certificate";
const WAF_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";

/**
 * FSBP ELB.17 recommends the TLS 1.3 policies, all named `ELBSecurityPolicy-TLS13-…`:
 * `-TLS13-1-3-2021-06`, `-TLS13-1-2-2021-06`, `-TLS13-1-2-Res-2021-06`, `-TLS13-1-2-Ext1-2021-06`,
 * `-TLS13-1-2-Ext2-2021-06`, `-TLS13-1-1-2021-06`, `-TLS13-1-0-2021-06` and their `-FIPS-2023-04`
 * variants. The rule accepts the prefix, so later members of the family (the `-PQ-2025-09`
 * post-quantum policies) pass too; every older policy, the provider default
 * `ELBSecurityPolicy-2016-08` included, fails.
 */
const TLS13_POLICY_PREFIX = "ELBSecurityPolicy-TLS13-";
/** The policy messages suggest: TLS 1.3 with TLS 1.2 fallback, the console's default. */
const RECOMMENDED_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
/** ACM key algorithms of RSA 2048 bits or more, or EC (FSBP ACM.2); unset means RSA_2048. */
const STRONG_KEY_ALGORITHMS = ["RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"];

/** HTTPS with a certificate and a TLS 1.3 policy; anything else only redirects to HTTPS (ELB.1, ELB.17). */
function listenerTlsProblems(props: Props): string[] {
    const protocol = typeof props.protocol === "string" ? props.protocol : "HTTP"; // the ALB default
    if (protocol === "HTTPS" || protocol === "TLS") {
        const problems: string[] = [];
        if (props.certificateArn === undefined) {
            problems.push("certificateArn is unset; attach the ACM certificate of the API's domain");
        }
        const policy = props.sslPolicy;
        if (typeof policy !== "string" || !policy.startsWith(TLS13_POLICY_PREFIX)) {
            problems.push(
                `sslPolicy is ${shown(policy)} (unset means ELBSecurityPolicy-2016-08, which still allows TLS 1.0); set sslPolicy: "${RECOMMENDED_TLS_POLICY}" or another TLS 1.3 policy of ELB.17`,
            );
        }
        return problems;
    }
    const actions = records(props.defaultActions);
    if (actions.length !== 1 || actions[0].type !== "redirect") {
        return [
            `protocol is ${shown(props.protocol)} and the default actions are ${shown(actions.map((a) => a.type))}; serve clients over HTTPS, or make a redirect the only default action: { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }`,
        ];
    }
    const target = record(actions[0].redirect).protocol;
    return target === "HTTPS"
        ? []
        : [`the ${protocol} listener redirects to protocol ${shown(target)}; set redirect.protocol: "HTTPS"`];
}

/** ACM certificates: a strong key (ACM.2) and DNS validation, so ACM renews them by itself. */
function certificateProblems(props: Props): string[] {
    const imported = ["certificateBody", "privateKey", "privateKeyWo"].some((key) => props[key] !== undefined);
    if (imported) {
        return []; // key and validation of an imported certificate are not inputs: cannot decide
    }
    const problems: string[] = [];
    if (props.keyAlgorithm !== undefined && !STRONG_KEY_ALGORITHMS.includes(props.keyAlgorithm as string)) {
        problems.push(
            `keyAlgorithm is ${shown(props.keyAlgorithm)}; use RSA_2048 or stronger, or an EC key (FSBP ACM.2)`,
        );
    }
    // A private CA's certificates are issued without validation, so only public ones need DNS.
    if (props.certificateAuthorityArn === undefined && props.validationMethod !== "DNS") {
        problems.push(
            `validationMethod is ${shown(props.validationMethod)}; set validationMethod: "DNS" so ACM renews the certificate by itself`,
        );
    }
    return problems;
}

/** The guide's response headers on HTTPS listeners (SECURE_HEADERS_ENABLED); other listeners only redirect. */
function headerProblems(listener: PolicyResource): string[] {
    const props = listener.props as Props;
    if (props.protocol !== "HTTPS") {
        return [];
    }
    const problems: string[] = [];
    const hsts = props.routingHttpResponseStrictTransportSecurityHeaderValue;
    if (typeof hsts !== "string" || !hsts.includes("max-age=")) {
        problems.push(
            `routingHttpResponseStrictTransportSecurityHeaderValue is ${shown(hsts)}; set it to "max-age=31536000; includeSubDomains"`,
        );
    }
    const sniff = props.routingHttpResponseXContentTypeOptionsHeaderValue;
    if (sniff !== "nosniff") {
        problems.push(`routingHttpResponseXContentTypeOptionsHeaderValue is ${shown(sniff)}; set it to "nosniff"`);
    }
    const frame = props.routingHttpResponseXFrameOptionsHeaderValue;
    if (frame !== "DENY" && frame !== "SAMEORIGIN") {
        problems.push(`routingHttpResponseXFrameOptionsHeaderValue is ${shown(frame)}; set it to "DENY"`);
    }
    return problems;
}

/** Internet-facing load balancers without a WAFv2 web ACL association (SH ELB.16). */
function unguardedFindings(resources: readonly PolicyResource[]): Finding[] {
    const associations = ofType(resources, WAF_ASSOCIATION);
    return ofType(resources, ...LOAD_BALANCERS)
        .filter((lb) => isInternetFacing(lb.props) && !associations.some((a) => refersTo(a, "resourceArn", lb)))
        .flatMap((lb) =>
            on(lb, [
                `no WAFv2 web ACL is associated with ${label(lb)}; add an aws.wafv2.WebAclAssociation with resourceArn: <alb>.arn`,
            ]),
        );
}

/** `alb-https-only`: clients connect over HTTPS with a strong certificate and a TLS 1.3 policy. */
export const albHttpsOnly: Rule = resourceRule({
    id: "alb-https-only",
    description:
        "Keeps client traffic encrypted (FSBP ELB.1, ELB.17, ACM.2): HTTPS listeners use an ACM certificate with a strong key and a TLS 1.3 policy; any other listener only redirects to HTTPS.",
    kind: "security",
    types: [...LISTENERS, CERTIFICATE],
    check: (props, args) => (args.type === CERTIFICATE ? certificateProblems(props) : listenerTlsProblems(props)),
});

/** `alb-edge-protection`: a web ACL in front of the public ALB, security headers on its answers. */
export const albEdgeProtection: Rule = stackRule({
    id: "alb-edge-protection",
    description:
        "Filters attacks before they reach the API and hardens browsers' handling of its answers (SH ELB.16; guide: SECURE_HEADERS_ENABLED): a WAFv2 web ACL guards each internet-facing load balancer, and HTTPS listeners add HSTS, X-Content-Type-Options and X-Frame-Options.",
    kind: "advisory",
    check: (resources) => [...unguardedFindings(resources), ...perResource(LISTENERS, headerProblems)(resources)],
});
