import * as pulumi from "@pulumi/pulumi";
import { deserializeProperties } from "@pulumi/pulumi/runtime/rpc";
import { PlanDocument } from "./contract";
import { answerCall, answerResource, stableHex } from "./mock-aws";
import { answerRemoteComponent, MockChild } from "./mock-awsx";
import { checkedInputs } from "./mock-names";
import { asSecret, buildDocument, Registration } from "./document";

// `waitForRPCs` resolves when the SDK's RPC queue drains; exported by the runtime, left out of its typings.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };

/**
 * The one mock engine of the project: it runs the real program under Pulumi's mock runtime and
 * records every registration. The offline plan and the tests both use it (the tests through the
 * plan CLI), so there is one way to run the program offline.
 *
 * One stack per process: Pulumi's runtime state is global.
 */

/** What to run: the program and the config the engine would hand it. */
export interface EngineRun {
    /** The Pulumi project name. */
    readonly project: string;
    /** The stack name. */
    readonly stack: string;
    /** Absolute path of the program's entry point (`index.ts`). */
    readonly program: string;
    /** Namespaced config keys to string values (structured values as JSON). */
    readonly config: Readonly<Record<string, string>>;
    /** Config keys that were set as secrets. */
    readonly secretKeys: readonly string[];
}

/** A failure of the program itself (not of its config): the plan cannot be trusted. */
export class ProgramError extends Error {
    constructor(
        message: string,
        public readonly causes: readonly unknown[],
    ) {
        super(message);
        this.name = "ProgramError";
    }
}

// The mock monitor's request/response objects are protobuf messages; only the getters used are typed.
interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getRemote(): boolean;
    getProtect(): boolean | undefined;
    getRetainondelete(): boolean | undefined;
    getIgnorechangesList(): string[];
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(fn: (deps: { getUrnsList(): string[] }, key: string) => void): void };
    getProvider(): string;
    getProvidersMap(): { get(key: string): string | undefined };
    getObject(): unknown;
    getAdditionalsecretoutputsList(): string[];
}
interface RegisterResponse {
    getUrn(): string;
    getId(): string;
    getObject(): unknown;
}
interface OutputsRequest {
    getUrn(): string;
    getOutputs(): unknown;
}
type Callback<T> = (err: Error | null, response?: T) => void;
interface MonitorLike {
    registerResource(req: RegisterRequest, cb: Callback<RegisterResponse>): void;
    registerResourceOutputs(req: OutputsRequest, cb: Callback<unknown>): void;
    invoke(req: unknown, cb: Callback<unknown>): void;
}

/**
 * Outputs each pending registration asked to keep secret (`additionalSecretOutputs`, e.g. a
 * RandomPassword's `result`), by `type::name`. The engine would mark them secret; the mock monitor
 * does not, so the mock wraps them itself and the plan prints them as `[secret]`.
 */
const pendingSecretOutputs = new Map<string, string[]>();

function withSecretOutputs(type: string, name: string, state: Record<string, unknown>): Record<string, unknown> {
    const secret = pendingSecretOutputs.get(`${type}::${name}`) ?? [];
    pendingSecretOutputs.delete(`${type}::${name}`);
    return Object.fromEntries(
        Object.entries(state).map(([key, value]) => [key, secret.includes(key) ? asSecret(value) : value]),
    );
}

/**
 * Children of remote components the mock answered, by `type::name`, waiting for the component's
 * registration to complete (only then is its URN known to parent them).
 */
const pendingChildren = new Map<string, readonly MockChild[]>();

const mocks: pulumi.runtime.Mocks = {
    newResource(args) {
        const ctx = { type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> };
        if (ctx.type.startsWith("pulumi:providers:")) {
            return { id: stableHex(32, ctx.type, ctx.name), state: ctx.inputs };
        }
        if (!args.custom) {
            // Local components get their outputs from registerOutputs; remote ones (awsx) from us,
            // and their children, which the mocks never register, are added when they register.
            const remote = answerRemoteComponent(ctx);
            if (remote) {
                pendingChildren.set(`${ctx.type}::${ctx.name}`, remote.children);
            }
            return { id: "", state: { ...ctx.inputs, ...remote?.outputs } };
        }
        const answer = answerResource(ctx);
        return { id: answer.id, state: withSecretOutputs(ctx.type, ctx.name, answer.state) };
    },
    call(args) {
        try {
            return answerCall(args.token, args.inputs as Record<string, unknown>);
        } catch (err) {
            // The SDK reports a failed invoke by the gRPC error's `details`; a plain Error has none,
            // and the message would be lost.
            throw Object.assign(err as Error, { details: (err as Error).message });
        }
    },
};

