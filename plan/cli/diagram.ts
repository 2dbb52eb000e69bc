import { writeFileSync } from "fs";
import { join } from "path";
import { planStack, PROJECT_ROOT } from "../report/plan-stack";
import { COMMITTED_DIAGRAM, renderArchitectureSvg } from "../report/architecture-svg";

/**
 * `npm run diagram`: plans the committed diagram's stack offline, as `npm run plan` does, and
 * rewrites docs/architecture-production.svg from it. Run it after a change to the program; the
 * diagram test fails until the committed copy matches what the program now plans.
 *
 * @module
 */

/** Writes the committed diagram and returns the exit status (0, or 3 when planning or drawing failed). */
export async function main(): Promise<number> {
    try {
        const started = Date.now();
        const plan = await planStack({ stack: COMMITTED_DIAGRAM.stack, overrides: [] });
        const svg = await renderArchitectureSvg(plan);
        writeFileSync(join(PROJECT_ROOT, COMMITTED_DIAGRAM.path), svg);
        process.stderr.write(`wrote ${COMMITTED_DIAGRAM.path} (${Date.now() - started} ms)\n`);
        return 0;
    } catch (err) {
        process.stderr.write(`the diagram failed: ${err instanceof Error ? err.message : JSON.stringify(err)}\n`);
        return 3;
    }
}

if (require.main === module) {
    void main().then((code) => {
        process.exitCode = code;
    });
}
