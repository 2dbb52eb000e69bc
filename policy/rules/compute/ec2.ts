import { MASKED, shown, tagsOf } from "../../../lib/relations/resources";
import { resourceRule, Rule, RuleSpec } from "../../lib/rule";
import { distinctCount, record, records } from "./shared";
import { Props } from "../../../lib/relations/resource-shape";

const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

/**
 * An EC2 host as the rules meet it: the bastion `instance`, or the launch `template` the staging
 * ECS hosts start from. Both declare the same settings, but the template spells several of them
 * differently (string booleans, base64 user data, nested monitoring), so a check is told which
 * one it reads.
 */
type Host = "instance" | "template";

/**
 * A rule over instances and launch templates together: one check per concern, whichever way the
 * host is declared, instead of one rule per type token that would repeat the concern.
 */
function hostRule(spec: RuleSpec & { check(props: Props, host: Host): readonly string[] }): Rule {
    return resourceRule({
        ...spec,
        types: [INSTANCE, LAUNCH_TEMPLATE],
        check: (props, args) => spec.check(props, args.type === INSTANCE ? "instance" : "template"),
    });
}

/** Launch template booleans are strings (`"true"`); a real boolean is accepted too. */
function isTrue(value: unknown): boolean {
    return value === true || value === "true";
}