/**
 * Runs the program of `run` under the mocks and returns its plan (policy and cost not yet filled).
 * Throws the program's own error (a `ConfigError` for bad config) or a `ProgramError`.
 */
export async function runEngine(run: EngineRun): Promise<PlanDocument> {
    const failures: unknown[] = [];
    // A failed mock or registration surfaces only as an unhandled rejection, and the resource is
    // simply missing: any such rejection fails the plan.
    const onRejection = (reason: unknown) => failures.push(reason);
    process.on("unhandledRejection", onRejection);

    await pulumi.runtime.setMocks(mocks, run.project, run.stack, false);
    pulumi.runtime.setAllConfig({ ...run.config }, [...run.secretKeys]);

    const registrations: Registration[] = [];
    const componentOutputs = new Map<string, Record<string, unknown>>();
    const activity = { started: 0, finished: 0 };
    instrumentMonitor(pulumi.runtime.getMonitor() as unknown as MonitorLike, registrations, componentOutputs, activity);

    let stackOutputs: Record<string, unknown> = {};
    let programError: unknown;
    try {
        // The nodejs language host does the same: require the entry point; its exports are the outputs.
        stackOutputs = (await pulumi.runtime.runInPulumiStack(() =>
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            Promise.resolve(require(run.program) as Record<string, unknown>),
        )) as Record<string, unknown>;
    } catch (err) {
        programError = err;
    }
    await settle(activity);
    process.off("unhandledRejection", onRejection);

    if (programError !== undefined) {
        // A RunError (a ConfigError among them) is meant for the user as it is; anything else is a bug.
        throw pulumi.RunError.isInstance(programError)
            ? programError
            : new ProgramError(describe(programError), [programError]);
    }
    if (failures.length > 0) {
        throw new ProgramError(describe(failures[0]), failures);
    }
    return buildDocument(run.project, run.stack, registrations, componentOutputs, stackOutputs);
}

function describe(reason: unknown): string {
    return reason instanceof Error ? reason.message : JSON.stringify(reason);
}

/**
 * Wraps the mock monitor to capture what `newResource` never sees: parent, options, dependencies,
 * provider and the remote flag, plus component outputs. Counts RPCs for `settle`.
 */
function instrumentMonitor(
    monitor: MonitorLike,
    registrations: Registration[],
    componentOutputs: Map<string, Record<string, unknown>>,
    activity: { started: number; finished: number },
): void {
    const register = monitor.registerResource.bind(monitor);
    const awsProviders = new InheritedProviders();
    monitor.registerResource = (req, cb) => {
        activity.started++;
        pendingSecretOutputs.set(`${req.getType()}::${req.getName()}`, req.getAdditionalsecretoutputsList());
        const inputs = deserializeProperties(req.getObject() as never);
        register(req, (err, res) => {
            if (!err && res) {
                const state = deserializeProperties(res.getObject() as never);
                registrations.push({
                    mockUrn: res.getUrn(),
                    type: req.getType(),
                    name: req.getName(),
                    mockParent: req.getParent() || null,
                    custom: req.getCustom(),
                    remote: req.getRemote(),
                    id: res.getId() || null,
                    // What the provider's Check would return: an auto-name is an input in a real preview.
                    inputs: req.getCustom() ? checkedInputs(req.getType(), inputs, state) : inputs,
                    state,
                    protect: req.getProtect() ?? false,
                    retainOnDelete: req.getRetainondelete() ?? false,
                    ignoreChanges: req.getIgnorechangesList(),
                    mockDependencies: req.getDependenciesList(),
                    mockPropertyDependencies: propertyDependenciesOf(req),
                    mockProvider: req.getProvider() || null,
                });
                awsProviders.record(res.getUrn(), req);
                if (req.getRemote()) {
                    registrations.push(...childRegistrations(req, res.getUrn(), awsProviders.of(res.getUrn())));
                }
            }
            activity.finished++;
            cb(err, res);
        });
    };
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResourceOutputs = (req, cb) => {
        activity.started++;
        componentOutputs.set(req.getUrn(), deserializeProperties(req.getOutputs() as never));
        registerOutputs(req, (err, res) => {
            activity.finished++;
            cb(err, res);
        });
    };
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req, cb) => {
        activity.started++;
        invoke(req, (err, res) => {
            activity.finished++;
            cb(err, res);
        });
    };
}

