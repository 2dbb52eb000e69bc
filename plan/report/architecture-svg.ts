import { instance, type Viz } from "@viz-js/viz";
import type { PlanDocument } from "../engine/contract";
import { architectureDot } from "./architecture-dot";
import { buildArchitectureGraph } from "./architecture-graph";

/**
 * Renders the architecture diagram of a plan as SVG with Graphviz compiled to WebAssembly
 * (@viz-js/viz, pinned), so no system binary is needed and every machine draws the same bytes:
 * the committed docs/architecture-production.svg can be checked for staleness byte for byte.
 *
 * @module
 */

/** The diagram committed to the repository (the README shows it): `npm run diagram` writes it, a test keeps it current. */
export const COMMITTED_DIAGRAM = { stack: "production", path: "docs/architecture-production.svg" } as const;

/** One Graphviz instance per process: loading the WebAssembly module is most of a first render's cost. */
let graphviz: Promise<Viz> | undefined;

/** The SVG of the plan's architecture diagram; the same plan always gives the same string. */
export async function renderArchitectureSvg(plan: PlanDocument): Promise<string> {
    // Compiling WebAssembly holds no event-loop handle. After a plan, whose engine waits for the
    // loop to run dry, Node would exit mid-compile without a word; a timer keeps it alive.
    const keepAlive = setInterval(() => undefined, 60_000);
    try {
        graphviz ??= instance();
        const viz = await graphviz;
        return viz.renderString(architectureDot(buildArchitectureGraph(plan)), { format: "svg", engine: "dot" });
    } finally {
        clearInterval(keepAlive);
    }
}
