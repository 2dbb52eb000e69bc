import { strict as assert } from "assert";
import { mkdtempSync, readFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { PlanDocument } from "../../plan/engine/contract";
import { planOf, runPlanCli, STACKS } from "../helpers/plan";

describe("plan CLI", () => {
    describe("for each stack", () => {
        for (const stack of STACKS) {
            it(`plans ${stack} with --json: exit 0 and one JSON document following the contract`, () => {
                const plan = planOf(stack);
                assert.equal(plan.project, "fraud-detector");
                assert.equal(plan.stack, stack);
                assert.ok(plan.resources.length > 0);
                for (const r of plan.resources) {
                    assert.match(r.urn, new RegExp(`^urn:pulumi:${stack}::fraud-detector::`));
                    assert.equal(typeof r.type, "string");
                    assert.equal(typeof r.custom, "boolean");
                    assert.ok(r.custom ? typeof r.id === "string" && r.id !== "" : r.id === null, `id of ${r.urn}`);
                    assert.deepEqual(Object.keys(r.options).sort(), [
                        "dependsOn",
                        "ignoreChanges",
                        "propertyDependencies",
                        "protect",
                        "provider",
                        "retainOnDelete",
                    ]);
                }
                assert.deepEqual(Object.keys(plan).sort(), [
                    "cost",
                    "outputs",
                    "policy",
                    "project",
                    "resources",
                    "stack",
                ]);
            });
        }

        it("gives every resource but the stack a parent that is itself in the plan", () => {
            const plan = planOf("production");
            const urns = new Set(plan.resources.map((r) => r.urn));
            const orphans = plan.resources.filter((r) => r.parent !== null && !urns.has(r.parent));
            assert.deepEqual(orphans, []);
            assert.deepEqual(
                plan.resources.filter((r) => r.parent === null).map((r) => r.type),
                ["pulumi:pulumi:Stack"],
            );
        });

        it("recomputes URNs from the whole parent chain, as a real preview shows them", () => {
            const plan = planOf("production");
            const vpc = plan.resources.find((r) => r.type === "awsx:ec2:Vpc");
            assert.equal(
                vpc?.urn,
                "urn:pulumi:production::fraud-detector::fraud-detector:platform:Platform$fraud-detector:network:Network$awsx:ec2:Vpc::fraud-detector-prod-network-vpc",
            );
        });

        it("exports the stack outputs index.ts declares", () => {
            assert.deepEqual(Object.keys(planOf("production").outputs).sort(), [
                "alarmTopicArn",
                "apiUrl",
                "backupBucketName",
                "bastionInstanceId",
                "bedrockEndpointUrl",
                "clusterName",
                "configParameterName",
                "dashboardName",
                "dataKeyArn",
                "databaseAddress",
                "databasePort",
                "deployRoleArn",
                "githubOidcProviderArn",
                "imageRepositoryUrls",
                "imageTag",
                "isolatedSubnetIds",
                "modelsBucketName",
                // No previewRoleArn: pull requests never preview production.
                "privateSubnetIds",
                "publicSubnetIds",
                "redisPrimaryEndpoint",
                "secretArns",
                "serviceSecurityGroupIds",
                "vpcId",
            ]);
        });
    });

    it("prints the same bytes on two runs of the same stack", () => {
        const first = runPlanCli(["--stack", "staging", "--json"]);
        const second = runPlanCli(["--stack", "staging", "--json"]);
        assert.equal(first.status, 0);
        assert.equal(first.stdout, second.stdout);
    });

    it("prints a readable tree with counts by type when --json is not given", () => {
        const run = runPlanCli(["--stack", "production"]);
        assert.equal(run.status, 0);
        assert.match(run.stdout, /^Offline plan of fraud-detector\/production/);
        assert.match(run.stdout, /[├└]─ fraud-detector:network:Network {2}fraud-detector-prod-network/);
        assert.match(run.stdout, /\n +1 {2}aws:ec2\/flowLog:FlowLog\n/);
    });

    it("writes plan.json (identical to --json), architecture.svg and index.html to --out, from one run", () => {
        const out = mkdtempSync(join(tmpdir(), "plan-"));
        const run = runPlanCli(["--stack", "local", "--json", "--out", out]);
        assert.equal(run.status, 0);
        assert.deepEqual(JSON.parse(readFileSync(join(out, "plan.json"), "utf8")) as PlanDocument, planOf("local"));
        const svg = readFileSync(join(out, "architecture.svg"), "utf8");
        assert.match(svg, /<svg[\s\S]*fraud&#45;detector local: drawn from the offline plan/);
        // The page carries that very drawing: the svg element without the file's XML prolog.
        const html = readFileSync(join(out, "index.html"), "utf8");
        const element = svg.slice(svg.indexOf("<svg"));
        assert.ok(html.includes(element.trim()), "index.html does not inline architecture.svg");
    });

    it("applies --config overrides with the stack file's path syntax", () => {
        const plan = planOf("production", ["fraud-detector:network.natGateways=single"]);
        const vpc = plan.resources.find((r) => r.type === "awsx:ec2:Vpc");
        assert.deepEqual(vpc?.inputs.natGateways, { strategy: "Single" });
    });

    // Each bad value of the issue: exit 2, one line on stderr naming the key, nothing on stdout.
    const badValues: Array<[string, string, string]> = [
        ["an unknown environment", "fraud-detector:environment=prod", "fraud-detector:environment"],
        ["a public CIDR", "fraud-detector:network.cidrBlock=8.8.0.0/16", "fraud-detector:network.cidrBlock"],
        ["a /8 CIDR", "fraud-detector:network.cidrBlock=10.0.0.0/8", "fraud-detector:network.cidrBlock"],
        [
            "an AZ outside the region",
            "fraud-detector:network.availabilityZones=[ca-central-1a, us-west-2a]",
            "fraud-detector:network.availabilityZones[1]",
        ],
        [
            "a cpu/memory pair Fargate lacks",
            "fraud-detector:services.mlService.memory=1024",
            "fraud-detector:services.mlService.memory",
        ],
        [
            "desiredCount outside [min, max]",
            "fraud-detector:services.api.desiredCount=12",
            "fraud-detector:services.api.desiredCount",
        ],
        [
            "maxCount below minCount",
            "fraud-detector:services.worker.maxCount=1",
            "fraud-detector:services.worker.maxCount",
        ],
        [
            "a malformed backup window",
            "fraud-detector:database.backupWindow=0300-0400",
            "fraud-detector:database.backupWindow",
        ],
        [
            "a backup window overlapping maintenance",
            "fraud-detector:database.backupWindow=04:00-05:00",
            "fraud-detector:database.backupWindow",
        ],
        [
            "backup retention below 7 in production",
            "fraud-detector:database.backupRetentionDays=1",
            "fraud-detector:database.backupRetentionDays",
        ],
        ["a malformed alert e-mail", "fraud-detector:alerts.email=nobody", "fraud-detector:alerts.email"],
        ["a zero budget", "fraud-detector:budget.monthlyLimitUsd=0", "fraud-detector:budget.monthlyLimitUsd"],
        ["a negative budget", "fraud-detector:budget.monthlyLimitUsd=-100", "fraud-detector:budget.monthlyLimitUsd"],
        ["a plain-text secret", "fraud-detector:appKey=base64:c2VjcmV0", "fraud-detector:appKey"],
        [
            "a deploy repository with a wildcard",
            "fraud-detector:deployAccess.githubRepository=acme/*",
            "fraud-detector:deployAccess.githubRepository",
        ],
    ];
    for (const [what, override, key] of badValues) {
        it(`rejects ${what}: exit 2, one line naming ${key}, no stack trace`, () => {
            const run = runPlanCli(["--stack", "production", "--json", "--config", override]);
            assert.equal(run.status, 2);
            assert.equal(run.stdout, "");
            const lines = run.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("npm warn"));
            assert.equal(lines.length, 1, run.stderr);
            assert.ok(lines[0].startsWith(`${key}: `), lines[0]);
            assert.doesNotMatch(run.stderr, /\n\s+at /);
        });
    }

    it("rejects a stack without a stack file, naming the stacks that exist", () => {
        const run = runPlanCli(["--stack", "qa"]);
        assert.equal(run.status, 2);
        assert.equal(run.stderr.trim(), "no stack file Pulumi.qa.yaml; stacks with a file: local, production, staging");
    });

    it("rejects a missing --stack with the usage line", () => {
        const run = runPlanCli(["--json"]);
        assert.equal(run.status, 2);
        assert.match(run.stderr.trim(), /^--stack is required; usage: npm run plan -- --stack/);
    });

    it("rejects an unknown flag with the usage line", () => {
        const run = runPlanCli(["--stack", "local", "--verbose"]);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /usage: npm run plan/);
    });

    it("rejects a --config without =", () => {
        const run = runPlanCli(["--stack", "local", "--config", "fraud-detector:database.multiAz"]);
        assert.equal(run.status, 2);
        assert.equal(
            run.stderr.trim(),
            "--config fraud-detector:database.multiAz: expected KEY=VALUE, e.g. fraud-detector:database.multiAz=false",
        );
    });
});
