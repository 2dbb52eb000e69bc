/**
 * The deployment guide's data tier: the RDS PostgreSQL instance (Production Infrastructure, module
 * "rds"; Staging Deployment › Infrastructure Requirements; Backup & Disaster Recovery › Database
 * Backups; Production Configuration › Environment Variables) and the ElastiCache Redis group
 * (Performance Optimization › Caching Strategy; Staging Deployment › Infrastructure Requirements).
 */

/** RDS instance class by environment (`instance_class`; staging's `db.t3.small`). */
export const GUIDE_DATABASE_INSTANCE_CLASSES = {
    staging: "db.t3.small",
    production: "db.r5.large",
} as const;

/** Days of automated backups (`backup_retention = 7`, `--backup-retention-period 7`). */
export const GUIDE_BACKUP_RETENTION_DAYS = 7;

/** The user the applications connect as (`DB_USERNAME=fraud_user`). */
export const GUIDE_DATABASE_USER = "fraud_user";

/** The production Redis replication group: `--num-cache-clusters 3`, `--cache-node-type`, `--engine-version`. */
export const GUIDE_CACHE = {
    nodeType: "cache.r6g.large",
    numCacheClusters: 3,
    engineVersion: "7.0",
} as const;

/** Staging's Redis node (`ElastiCache Redis (t3.micro)`). */
export const GUIDE_STAGING_CACHE_NODE_TYPE = "cache.t3.micro";