/**
 * The AWS provider each registration passes on to its children: the one in its own `providers`
 * (or, for a custom resource, its `provider`), else its parent's. The SDK sends a remote
 * component only providers given to it directly, but its children, like any, use the nearest
 * ancestor's.
 */
class InheritedProviders {
    private readonly parents = new Map<string, string>();
    private readonly own = new Map<string, string>();

    record(urn: string, req: RegisterRequest): void {
        if (req.getParent()) {
            this.parents.set(urn, req.getParent());
        }
        const ref =
            req.getProvidersMap().get("aws") ??
            (req.getProvider().includes("pulumi:providers:aws") ? req.getProvider() : undefined);
        if (ref) {
            this.own.set(urn, ref);
        }
    }

    of(urn: string): string | null {
        for (let at: string | undefined = urn; at !== undefined; at = this.parents.get(at)) {
            const ref = this.own.get(at);
            if (ref) {
                return ref;
            }
        }
        return null;
    }
}

/**
 * The registrations a real engine would record for the children of a remote component: parented
 * in the component (or in one another), with the component's AWS provider and protection, as
 * children inherit them. Their mock URNs need only be unique: the document recomputes real ones
 * from the parent chain.
 */
function childRegistrations(req: RegisterRequest, componentUrn: string, provider: string | null): Registration[] {
    const key = `${req.getType()}::${req.getName()}`;
    const children = pendingChildren.get(key) ?? [];
    pendingChildren.delete(key);
    const prefix = componentUrn.slice(0, componentUrn.lastIndexOf("::", componentUrn.lastIndexOf("::") - 1));
    const urnOf = (childKey: string) => `${prefix}::${childKey}`;
    return children.map((child) => ({
        mockUrn: urnOf(child.key),
        type: child.type,
        name: child.name,
        mockParent: child.parent === null ? componentUrn : urnOf(child.parent),
        custom: true,
        remote: false,
        id: child.id,
        inputs: child.inputs,
        state: child.state,
        protect: req.getProtect() ?? false,
        retainOnDelete: req.getRetainondelete() ?? false,
        mockDependencies: child.dependsOn.map(urnOf),
        mockPropertyDependencies: Object.fromEntries(
            Object.entries(child.propertyDependencies).map(([prop, keys]) => [prop, keys.map(urnOf)]),
        ),
        mockProvider: provider,
    }));
}

/** Which resources each input property came from, as the engine hands them to policies. */
function propertyDependenciesOf(req: RegisterRequest): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
        result[key] = deps.getUrnsList();
    });
    return result;
}

/**
 * Registration is asynchronous: when the program's module has loaded, much is still in flight, and
 * an apply may register a resource only after a timer or I/O. Drain the SDK's RPC queue until no RPC
 * starts or ends, then wait for the event loop to run dry (`beforeExit`: no timer, no I/O left), and
 * repeat until a dry loop brought no new RPC.
 */
async function settle(activity: { started: number; finished: number }): Promise<void> {
    let seenAtDry = -1;
    for (;;) {
        let seen = -1;
        while (seen !== activity.started + activity.finished || activity.started !== activity.finished) {
            seen = activity.started + activity.finished;
            await waitForRPCs();
            await new Promise((resolve) => setImmediate(resolve));
        }
        await new Promise((resolve) => process.once("beforeExit", resolve));
        const now = activity.started + activity.finished;
        if (now === seenAtDry) {
            return;
        }
        seenAtDry = now;
    }
}
