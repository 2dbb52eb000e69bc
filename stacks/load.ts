import * as pulumi from "@pulumi/pulumi";
import { RawConfig, resolveStackConfig, StackConfig } from "./resolve";

// `isConfigSecret` is exported by the SDK's runtime but left out of its typings; it answers from
// the secret-key list the engine (or the mocks' `setAllConfig`) hands the program.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isConfigSecret } = require("@pulumi/pulumi/runtime/config") as {
    isConfigSecret: (key: string) => boolean;
};

/**
 * Reads the running stack's configuration from the Pulumi engine and resolves it (see
 * `resolveStackConfig`). The only place in the program that touches `pulumi.Config`.
 */
export function loadStackConfig(): StackConfig {
    const values = pulumi.runtime.allConfig();
    const raw: RawConfig = {
        values,
        secretKeys: Object.keys(values).filter((key) => isConfigSecret(key)),
    };
    return resolveStackConfig(pulumi.getStack(), raw);
}
