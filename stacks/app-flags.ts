import { Environment } from "./schema";

/**
 * The application flags of each environment, as the guide's environment blocks set them
 * (Environment Configuration, Local Environment Variables, Production Configuration). They are data
 * of the environment, not settings of a stack: the SSM configuration parameter and the task
 * definitions both take them from here.
 */
export const APP_FLAGS: Readonly<Record<Environment, Readonly<Record<string, string>>>> = {
    local: { APP_ENV: "local", APP_DEBUG: "true", MOCK_EXTERNAL_SERVICES: "true", MOCK_BEDROCK: "true" },
    staging: { APP_ENV: "staging", APP_DEBUG: "false", MOCK_EXTERNAL_SERVICES: "false" },
    production: {
        APP_ENV: "production",
        APP_DEBUG: "false",
        MOCK_EXTERNAL_SERVICES: "false",
        ENCRYPT_SENSITIVE_DATA: "true",
        AUDIT_LOGGING_ENABLED: "true",
        SECURE_HEADERS_ENABLED: "true",
        QUEUE_WORKERS: "4",
        CACHE_DRIVER: "redis",
        SESSION_DRIVER: "redis",
        METRICS_ENABLED: "true",
        HEALTH_CHECK_ENABLED: "true",
    },
};
