import { readFileSync } from "fs";
import { z } from "zod";
import { PlanDocument, planDocumentSchema } from "./contract";

/** What a plan file should be, for the end of every message. */
const EXPECTED_FILE = "expected a plan document as `npm run plan -- --stack <stack> --json` prints it";

/** Why a file could not be read, by Node's error code; anything else shows its code. */
const READ_ERRORS: Readonly<Record<string, string>> = {
    ENOENT: "no such file",
    EISDIR: "it is a directory",
    EACCES: "permission denied",
    ENOTDIR: "a part of the path is not a directory",
};

/** A plan file that cannot be used: the message is one line naming the file and the first problem. */
export class PlanFileError extends Error {}

/**
 * Reads and validates a plan file against the contract (`planDocumentSchema`) before anything uses
 * it. Throws a `PlanFileError` naming the first problem: an unreadable path, an empty file, text
 * that is not JSON, or the first place where the document departs from the contract (its path,
 * what was expected there and what was found).
 */
export function readPlanFile(file: string): PlanDocument {
    let text: string;
    try {
        text = readFileSync(file, "utf8");
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? "unknown error";
        throw new PlanFileError(`${file}: cannot read it (${READ_ERRORS[code] ?? code}); ${EXPECTED_FILE}`);
    }
    if (text.trim() === "") {
        throw new PlanFileError(`${file}: the file is empty; ${EXPECTED_FILE}`);
    }
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (err) {
        throw new PlanFileError(`${file}: not JSON: ${jsonProblem(text, err as Error)}; ${EXPECTED_FILE}`);
    }
    const problem = planProblem(value);
    if (problem !== undefined) {
        throw new PlanFileError(`${file}: not a plan document: ${problem}`);
    }
    return planDocumentSchema.parse(value);
}

/**
 * Where JSON.parse gave up, in words that do not depend on the Node version (V8 rewords its
 * messages between releases): the end of the text, or a line and column.
 */
function jsonProblem(text: string, err: Error): string {
    const end = text.trimEnd().length;
    const at = /at position (\d+)/.exec(err.message);
    const position = at ? Number(at[1]) : /end of JSON input|Unterminated/.test(err.message) ? end : undefined;
    if (position === undefined) {
        // Some V8 messages give no position; theirs is then the best there is, on one line.
        return err.message.replace(/\s+/g, " ");
    }
    if (position >= end) {
        return `it breaks off after ${end} characters (truncated?)`;
    }
    const before = text.slice(0, position).split("\n");
    return `unexpected text at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * The first way `value` departs from the plan contract, as `<path>: expected <what>, found <what>`,
 * or undefined when it is a plan document.
 */
export function planProblem(value: unknown): string | undefined {
    const result = planDocumentSchema.safeParse(value);
    if (result.success) {
        return undefined;
    }
    const issue = result.error.issues[0];
    return `${pathOf(issue.path)}: expected ${expectedOf(issue)}, found ${foundAt(value, issue.path)}`;
}

/** `resources[3].options.dependsOn[0]`; the document itself is `the document`. */
function pathOf(path: readonly PropertyKey[]): string {
    if (path.length === 0) {
        return "the document";
    }
    return path
        .map((key, i) => {
            if (typeof key === "number") {
                return `[${key}]`;
            }
            const name = String(key);
            return /^[A-Za-z_$][\w$]*$/.test(name) ? `${i === 0 ? "" : "."}${name}` : `[${JSON.stringify(name)}]`;
        })
        .join("");
}

/** Zod's type names in plain words. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
    object: "an object",
    record: "an object",
    array: "a list",
    string: "a string",
    number: "a number",
    boolean: "true or false",
};

/** What the schema wanted where the issue is: a custom message of the schema, or the type in words. */
function expectedOf(issue: z.core.$ZodIssue): string {
    if (!issue.message.startsWith("Invalid input")) {
        return issue.message;
    }
    if (issue.code === "invalid_type") {
        return TYPE_WORDS[issue.expected] ?? issue.expected;
    }
    if (issue.code === "invalid_value") {
        return issue.values.map((v) => JSON.stringify(v)).join(" or ");
    }
    return issue.message;
}

/** The value found at `path` in the raw document, described briefly. */
function foundAt(document: unknown, path: readonly PropertyKey[]): string {
    let value: unknown = document;
    for (const key of path) {
        if (value === null || typeof value !== "object" || !(String(key) in value)) {
            return "nothing (the key is missing)";
        }
        value = (value as Record<string, unknown>)[String(key)];
    }
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return `a list of ${value.length}`;
    }
    if (typeof value === "object") {
        return "an object";
    }
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
