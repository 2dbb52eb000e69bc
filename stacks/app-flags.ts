import { APP_FLAGS as GUIDE_APP_FLAGS } from "../facts/guide/app-flags";
import { Environment } from "./schema";

/**
 * The application flags of each environment, typed by the stack's environments. They are data of
 * the environment, not settings of a stack: the SSM configuration parameter and the task
 * definitions both take them from here, and the values are the guide's (facts/guide/app-flags.ts).
 */
export const APP_FLAGS: Readonly<Record<Environment, Readonly<Record<string, string>>>> = GUIDE_APP_FLAGS;
