import { Rule } from "../lib/rule";
import { storageAccessRules } from "./storage/access";
import { storageBackupRules } from "./storage/backup";
import { storageProtectionRules } from "./storage/protection";

/**
 * The S3 rules of security-rules.md, in its table order: the models, backup and log buckets. One
 * file per concern under storage/: access (public access, policies, ACLs), protection (encryption,
 * versioning, access logs), backup (replication, lifecycle, Object Lock). A bucket's role and the
 * `…V2` token aliases are read by policy/lib/buckets.ts, which other families can share.
 */
export const storageRules: readonly Rule[] = [...storageAccessRules, ...storageProtectionRules, ...storageBackupRules];
