import { existsSync, readdirSync, readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";

/** Bad usage: a missing stack file, a malformed `--config`. Exit status 2, one line on stderr. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

/** The config the Pulumi engine would hand the program for one stack. */
export interface StackConfigMap {
    /** The project name from Pulumi.yaml. */
    readonly project: string;
    /** Namespaced key to string value; structured values are JSON, as Pulumi passes them. */
    readonly values: Record<string, string>;
    /** Keys set with `secure:` (their values are placeholders: they cannot be decrypted offline). */
    readonly secretKeys: string[];
}

/** The placeholder an encrypted (`secure:`) value gets: the offline plan has no key to decrypt it. */
export const UNDECRYPTABLE = "[secret]";

type Yaml = unknown;

function readYaml(path: string): Record<string, Yaml> {
    const parsed = parse(readFileSync(path, "utf8")) as unknown;
    return parsed !== null && typeof parsed === "object" ? (parsed as Record<string, Yaml>) : {};
}

/** The stacks that have a `Pulumi.<stack>.yaml` in `root`, sorted. */
export function listStacks(root: string): string[] {
    return readdirSync(root)
        .map((file) => /^Pulumi\.([^.]+)\.ya?ml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort();
}

function containsSecure(value: Yaml): boolean {
    if (value === null || typeof value !== "object") {
        return false;
    }
    if (!Array.isArray(value) && "secure" in value && Object.keys(value).length === 1) {
        return true;
    }
    return Object.values(value).some(containsSecure);
}

function toConfigString(value: Yaml): string {
    return value !== null && typeof value === "object" ? JSON.stringify(value) : String(value);
}

/**
 * Reads the project and stack files as the Pulumi CLI does: stack values, then project defaults for
 * declared keys the stack leaves unset. Secure values cannot be decrypted here; they become a
 * placeholder and their keys are listed as secret.
 */
export function readStackConfig(root: string, stack: string): StackConfigMap {
    const stackFile = join(root, `Pulumi.${stack}.yaml`);
    if (!existsSync(stackFile)) {
        throw new UsageError(`no stack file Pulumi.${stack}.yaml; stacks with a file: ${listStacks(root).join(", ")}`);
    }
    const projectFile = readYaml(join(root, "Pulumi.yaml"));
    const project = String(projectFile.name);
    const namespaced = (key: string) => (key.includes(":") ? key : `${project}:${key}`);

    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    const stackConfig = (readYaml(stackFile).config ?? {}) as Record<string, Yaml>;
    for (const [rawKey, value] of Object.entries(stackConfig)) {
        const key = namespaced(rawKey);
        if (containsSecure(value)) {
            values[key] = UNDECRYPTABLE;
            secretKeys.push(key);
        } else {
            values[key] = toConfigString(value);
        }
    }
    const declarations = (projectFile.config ?? {}) as Record<string, Yaml>;
    for (const [rawKey, declaration] of Object.entries(declarations)) {
        const key = namespaced(rawKey);
        const hasDefault = declaration !== null && typeof declaration === "object" && "default" in declaration;
        if (!(key in values) && hasDefault) {
            values[key] = toConfigString(declaration.default);
        }
    }
    return { project, values, secretKeys };
}

/** Splits `ns:key.a[0].b` into the config key `ns:key` and the path `["a", 0, "b"]`. */
function splitPath(target: string): {
    key: string;
    path: Array<string | number>;
} {
    const colon = target.indexOf(":");
    const rest = target.slice(colon + 1);
    const match = /^([^.[]+)(.*)$/.exec(rest);
    if (colon <= 0 || !match) {
        throw new UsageError(`--config ${target}: expected a namespaced key such as fraud-detector:database.multiAz`);
    }
    const path: Array<string | number> = [];
    const segments = /\.([^.[\]]+)|\[(\d+)\]/g;
    let consumed = 0;
    for (let m = segments.exec(match[2]); m !== null; m = segments.exec(match[2])) {
        if (m.index !== consumed) {
            break;
        }
        path.push(m[1] !== undefined ? m[1] : Number(m[2]));
        consumed = m.index + m[0].length;
    }
    if (consumed !== match[2].length) {
        throw new UsageError(
            `--config ${target}: cannot read the path "${match[2]}"; use dots and [index], e.g. a.b[0]`,
        );
    }
    return { key: `${target.slice(0, colon)}:${match[1]}`, path };
}

/**
 * Applies one `--config KEY=VALUE` override, with the syntax of the stack file's keys: a dotted
 * path into a structured value, the value read as a YAML scalar.
 */
export function applyOverride(config: StackConfigMap, assignment: string): StackConfigMap {
    const eq = assignment.indexOf("=");
    if (eq <= 0) {
        throw new UsageError(`--config ${assignment}: expected KEY=VALUE, e.g. fraud-detector:database.multiAz=false`);
    }
    const { key, path } = splitPath(assignment.slice(0, eq));
    const value = parse(assignment.slice(eq + 1)) as Yaml;
    const values = { ...config.values };
    if (path.length === 0) {
        values[key] = toConfigString(value);
    } else {
        const current = values[key];
        let root: Yaml;
        try {
            root = current === undefined || current === "" ? undefined : (JSON.parse(current) as Yaml);
        } catch {
            throw new UsageError(
                `--config ${assignment}: ${key} holds a plain value, not a structure to set a path in`,
            );
        }
        values[key] = JSON.stringify(setAt(root, path, value));
    }
    return {
        ...config,
        values,
        secretKeys: config.secretKeys.filter((secret) => secret !== key),
    };
}

function setAt(node: Yaml, path: ReadonlyArray<string | number>, value: Yaml): Yaml {
    if (path.length === 0) {
        return value;
    }
    const [head, ...rest] = path;
    const container: Record<string | number, Yaml> | Yaml[] =
        node !== null && typeof node === "object"
            ? Array.isArray(node)
                ? [...(node as Yaml[])]
                : { ...node }
            : typeof head === "number"
              ? []
              : {};
    (container as Record<string | number, Yaml>)[head] = setAt(
        (container as Record<string | number, Yaml>)[head],
        rest,
        value,
    );
    return container;
}
