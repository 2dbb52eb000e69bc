import { strict as assert } from "assert";
import { existsSync, readdirSync, readFileSync } from "fs";
import { join } from "path";
import type { PlanDocument } from "../../plan/engine/contract";
import { stackConfigSchema } from "../../stacks";
import { planOf, ROOT, STACKS } from "../helpers/plan";
import { alarmHeadings, alarmSectionProblems } from "./alarm-sections";
import {
    Allowances,
    Citation,
    CITATION_KINDS,
    citationsIn,
    Facts,
    headingAnchors,
    unknownCitations,
} from "./citations";

const RUNBOOK_DIR = "docs/runbooks";
const RUNBOOKS = readdirSync(join(ROOT, RUNBOOK_DIR))
    .filter((file) => file.endsWith(".md"))
    .sort()
    .map((file) => `${RUNBOOK_DIR}/${file}`);

const ALLOW: Allowances = {
    namesMadeByRunbooks: new Set([
        // The temporary instance (and its snapshot prefix) of the point-in-time restore in
        // disaster-recovery.md: created by hand, never by the program.
        "fraud-detector-prod-pitr",
    ]),
};

/** Config paths of the schema, objects and leaves: `services`, `services.api`, `services.api.cpu`. */
function configPaths(schema: unknown, prefix = ""): string[] {
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    if (!shape) {
        return [];
    }
    return Object.entries(shape).flatMap(([key, child]) => [
        `${prefix}${key}`,
        ...configPaths(child, `${prefix}${key}.`),
    ]);
}

/** Every string inside `value`, however deeply nested. */
function stringsIn(value: unknown): string[] {
    if (typeof value === "string") {
        return [value];
    }
    if (value !== null && typeof value === "object") {
        return Object.values(value).flatMap(stringsIn);
    }
    return [];
}

function inputsOfType(plans: readonly PlanDocument[], type: string, input: string): string[] {
    return plans.flatMap((plan) =>
        plan.resources.filter((r) => r.type === type).flatMap((r) => stringsIn(r.inputs[input])),
    );
}

/** What exists: the plans of every stack, the config schema, package.json and the repository. */
function factsOf(plans: readonly PlanDocument[]): Facts {
    const rdsLogGroups = plans.flatMap((plan) =>
        plan.resources
            .filter((r) => r.type === "aws:rds/instance:Instance")
            .flatMap((r) =>
                stringsIn(r.inputs.enabledCloudwatchLogsExports).map(
                    (log) => `/aws/rds/instance/${String(r.inputs.identifier)}/${log}`,
                ),
            ),
    );
    const outputs = plans.flatMap((plan) =>
        Object.entries(plan.outputs).flatMap(([key, value]) => [
            key,
            ...(value !== null && typeof value === "object" ? Object.keys(value).map((sub) => `${key}.${sub}`) : []),
        ]),
    );
    const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: object }).scripts;
    return {
        configPaths: new Set(configPaths(stackConfigSchema)),
        alarmsAndDashboards: new Set([
            ...inputsOfType(plans, "aws:cloudwatch/metricAlarm:MetricAlarm", "name"),
            ...inputsOfType(plans, "aws:cloudwatch/dashboard:Dashboard", "dashboardName"),
        ]),
        logGroups: new Set([...inputsOfType(plans, "aws:cloudwatch/logGroup:LogGroup", "name"), ...rdsLogGroups]),
        secretsAndParameters: new Set([
            ...inputsOfType(plans, "aws:secretsmanager/secret:Secret", "name"),
            ...inputsOfType(plans, "aws:ssm/parameter:Parameter", "name"),
        ]),
        names: new Set(
            plans.flatMap((plan) => plan.resources.flatMap((r) => [r.name, ...stringsIn([r.inputs, r.outputs])])),
        ),
        ecsClusters: new Set(inputsOfType(plans, "aws:ecs/cluster:Cluster", "name")),
        ecsServices: new Set(inputsOfType(plans, "aws:ecs/service:Service", "name")),
        ecrRepositories: new Set(inputsOfType(plans, "aws:ecr/repository:Repository", "name")),
        rdsInstances: new Set(inputsOfType(plans, "aws:rds/instance:Instance", "identifier")),
        replicationGroups: new Set(
            inputsOfType(plans, "aws:elasticache/replicationGroup:ReplicationGroup", "replicationGroupId"),
        ),
        buckets: new Set(inputsOfType(plans, "aws:s3/bucket:Bucket", "bucket")),
        urns: new Set(plans.flatMap((plan) => plan.resources.map((r) => r.urn))),
        stacks: new Set(STACKS),
        outputs: new Set(outputs),
        npmScripts: new Set(Object.keys(scripts)),
        exists: (path) => existsSync(join(ROOT, path)),
        anchorsOf: (path) => headingAnchors(readFileSync(join(ROOT, path), "utf8")),
    };
}

