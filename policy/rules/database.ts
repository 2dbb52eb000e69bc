import { Rule } from "../lib/rule";
import { databaseCredentialRules } from "./database/credentials";
import { databaseHardeningRules } from "./database/hardening-extras";
import { databaseMaintenanceRules } from "./database/maintenance";
import { databaseProtectionRules } from "./database/protection";
import { databaseRecoveryRules } from "./database/recovery";

/**
 * The RDS PostgreSQL rules of security-rules.md, in its table order. One file per concern under
 * database/: protection (encryption, network isolation), recovery (Multi-AZ, backups, deletion),
 * maintenance (log exports, version upgrades), credentials, and the advisory hardening extras.
 * The checks the cache family shares (subnet groups, security groups, backup windows) are in
 * policy/lib/data-tier.ts.
 */
export const databaseRules: readonly Rule[] = [
    ...databaseProtectionRules,
    ...databaseRecoveryRules,
    ...databaseMaintenanceRules,
    ...databaseCredentialRules,
    ...databaseHardeningRules,
];
