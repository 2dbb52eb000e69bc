import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { main } from "../../plan/cli/policy";
import { ROOT, TS_LOADER } from "../helpers/plan";
import { planWith, resource, stackTags } from "../policy/harness";

/** What `main` printed on each stream, and its exit status. */
interface Run {
    readonly status: number;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs the policy CLI in this process, capturing what it writes. */
async function runPolicy(args: string[]): Promise<Run> {
    const out = { stdout: "", stderr: "" };
    const original = {
        stdout: process.stdout.write.bind(process.stdout),
        stderr: process.stderr.write.bind(process.stderr),
    };
    process.stdout.write = (chunk: string) => ((out.stdout += chunk), true);
    process.stderr.write = (chunk: string) => ((out.stderr += chunk), true);
    try {
        const status = await main(args);
        return { status, ...out };
    } finally {
        process.stdout.write = original.stdout;
        process.stderr.write = original.stderr;
    }
}

/** A fresh directory for the files of one case. */
const scratch = () => mkdtempSync(join(tmpdir(), "policy-cli-"));

/** Writes `text` to plan.json in a fresh directory and returns its path. */
function planFile(text: string): string {
    const file = join(scratch(), "plan.json");
    writeFileSync(file, text);
    return file;
}

const EXPECTED = "expected a plan document as `npm run plan -- --stack <stack> --json` prints it";

describe("npm run policy: fails closed on anything but a plan document", () => {
    it("exits 0 on a valid plan with no mandatory violation", async () => {
        const run = await runPolicy([planFile(JSON.stringify(planWith([])))]);
        assert.deepEqual([run.status, run.stderr], [0, ""]);
    });

    it("exits 1 on a mandatory violation of a valid plan", async () => {
        const group = resource("aws:ec2/securityGroup:SecurityGroup", { tags: stackTags() }, { name: "db" });
        const rule = resource(
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "0.0.0.0/0", tags: stackTags() },
            { from: { securityGroupId: [group] } },
        );
        const run = await runPolicy([planFile(JSON.stringify(planWith([group, rule]))), "--json"]);
        assert.equal(run.status, 1);
    });

    const rejections: ReadonlyArray<readonly [string, () => string, (file: string) => string]> = [
        [
            "a missing file",
            () => join(scratch(), "absent.json"),
            (f) => `${f}: cannot read it (no such file); ${EXPECTED}`,
        ],
        [
            "a directory",
            () => {
                const dir = join(scratch(), "plan.json");
                mkdirSync(dir);
                return dir;
            },
            (f) => `${f}: cannot read it (it is a directory); ${EXPECTED}`,
        ],
        ["an empty file", () => planFile(""), (f) => `${f}: the file is empty; ${EXPECTED}`],
        [
            "truncated JSON",
            () => planFile('{"project": "fraud-detector", "resources": ['),
            (f) => `${f}: not JSON: it breaks off after 44 characters (truncated?); ${EXPECTED}`,
        ],
        [
            "a JSON value that is not an object",
            () => planFile("42"),
            (f) => `${f}: not a plan document: the document: expected an object, found 42`,
        ],
        [
            "a resource without options",
            () => {
                const plan = planWith([resource("aws:s3/bucket:Bucket", { bucket: "b" })]);
                const broken = { ...plan, resources: [{ ...plan.resources[0], options: undefined }] };
                return planFile(JSON.stringify(broken));
            },
            (f) =>
                `${f}: not a plan document: resources[0].options: expected an object, found nothing (the key is missing)`,
        ],
        [
            "a resource whose inputs are not an object",
            () => {
                const plan = planWith([resource("aws:s3/bucket:Bucket", { bucket: "b" })]);
                return planFile(JSON.stringify({ ...plan, resources: [{ ...plan.resources[0], inputs: 3 }] }));
            },
            (f) => `${f}: not a plan document: resources[0].inputs: expected an object, found 3`,
        ],
    ];
    for (const [what, make, message] of rejections) {
        it(`answers ${what} with exit 2 and one line naming the problem`, async () => {
            const file = make();
            const run = await runPolicy([file]);
            assert.deepEqual([run.status, run.stdout, run.stderr], [2, "", `${message(file)}\n`]);
        });
    }

    it("answers a stray character in the JSON with exit 2 and one line", async () => {
        const file = planFile('{\n  "project": "fraud-detector",\n  "stack": x\n}');
        const run = await runPolicy([file]);
        // Node 20's V8 gives no position for an unexpected token and words it differently from
        // later releases, so only the frame of the line is fixed here.
        assert.equal(run.status, 2);
        assert.ok(run.stderr.startsWith(`${file}: not JSON: `), run.stderr);
        assert.ok(run.stderr.endsWith(`; ${EXPECTED}\n`), run.stderr);
        assert.equal(run.stderr.split("\n").length, 2, run.stderr);
    });

    it("answers bad usage with exit 2 and the usage line", async () => {
        const run = await runPolicy([]);
        assert.deepEqual(
            [run.status, run.stderr],
            [2, "expected exactly one plan file; usage: npm run policy -- <plan.json> [--json]\n"],
        );
    });

    it("prints no stack trace from its own process, and never exits 1 on a malformed plan", () => {
        const file = planFile('{"resources": [{"type": "aws:s3/bucket:Bucket"}]');
        const run = spawnSync(process.execPath, ["-r", TS_LOADER, join(ROOT, "plan", "cli", "policy.ts"), file], {
            cwd: ROOT,
            encoding: "utf8",
        });
        assert.deepEqual(
            [run.status, run.stdout, run.stderr],
            [2, "", `${file}: not JSON: it breaks off after 48 characters (truncated?); ${EXPECTED}\n`],
        );
    });
});
