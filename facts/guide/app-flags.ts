/**
 * The application flags of each environment, as the deployment guide sets them. The stack's
 * SSM configuration parameter and task definitions carry {@link APP_FLAGS}; the policy pack holds
 * the containers to the parts it enforces, read from the same rows.
 */

/** One environment's flags: variable name to value, as the guide's `.env` blocks write them. */
export type Flags = Readonly<Record<string, string>>;

/**
 * The flags that tell the application which environment it is in (Environment Configuration; local
 * adds `MOCK_BEDROCK=true` from Local Development Deployment › Local Environment Variables).
 */
export const ENVIRONMENT_FLAGS = {
    local: { APP_ENV: "local", APP_DEBUG: "true", MOCK_EXTERNAL_SERVICES: "true", MOCK_BEDROCK: "true" },
    staging: { APP_ENV: "staging", APP_DEBUG: "false", MOCK_EXTERNAL_SERVICES: "false" },
    production: { APP_ENV: "production", APP_DEBUG: "false", MOCK_EXTERNAL_SERVICES: "false" },
} as const satisfies Record<string, Flags>;

/** Production's security flags (Production Configuration › Environment Variables, `# Security`). */
export const PRODUCTION_SECURITY_FLAGS = {
    ENCRYPT_SENSITIVE_DATA: "true",
    AUDIT_LOGGING_ENABLED: "true",
    SECURE_HEADERS_ENABLED: "true",
} as const satisfies Flags;

/** Production's performance flags (Production Configuration › Environment Variables, `# Performance`). */
export const PRODUCTION_PERFORMANCE_FLAGS = {
    QUEUE_WORKERS: "4",
    CACHE_DRIVER: "redis",
    SESSION_DRIVER: "redis",
} as const satisfies Flags;

/** Production's monitoring flags (Production Configuration › Environment Variables, `# Monitoring`). */
export const PRODUCTION_MONITORING_FLAGS = {
    METRICS_ENABLED: "true",
    HEALTH_CHECK_ENABLED: "true",
} as const satisfies Flags;

/**
 * Every flag of each environment: its environment flags, and in production the guide's security,
 * performance and monitoring flags after them.
 */
export const APP_FLAGS: Readonly<Record<keyof typeof ENVIRONMENT_FLAGS, Flags>> = {
    local: ENVIRONMENT_FLAGS.local,
    staging: ENVIRONMENT_FLAGS.staging,
    production: {
        ...ENVIRONMENT_FLAGS.production,
        ...PRODUCTION_SECURITY_FLAGS,
        ...PRODUCTION_PERFORMANCE_FLAGS,
        ...PRODUCTION_MONITORING_FLAGS,
    },
};
