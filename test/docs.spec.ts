import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { ENVIRONMENTS, PROFILES, stackConfigSchema } from "../stacks";
import { ROOT } from "./helpers/plan";

/** Dotted paths of every leaf of the config schema (`services.api.cpu`, ...), optional sections included. */
function schemaLeaves(schema: unknown, prefix = ""): string[] {
    const def = (schema as { def?: { type?: string; innerType?: unknown } }).def;
    if (def?.type === "optional" && (def.innerType as { shape?: unknown }).shape) {
        return schemaLeaves(def.innerType, prefix);
    }
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    if (!shape) {
        return [prefix.slice(0, -1)];
    }
    return Object.entries(shape).flatMap(([key, child]) => schemaLeaves(child, `${prefix}${key}.`));
}

/** The rows of the README's configuration reference: key -> [local, staging, production]. */
function readmeRows(): Map<string, string[]> {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.split("## Configuration reference")[1].split("\n## ")[0];
    const rows = new Map<string, string[]>();
    for (const line of section.split("\n")) {
        const cells = line.split("|").map((cell) => cell.trim());
        const key = /^`([^`]+)`$/.exec(cells[1] ?? "")?.[1];
        if (key) {
            rows.set(key, cells.slice(3, 6));
        }
    }
    return rows;
}

function rendered(value: unknown): string {
    if (value === undefined) {
        return "—";
    }
    return Array.isArray(value) ? value.join(", ") : typeof value === "string" ? value : JSON.stringify(value);
}

function valueAt(root: unknown, path: string): unknown {
    return path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
}

describe("documentation stays true to the code", () => {
    const rows = readmeRows();

    it("documents every config key of the schema in the README, and no other", () => {
        assert.deepEqual([...rows.keys()].sort(), schemaLeaves(stackConfigSchema).sort());
    });

    it("shows each environment's default in the README exactly as the profile sets it", () => {
        for (const [key, cells] of rows) {
            const defaults = ENVIRONMENTS.map((env) => rendered(valueAt(PROFILES[env], key)));
            assert.deepEqual(cells, defaults, key);
        }
    });

    it("declares exactly the schema's top-level keys in Pulumi.yaml, so `pulumi up` refuses any other", () => {
        const project = parse(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8")) as { config: Record<string, unknown> };
        assert.deepEqual(Object.keys(project.config).sort(), Object.keys(stackConfigSchema.shape).sort());
    });
});