/** The config's object keys (`services`, `database`, ...): a backticked `database.backupWindow` is a config key. */
const CONFIG_SECTIONS = Object.entries(stackConfigSchema.shape)
    .filter(([, child]) => (child as { shape?: unknown }).shape !== undefined)
    .map(([key]) => key);

function citationsOf(repoPath: string): Citation[] {
    return citationsIn(readFileSync(join(ROOT, repoPath), "utf8"), repoPath, CONFIG_SECTIONS);
}

describe("runbooks cite only what exists", () => {
    let facts: Facts;
    before(() => {
        facts = factsOf(STACKS.map((stack) => planOf(stack)));
    });

    for (const runbook of RUNBOOKS) {
        it(`${runbook}: every config key, name, URN, stack, output, script, file and link it cites exists`, () =>
            assert.deepEqual(unknownCitations(citationsOf(runbook), facts, ALLOW), []));
    }

    it("finds citations of every kind in the runbooks, so no check passes for want of input", () => {
        const kinds = new Set(RUNBOOKS.flatMap(citationsOf).map((c) => c.kind));
        assert.deepEqual(
            CITATION_KINDS.filter((kind) => !kinds.has(kind)),
            [],
        );
    });

    it("rejects a made-up name of every kind", () => {
        const madeUp = [
            "pulumi config set --path 'fraud-detector:services.api.minCnt' 6 --stack prod",
            "`database.backupWindw` and `cache.nodes.*`",
            "aws cloudwatch describe-alarms --alarm-names FraudDetector-HighErrorRate-Production",
            "aws logs tail /ecs/fraud-scorer; /aws/rds/instance/fraud-detector-prod/slowquery",
            "aws secretsmanager get-secret-value --secret-id fraud-detector/prod/db-password",
            "aws ecs update-service --cluster fraud-detector-production --service fraud-apii",
            "aws ecr describe-images --repository-name fraud-apis; aws rds describe-db-instances --db-instance-identifier fraud-detector-db",
            "aws elasticache describe-snapshots --replication-group-id fraud-detector-redis; aws s3 ls s3://fraud-detector-prod-model",
            "'urn:pulumi:production::fraud-detector::fraud-detector:data:Database::fraud-detector-prod-db'",
            "pulumi stack output apiURL --stack production; stack output `secretArns.dbPassword`",
            "npm run deploy; see components/databse.ts; gh run list --workflow release.yml",
            "pulumi up --stack production --policy-pack policies; [x](deploy.md#no-such-section) [y](rollback.md)",
        ].join("\n");
        const found = unknownCitations(citationsIn(madeUp, `${RUNBOOK_DIR}/made-up.md`, CONFIG_SECTIONS), facts, ALLOW);
        assert.deepEqual(found, [
            "URN: urn:pulumi:production::fraud-detector::fraud-detector:data:Database::fraud-detector-prod-db",
            "link: docs/runbooks/deploy.md#no-such-section",
            "link: docs/runbooks/rollback.md",
            "config key: services.api.minCnt",
            "config key: database.backupWindw",
            "config key: cache.nodes.*",
            "alarm or dashboard: FraudDetector-HighErrorRate-Production",
            "log group: /ecs/fraud-scorer",
            "log group: /aws/rds/instance/fraud-detector-prod/slowquery",
            "secret or parameter: fraud-detector/prod/db-password",
            "physical or logical name: fraud-detector-db",
            "physical or logical name: fraud-detector-redis",
            "physical or logical name: fraud-detector-prod-model",
            "ECS cluster: fraud-detector-production",
            "ECS service: fraud-apii",
            "ECR repository: fraud-apis",
            "RDS instance: fraud-detector-db",
            "Redis replication group: fraud-detector-redis",
            "S3 bucket: fraud-detector-prod-model",
            "stack: prod",
            "stack output: apiURL",
            "stack output: secretArns.dbPassword",
            "npm script: deploy",
            "file: components/databse.ts",
            "workflow: release.yml",
            "policy pack: policies",
        ]);
    });

    it("accepts the deploy workflow the runbooks cite, which exists, with nothing allowed", () => {
        const cited = citationsIn("`.github/workflows/deploy.yml`", `${RUNBOOK_DIR}/x.md`, CONFIG_SECTIONS);
        const strict: Allowances = { namesMadeByRunbooks: new Set() };
        assert.deepEqual(unknownCitations(cited, facts, strict), []);
    });

    it("links every runbook from docs/runbooks/README.md, and that index from the main README", () => {
        const index = citationsOf(`${RUNBOOK_DIR}/README.md`)
            .filter((c) => c.kind === "link")
            .map((c) => c.name.split("#")[0]);
        assert.deepEqual(
            RUNBOOKS.filter((runbook) => !runbook.endsWith("README.md") && !index.includes(runbook)),
            [],
        );
        assert.ok(
            citationsOf("README.md").some((c) => c.kind === "link" && c.name === `${RUNBOOK_DIR}/README.md`),
            "README.md links docs/runbooks/README.md",
        );
    });
});

