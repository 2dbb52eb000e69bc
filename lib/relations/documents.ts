import { asList } from "./resources";

/** One statement of an IAM, S3, SNS, KMS or endpoint policy document, normalised. */
export interface Statement {
    readonly effect: "Allow" | "Deny";
    readonly actions: string[];
    readonly notActions: string[];
    readonly resources: string[];
    readonly notResources: string[];
    /** Principals by kind (`AWS`, `Service`, `Federated`, or `*` for `Principal: "*"`). */
    readonly principals: Record<string, string[]>;
    readonly conditions: Record<string, Record<string, unknown>>;
}

/**
 * Parses a policy document given as a JSON string or as a `PolicyDocument` object (IAM, S3 and SNS
 * inputs accept both; KMS and endpoint policies are strings). Undefined when absent or unreadable.
 */
export function parseDocument(document: unknown): Statement[] | undefined {
    let parsed: unknown = document;
    if (typeof document === "string") {
        try {
            parsed = JSON.parse(document);
        } catch {
            return undefined;
        }
    }
    if (parsed === null || typeof parsed !== "object") {
        return undefined;
    }
    return asList((parsed as { Statement?: unknown }).Statement).map((raw) => {
        const s = raw as Record<string, unknown>;
        const principal = s.Principal;
        const principals: Record<string, string[]> =
            principal === "*"
                ? { "*": ["*"] }
                : Object.fromEntries(
                      Object.entries((principal ?? {}) as Record<string, unknown>).map(([kind, value]) => [
                          kind,
                          asList(value as string | string[]).map(String),
                      ]),
                  );
        return {
            effect: s.Effect === "Deny" ? "Deny" : "Allow",
            actions: asList(s.Action as string | string[]).map(String),
            notActions: asList(s.NotAction as string | string[]).map(String),
            resources: asList(s.Resource as string | string[]).map(String),
            notResources: asList(s.NotResource as string | string[]).map(String),
            principals,
            conditions: (s.Condition ?? {}) as Record<string, Record<string, unknown>>,
        };
    });
}

/** True when an action pattern (`s3:Get*`, `*`) covers the action `s3:GetObject`, case-insensitively as IAM does. */
export function actionMatches(pattern: string, action: string): boolean {
    const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i");
    return regex.test(action);
}

/**
 * Whether a resource-policy statement names everyone as principal (`"*"` or `{ AWS: "*" }`). Bucket
 * and KMS key policies read principals the same way.
 */
export function namesEveryone(statement: Statement): boolean {
    return statement.principals["*"] !== undefined || (statement.principals.AWS ?? []).includes("*");
}
