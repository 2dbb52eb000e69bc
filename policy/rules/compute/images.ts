import { PolicyResource } from "@pulumi/policy";
import { asList, label, ofType, shown } from "../../../lib/relations/resources";
import { Rule, stackRule } from "../../lib/rule";
import { perContainer } from "./containers";
import { parseJson, perResource, record, records, TASK_DEFINITION } from "./shared";
import { refersTo, sourcesOf } from "../../../lib/relations/references";
import { Props } from "../../../lib/relations/resource-shape";

const REPOSITORY = "aws:ecr/repository:Repository";
const LIFECYCLE_POLICY = "aws:ecr/lifecyclePolicy:LifecyclePolicy";

/** A repository's own settings: scan on push, IMMUTABLE tags, KMS encryption. Decided in the resource pass. */
function repositorySettingProblems(props: Props): string[] {
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
    // `KMS` and `KMS_DSSE` both encrypt with a KMS key.
    const kms = records(props.encryptionConfigurations).some((c) => String(c.encryptionType).startsWith("KMS"));
    if (!kms) {
        problems.push(
            `encryptionConfigurations is ${shown(props.encryptionConfigurations)} (unset means AES256); set [{ encryptionType: "KMS", kmsKey: <key ARN> }]`,
        );
    }
    return problems;
}

/** A repository of this program has a lifecycle policy with rules: needs the lifecycle policies. */
function lifecycleProblems(repo: PolicyResource, resources: readonly PolicyResource[]): string[] {
    const problems: string[] = [];
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
    return problems;
}

/** An image reference split into repository, tag and digest. */
function parseImage(image: string): { repository: string; tag?: string; digest?: string } {
    const [named, digest] = image.split("@");
    // A colon before the last slash belongs to the registry's port (`registry.local:5000/api`), not a tag.
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

/**
 * The containers of a task definition whose image can change under the same reference. `judged`
 * picks which reasons to report: the resource pass reports what the reference alone shows (no tag,
 * latest), the stack pass a movable tag, which only the repository can excuse.
 */
function imageProblems(props: Props, judged: (image: string) => string | undefined): string[] {
    return perContainer(props, (container, who) => {
        const image = container.image;
        const reason = typeof image === "string" ? judged(image) : undefined;
        return reason === undefined
            ? []
            : [
                  `${who} image ${shown(image)} ${reason}; reference the git SHA tag the pipeline pushes or a digest (@sha256:…)`,
              ];
    });
}

/** What an image reference alone shows: a reason no repository can excuse (no tag, latest). */
function referenceReason(image: string): string | undefined {
    // Taken as if the repository were IMMUTABLE, only the reasons it cannot excuse remain.
    return unpinnedReason(image, true);
}

/** The containers whose movable tag no IMMUTABLE repository of this stack holds: needs the repositories. */
function movableTagProblems(task: PolicyResource): string[] {
    // The image URIs are unknown in a preview; an IMMUTABLE repository is recognised through the dependency.
    const immutable = sourcesOf(task, "containerDefinitions").some(
        (s) => s.type === REPOSITORY && s.props.imageTagMutability === "IMMUTABLE",
    );
    return imageProblems(task.props as Props, (image) =>
        referenceReason(image) === undefined ? unpinnedReason(image, immutable) : undefined,
    );
}

/** `ecr-repository-hardening`: the repositories this program manages are scanned, immutable, encrypted and pruned. */
export const ecrRepositoryHardening: Rule = stackRule({
    id: "ecr-repository-hardening",
    description:
        "Keeps the images the services run trustworthy and traceable (FSBP ECR.1, ECR.2, ECR.3; guide: Deployment Pipeline, Rollback Procedures): repositories of this program scan on push, keep tags IMMUTABLE, use KMS encryption and have a lifecycle policy.",
    kind: "security",
    resourceCheck: { types: [REPOSITORY], check: repositorySettingProblems },
    check: perResource([REPOSITORY], lifecycleProblems),
});

/** `container-images-pinned`: every container image is referenced immutably. */
export const containerImagesPinned: Rule = stackRule({
    id: "container-images-pinned",
    description:
        "Makes every deployment reproducible and every rollback exact (FSBP ECR.1-3; guide: Deployment Pipeline `$GITHUB_SHA` tags, correcting its `:latest`): images are referenced by digest, by a git SHA tag, or by a tag an IMMUTABLE repository of this stack holds.",
    kind: "security",
    resourceCheck: { types: [TASK_DEFINITION], check: (props) => imageProblems(props, referenceReason) },
    check: perResource([TASK_DEFINITION], movableTagProblems),
});
