/**
 * What Route 53 and ACM enforce about public hosted zones and DNS validation, as data with the page
 * that states each. The program validates each stack's certificate in the zone its stack file names
 * (`edge.hostedZoneName`); these facts are why staging and production cannot share one.
 */

/** One statement of how AWS behaves, with the page that says so. */
export interface DnsFact {
    /** A short key, for references from code and docs. */
    readonly id: string;
    /** What AWS does, in one sentence. */
    readonly fact: string;
    /** The AWS page (API reference or developer guide) that states it. */
    readonly source: string;
}

/** The longest hosted-zone id Route 53 hands out (HostedZone.Id: "Maximum length of 32"). */
export const HOSTED_ZONE_ID_MAX_LENGTH = 32;

/** The page that states `HOSTED_ZONE_ID_MAX_LENGTH`. */
export const HOSTED_ZONE_ID_SOURCE = "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HostedZone.html";

/** How zones, delegation and DNS validation work across accounts. */
export const DNS_FACTS: readonly DnsFact[] = [
    {
        id: "zone-lookup-is-per-account",
        fact: "ListHostedZonesByName, which the zone lookup (aws.route53.getZone) calls, lists the hosted zones of the calling account only: a stack finds a zone only in its own account.",
        source: "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListHostedZonesByName.html",
    },
    {
        id: "acm-validates-through-public-dns",
        fact: "ACM issues a DNS-validated certificate once it finds the CNAME record it asked for (DomainValidation.ResourceRecord) in the domain's public DNS, i.e. in the zone the parent domain delegates to.",
        source: "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html",
    },
    {
        id: "subdomain-delegation",
        fact: "A subdomain gets a hosted zone of its own (in any account) and is delegated by an NS record in the parent domain's zone, named like the subdomain and listing the four name servers of the subdomain zone's delegation set.",
        source: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/CreatingNewSubdomain.html",
    },
    {
        id: "alias-at-zone-apex",
        fact: "An alias record can be created at the zone apex (a record named like the zone itself), where a CNAME cannot; it may point at an Application Load Balancer.",
        source: "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html",
    },
];
