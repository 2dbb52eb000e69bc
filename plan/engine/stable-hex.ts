import { createHash } from "crypto";

/** A deterministic lowercase hex string of `length` characters derived from `parts`. */
export function stableHex(length: number, ...parts: string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, length);
}
