import { PolicyResource } from "@pulumi/policy";
import { actionMatches, parseDocument } from "../lib/documents";
import { asList, label, ofType, refersTo, shown, sourcesOf, tagsOf } from "../lib/resources";
import { environmentOf, Finding, Props, resourceRule, Rule, RuleEnvironment, stackRule } from "../lib/rule";

const REGION = "ca-central-1";
/** A masked secret in the offline plan: an unknown value, never a literal. */
const SECRET = "[secret]";

// Type tokens; load balancers have aws:lb/* and aws:alb/* aliases, judged by the same checks.
const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const SUBNET = "aws:ec2/subnet:Subnet";
const LOAD_BALANCERS = ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"];
const LISTENERS = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];
const LISTENER_RULES = ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"];
const TARGET_GROUPS = ["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"];
const CERTIFICATE = "aws:acm/certificate:Certificate";
const WAF_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation";
const BUCKETS = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
const CLUSTER = "aws:ecs/cluster:Cluster";
const TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition";
const SERVICE = "aws:ecs/service:Service";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const SECRETS = ["aws:secretsmanager/secret:Secret", "aws:secretsmanager/secretVersion:SecretVersion"];
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const IAM_POLICY = "aws:iam/policy:Policy";
const REPOSITORY = "aws:ecr/repository:Repository";
const LIFECYCLE_POLICY = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
const SCALING_TARGET = "aws:appautoscaling/target:Target";
const SCALING_POLICY = "aws:appautoscaling/policy:Policy";

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

/** The guide's production task counts by physical service name (module "ecs_cluster"). */
const GUIDE_TASK_COUNTS: Readonly<Record<string, number>> = { "fraud-api": 3, "fraud-worker": 2, "fraud-ml": 2 };
/** The one service the internet-facing ALB may serve. */
const API_SERVICE = "fraud-api";

/** A nested input read defensively: the object, or an empty one. */
function record(value: unknown): Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : {};
}

/** The elements of a list input, each read as an object. */
function records(value: unknown): Record<string, unknown>[] {
    return asList(value as unknown[]).map(record);
}

/** Launch template booleans are strings (`"true"`); a real boolean is accepted too. */
function isTrue(value: unknown): boolean {
    return value === true || value === "true";
}