/** What gives a credential away in user data. Messages name the kind, never the value. */
const CREDENTIAL_PATTERNS: ReadonlyArray<readonly [string, RegExp]> = [
    ["an AWS access key id", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
    ["a private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
    // NAME=value with a literal value; `TOKEN=$(curl …)` (the IMDSv2 token fetch) is not a literal.
    [
        "a literal password, secret or token",
        /\b\w*(PASSWORD|PASSWD|SECRET|TOKEN|AUTH_DATA)\w*\s*[=:]\s*["']?(?![$"'\s])\S/i,
    ],
];

/** User data as text: `userData` is plain on instances; `userDataBase64` and launch template `userData` are base64. */
function userDataTexts(props: Props, host: Host): string[] {
    const plain = host === "instance" ? props.userData : undefined;
    const encoded = host === "instance" ? props.userDataBase64 : props.userData;
    const texts = typeof plain === "string" ? [plain] : [];
    if (typeof encoded === "string") {
        // The raw text is searched too, for a plain script passed where base64 is expected.
        texts.push(encoded, Buffer.from(encoded, "base64").toString("utf8"));
    }
    return texts.filter((text) => text !== MASKED);
}

/** One finding per kind of credential found in the user data (CKV_AWS_46). */
function userDataProblems(props: Props, host: Host): string[] {
    const texts = userDataTexts(props, host);
    return CREDENTIAL_PATTERNS.filter(([, pattern]) => texts.some((text) => pattern.test(text))).map(
        ([what]) =>
            `user data contains ${what}; keep credentials out of user data and read them at boot from Secrets Manager or SSM through the instance role`,
    );
}

/** IMDSv2 only (FSBP EC2.8, EC2.170): the same input on instances and launch templates. */
function imdsProblems(props: Props): string[] {
    const tokens = record(props.metadataOptions).httpTokens;
    return tokens === "required"
        ? []
        : [
              `metadataOptions.httpTokens is ${shown(tokens)}; set metadataOptions: { httpTokens: "required" } so only IMDSv2 answers`,
          ];
}

/** Instance volumes: booleans; an unset root `encrypted` keeps the AMI's unencrypted default. */
function instanceVolumeProblems(props: Props): string[] {
    const problems: string[] = [];
    const root = record(props.rootBlockDevice).encrypted;
    if (root !== true) {
        problems.push(`rootBlockDevice.encrypted is ${shown(root)}; set rootBlockDevice: { encrypted: true }`);
    }
    records(props.ebsBlockDevices).forEach((device, i) => {
        if (device.encrypted !== true) {
            problems.push(
                `ebsBlockDevices[${i}] (${shown(device.deviceName)}) encrypted is ${shown(device.encrypted)}; set encrypted: true`,
            );
        }
    });
    return problems;
}

/** Launch template volumes: `ebs.encrypted` is a string; no mapping keeps the AMI's unencrypted root. */
function templateVolumeProblems(props: Props): string[] {
    const mappings = records(props.blockDeviceMappings);
    if (mappings.length === 0) {
        return [
            'blockDeviceMappings is unset, so the root volume keeps the AMI\'s unencrypted default; map the root device with ebs: { encrypted: "true" }',
        ];
    }
    return mappings.flatMap((mapping, i) => {
        // A mapping without `ebs` is an instance-store or suppressed device: nothing to encrypt.
        if (mapping.ebs === undefined) {
            return [];
        }
        const encrypted = record(mapping.ebs).encrypted;
        return isTrue(encrypted)
            ? []
            : [
                  `blockDeviceMappings[${i}] (${shown(mapping.deviceName)}) ebs.encrypted is ${shown(encrypted)}; set ebs: { encrypted: "true" } (a string)`,
              ];
    });
}

/**
 * Public IPs: none, on any host. The bastion needs none either: Session Manager is reached outbound
 * through the NAT gateway (awsguard `ec2-instance-no-public-ip` flags every instance that asks).
 * An instance must say `false`: left unset, the subnet's `mapPublicIpOnLaunch` decides ("whether
 * instances launched in this subnet receive a public IPv4 address", EC2 API `Subnet`), and a public
 * subnet hands one out. Launch templates spell the flag as a string.
 */
function publicIpProblems(props: Props, host: Host): string[] {
    if (host === "instance") {
        const asked = props.associatePublicIpAddress;
        if (asked === false || asked === "false") {
            return [];
        }
        const role = shown(tagsOf(props).Role);
        return [
            isTrue(asked)
                ? `associatePublicIpAddress is true on an instance tagged Role ${role}; no instance may hold a public IP (the bastion reaches Session Manager through the NAT gateway): set associatePublicIpAddress: false and use a private subnet`
                : `associatePublicIpAddress is ${shown(asked)} on an instance tagged Role ${role}, so the subnet's mapPublicIpOnLaunch decides and a public subnet hands out an address: set associatePublicIpAddress: false`,
        ];
    }
    return records(props.networkInterfaces).flatMap((nic, i) =>
        isTrue(nic.associatePublicIpAddress)
            ? [
                  `networkInterfaces[${i}].associatePublicIpAddress is ${shown(nic.associatePublicIpAddress)}; set it to "false" (ECS hosts stay in the private subnets)`,
              ]
            : [],
    );
}

/** Detailed monitoring and an instance profile (SSM) instead of an SSH key pair. */
function monitoringProblems(props: Props, host: Host): string[] {
    const template = host === "template";
    const problems: string[] = [];
    const monitoring = template ? record(props.monitoring).enabled : props.monitoring;
    if (monitoring !== true) {
        problems.push(
            template
                ? `monitoring.enabled is ${shown(monitoring)}; set monitoring: { enabled: true } for 1-minute metrics`
                : `monitoring is ${shown(monitoring)}; set monitoring: true for 1-minute metrics`,
        );
    }
    const profile = record(props.iamInstanceProfile);
    if (template ? profile.arn === undefined && profile.name === undefined : props.iamInstanceProfile === undefined) {
        problems.push(
            `iamInstanceProfile is unset; attach an instance profile whose role has AmazonSSMManagedInstanceCore${template ? " (iamInstanceProfile: { arn })" : ""}, so admins use Session Manager`,
        );
    }
    if (props.keyName !== undefined) {
        problems.push(
            `keyName is ${shown(props.keyName)}; drop the SSH key pair and reach the host through Session Manager`,
        );
    }
    return problems;
}

/** The launch template an Auto Scaling group is built from, directly or through a mixed instances policy. */
function hasLaunchTemplate(props: Props): boolean {
    const direct = record(props.launchTemplate);
    const mixed = record(record(record(props.mixedInstancesPolicy).launchTemplate).launchTemplateSpecification);
    return [direct.id, direct.name, mixed.launchTemplateId, mixed.launchTemplateName].some((v) => v !== undefined);
}

/** Auto Scaling capacity: a launch template (not a launch configuration) over subnets of both AZs. */
function autoScalingGroupProblems(props: Props): string[] {
    const problems: string[] = [];
    if (props.launchConfiguration !== undefined) {
        problems.push(
            `launchConfiguration is ${shown(props.launchConfiguration)}; build the group from a launch template (launchTemplate: { id, version }) instead`,
        );
    } else if (!hasLaunchTemplate(props)) {
        problems.push('launchTemplate is unset; set launchTemplate: { id: <template>.id, version: "$Latest" }');
    }
    const subnets = distinctCount(props.vpcZoneIdentifiers);
    if (subnets < 2) {
        problems.push(
            `vpcZoneIdentifiers lists ${subnets} subnet(s); list the private subnets of both AZs (ca-central-1a and ca-central-1b)`,
        );
    }
    return problems;
}

/**
 * The EC2 rules of security-rules.md, in its table order: the bastion and the launch templates of
 * the ECS hosts (hardening, public IPs, monitoring), and the Auto Scaling capacity built from them.
 */
export const ec2Rules: readonly Rule[] = [
    hostRule({
        id: "ec2-instance-hardening",
        description:
            "Protects the bastion and the ECS hosts from credential theft and data exposure (FSBP EC2.8, EC2.170, EC2.3): IMDSv2 only, every block device encrypted, no credentials in user data.",
        kind: "security",
        check: (props, host) => [
            ...imdsProblems(props),
            ...(host === "instance" ? instanceVolumeProblems(props) : templateVolumeProblems(props)),
            ...userDataProblems(props, host),
        ],
    }),
    hostRule({
        id: "ec2-public-ip-bastion-only",
        description:
            "Keeps hosts off the internet (FSBP EC2.9, EC2.25; awsguard ec2-instance-no-public-ip): no instance, the bastion included, takes a public IPv4 address, since Session Manager needs none; launch templates never ask for one.",
        kind: "security",
        check: publicIpProblems,
    }),
    hostRule({
        id: "ec2-detailed-monitoring",
        description:
            "Makes hosts observable and administrable without SSH keys (awsguard ec2-instance-detailed-monitoring-enabled, CKV2_AWS_41): detailed monitoring and an instance profile for Session Manager.",
        kind: "advisory",
        check: monitoringProblems,
    }),
    resourceRule({
        id: "asg-multi-az-launch-template",
        description:
            "Keeps the ECS hosts (staging t3.medium capacity) available through an AZ outage (FSBP AutoScaling.2, AutoScaling.9): built from a launch template, over subnets in both AZs.",
        kind: "resilience",
        types: ["aws:autoscaling/group:Group"],
        check: autoScalingGroupProblems,
    }),
];
