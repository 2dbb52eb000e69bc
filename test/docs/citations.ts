/**
 * What a runbook cites (config keys, alarm and log group names, physical names, URNs, stacks, stack
 * outputs, npm scripts, files, links) and which of those citations name nothing that exists. Pure:
 * what exists comes in as `Facts`, so a made-up text can be checked as well as a real runbook.
 */
import { posix } from "path";

/** The kinds of name a runbook cites. */
export const CITATION_KINDS = [
    "config key",
    "alarm or dashboard",
    "log group",
    "secret or parameter",
    "physical or logical name",
    "ECS cluster",
    "ECS service",
    "ECR repository",
    "RDS instance",
    "Redis replication group",
    "S3 bucket",
    "URN",
    "stack",
    "stack output",
    "npm script",
    "file",
    "workflow",
    "policy pack",
    "link",
] as const;

/** One kind of citation. */
export type CitationKind = (typeof CITATION_KINDS)[number];

/** One name a runbook cites, and what kind of name it is. */
export interface Citation {
    readonly kind: CitationKind;
    readonly name: string;
}

/** Everything a citation may name. */
export interface Facts {
    /** Config paths of the schema, objects included: `services`, `services.api`, `services.api.minCount`. */
    readonly configPaths: ReadonlySet<string>;
    readonly alarmsAndDashboards: ReadonlySet<string>;
    /** Log groups the program creates, and the ones RDS creates for the logs it exports. */
    readonly logGroups: ReadonlySet<string>;
    /** Secrets Manager secret and SSM parameter names. */
    readonly secretsAndParameters: ReadonlySet<string>;
    /** Every string the plans hold (physical names, tags, ...) and every logical name. */
    readonly names: ReadonlySet<string>;
    readonly ecsClusters: ReadonlySet<string>;
    readonly ecsServices: ReadonlySet<string>;
    readonly ecrRepositories: ReadonlySet<string>;
    readonly rdsInstances: ReadonlySet<string>;
    readonly replicationGroups: ReadonlySet<string>;
    readonly buckets: ReadonlySet<string>;
    readonly urns: ReadonlySet<string>;
    readonly stacks: ReadonlySet<string>;
    /** Stack output names, and `output.key` for outputs that are objects. */
    readonly outputs: ReadonlySet<string>;
    readonly npmScripts: ReadonlySet<string>;
    /** Whether a path relative to the repository root exists. */
    readonly exists: (repoPath: string) => boolean;
    /** The heading anchors of a markdown file (a path relative to the repository root). */
    readonly anchorsOf: (repoPath: string) => ReadonlySet<string>;
}

/** What a check lets through although it is not in the facts, each entry saying why. */
export interface Allowances {
    /** Physical names the runbooks' own commands create (any kind of name). */
    readonly namesMadeByRunbooks: ReadonlySet<string>;
}

const URN = /urn:pulumi:[^\s'"`)]+/g;
const LINK = /\]\(([^)\s]+)\)/g;
const CONFIG_KEY = /(?<![\w:/-])fraud-detector:([A-Za-z]\w*(?:\.[A-Za-z]\w*)*)(?![\w:])/g;
const BARE_CONFIG_KEY = /`([a-z][A-Za-z]*(?:\.(?:[A-Za-z]\w*|\*))+)`/g;
const ALARM_OR_DASHBOARD = /\bFraudDetector-[A-Za-z0-9-]*[A-Za-z0-9]/g;
const LOG_GROUP = /(?<![\w/.-])\/(?:ecs|vpc|aws\/rds\/instance)\/[\w/.-]*\w/g;
const SECRET_OR_PARAMETER = /(?<![\w.-])\/?fraud-detector\/[\w/-]*\w/g;
const NAME = /(?<![\w-])fraud-detector-[a-z0-9]+(?:-[a-z0-9]+)*/g;
const ECS_CLUSTER = /--cluster\s+([\w-]+)/g;
const ECR_REPOSITORY = /--repository-name\s+([\w-]+)/g;
const RDS_INSTANCE = /--(?:source-|target-)?db-instance-identifier\s+([\w-]+)/g;
const REPLICATION_GROUP = /--replication-group-id\s+([\w-]+)/g;
const S3_BUCKET = /s3:\/\/([\w.-]+)|--bucket\s+([\w.-]+)/g;
const ECS_SERVICES = /--services?((?:[ \t]+(?!-)[\w-]+)+)|--service-name\s+([\w-]+)/g;
const STACK = /--stack[= ]+([\w/.-]+)/g;
const STACK_OUTPUT = /pulumi stack output ([A-Za-z][\w.]*)|stack output `([A-Za-z][\w.]*)`/g;
const NPM_SCRIPT = /npm run (?:--silent )?([\w:-]+)/g;
const FILE =
    /(?<![\w./-])((?:components|stacks|plan|policy|test|docs|bench|\.github)\/[\w./-]*\.(?:ts|md|ya?ml|json|cjs)|Pulumi(?:\.[a-z]+)?\.yaml|package\.json)/g;
const WORKFLOW = /--workflow[= ]+([\w.-]+)/g;
const POLICY_PACK = /--policy-pack[= ]+([\w./-]+)/g;

function matches(text: string, pattern: RegExp): string[] {
    return [...text.matchAll(pattern)].map((m) => m.slice(1).find((group) => group !== undefined) ?? m[0]);
}