describe("docs/runbooks/alarms.md: one section per alarm", () => {
    const runbook = () => readFileSync(join(ROOT, RUNBOOK_DIR, "alarms.md"), "utf8");
    const alarmsOf = (stack: string) =>
        planOf(stack)
            .resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm")
            .map((r) => String(r.inputs.name));

    it("has exactly one section for every alarm of every stack, and no section without an alarm", () =>
        assert.deepEqual(alarmSectionProblems(STACKS.flatMap(alarmsOf), alarmHeadings(runbook())), []));

    it("has the 14 sections of production's alarms (staging and local have no replication-lag alarm)", () => {
        assert.equal(alarmsOf("production").length, 14);
        assert.deepEqual([alarmsOf("staging").length, alarmsOf("local").length], [13, 13]);
        assert.equal(alarmHeadings(runbook()).length, 14);
    });

    it("links every alarm's description to a section that exists", () => {
        const anchors = headingAnchors(runbook());
        for (const stack of STACKS) {
            for (const alarm of planOf(stack).resources.filter(
                (r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm",
            )) {
                const anchor = /Runbook: docs\/runbooks\/alarms\.md#([\w-]+)$/.exec(
                    String(alarm.inputs.alarmDescription),
                );
                assert.ok(
                    anchor && anchors.has(anchor[1]),
                    `${String(alarm.inputs.name)}: ${String(alarm.inputs.alarmDescription)}`,
                );
            }
        }
    });

    it("reports an alarm without a section, a section twice and a section without an alarm", () =>
        assert.deepEqual(
            alarmSectionProblems(
                ["FraudDetector-HighLatency", "FraudDetector-HighLatency-Staging", "FraudDetector-QueueBacklog-Local"],
                ["FraudDetector-HighLatency", "FraudDetector-HighLatency", "FraudDetector-Gone"],
            ),
            [
                "no section for alarm FraudDetector-QueueBacklog",
                "section FraudDetector-HighLatency appears 2 times",
                "section FraudDetector-Gone has no alarm",
            ],
        ));

    it("reads only level-2 headings outside code blocks as sections", () =>
        assert.deepEqual(
            alarmHeadings(
                "## FraudDetector-A\n### FraudDetector-B\n```sh\n## FraudDetector-C\n```\n## Before any section\n",
            ),
            ["FraudDetector-A"],
        ));
});
