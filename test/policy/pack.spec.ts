import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import { levelFor } from "../../policy/lib/rule";
import { FAMILIES, RULES } from "../../policy/rules";
import { ROOT } from "../helpers/plan";

/** Rule ids and severities of the target list (docs/security-rules.md, a copy of the shared guide). */
function targetRules(): Map<string, string> {
    const text = readFileSync(join(ROOT, "docs", "security-rules.md"), "utf8");
    const rows = new Map<string, string>();
    for (const line of text.split("\n")) {
        const cells = line.split("|").map((c) => c.trim());
        const id = /^`([a-z0-9-]+)`$/.exec(cells[1] ?? "")?.[1];
        if (id) {
            rows.set(id, cells[3]);
        }
    }
    return rows;
}

const KIND_OF_SEVERITY: Readonly<Record<string, string>> = {
    mandatory: "security",
    "mandatory†": "resilience",
    advisory: "advisory",
    "mandatory (advisory in local)": "security",
    "mandatory (every stack)": "aws",
};

describe("policy pack", () => {
    it("covers every rule of security-rules.md, with no extra rule", () => {
        assert.deepEqual(RULES.map((r) => r.name).sort(), [...targetRules().keys()].sort());
    });

    it("enforces each rule as its severity says", () => {
        const target = targetRules();
        for (const rule of RULES) {
            assert.equal(rule.kind, KIND_OF_SEVERITY[target.get(rule.name) ?? ""], rule.name);
        }
    });

    it("blocks what AWS refuses in every stack, local included, and security rules only outside local", () => {
        assert.deepEqual(
            (["local", "staging", "production"] as const).map((env) => [
                levelFor("aws", env),
                levelFor("security", env),
            ]),
            [
                ["mandatory", "advisory"],
                ["mandatory", "mandatory"],
                ["mandatory", "mandatory"],
            ],
        );
    });

    it("gives every rule a unique kebab-case name and a description of what it protects", () => {
        assert.equal(new Set(RULES.map((r) => r.name)).size, RULES.length);
        for (const rule of RULES) {
            assert.match(rule.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
            assert.ok(rule.description.length > 40, rule.name);
        }
    });

    it("lists the rules by family in the README with their enforcement", () => {
        const readme = readFileSync(join(ROOT, "README.md"), "utf8");
        for (const [family, rules] of Object.entries(FAMILIES)) {
            for (const rule of rules) {
                assert.match(
                    readme,
                    new RegExp(`\\| ${family} +\\| \`${rule.name}\` +\\| ${rule.kind} +\\|`),
                    rule.name,
                );
            }
        }
    });
});
