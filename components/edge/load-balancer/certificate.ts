import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { mergeTags, Tags } from "../../tags";

/** The ID of the public Route 53 zone `hostedZoneName`, looked up on behalf of `parent`. */
export function publicZoneId(parent: pulumi.Resource, hostedZoneName: string): pulumi.Output<string> {
    return aws.route53.getZoneOutput({ name: hostedZoneName, privateZone: false }, { parent }).zoneId;
}

/**
 * The ACM certificate of `domainName` (`<name>-certificate`), its DNS validation record in the zone
 * (`<name>-certificate-record`) and the validation (`<name>-certificate-validation`), all children
 * of `parent`. Returns the validation's certificate ARN: whoever takes it waits until ACM has issued
 * the certificate.
 */
export function createValidatedCertificate(
    parent: pulumi.Resource,
    name: string,
    domainName: string,
    zoneId: pulumi.Input<string>,
    tags: Tags,
): pulumi.Output<string> {
    const certificate = new aws.acm.Certificate(
        `${name}-certificate`,
        { domainName, validationMethod: "DNS", tags: mergeTags(tags, { Name: domainName }) },
        { parent },
    );
    // One domain, no alternative names: ACM asks for exactly one record.
    const challenge = certificate.domainValidationOptions[0];
    const validationRecord = new aws.route53.Record(
        `${name}-certificate-record`,
        {
            zoneId,
            name: challenge.resourceRecordName,
            type: challenge.resourceRecordType,
            records: [challenge.resourceRecordValue],
            ttl: 300,
        },
        { parent },
    );
    // The listener takes the ARN from the validation, so it waits until ACM has issued the certificate.
    const validation = new aws.acm.CertificateValidation(
        `${name}-certificate-validation`,
        { certificateArn: certificate.arn, validationRecordFqdns: [validationRecord.fqdn] },
        { parent },
    );
    return validation.certificateArn;
}

/** The alias A record `<name>-alias`: `domainName` points at the load balancer. */
export function createAliasRecord(
    parent: pulumi.Resource,
    name: string,
    domainName: string,
    zoneId: pulumi.Input<string>,
    loadBalancer: aws.lb.LoadBalancer,
): aws.route53.Record {
    return new aws.route53.Record(
        `${name}-alias`,
        {
            zoneId,
            name: domainName,
            type: "A",
            aliases: [{ name: loadBalancer.dnsName, zoneId: loadBalancer.zoneId, evaluateTargetHealth: true }],
        },
        { parent },
    );
}