/**
 * Every citation in `markdown`, a file at `repoPath`. `configSections` are the config's object keys
 * (`services`, `database`, ...): a backticked `database.backupWindow` counts as a config key.
 */
export function citationsIn(markdown: string, repoPath: string, configSections: readonly string[]): Citation[] {
    const urns = matches(markdown, URN);
    // URNs repeat project, type tokens and names in their own syntax: judged whole, then removed.
    const text = markdown.replace(URN, " ");
    const cite = (kind: CitationKind, names: string[]): Citation[] => names.map((name) => ({ kind, name }));
    const links = matches(text, LINK)
        .filter((target) => !/^[a-z]+:/.test(target))
        .map((target) => {
            const [path, anchor] = target.split("#");
            const resolved = path === "" ? repoPath : posix.normalize(posix.join(posix.dirname(repoPath), path));
            return anchor === undefined ? resolved : `${resolved}#${anchor}`;
        });
    return [
        ...cite("URN", urns),
        ...cite("link", links),
        ...cite("config key", [
            ...matches(text, CONFIG_KEY),
            ...matches(text, BARE_CONFIG_KEY).filter((key) => configSections.includes(key.split(".")[0])),
        ]),
        ...cite("alarm or dashboard", matches(text, ALARM_OR_DASHBOARD)),
        ...cite("log group", matches(text, LOG_GROUP)),
        ...cite("secret or parameter", matches(text, SECRET_OR_PARAMETER)),
        ...cite("physical or logical name", matches(text, NAME)),
        ...cite("ECS cluster", matches(text, ECS_CLUSTER)),
        ...cite(
            "ECS service",
            matches(text, ECS_SERVICES).flatMap((list) => list.trim().split(/\s+/)),
        ),
        ...cite("ECR repository", matches(text, ECR_REPOSITORY)),
        ...cite("RDS instance", matches(text, RDS_INSTANCE)),
        ...cite("Redis replication group", matches(text, REPLICATION_GROUP)),
        ...cite("S3 bucket", matches(text, S3_BUCKET)),
        ...cite("stack", matches(text, STACK)),
        ...cite("stack output", matches(text, STACK_OUTPUT)),
        ...cite("npm script", matches(text, NPM_SCRIPT)),
        ...cite("file", matches(text, FILE)),
        ...cite("workflow", matches(text, WORKFLOW)),
        ...cite("policy pack", matches(text, POLICY_PACK)),
    ];
}

/** The anchors GitHub gives the headings of `markdown` (code blocks left out). */
export function headingAnchors(markdown: string): Set<string> {
    const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, "");
    return new Set(
        [...prose.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
            m[1]
                .trim()
                .toLowerCase()
                .replace(/[^\p{L}\p{N}_\- ]/gu, "")
                .replace(/ /g, "-"),
        ),
    );
}

/** Whether `name` is one of `known`, or a leading run of path segments of one (`fraud-detector/prod`). */
function isPathOrPrefix(name: string, known: ReadonlySet<string>): boolean {
    return known.has(name) || [...known].some((k) => k.startsWith(`${name}/`));
}

function exists(citation: Citation, facts: Facts, allow: Allowances): boolean {
    const { kind, name } = citation;
    const file = (path: string) => facts.exists(path);
    const named = (known: ReadonlySet<string>) => known.has(name) || allow.namesMadeByRunbooks.has(name);
    switch (kind) {
        case "config key":
            return name.endsWith(".*") ? facts.configPaths.has(name.slice(0, -2)) : facts.configPaths.has(name);
        case "alarm or dashboard":
            return facts.alarmsAndDashboards.has(name);
        case "log group":
            return facts.logGroups.has(name);
        case "secret or parameter":
            return isPathOrPrefix(name, facts.secretsAndParameters);
        case "physical or logical name":
            return named(facts.names);
        case "ECS cluster":
            return named(facts.ecsClusters);
        case "ECS service":
            return named(facts.ecsServices);
        case "ECR repository":
            return named(facts.ecrRepositories);
        case "RDS instance":
            return named(facts.rdsInstances);
        case "Redis replication group":
            return named(facts.replicationGroups);
        case "S3 bucket":
            return named(facts.buckets);
        case "URN":
            return facts.urns.has(name);
        case "stack":
            return facts.stacks.has(name);
        case "stack output":
            return facts.outputs.has(name);
        case "npm script":
            return facts.npmScripts.has(name);
        case "file":
            return file(name);
        case "workflow":
            return file(`.github/workflows/${name}`);
        case "policy pack":
            return facts.exists(posix.join(name, "PulumiPolicy.yaml"));
        case "link": {
            const [path, anchor] = name.split("#");
            const checkAnchor = anchor !== undefined && path.endsWith(".md") && facts.exists(path);
            return file(path) && (!checkAnchor || facts.anchorsOf(path).has(anchor));
        }
    }
}

/** The citations that name nothing in `facts` and are not allowed, as `<kind>: <name>`, each once. */
export function unknownCitations(citations: readonly Citation[], facts: Facts, allow: Allowances): string[] {
    return [...new Set(citations.filter((c) => !exists(c, facts, allow)).map((c) => `${c.kind}: ${c.name}`))];
}
