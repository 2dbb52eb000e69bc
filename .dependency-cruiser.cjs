/**
 * The import boundaries of the project, checked by `npm run lint` (dependency-cruiser): no import
 * cycle anywhere (type-only imports count: a type cycle ties two files as tightly as a value one),
 * and no import that runs against the layers. Bottom to top:
 *
 *   facts/, lib/                 what the guide and AWS say; pure shared code
 *   stacks/                      stack config: schema, profiles, resolution
 *   components/, index.ts        the Pulumi program
 *   plan/engine/                 the offline plan: mock engine, document, contract, stack files
 *   policy/                      the CrossGuard pack: never imports the program or the plan
 *   plan/policy|cost|diff|report the plan's verdict, cost, diff and report
 *   plan/cli/                    the command-line front ends: parse arguments and print
 *
 * Tests, the benchmark and tools may import any layer; nothing imports them.
 */
const LAYERS = {
    facts: "^facts/",
    lib: "^lib/",
    stacks: "^stacks/",
    program: "^(components/|index\\.ts$)",
    engine: "^plan/engine/",
    pack: "^policy/",
    middle: "^plan/(policy|cost|diff|report)/",
    cli: "^plan/cli/",
    harness: "^(test|bench|tools)/",
};

/** A rule that `from` imports nothing of the layers named in `above`. */
function below(name, from, above, why) {
    return {
        name,
        comment: why,
        severity: "error",
        from: { path: LAYERS[from] },
        to: { path: above.map((layer) => LAYERS[layer]) },
    };
}

module.exports = {
    forbidden: [
        {
            name: "no-circular",
            comment: "An import cycle: files that cannot be read, tested or moved apart.",
            severity: "error",
            from: {},
            to: { circular: true },
        },
        below(
            "facts-import-nothing",
            "facts",
            ["lib", "stacks", "program", "engine", "pack", "middle", "cli", "harness"],
            "facts/ is data: it imports only other facts.",
        ),
        below(
            "lib-imports-facts-only",
            "lib",
            ["stacks", "program", "engine", "pack", "middle", "cli", "harness"],
            "lib/ is shared by the program, the engine and the pack: it may import facts/ only.",
        ),
        below(
            "stacks-below-program",
            "stacks",
            ["program", "engine", "pack", "middle", "cli", "harness"],
            "Stack config is read by the program, never the other way round.",
        ),
        below(
            "program-below-plan",
            "program",
            ["engine", "pack", "middle", "cli", "harness"],
            "The program is what `pulumi up` runs: it knows nothing of the offline plan or the pack.",
        ),
        below(
            "engine-below-verdicts",
            "engine",
            ["program", "pack", "middle", "cli", "harness"],
            "The engine runs any program it is given (by path, in its own runtime); it never imports one.",
        ),
        below(
            "pack-never-imports-the-program",
            "pack",
            ["stacks", "program", "engine", "middle", "cli", "harness"],
            "The pack judges what it is shown: it imports facts/ and lib/ only, so it judges a real preview the same way.",
        ),
        below(
            "middle-below-front-ends",
            "middle",
            ["cli", "harness"],
            "The verdict, cost, diff and report are used by the front ends, never the reverse.",
        ),
        below("front-ends-on-top", "cli", ["harness"], "Nothing of the product imports the tests or the benchmark."),
    ],
    options: {
        doNotFollow: { path: "node_modules" },
        exclude: { path: "(^|/)node_modules/|^out/" },
        tsPreCompilationDeps: true,
        tsConfig: { fileName: "tsconfig.json" },
    },
};
