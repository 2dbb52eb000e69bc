/**
 * The deployment guide's recovery objectives (Backup & Disaster Recovery › Disaster Recovery Plan):
 * what the backups and replication are sized against. Its RTO (4 hours) no code checks.
 */

/** Recovery Point Objective, in hours: at most this much data may be lost. */
export const GUIDE_RPO_HOURS = 1;
