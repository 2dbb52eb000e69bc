import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { ROOT } from "../helpers/plan";

/**
 * The import boundaries `npm run lint` holds (.dependency-cruiser.cjs), tried on small trees built
 * here: a tree that keeps the layers passes, and each kind of breach is refused by its rule.
 */

const CRUISER = join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");
const CONFIG = join(ROOT, ".dependency-cruiser.cjs");

/** A TypeScript file that imports each of `imports` (paths from the tree's root, without `.ts`). */
function source(path: string, imports: readonly string[], typeOnly = false): string {
    const lines = imports.map((target, i) => {
        let relative = join(
            ...dirname(path)
                .split("/")
                .map(() => ".."),
            target,
        );
        if (!relative.startsWith(".")) {
            relative = `./${relative}`;
        }
        return typeOnly
            ? `import type { T${i} } from "${relative}";`
            : `import { v${i} } from "${relative}";\nvoid v${i};`;
    });
    return [
        ...lines,
        "export const v0 = 0, v1 = 1, v2 = 2;",
        "export type T0 = number;",
        "export type T1 = number;",
        "",
    ].join("\n");
}

interface Violation {
    readonly rule: string;
    readonly from: string;
    readonly to: string;
}

/** Cruises a tree of `files` (path -> imports) with the project's rules and returns the violations. */
function violationsOf(files: Record<string, readonly string[]>, typeOnly: readonly string[] = []): Violation[] {
    const dir = mkdtempSync(join(tmpdir(), "import-layers-"));
    try {
        writeFileSync(
            join(dir, "tsconfig.json"),
            JSON.stringify({ compilerOptions: { strict: true }, include: ["**/*.ts"] }),
        );
        for (const [path, imports] of Object.entries(files)) {
            mkdirSync(join(dir, dirname(path)), { recursive: true });
            writeFileSync(join(dir, path), source(path, imports, typeOnly.includes(path)));
        }
        const roots = [...new Set(Object.keys(files).map((f) => f.split("/")[0]))];
        const run = spawnSync(process.execPath, [CRUISER, "--config", CONFIG, "--output-type", "json", ...roots], {
            cwd: dir,
            encoding: "utf8",
        });
        const report = JSON.parse(run.stdout) as {
            summary: { violations: { rule: { name: string }; from: string; to: string }[] };
        };
        return report.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

/** The layered tree in miniature: each layer imports only those below it. */
const LAYERED: Record<string, readonly string[]> = {
    "facts/guide.ts": [],
    "lib/cidr.ts": ["facts/guide"],
    "stacks/profiles.ts": ["facts/guide", "lib/cidr"],
    "components/network.ts": ["stacks/profiles", "lib/cidr"],
    "index.ts": ["components/network"],
    "plan/engine/engine.ts": ["lib/cidr"],
    "policy/rules.ts": ["facts/guide", "lib/cidr"],
    "plan/policy/runner.ts": ["plan/engine/engine", "policy/rules"],
    "plan/cli/plan.ts": ["plan/policy/runner", "plan/engine/engine"],
    "test/plan.spec.ts": ["plan/cli/plan", "index"],
};

describe("import boundaries (.dependency-cruiser.cjs, run by npm run lint)", function () {
    this.timeout(60_000);

    it("passes a tree where every layer imports only the layers below it", function () {
        assert.deepEqual(violationsOf(LAYERED), []);
    });

    const breaches: readonly [string, Record<string, readonly string[]>, Violation][] = [
        [
            "facts importing stack config",
            { "facts/aws.ts": ["stacks/profiles"] },
            { rule: "facts-import-nothing", from: "facts/aws.ts", to: "stacks/profiles.ts" },
        ],
        [
            "lib importing a component",
            { "lib/windows.ts": ["components/network"] },
            { rule: "lib-imports-facts-only", from: "lib/windows.ts", to: "components/network.ts" },
        ],
        [
            "the policy pack importing stack config",
            { "policy/names.ts": ["stacks/profiles"] },
            { rule: "pack-never-imports-the-program", from: "policy/names.ts", to: "stacks/profiles.ts" },
        ],
        [
            "a component importing the plan engine",
            { "components/cache.ts": ["plan/engine/engine"] },
            { rule: "program-below-plan", from: "components/cache.ts", to: "plan/engine/engine.ts" },
        ],
        [
            "the engine importing the program",
            { "plan/engine/mock.ts": ["index"] },
            { rule: "engine-below-verdicts", from: "plan/engine/mock.ts", to: "index.ts" },
        ],
        [
            "the report importing a front end",
            { "plan/report/html.ts": ["plan/cli/plan"] },
            { rule: "middle-below-front-ends", from: "plan/report/html.ts", to: "plan/cli/plan.ts" },
        ],
    ];
    // One cruise of a tree holding every breach at once (each cruise starts a process and a
    // TypeScript program, about 3 s): each breach must be reported, and nothing else.
    const CYCLE = {
        "components/load-balancer.ts": ["components/naming"],
        "components/naming.ts": ["components/load-balancer"],
    };
    let reported: Violation[] = [];
    before(function () {
        const tree = Object.assign({ ...LAYERED }, CYCLE, ...breaches.map(([, files]) => files)) as Record<
            string,
            readonly string[]
        >;
        reported = violationsOf(tree, ["components/naming.ts"]);
    });

    for (const [what, , expected] of breaches) {
        it(`refuses ${what}`, function () {
            assert.deepEqual(
                reported.filter((v) => v.from === expected.from),
                [expected],
            );
        });
    }

    it("refuses an import cycle, even one made of type-only imports", function () {
        assert.deepEqual(
            reported.filter((v) => v.rule === "no-circular"),
            [{ rule: "no-circular", from: "components/load-balancer.ts", to: "components/naming.ts" }],
        );
    });

    it("reports nothing but those breaches", function () {
        assert.equal(reported.length, breaches.length + 1);
    });
});
