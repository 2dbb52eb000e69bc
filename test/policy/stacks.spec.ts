import { strict as assert } from "assert";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { spawnSync } from "child_process";
import { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { planOf, ROOT, STACKS, TS_LOADER } from "../helpers/plan";
import { resource, stackTags } from "./harness";

/** Why advisories repeat per secret: none of the four secrets has a rotation Lambda yet. */
const unrotated = (prefix: string) =>
    ["app-key", "database", "hmac-keys", "redis"].map((s) => `secrets-rotation-and-cmk: ${prefix}-secrets-${s}`);

/** Advisories every stack carries from the application tier, with why. */
const applicationTier = (prefix: string) => [
    // No WAF web ACL in front of the ALB (a cost decision, left to the operators).
    `alb-edge-protection: ${prefix}-alb-lb`,
    // PHP-FPM and nginx write to their run and cache directories: no read-only root file system.
    `ecs-container-least-privilege: ${prefix}-fraud-api-task`,
    `ecs-container-least-privilege: ${prefix}-fraud-worker-task`,
];

/**
 * Advisory findings each stack is expected to carry today, as `rule: resource name`; none is
 * mandatory. Staging and local are single-AZ and unmonitored by design (their profiles); local
 * keeps a day of backups, no deletion protection and plain HTTP, and turns on ECS Exec; no secret
 * rotates yet (that needs rotation Lambdas; runbook).
 */
const EXPECTED_ADVISORIES: Readonly<Record<(typeof STACKS)[number], string[]>> = {
    local: [
        "alb-deletion-protection: fraud-detector-local-alb-lb",
        "alb-https-only: fraud-detector-local-alb-http",
        ...Array<string>(3).fill("cache-high-availability: fraud-detector-local-cache-redis"),
        ...["fraud-api", "fraud-ml", "fraud-worker"].map(
            (s) => `iam-task-role-per-guide: fraud-detector-local-${s}-task-role`,
        ),
        "rds-backups: fraud-detector-local-database-instance",
        ...Array<string>(3).fill("rds-deletion-safety: fraud-detector-local-database-instance"),
        ...Array<string>(2).fill("rds-hardening-extras: fraud-detector-local-database-instance"),
        "rds-multi-az: fraud-detector-local-database-instance",
        ...unrotated("fraud-detector-local"),
        ...applicationTier("fraud-detector-local"),
        // Local has no VPC endpoints at all: LocalStack, and Bedrock is mocked.
        "vpc-private-endpoints: fraud-detector-local-fraud-ml-task",
    ],
    staging: [
        ...Array<string>(3).fill("cache-high-availability: fraud-detector-staging-cache-redis"),
        ...Array<string>(2).fill("rds-hardening-extras: fraud-detector-staging-database-instance"),
        "rds-multi-az: fraud-detector-staging-database-instance",
        ...unrotated("fraud-detector-staging"),
        ...applicationTier("fraud-detector-staging"),
    ],
    production: [...unrotated("fraud-detector-prod"), ...applicationTier("fraud-detector-prod")],
};

/** Runs `npm run policy` (the policy CLI) over a plan file. */
function policyCli(plan: PlanDocument, ...flags: string[]) {
    const file = join(mkdtempSync(join(tmpdir(), "policy-")), "plan.json");
    writeFileSync(file, JSON.stringify(plan));
    return spawnSync(process.execPath, ["-r", TS_LOADER, join(ROOT, "plan", "cli", "policy.ts"), file, ...flags], {
        cwd: ROOT,
        encoding: "utf8",
    });
}

describe("policy verdict on the stacks as they stand", () => {
    for (const stack of STACKS) {
        it(`finds no mandatory violation in ${stack}, and only the advisories it expects`, () => {
            const { policy } = planOf(stack);
            assert.equal(policy.evaluated, true);
            assert.deepEqual(
                policy.violations
                    .map((v) => `${v.enforcementLevel} ${v.policy}: ${v.urn?.split("::").pop() ?? "(stack)"}`)
                    .sort(),
                EXPECTED_ADVISORIES[stack].map((a) => `advisory ${a}`).sort(),
            );
        });
    }

    it("npm run policy exits 0 on the production plan as it stands", () => {
        const run = policyCli(planOf("production"));
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.match(run.stdout, /^Policy: 0 mandatory/);
    });

    it("npm run policy exits 1 on a plan with a broken property, naming the rule and the resource", () => {
        const plan = planOf("production");
        const broken = plan.resources.map((r): PlanResource =>
            r.type === "aws:ec2/flowLog:FlowLog" ? { ...r, inputs: { ...r.inputs, trafficType: "ACCEPT" } } : r,
        );
        const run = policyCli({ ...plan, resources: broken }, "--json");
        assert.equal(run.status, 1);
        const { violations } = JSON.parse(run.stdout) as PlanDocument["policy"];
        const flowLog = broken.find((r) => r.type === "aws:ec2/flowLog:FlowLog");
        assert.deepEqual(
            violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => [v.policy, v.urn]),
            [["vpc-flow-logs", flowLog?.urn]],
        );
    });

    it("npm run policy exits 1 on world access to PostgreSQL added to a plan", () => {
        const plan = planOf("production");
        const group = resource("aws:ec2/securityGroup:SecurityGroup", { tags: stackTags() }, { name: "db" });
        const rule = resource(
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0", tags: stackTags() },
            { from: { securityGroupId: [group] } },
        );
        const run = policyCli({ ...plan, resources: [...plan.resources, group, rule] });
        assert.equal(run.status, 1);
        assert.match(run.stdout, new RegExp(`\\[mandatory\\] sg-no-world-ingress  ${rule.urn.replace(/[$]/g, "\\$")}`));
    });

    it("npm run policy exits 1 on an unencrypted database added to a plan, naming rds-encryption and the instance", () => {
        const plan = planOf("production");
        const db = resource("aws:rds/instance:Instance", {
            engine: "postgres",
            storageEncrypted: false,
            tags: stackTags(),
        });
        const run = policyCli({ ...plan, resources: [...plan.resources, db] }, "--json");
        assert.equal(run.status, 1);
        const { violations } = JSON.parse(run.stdout) as PlanDocument["policy"];
        assert.ok(
            violations.some(
                (v) => v.policy === "rds-encryption" && v.urn === db.urn && v.enforcementLevel === "mandatory",
            ),
            JSON.stringify(violations.filter((v) => v.urn === db.urn)),
        );
    });

    it("npm run policy exits 1 on a '*' action in a role policy added to a plan, naming iam-no-wildcards and the policy", () => {
        const plan = planOf("production");
        const role = resource("aws:iam/role:Role", { tags: stackTags() });
        const policy = resource(
            "aws:iam/rolePolicy:RolePolicy",
            {
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
                }),
            },
            { from: { role: [role] } },
        );
        const run = policyCli({ ...plan, resources: [...plan.resources, role, policy] }, "--json");
        assert.equal(run.status, 1);
        const { violations } = JSON.parse(run.stdout) as PlanDocument["policy"];
        assert.ok(
            violations.some(
                (v) => v.policy === "iam-no-wildcards" && v.urn === policy.urn && v.enforcementLevel === "mandatory",
            ),
        );
    });

    it("npm run policy rejects a file that is not a plan with exit 2", () => {
        const run = policyCli({} as PlanDocument);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /not a plan document/);
    });
});
