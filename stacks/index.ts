export { loadStackConfig } from "./load";
export { ConfigError, RawConfig, resolveStackConfig, StackConfig } from "./resolve";
export { PROFILES, Profile } from "./profiles";
export * from "./schema";
export { APP_FLAGS } from "./app-flags";
