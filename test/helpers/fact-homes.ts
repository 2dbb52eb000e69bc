/**
 * Where the program states a fact: the files of a source tree whose text matches the ways the
 * fact can be written. A fact with one home is matched in exactly that file; a second match is a
 * copy that a change to the guide would leave behind.
 */
import { readdirSync, readFileSync } from "fs";
import { join, relative, sep } from "path";

/** One fact and how it is written, wherever it is written. */
export interface FactHome {
    /** What the fact is, e.g. "backup window". */
    readonly fact: string;
    /** Every spelling of the fact in source: a literal, a call, a comment. */
    readonly pattern: RegExp;
    /** The one file, relative to the tree's root, that may state it. */
    readonly home: string;
}

/** The tree's own sources: tests, dependencies and build output are not the program. */
const SKIPPED_DIRECTORIES = new Set(["node_modules", "test", ".git", "out"]);
/** What can set a value: code and configuration, not the prose of the docs. */
const SOURCE_FILE = /\.(ts|cjs|mjs|js|ya?ml)$/;

/** The source files under `root`, relative to it with `/` separators, sorted. */
export function sourceFiles(root: string, dir: string = root): string[] {
    return readdirSync(dir, { withFileTypes: true })
        .flatMap((entry) => {
            const path = join(dir, entry.name);
            if (entry.isDirectory()) {
                return SKIPPED_DIRECTORIES.has(entry.name) ? [] : sourceFiles(root, path);
            }
            return SOURCE_FILE.test(entry.name) ? [relative(root, path).split(sep).join("/")] : [];
        })
        .sort();
}

/** One line per fact that is not stated in exactly its home under `root`; none when each has one home. */
export function factHomeProblems(root: string, facts: readonly FactHome[]): string[] {
    const files = sourceFiles(root).map((path) => ({ path, text: readFileSync(join(root, path), "utf8") }));
    return facts.flatMap(({ fact, pattern, home }) => {
        const stating = files.filter((file) => pattern.test(file.text)).map((file) => file.path);
        if (stating.length === 1 && stating[0] === home) {
            return [];
        }
        const where = stating.length === 0 ? "no file" : `${stating.length} file(s): ${stating.join(", ")}`;
        return [`${fact} is stated in ${where}; expected only ${home}`];
    });
}