/** A JSON string input parsed, or undefined when it is absent, masked or unreadable. */
function parseJson(value: unknown): unknown {
    if (typeof value !== "string") {
        return value;
    }
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

// ---------------------------------------------------------------------------------------------
// EC2

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
function userDataTexts(props: Props, type: string): string[] {
    const plain = type === INSTANCE ? props.userData : undefined;
    const encoded = type === INSTANCE ? props.userDataBase64 : props.userData;
    const texts = typeof plain === "string" ? [plain] : [];
    if (typeof encoded === "string") {
        texts.push(encoded, Buffer.from(encoded, "base64").toString("utf8"));
    }
    return texts.filter((text) => text !== SECRET);
}

/** One finding per kind of credential found in the user data (CKV_AWS_46). */
function userDataProblems(props: Props, type: string): string[] {
    const texts = userDataTexts(props, type);
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

/** Public IPs: only the bastion instance; launch templates never (their flag is a string). */
function publicIpProblems(props: Props, type: string): string[] {
    if (type === INSTANCE) {
        const role = tagsOf(props).Role;
        return isTrue(props.associatePublicIpAddress) && role !== "bastion"
            ? [
                  `associatePublicIpAddress is true on an instance tagged Role ${shown(role)}; only the bastion (tags.Role "bastion") may have a public IP, set associatePublicIpAddress: false`,
              ]
            : [];
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
function monitoringProblems(props: Props, type: string): string[] {
    const template = type === LAUNCH_TEMPLATE;
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

// ---------------------------------------------------------------------------------------------
// Load balancers (aws:lb/* and aws:alb/* alike)

/** Whether a load balancer is an application one (the provider default). */
function isApplication(props: Props): boolean {
    return props.loadBalancerType === undefined || props.loadBalancerType === "application";
}

/** Internet-facing unless `internal: true` (the provider default is internet-facing). */
function isInternetFacing(props: Props): boolean {
    return props.internal !== true;
}

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
    if (props.certificateAuthorityArn === undefined && props.validationMethod !== "DNS") {
        problems.push(
            `validationMethod is ${shown(props.validationMethod)}; set validationMethod: "DNS" so ACM renews the certificate by itself`,
        );
    }
    return problems;
}

/** The subnets a load balancer spans: `subnets` or `subnetMappings[].subnetId`. */
function subnetCount(props: Props): number {
    const ids = [...asList(props.subnets as unknown[]), ...records(props.subnetMappings).map((m) => m.subnetId)];
    return new Set(ids.map(String)).size;
}

/** Whether a health-check matcher accepts an error status (4xx or 5xx), which would hide a broken task. */
function matcherAcceptsErrors(matcher: unknown): boolean {
    if (typeof matcher !== "string") {
        return false;
    }
    return matcher.split(",").some((part) => Number(part.split("-").pop()) >= 400);
}

/** Target groups of ECS tasks: `ip` targets, HTTP health check on /health. */
function targetGroupProblems(props: Props): string[] {
    const problems: string[] = [];
    if (props.targetType !== "ip") {
        problems.push(
            `targetType is ${shown(props.targetType)} (unset means "instance"); set targetType: "ip" for awsvpc tasks`,
        );
    }
    const check = record(props.healthCheck);
    if (check.enabled === false) {
        problems.push('healthCheck.enabled is false; set healthCheck: { enabled: true, path: "/health" }');
    }
    if (check.path !== "/health") {
        problems.push(`healthCheck.path is ${shown(check.path)} (unset means "/"); set healthCheck.path: "/health"`);
    }
    if (check.protocol !== undefined && check.protocol !== "HTTP" && check.protocol !== "HTTPS") {
        problems.push(`healthCheck.protocol is ${shown(check.protocol)}; use an HTTP health check`);
    }
    if (matcherAcceptsErrors(check.matcher)) {
        problems.push(`healthCheck.matcher is ${shown(check.matcher)}; accept only 2xx (or 3xx) answers, e.g. "200"`);
    }
    return problems;
}

/** The guide's response headers on HTTPS listeners (SECURE_HEADERS_ENABLED). */
function headerProblems(props: Props): string[] {
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

/** The listeners that forward to `targetGroup`: by default action, or through a listener rule. */
function listenersForwardingTo(targetGroup: PolicyResource, resources: readonly PolicyResource[]): PolicyResource[] {
    const direct = ofType(resources, ...LISTENERS).filter((l) => refersTo(l, "defaultActions", targetGroup));
    const viaRules = ofType(resources, ...LISTENER_RULES)
        .filter((r) => refersTo(r, "actions", targetGroup))
        .flatMap((r) => sourcesOf(r, "listenerArn").filter((l) => LISTENERS.includes(l.type)));
    return [...direct, ...viaRules];
}

/** The load balancers that send traffic to an ECS service: service → target group → listener → load balancer. */
function loadBalancersServing(service: PolicyResource, resources: readonly PolicyResource[]): PolicyResource[] {
    return sourcesOf(service, "loadBalancers")
        .filter((tg) => TARGET_GROUPS.includes(tg.type))
        .flatMap((tg) => listenersForwardingTo(tg, resources))
        .flatMap((listener) => sourcesOf(listener, "loadBalancerArn").filter((lb) => LOAD_BALANCERS.includes(lb.type)));
}

// ---------------------------------------------------------------------------------------------
// ECS

/** One container definition, as far as the rules read it. */
interface Container {
    readonly name?: string;
    readonly image?: string;
    readonly user?: string;
    readonly privileged?: boolean;
    readonly readonlyRootFilesystem?: boolean;
    readonly environment?: ReadonlyArray<{ name?: string; value?: string }>;
    readonly secrets?: ReadonlyArray<{ name?: string; valueFrom?: string }>;
    readonly mountPoints?: ReadonlyArray<{ sourceVolume?: string }>;
    readonly logConfiguration?: { logDriver?: string; options?: Record<string, string> };
}

/**
 * The containers of a task definition: `containerDefinitions` is a JSON string (an array is
 * accepted too). Undefined when it cannot be read (masked as a secret, or not yet known): the
 * rules then cannot decide and stay silent.
 */
function containersOf(props: Props): Container[] | undefined {
    const parsed = parseJson(props.containerDefinitions);
    return Array.isArray(parsed) ? parsed.map((c) => record(c) as Container) : undefined;
}

/** How messages name a container. */
function containerLabel(container: Container): string {
    return `container ${shown(container.name)}`;
}

/** A container's `environment` as name → value. */
function variablesOf(container: Container): Map<string, unknown> {
    return new Map(asList(container.environment).map((v) => [String(v.name), v.value]));
}

/** Variable names that hold credentials (FSBP ECS.8): by pattern, plus the fixed names. */
const CREDENTIAL_NAME = /PASSWORD|SECRET|KEY|TOKEN/i;
const CREDENTIAL_NAMES = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"];
/** A Secrets Manager ARN in this region (`:secret:` as AWS writes it, `/secret/` as the mocks do). */
const SECRET_ARN = new RegExp(`^arn:aws:secretsmanager:${REGION}:\\d{12}:secret[:/]`);

/** The flags a container must carry in `environment`, by environment (guide: Environment Configuration). */
function requiredFlags(environment: RuleEnvironment): Record<string, string> {
    const flags: Record<string, string> = { APP_ENV: environment, AWS_REGION: REGION };
    if (environment !== "local") {
        Object.assign(flags, { APP_DEBUG: "false", MOCK_EXTERNAL_SERVICES: "false" });
    }
    if (environment === "production") {
        for (const flag of [
            "ENCRYPT_SENSITIVE_DATA",
            "AUDIT_LOGGING_ENABLED",
            "SECURE_HEADERS_ENABLED",
            "METRICS_ENABLED",
            "HEALTH_CHECK_ENABLED",
        ]) {
            flags[flag] = "true";
        }
    }
    return flags;
}

/** Users that are root: by name or uid 0, with or without a group. */
function isRootUser(user: unknown): boolean {
    return typeof user === "string" && ["root", "0"].includes(user.split(":")[0]);
}

/** An image reference split into repository, tag and digest. */
function parseImage(image: string): { repository: string; tag?: string; digest?: string } {
    const [named, digest] = image.split("@");
    const colon = named.lastIndexOf(":");
    return colon > named.lastIndexOf("/")
        ? { repository: named.slice(0, colon), tag: named.slice(colon + 1), digest }
        : { repository: named, digest };
}

/** Why an image is not pinned, or undefined when it is (digest, git SHA tag, or a tag an IMMUTABLE repository holds). */
function unpinnedReason(image: string, immutableRepository: boolean): string | undefined {
    const { tag, digest } = parseImage(image);
    if (digest !== undefined && /^sha256:[0-9a-f]{64}$/.test(digest)) {
        return undefined;
    }
    if (tag === undefined) {
        return "has no tag (so it means latest)";
    }
    if (tag === "latest") {
        return "uses the moving tag latest";
    }
    if (/^[0-9a-f]{7,40}$/.test(tag) || immutableRepository) {
        return undefined;
    }
    return `uses the tag ${shown(tag)}, which can be moved (no IMMUTABLE repository of this stack holds it)`;
}

/** Whether an ECS service runs on Fargate: launch type or capacity provider. */
function usesFargate(props: Props): boolean {
    return (
        props.launchType === "FARGATE" ||
        records(props.capacityProviderStrategies).some((s) => String(s.capacityProvider).startsWith("FARGATE"))
    );
}

/** Actions only the execution role needs: reading secrets and pulling images. */
const EXECUTION_ACTIONS = ["secretsmanager:GetSecretValue", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"];
/** AWS-managed policies that grant those actions. */
const EXECUTION_MANAGED_POLICIES = ["AmazonECSTaskExecutionRolePolicy", "SecretsManagerReadWrite"];

/** The policy documents and managed policy ARNs attached to `role`, inline or through attachments. */
function policiesOf(
    role: PolicyResource,
    resources: readonly PolicyResource[],
): { documents: unknown[]; managedArns: string[] } {
    const documents: unknown[] = records(role.props.inlinePolicies).map((p) => p.policy);
    documents.push(
        ...ofType(resources, ROLE_POLICY)
            .filter((p) => refersTo(p, "role", role))
            .map((p) => (p.props as Props).policy),
    );
    const attachments = ofType(resources, ROLE_POLICY_ATTACHMENT).filter((a) => refersTo(a, "role", role));
    for (const attachment of attachments) {
        documents.push(
            ...sourcesOf(attachment, "policyArn")
                .filter((p) => p.type === IAM_POLICY)
                .map((p) => (p.props as Props).policy),
        );
    }
    const managedArns = [
        ...asList(role.props.managedPolicyArns as unknown[]),
        ...attachments.map((a) => (a.props as Props).policyArn),
    ].filter((arn): arn is string => typeof arn === "string");
    return { documents, managedArns };
}

/** What a task role is allowed that only the execution role should be. */
function executionGrants(role: PolicyResource, resources: readonly PolicyResource[]): string[] {
    const { documents, managedArns } = policiesOf(role, resources);
    const statements = documents.flatMap((document) => parseDocument(document) ?? []);
    const actions = EXECUTION_ACTIONS.filter((action) =>
        statements.some((s) => s.effect === "Allow" && s.actions.some((pattern) => actionMatches(pattern, action))),
    );
    const managed = managedArns.filter((arn) => EXECUTION_MANAGED_POLICIES.some((name) => arn.endsWith(`/${name}`)));
    return [...actions, ...managed];
}

/** Whether a scalable target belongs to `service`: by its resourceId's dependency or its value. */
function targetsService(target: PolicyResource, service: PolicyResource): boolean {
    const id = (target.props as Props).resourceId;
    return (
        refersTo(target, "resourceId", service) ||
        (typeof id === "string" &&
            id.startsWith("service/") &&
            service.props.name !== undefined &&
            id.split("/").pop() === service.props.name)
    );
}

/** Whether a scaling policy acts on `target`: by its resourceId's dependency or an equal value. */
function policyOnTarget(policy: PolicyResource, target: PolicyResource): boolean {
    return (
        refersTo(policy, "resourceId", target) ||
        (typeof policy.props.resourceId === "string" && policy.props.resourceId === target.props.resourceId)
    );
}

/** The capacity findings of one ECS scalable target (2 ≤ min ≤ max; fraud-api 2..10 with CPU at 70). */
function scalingProblems(
    service: PolicyResource,
    target: PolicyResource,
    resources: readonly PolicyResource[],
): string[] {
    const problems: string[] = [];
    const { minCapacity: min, maxCapacity: max, scalableDimension } = target.props;
    if (scalableDimension !== "ecs:service:DesiredCount") {
        problems.push(
            `scalableDimension is ${shown(scalableDimension)}; set scalableDimension: "ecs:service:DesiredCount"`,
        );
    }
    const name = (service.props as Props).name;
    if (name === API_SERVICE) {
        if (min !== 2 || max !== 10) {
            problems.push(
                `minCapacity is ${shown(min)} and maxCapacity ${shown(max)}; set minCapacity: 2 and maxCapacity: 10 for ${API_SERVICE} (guide: Auto Scaling)`,
            );
        }
    } else if (typeof min !== "number" || typeof max !== "number" || min < 2 || min > max) {
        problems.push(
            `minCapacity is ${shown(min)} and maxCapacity ${shown(max)}; keep 2 ≤ minCapacity ≤ maxCapacity for ${shown(name)}`,
        );
    }
    if (name === API_SERVICE) {
        const cpu = ofType(resources, SCALING_POLICY).filter(
            (p) =>
                policyOnTarget(p, target) &&
                p.props.policyType === "TargetTrackingScaling" &&
                record(record(p.props.targetTrackingScalingPolicyConfiguration).predefinedMetricSpecification)
                    .predefinedMetricType === "ECSServiceAverageCPUUtilization",
        );
        if (cpu.length === 0) {
            problems.push(
                `no target-tracking policy on ECSServiceAverageCPUUtilization scales ${API_SERVICE}; add an aws.appautoscaling.Policy with policyType "TargetTrackingScaling", resourceId of this target and targetValue 70`,
            );
        }
        for (const policy of cpu) {
            const value = record(policy.props.targetTrackingScalingPolicyConfiguration).targetValue;
            if (value !== 70) {
                problems.push(`the CPU scaling policy's targetValue is ${shown(value)}; set targetValue: 70`);
            }
        }
    }
    return problems;
}

/** Findings on `resource`, one per message. */
function on(resource: PolicyResource, messages: readonly string[]): Finding[] {
    return messages.map((message) => ({ resource, message }));
}

/** The compute rules of security-rules.md: EC2, load balancers, ECS, ECR and Application Auto Scaling. */
export const computeRules: readonly Rule[] = [
    resourceRule({
        id: "ec2-instance-hardening",
        description:
            "Protects the bastion and the ECS hosts from credential theft and data exposure (FSBP EC2.8, EC2.170, EC2.3): IMDSv2 only, every block device encrypted, no credentials in user data.",
        kind: "security",
        types: [INSTANCE, LAUNCH_TEMPLATE],
        check: (props, args) => [
            ...imdsProblems(props),
            ...(args.type === INSTANCE ? instanceVolumeProblems(props) : templateVolumeProblems(props)),
            ...userDataProblems(props, args.type),
        ],
    }),
    resourceRule({
        id: "ec2-public-ip-bastion-only",
        description:
            "Keeps hosts off the internet (FSBP EC2.9, EC2.25): only the instance tagged Role=bastion may take a public IPv4 address; launch templates never ask for one.",
        kind: "security",
        types: [INSTANCE, LAUNCH_TEMPLATE],
        check: (props, args) => publicIpProblems(props, args.type),
    }),
    resourceRule({
        id: "ec2-detailed-monitoring",
        description:
            "Makes hosts observable and administrable without SSH keys (awsguard ec2-instance-detailed-monitoring-enabled, CKV2_AWS_41): detailed monitoring and an instance profile for Session Manager.",
        kind: "advisory",
        types: [INSTANCE, LAUNCH_TEMPLATE],
        check: (props, args) => monitoringProblems(props, args.type),
    }),
    resourceRule({
        id: "asg-multi-az-launch-template",
        description:
            "Keeps the ECS hosts (staging t3.medium capacity) available through an AZ outage (FSBP AutoScaling.2, AutoScaling.9): built from a launch template, over subnets in both AZs.",
        kind: "resilience",
        types: ["aws:autoscaling/group:Group"],
        check: (props) => {
            const problems: string[] = [];
            if (props.launchConfiguration !== undefined) {
                problems.push(
                    `launchConfiguration is ${shown(props.launchConfiguration)}; build the group from a launch template (launchTemplate: { id, version }) instead`,
                );
            } else if (!hasLaunchTemplate(props)) {
                problems.push('launchTemplate is unset; set launchTemplate: { id: <template>.id, version: "$Latest" }');
            }
            const subnets = new Set(asList(props.vpcZoneIdentifiers as unknown[]).map(String)).size;
            if (subnets < 2) {
                problems.push(
                    `vpcZoneIdentifiers lists ${subnets} subnet(s); list the private subnets of both AZs (ca-central-1a and ca-central-1b)`,
                );
            }
            return problems;
        },
    }),
    resourceRule({
        id: "alb-https-only",
        description:
            "Keeps client traffic encrypted (FSBP ELB.1, ELB.17, ACM.2): HTTPS listeners use an ACM certificate with a strong key and a TLS 1.3 policy; any other listener only redirects to HTTPS.",
        kind: "security",
        types: [...LISTENERS, CERTIFICATE],
        check: (props, args) => (args.type === CERTIFICATE ? certificateProblems(props) : listenerTlsProblems(props)),
    }),
    stackRule({
        id: "alb-access-logs",
        description:
            "Keeps an audit trail of every request (FSBP ELB.5; guide: AUDIT_LOGGING_ENABLED): each load balancer writes access logs to a bucket of this stack.",
        kind: "security",
        check: (resources) =>
            ofType(resources, ...LOAD_BALANCERS).flatMap((lb) => {
                const logs = record(lb.props.accessLogs);
                if (logs.enabled !== true) {
                    return on(lb, [
                        `accessLogs.enabled is ${shown(logs.enabled)} (off by default, even with a bucket); set accessLogs: { enabled: true, bucket: <the log bucket> }`,
                    ]);
                }
                const fromStack = sourcesOf(lb, "accessLogs").some((s) => BUCKETS.includes(s.type));
                return fromStack
                    ? []
                    : on(lb, [
                          `accessLogs.bucket is ${shown(logs.bucket)}, not a bucket of this stack; set it to the project's log bucket (its bucket output)`,
                      ]);
            }),
    }),
    resourceRule({
        id: "alb-deletion-protection",
        description:
            "Stops a mistaken update or destroy from deleting the load balancer and its DNS name (FSBP ELB.6): enableDeletionProtection is on (the provider leaves it off).",
        kind: "security",
        types: LOAD_BALANCERS,
        check: (props) =>
            props.enableDeletionProtection === true
                ? []
                : [
                      `enableDeletionProtection is ${shown(props.enableDeletionProtection)} (off by default); set enableDeletionProtection: true`,
                  ],
    }),
    resourceRule({
        id: "alb-desync-protection",
        description:
            "Protects the API from HTTP request smuggling (FSBP ELB.4, ELB.12): application load balancers drop invalid header fields and never run desync mitigation in monitor mode.",
        kind: "security",
        types: LOAD_BALANCERS,
        check: (props) => {
            if (!isApplication(props)) {
                return [];
            }
            const problems: string[] = [];
            if (props.dropInvalidHeaderFields !== true) {
                problems.push(
                    `dropInvalidHeaderFields is ${shown(props.dropInvalidHeaderFields)} (off by default); set dropInvalidHeaderFields: true`,
                );
            }
            const mode = props.desyncMitigationMode;
            if (mode !== undefined && mode !== "defensive" && mode !== "strictest") {
                problems.push(`desyncMitigationMode is ${shown(mode)}; set "defensive" (the default) or "strictest"`);
            }
            return problems;
        },
    }),
    stackRule({
        id: "alb-availability",
        description:
            "Keeps the API reachable through an AZ outage and routes only to healthy tasks (FSBP ELB.13; guide: Infrastructure Architecture, Blue-Green Deployment): when load balancers exist, a single internet-facing application load balancer spans both AZs with its own security group, and target groups use ip targets checked on /health.",
        kind: "resilience",
        check: (resources) => {
            const lbs = ofType(resources, ...LOAD_BALANCERS);
            const facing = lbs.filter((lb) => isInternetFacing(lb.props));
            const findings: Finding[] = facing
                .slice(1)
                .flatMap((lb) =>
                    on(lb, [
                        `${label(lb)} is a second internet-facing load balancer (besides ${label(facing[0])}); keep one public ALB and set internal: true on the others`,
                    ]),
                );
            for (const lb of lbs) {
                const problems: string[] = [];
                if (isInternetFacing(lb.props) && !isApplication(lb.props)) {
                    problems.push(
                        `loadBalancerType is ${shown(lb.props.loadBalancerType)}; the public entry point is an application load balancer`,
                    );
                }
                const subnets = subnetCount(lb.props);
                if (subnets < 2) {
                    problems.push(
                        `the load balancer spans ${subnets} subnet(s); list the public subnets of both AZs in subnets`,
                    );
                }
                if (isApplication(lb.props) && asList(lb.props.securityGroups as unknown[]).length === 0) {
                    problems.push("securityGroups is unset; attach the ALB's own security group");
                }
                findings.push(...on(lb, problems));
            }
            for (const tg of ofType(resources, ...TARGET_GROUPS)) {
                findings.push(...on(tg, targetGroupProblems(tg.props)));
            }
            return findings;
        },
    }),
    stackRule({
        id: "alb-edge-protection",
        description:
            "Filters attacks before they reach the API and hardens browsers' handling of its answers (SH ELB.16; guide: SECURE_HEADERS_ENABLED): a WAFv2 web ACL guards each internet-facing load balancer, and HTTPS listeners add HSTS, X-Content-Type-Options and X-Frame-Options.",
        kind: "advisory",
        check: (resources) => {
            const associations = ofType(resources, WAF_ASSOCIATION);
            const unguarded = ofType(resources, ...LOAD_BALANCERS).filter(
                (lb) => isInternetFacing(lb.props) && !associations.some((a) => refersTo(a, "resourceArn", lb)),
            );
            const findings = unguarded.flatMap((lb) =>
                on(lb, [
                    `no WAFv2 web ACL is associated with ${label(lb)}; add an aws.wafv2.WebAclAssociation with resourceArn: <alb>.arn`,
                ]),
            );
            for (const listener of ofType(resources, ...LISTENERS)) {
                if (listener.props.protocol === "HTTPS") {
                    findings.push(...on(listener, headerProblems(listener.props)));
                }
            }
            return findings;
        },
    }),
    stackRule({
        id: "ecs-service-network",
        description:
            "Keeps the tasks off the internet (FSBP ECS.2, ECS.10; guide: Infrastructure Architecture): services run in private subnets with their own security groups and no public IP, Fargate on LATEST/1.4.0, and only fraud-api is served by an internet-facing load balancer.",
        kind: "security",
        check: (resources) =>
            ofType(resources, SERVICE).flatMap((service) => {
                const props = service.props as Props;
                const network = record(props.networkConfiguration);
                const problems: string[] = [];
                if (props.networkConfiguration === undefined) {
                    problems.push(
                        "networkConfiguration is unset; set networkConfiguration: { subnets: <private subnets>, securityGroups: [<service group>], assignPublicIp: false }",
                    );
                } else {
                    if (network.assignPublicIp === true) {
                        problems.push("networkConfiguration.assignPublicIp is true; set assignPublicIp: false");
                    }
                    if (asList(network.subnets as unknown[]).length === 0) {
                        problems.push("networkConfiguration.subnets is empty; list the private subnets");
                    }
                    const publicSubnets = sourcesOf(service, "networkConfiguration").filter(
                        (s) =>
                            s.type === SUBNET &&
                            (tagsOf(s.props).SubnetType === "Public" || s.props.mapPublicIpOnLaunch === true),
                    );
                    for (const subnet of publicSubnets) {
                        problems.push(
                            `networkConfiguration.subnets include the public ${label(subnet)}; run tasks in the private subnets`,
                        );
                    }
                    if (asList(network.securityGroups as unknown[]).length === 0) {
                        problems.push(
                            "networkConfiguration.securityGroups is empty; attach the service's own security group",
                        );
                    }
                }
                const version = props.platformVersion;
                if (usesFargate(props) && version !== undefined && version !== "LATEST" && version !== "1.4.0") {
                    problems.push(`platformVersion is ${shown(version)}; remove it or set platformVersion: "LATEST"`);
                }
                if (props.name !== API_SERVICE) {
                    const exposed = loadBalancersServing(service, resources).filter((lb) => isInternetFacing(lb.props));
                    for (const lb of new Set(exposed)) {
                        problems.push(
                            `service ${shown(props.name)} is served by the internet-facing ${label(lb)}; only ${API_SERVICE} is, reach the others from inside the VPC`,
                        );
                    }
                }
                return on(service, problems);
            }),
    }),
    stackRule({
        id: "ecs-observability",
        description:
            "Makes the services debuggable as the guide does it (`aws logs tail /ecs/fraud-api`; FSBP ECS.9, ECS.12): Container Insights is on for every cluster, and every container logs through awslogs to a log group /ecs/<service> of this stack in ca-central-1.",
        kind: "security",
        check: (resources) => {
            const findings: Finding[] = [];
            for (const cluster of ofType(resources, CLUSTER)) {
                const insights = records(cluster.props.settings).find((s) => s.name === "containerInsights")?.value;
                if (insights !== "enabled" && insights !== "enhanced") {
                    findings.push(
                        ...on(cluster, [
                            `containerInsights is ${shown(insights)}; set settings: [{ name: "containerInsights", value: "enabled" }] (or "enhanced")`,
                        ]),
                    );
                }
            }
            const managed = new Set(ofType(resources, LOG_GROUP).map((g) => (g.props as Props).name));
            for (const task of ofType(resources, TASK_DEFINITION)) {
                for (const container of containersOf(task.props) ?? []) {
                    const logs = container.logConfiguration ?? {};
                    const options = record(logs.options);
                    const group = options["awslogs-group"];
                    const who = containerLabel(container);
                    const problems: string[] = [];
                    if (logs.logDriver !== "awslogs") {
                        problems.push(
                            `${who} logs through ${shown(logs.logDriver)}; set logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": "/ecs/<service>", "awslogs-region": "${REGION}", "awslogs-stream-prefix": "ecs" } }`,
                        );
                    } else {
                        if (typeof group !== "string" || !group.startsWith("/ecs/")) {
                            problems.push(`${who} logs to ${shown(group)}; name its log group "/ecs/<service>"`);
                        } else if (!managed.has(group)) {
                            problems.push(
                                `${who} logs to ${shown(group)}, which no aws.cloudwatch.LogGroup of this stack creates; create it (with a retention) in this stack`,
                            );
                        }
                        if (options["awslogs-region"] !== REGION) {
                            problems.push(
                                `${who} sends logs to region ${shown(options["awslogs-region"])}; set "awslogs-region": "${REGION}"`,
                            );
                        }
                    }
                    findings.push(...on(task, problems));
                }
            }
            return findings;
        },
    }),
    resourceRule({
        id: "ecs-no-host-access-or-privilege",
        description:
            "Keeps a compromised container from reaching the host (FSBP ECS.3, ECS.4, SH ECS.17): awsvpc networking, no shared PID or IPC namespace, no privileged container.",
        kind: "security",
        types: [TASK_DEFINITION],
        check: (props) => {
            const problems: string[] = [];
            if (props.networkMode !== "awsvpc") {
                problems.push(
                    `networkMode is ${shown(props.networkMode)} (unset means "bridge" on EC2); set networkMode: "awsvpc"`,
                );
            }
            for (const mode of ["pidMode", "ipcMode"]) {
                if (props[mode] === "host") {
                    problems.push(`${mode} is "host"; remove ${mode} (or set "task")`);
                }
            }
            for (const container of containersOf(props) ?? []) {
                if (container.privileged === true) {
                    problems.push(`${containerLabel(container)} is privileged; remove privileged: true`);
                }
            }
            return problems;
        },
    }),
    resourceRule({
        id: "ecs-container-least-privilege",
        description:
            "Limits what a compromised container can do (FSBP ECS.5, SH ECS.20; guide: the ML image's USER appuser): containers run as a non-root user on a read-only root filesystem, writing only to declared task volumes.",
        kind: "advisory",
        types: [TASK_DEFINITION],
        check: (props) => {
            const volumes = new Set(records(props.volumes).map((v) => v.name));
            return (containersOf(props) ?? []).flatMap((container) => {
                const who = containerLabel(container);
                const problems: string[] = [];
                if (container.user === undefined || isRootUser(container.user)) {
                    problems.push(
                        `${who} runs as user ${shown(container.user)}${container.user === undefined ? " (the image's default, often root)" : ""}; set user to a non-root uid, e.g. "1000"`,
                    );
                }
                if (container.readonlyRootFilesystem !== true) {
                    problems.push(
                        `${who} has readonlyRootFilesystem ${shown(container.readonlyRootFilesystem)}; set readonlyRootFilesystem: true and mount writable paths as volumes`,
                    );
                }
                for (const mount of asList(container.mountPoints)) {
                    if (!volumes.has(mount.sourceVolume)) {
                        problems.push(
                            `${who} mounts ${shown(mount.sourceVolume)}, which volumes does not declare; add { name: ${shown(mount.sourceVolume)} } to volumes`,
                        );
                    }
                }
                return problems;
            });
        },
    }),
    stackRule({
        id: "ecs-secrets-not-in-environment",
        description:
            "Keeps credentials out of task definitions, which many people can read (FSBP ECS.8; guide: Secrets Management): no credential-like variable in environment; DB_PASSWORD, APP_KEY and the HMAC keys come from this stack's Secrets Manager secrets through secrets[].valueFrom.",
        kind: "security",
        check: (resources) =>
            ofType(resources, TASK_DEFINITION).flatMap((task) => {
                const containers = containersOf(task.props) ?? [];
                const problems = containers.flatMap((container) => {
                    const who = containerLabel(container);
                    const exposed = [...variablesOf(container).keys()].filter(
                        (name) => CREDENTIAL_NAME.test(name) || CREDENTIAL_NAMES.includes(name),
                    );
                    const misplaced = exposed.map(
                        (name) =>
                            `${who} passes ${name} in environment; move it to secrets: [{ name: "${name}", valueFrom: <secret ARN> }]`,
                    );
                    const foreign = asList(container.secrets)
                        .filter((s) => typeof s.valueFrom !== "string" || !SECRET_ARN.test(s.valueFrom))
                        .map(
                            (s) =>
                                `${who} reads ${String(s.name)} from ${shown(s.valueFrom)}; point valueFrom at a Secrets Manager secret ARN of this stack in ${REGION}`,
                        );
                    return [...misplaced, ...foreign];
                });
                const usesSecrets = containers.some((c) => asList(c.secrets).length > 0);
                const fromStack = sourcesOf(task, "containerDefinitions").some((s) => SECRETS.includes(s.type));
                if (usesSecrets && !fromStack) {
                    problems.push(
                        "the task's secrets come from no aws.secretsmanager.Secret of this stack; build each valueFrom from the stack's secret ARNs",
                    );
                }
                return on(task, problems);
            }),
    }),
    resourceRule({
        id: "ecs-app-flags-per-environment",
        description:
            "Keeps each environment's application behaviour as the guide sets it (Environment Configuration, Production Configuration): APP_ENV and AWS_REGION always; no debug or mocks outside local; the security and monitoring flags on in production.",
        kind: "security",
        types: [TASK_DEFINITION],
        check: (props) => {
            const environment = environmentOf(props);
            const flags = requiredFlags(environment);
            return (containersOf(props) ?? []).flatMap((container) => {
                const variables = variablesOf(container);
                const who = containerLabel(container);
                const problems = Object.entries(flags)
                    .filter(([name, value]) => variables.get(name) !== value && variables.get(name) !== SECRET)
                    .map(([name, value]) => `${who}: ${name} is ${shown(variables.get(name))}; set ${name}=${value}`);
                if (environment !== "local" && variables.get("MOCK_BEDROCK") === "true") {
                    problems.push(`${who}: MOCK_BEDROCK is "true"; remove it or set MOCK_BEDROCK=false outside local`);
                }
                return problems;
            });
        },
    }),
    resourceRule({
        id: "ecs-service-resilience",
        description:
            'Keeps the services up through task failures and bad deployments (guide: Production Infrastructure module "ecs_cluster", Rollback Procedures): production runs at least the guide\'s task counts, and the deployment circuit breaker rolls failed deployments back.',
        kind: "resilience",
        types: [SERVICE],
        check: (props) => {
            const problems: string[] = [];
            if (environmentOf(props) === "production") {
                const name = props.name;
                const wanted = typeof name === "string" && name in GUIDE_TASK_COUNTS ? GUIDE_TASK_COUNTS[name] : 1;
                const count = props.desiredCount;
                if (typeof count !== "number" || count < wanted) {
                    problems.push(
                        `desiredCount is ${shown(count)} (the provider default is 0); run at least ${wanted} task(s) of ${shown(name)} in production`,
                    );
                }
            }
            const controller = record(props.deploymentController).type;
            const breaker = record(props.deploymentCircuitBreaker);
            if (
                (controller === undefined || controller === "ECS") &&
                (breaker.enable !== true || breaker.rollback !== true)
            ) {
                problems.push(
                    `deploymentCircuitBreaker is ${shown(props.deploymentCircuitBreaker)}; set deploymentCircuitBreaker: { enable: true, rollback: true }`,
                );
            }
            return problems;
        },
    }),
    stackRule({
        id: "ecs-task-roles-separate",
        description:
            "Limits what application code can reach (CKV_AWS_249; guide: Security Hardening › IAM Roles): every task definition has its own task role, distinct from its execution role, and only the execution role reads secrets and pulls images.",
        kind: "security",
        check: (resources) =>
            ofType(resources, TASK_DEFINITION).flatMap((task) => {
                const props = task.props as Props;
                const problems: string[] = [];
                if (props.taskRoleArn === undefined) {
                    problems.push(
                        "taskRoleArn is unset; give the task its own role with only what the application calls",
                    );
                }
                if (props.executionRoleArn === undefined) {
                    problems.push(
                        "executionRoleArn is unset; give the task an execution role to pull images and read its secrets",
                    );
                }
                const taskRoles = sourcesOf(task, "taskRoleArn").filter((r) => r.type === ROLE);
                const executionRoles = sourcesOf(task, "executionRoleArn");
                const shared = taskRoles.find((r) => executionRoles.includes(r));
                const sameLiteral =
                    taskRoles.length === 0 &&
                    executionRoles.length === 0 &&
                    props.taskRoleArn !== undefined &&
                    props.taskRoleArn !== SECRET &&
                    props.taskRoleArn === props.executionRoleArn;
                if (shared !== undefined || sameLiteral) {
                    problems.push(
                        `taskRoleArn and executionRoleArn are the same role (${shared ? label(shared) : shown(props.taskRoleArn)}); create a separate task role`,
                    );
                }
                for (const role of taskRoles.filter((r) => r !== shared)) {
                    for (const grant of executionGrants(role, resources)) {
                        problems.push(
                            `the task role ${label(role)} is granted ${grant}; only the execution role reads secrets and pulls images`,
                        );
                    }
                }
                return on(task, problems);
            }),
    }),
    stackRule({
        id: "ecr-repository-hardening",
        description:
            "Keeps the images the services run trustworthy and traceable (FSBP ECR.1, ECR.2, ECR.3; guide: Deployment Pipeline, Rollback Procedures): repositories of this program scan on push, keep tags IMMUTABLE, use KMS encryption and have a lifecycle policy.",
        kind: "security",
        check: (resources) =>
            ofType(resources, REPOSITORY).flatMap((repo) => {
                const props = repo.props as Props;
                const problems: string[] = [];
                const scan = record(props.imageScanningConfiguration).scanOnPush;
                if (scan !== true) {
                    problems.push(
                        `imageScanningConfiguration.scanOnPush is ${shown(scan)}; set imageScanningConfiguration: { scanOnPush: true }`,
                    );
                }
                if (props.imageTagMutability !== "IMMUTABLE") {
                    problems.push(
                        `imageTagMutability is ${shown(props.imageTagMutability)} (unset means "MUTABLE"); set imageTagMutability: "IMMUTABLE"`,
                    );
                }
                const kms = records(props.encryptionConfigurations).some((c) =>
                    String(c.encryptionType).startsWith("KMS"),
                );
                if (!kms) {
                    problems.push(
                        `encryptionConfigurations is ${shown(props.encryptionConfigurations)} (unset means AES256); set [{ encryptionType: "KMS", kmsKey: <key ARN> }]`,
                    );
                }
                const lifecycles = ofType(resources, LIFECYCLE_POLICY).filter((p) => refersTo(p, "repository", repo));
                if (lifecycles.length === 0) {
                    problems.push(
                        "no lifecycle policy manages this repository; add an aws.ecr.LifecyclePolicy with repository: <repository>.name",
                    );
                }
                for (const lifecycle of lifecycles) {
                    const rules = asList(record(parseJson(lifecycle.props.policy)).rules as unknown[]);
                    if (rules.length === 0) {
                        problems.push(
                            `the lifecycle policy ${label(lifecycle)} has no rules; add rules that expire untagged and old images`,
                        );
                    }
                }
                return on(repo, problems);
            }),
    }),
    stackRule({
        id: "container-images-pinned",
        description:
            "Makes every deployment reproducible and every rollback exact (FSBP ECR.1-3; guide: Deployment Pipeline `$GITHUB_SHA` tags, correcting its `:latest`): images are referenced by digest, by a git SHA tag, or by a tag an IMMUTABLE repository of this stack holds.",
        kind: "security",
        check: (resources) =>
            ofType(resources, TASK_DEFINITION).flatMap((task) => {
                const immutable = sourcesOf(task, "containerDefinitions").some(
                    (s) => s.type === REPOSITORY && s.props.imageTagMutability === "IMMUTABLE",
                );
                return (containersOf(task.props) ?? []).flatMap((container) => {
                    const image = container.image;
                    const reason = typeof image === "string" ? unpinnedReason(image, immutable) : undefined;
                    return reason === undefined
                        ? []
                        : on(task, [
                              `${containerLabel(container)} image ${shown(image)} ${reason}; reference the git SHA tag the pipeline pushes or a digest (@sha256:…)`,
                          ]);
                });
            }),
    }),
    stackRule({
        id: "ecs-autoscaling",
        description:
            "Lets production follow the load the guide plans for (Performance Optimization › Auto Scaling): every production ECS service has a scalable target with 2 ≤ min ≤ max; fraud-api scales 2 to 10 on ECSServiceAverageCPUUtilization at 70.",
        kind: "resilience",
        check: (resources) =>
            ofType(resources, SERVICE)
                .filter((service) => environmentOf(service.props as Props) === "production")
                .flatMap((service) => {
                    const targets = ofType(resources, SCALING_TARGET).filter(
                        (t) => t.props.serviceNamespace === "ecs" && targetsService(t, service),
                    );
                    if (targets.length === 0) {
                        return on(service, [
                            `no Application Auto Scaling target scales service ${shown(service.props.name)}; add an aws.appautoscaling.Target with serviceNamespace "ecs", scalableDimension "ecs:service:DesiredCount" and resourceId "service/<cluster>/<service>"`,
                        ]);
                    }
                    return targets.flatMap((target) => on(target, scalingProblems(service, target, resources)));
                }),
    }),
];
