import { strict as assert } from "assert";
import { join } from "path";
import type * as pulumi from "@pulumi/pulumi";
import type { PlanDocument, PlanResource } from "../../plan/engine/contract";
import { runEngine } from "../../plan/engine/engine";

/**
 * Builds ONE component in-process under the plan's own mock engine (`runEngine`: the same mocks,
 * answers and document as `npm run plan`), so a spec sees exactly what the plan would show of it,
 * without the whole program and without a child process. Each build is a fresh engine run: the
 * engine calls `pulumi.runtime.setMocks` every time, which resets the SDK's global runtime state
 * (mocha runs every spec in one process).
 */

/** The component built, with everything registered under it, as the plan document records them. */
export interface BuiltComponent {
    /** The component itself; its `outputs` are what it registered, settled. */
    readonly component: PlanResource;
    /** Every resource registered under the component (children and theirs), in registration order. */
    readonly children: readonly PlanResource[];
    /** The component's registered outputs, settled. */
    readonly outputs: Readonly<Record<string, unknown>>;
    /** The one child of `type` named `name`; fails naming what there is when there is not exactly one. */
    readonly child: (type: string, name: string) => PlanResource;
    /** The children of `type`, in registration order. */
    readonly ofType: (type: string) => PlanResource[];
    /** The logical name of `resource`'s parent (the last part of its parent URN). */
    readonly parentName: (resource: PlanResource) => string | null;
}

/** The stack every build runs in; no component reads it. */
const STACK = "component-spec";
const PROGRAM = join(__dirname, "component-program.ts");

let queued: (() => pulumi.Resource) | undefined;
/** The build under way: the runtime is global, so builds run one after another. */
let previous: Promise<unknown> = Promise.resolve();

/** Runs the build `buildComponent` queued; called by the program file, inside the engine's stack. */
export function runQueuedBuild(): void {
    const build = queued;
    queued = undefined;
    if (build === undefined) {
        throw new Error("component-program.ts runs only under buildComponent");
    }
    build();
}

/**
 * Runs `build` (which constructs one component) under the mock engine and returns the component and
 * its children once every registration settled. A constructor's error (an argument error) or a
 * failed registration is thrown as an Error with the component's own message.
 */
export async function buildComponent(build: () => pulumi.Resource): Promise<BuiltComponent> {
    return builtFrom(await runBuild(build));
}

/**
 * `buildComponent(build)` run once, when a test first asks for it (not while mocha loads the specs),
 * and shared by the tests of one table row.
 */
export function builtOnce(build: () => pulumi.Resource): () => Promise<BuiltComponent> {
    let built: Promise<BuiltComponent> | undefined;
    return () => (built ??= buildComponent(build));
}

/** One row of a component's argument-error table: what is wrong, the change to the valid base, the exact message. */
export type ArgumentErrorRow<Args> = readonly [what: string, change: Partial<Args>, message: string];

/**
 * Declares, under "argument errors", one mocha test per row: building from `base` with the row's
 * change must fail with exactly the row's message.
 */
export function refusesEach<Args>(
    build: (args: Args) => () => pulumi.Resource,
    base: Args,
    rows: readonly ArgumentErrorRow<Args>[],
): void {
    describe("argument errors", () => {
        for (const [what, change, message] of rows) {
            it(`refuses ${what}`, async () => {
                assert.equal(await argumentError(build({ ...base, ...change })), message);
            });
        }
    });
}

/** The message of the argument error `build` throws; fails when the component builds. */
export async function argumentError(build: () => pulumi.Resource): Promise<string> {
    try {
        await runBuild(build);
    } catch (err) {
        return (err as Error).message;
    }
    throw new Error("expected an argument error, but the component was built");
}

function runBuild(build: () => pulumi.Resource): Promise<PlanDocument> {
    const run = previous.then(() => runAlone(build));
    previous = run.catch(() => undefined);
    return run;
}

async function runAlone(build: () => pulumi.Resource): Promise<PlanDocument> {
    // The SDK records every resource's source position from a full stack trace (`Resource.callsites`),
    // and ts-node's source-map support maps each frame: three quarters of a build's time. The plan
    // runs without it; so does a build (V8's own format, restored after).
    const errors = Error as { prepareStackTrace?: unknown };
    const prepareStackTrace = errors.prepareStackTrace;
    errors.prepareStackTrace = undefined;
    try {
        return await runSettled(build);
    } finally {
        errors.prepareStackTrace = prepareStackTrace;
    }
}

async function runSettled(build: () => pulumi.Resource): Promise<PlanDocument> {
    queued = build;
    // The engine requires the program; a cached module would not run again.
    delete require.cache[PROGRAM];
    const waiting = new Set(process.rawListeners("beforeExit"));
    let finished = false;
    const run = runEngine({ project: "fraud-detector", stack: STACK, program: PROGRAM, config: {}, secretKeys: [] });
    const done = run.then(
        () => (finished = true),
        () => (finished = true),
    );
    // The engine settles by waiting for the event loop to run dry (`beforeExit`). Under mocha it never
    // does (mocha's timeout timer is always pending), so once the engine has drained the RPC queue and
    // waits for that event, the harness delivers it to the engine's listener alone after a turn of the
    // loop. No component registers from a timer, which is all that turn would miss.
    while (!finished) {
        await new Promise((resolve) => setImmediate(resolve));
        for (const listener of process.rawListeners("beforeExit")) {
            if (!waiting.has(listener)) {
                (listener as (code: number) => void)(0);
            }
        }
    }
    await done;
    return run;
}

function builtFrom(plan: PlanDocument): BuiltComponent {
    const stackUrn = plan.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn;
    const roots = plan.resources.filter((r) => r.parent === stackUrn && !r.type.startsWith("pulumi:providers:"));
    if (roots.length !== 1) {
        throw new Error(`expected one component, the build registered ${roots.map((r) => r.urn).join(", ")}`);
    }
    const component = roots[0];
    const under = new Set([component.urn]);
    const children: PlanResource[] = [];
    for (const resource of plan.resources) {
        // Registration order puts every parent before its children.
        if (resource.parent !== null && under.has(resource.parent)) {
            under.add(resource.urn);
            children.push(resource);
        }
    }
    const ofType = (type: string) => children.filter((r) => r.type === type);
    return {
        component,
        children,
        outputs: component.outputs,
        ofType,
        child: (type, name) => {
            const found = ofType(type).filter((r) => r.name === name);
            if (found.length !== 1) {
                const names = ofType(type).map((r) => r.name);
                throw new Error(`expected one ${type} named ${name}; there are: ${names.join(", ") || "none"}`);
            }
            return found[0];
        },
        parentName: (resource) => (resource.parent === null ? null : resource.parent.split("::").pop()!),
    };
}
