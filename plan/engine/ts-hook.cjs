// A require hook that runs the project's TypeScript for the offline plan, the policy runner and the
// benchmark. ts-node would do, but a plan spends most of its time in it: loading the compiler
// (~0.4 s) and installing source-map support (~0.2 s) for every process, while the program under
// the mocks takes well under a second. So this hook transpiles each file once (no type check: that
// is `npm run typecheck`'s job), caches the JavaScript by content hash under node_modules/.cache,
// and loads the compiler only on a cache miss. Mocha and `pulumi up` keep using ts-node.
"use strict";
const { createHash } = require("crypto");
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require("fs");
const { join } = require("path");

const CACHE = join(__dirname, "..", "..", "node_modules", ".cache", "fraud-detector-ts");
let typescript;

function transpile(source, filename) {
    typescript = typescript || require("typescript");
    return typescript.transpileModule(source, {
        fileName: filename,
        compilerOptions: {
            module: typescript.ModuleKind.CommonJS,
            target: typescript.ScriptTarget.ES2022,
            esModuleInterop: true,
            sourceMap: false,
        },
    }).outputText;
}

require.extensions[".ts"] = (module, filename) => {
    const source = readFileSync(filename, "utf8");
    const key = createHash("sha256").update(filename).update("\0").update(source).digest("hex");
    const cached = join(CACHE, `${key}.js`);
    let output;
    try {
        output = readFileSync(cached, "utf8");
    } catch {
        output = transpile(source, filename);
        mkdirSync(CACHE, { recursive: true });
        // Write then rename, so a parallel process never reads half a file.
        const partial = `${cached}.${process.pid}`;
        writeFileSync(partial, output);
        renameSync(partial, cached);
    }
    module._compile(output, filename);
};
