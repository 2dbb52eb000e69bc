export { loadStackConfig } from "./load";
export { ConfigError, RawConfig, resolveStackConfig, StackConfig } from "./resolve";
export { PROFILES, Profile } from "./profiles";
export * from "./schema";
