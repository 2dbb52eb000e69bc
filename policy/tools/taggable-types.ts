// Finds which @pulumi/aws resource types take `tags`, by reading the installed SDK: each resource's
// JavaScript names its type token and its `<Name>Args` interface lists its inputs. The pack ships
// the result (lib/taggable-types.json) because it must not read node_modules at policy time;
// `npm run policy:taggable` rewrites it after an @pulumi/aws upgrade, and a test fails while stale.
import { readdirSync, readFileSync, statSync, writeFileSync } from "fs";
import { join } from "path";

/** Every type token of the @pulumi/aws package under `awsRoot` whose Args interface has `tags`, sorted. */
export function findTaggableTypes(awsRoot: string): string[] {
    const found: string[] = [];
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir)) {
            const path = join(dir, entry);
            if (statSync(path).isDirectory()) {
                if (entry !== "node_modules" && entry !== "types") {
                    walk(path);
                }
                continue;
            }
            if (!entry.endsWith(".js")) {
                continue;
            }
            const js = readFileSync(path, "utf8");
            const token = /static __pulumiType = '([^']+)'/.exec(js)?.[1];
            const className = /^class (\w+) extends pulumi\.CustomResource/m.exec(js)?.[1];
            if (!token || !className) {
                continue;
            }
            const dts = readFileSync(path.replace(/\.js$/, ".d.ts"), "utf8");
            const start = dts.indexOf(`export interface ${className}Args {`);
            if (start < 0) {
                continue;
            }
            const body = dts.slice(start, dts.indexOf("\n}", start));
            if (/^ {4}tags\?:/m.test(body)) {
                found.push(token);
            }
        }
    };
    walk(awsRoot);
    return [...new Set(found)].sort();
}

/** Where the pack keeps the list. */
export const TAGGABLE_TYPES_FILE = join(__dirname, "..", "lib", "taggable-types.json");

if (require.main === module) {
    const types = findTaggableTypes(join(__dirname, "..", "..", "node_modules", "@pulumi", "aws"));
    writeFileSync(TAGGABLE_TYPES_FILE, JSON.stringify(types, null, 2) + "\n");
    process.stdout.write(`${types.length} taggable @pulumi/aws types written to ${TAGGABLE_TYPES_FILE}\n`);
}
