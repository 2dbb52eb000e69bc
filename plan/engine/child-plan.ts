/**
 * Plans a stack in a child process, as `npm run plan -- --stack S --json` does. The Pulumi runtime
 * is global state and a second run in one process inherits the first one's (architecture.md, "One
 * stack per process"), so whatever needs the plans of two stacks gets each from its own process.
 */
import { spawn } from "child_process";
import { join, resolve } from "path";
import type { PlanDocument } from "./contract";
import { EXIT } from "./exit-status";
import { UsageError } from "./stack-files";

/** The project root, where `npm run plan` runs. */
const ROOT = resolve(__dirname, "..", "..");

/** The last line the child wrote on stderr: its one-line reason for failing. */
const lastLine = (text: string): string => text.trim().split("\n").pop() ?? "";

/**
 * The plan of `stack` with its policy verdict and cost estimate, planned in a child process. A
 * plan with mandatory violations is still a plan; bad config in the stack file rejects with a
 * `UsageError` that names the stack, and a failed program with an `Error`.
 */
export function planInChild(stack: string): Promise<PlanDocument> {
    const args = [
        "-r",
        join(ROOT, "plan", "engine", "ts-hook.cjs"),
        join(ROOT, "plan", "cli", "plan.ts"),
        "--stack",
        stack,
        "--json",
    ];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    return new Promise((resolvePlan, reject) => {
        child.on("error", reject);
        child.on("close", (status) => {
            const reason = lastLine(Buffer.concat(stderr).toString("utf8"));
            if (status === EXIT.ok || status === EXIT.mandatoryViolation) {
                resolvePlan(JSON.parse(Buffer.concat(stdout).toString("utf8")) as PlanDocument);
            } else if (status === EXIT.badInput) {
                reject(new UsageError(`${stack}: ${reason}`));
            } else {
                reject(new Error(`the plan of ${stack} exited ${status}: ${reason}`));
            }
        });
    });
}
