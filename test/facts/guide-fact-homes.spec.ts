import { strict as assert } from "assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { FactHome, factHomeProblems } from "../helpers/fact-homes";
import { ROOT } from "../helpers/plan";

/**
 * The five guide facts the review changed by hand to see whether the program followed (issue #14):
 * each spelled here on its own, so this spec stays an independent copy of the guide.
 */
const REVIEWED_FACTS: readonly FactHome[] = [
    {
        fact: "api task size (512 CPU units, 1024 MiB)",
        pattern: /cpu:\s*512,?\s*memory:\s*1024\b|\(\s*512,\s*1024\b|\b512\/1024\b/,
        home: "facts/guide/services.ts",
    },
    { fact: "backup window (03:00-04:00)", pattern: /03:00-04:00/, home: "facts/guide/windows.ts" },
    {
        fact: "HighLatency threshold (5.0 s)",
        pattern: /threshold:\s*5\.0\b|>\s*5\.0\b|above 5(\.0)? s\b/,
        home: "facts/guide/alarms.ts",
    },
    {
        fact: "Bedrock model (anthropic.claude-3-haiku-*)",
        pattern: /anthropic\.claude-3-haiku/,
        home: "facts/guide/bedrock.ts",
    },
    {
        fact: "staging NAT (a single gateway)",
        pattern: /staging["']?:\s*["']single["']|natGateways["']?:\s*["']?single\b/,
        home: "facts/guide/network.ts",
    },
];

/** A throw-away source tree holding `files` (path -> text). */
function treeOf(files: Readonly<Record<string, string>>): string {
    const root = mkdtempSync(join(tmpdir(), "fact-homes-"));
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
    }
    return root;
}

describe("facts/guide: one home per guide fact", () => {
    it("sets each of the five reviewed facts in exactly one file of the program", () =>
        assert.deepEqual(factHomeProblems(ROOT, REVIEWED_FACTS), []));

    describe("on a fixture tree", () => {
        const backupWindow = REVIEWED_FACTS[1];
        let root = "";
        afterEach(() => rmSync(root, { recursive: true, force: true }));

        it("passes a fact set in its home and only read elsewhere, ignoring tests and docs", () => {
            root = treeOf({
                "facts/guide/windows.ts": 'export const GUIDE_BACKUP_WINDOW = "03:00-04:00";\n',
                "stacks/profiles.ts": "export const backupWindow = GUIDE_BACKUP_WINDOW;\n",
                "test/profiles.spec.ts": 'assert.equal(backupWindow, "03:00-04:00");\n',
                "README.md": "Backups run 03:00-04:00 UTC.\n",
            });
            assert.deepEqual(factHomeProblems(root, [backupWindow]), []);
        });

        it("fails a fact restated in a second file, naming both", () => {
            root = treeOf({
                "facts/guide/windows.ts": 'export const GUIDE_BACKUP_WINDOW = "03:00-04:00";\n',
                "policy/rules/database/recovery.ts": 'const GUIDE_BACKUP_WINDOW = "03:00-04:00";\n',
            });
            assert.deepEqual(factHomeProblems(root, [backupWindow]), [
                "backup window (03:00-04:00) is stated in 2 file(s): facts/guide/windows.ts, policy/rules/database/recovery.ts; expected only facts/guide/windows.ts",
            ]);
        });

        it("fails a fact restated in a stack file's YAML", () => {
            root = treeOf({
                "facts/guide/network.ts": 'export const NAT_GATEWAYS = { staging: "single" };\n',
                "Pulumi.staging.yaml": "config:\n  fraud-detector:network:\n    natGateways: single\n",
            });
            assert.deepEqual(factHomeProblems(root, [REVIEWED_FACTS[4]]), [
                "staging NAT (a single gateway) is stated in 2 file(s): Pulumi.staging.yaml, facts/guide/network.ts; expected only facts/guide/network.ts",
            ]);
        });

        it("fails a fact that has left its home", () => {
            root = treeOf({ "stacks/profiles.ts": 'const backupWindow = "03:00-04:00";\n' });
            assert.deepEqual(factHomeProblems(root, [backupWindow]), [
                "backup window (03:00-04:00) is stated in 1 file(s): stacks/profiles.ts; expected only facts/guide/windows.ts",
            ]);
        });
    });
});
