import { GUIDE_BACKUP_RETENTION_DAYS } from "../../../facts/guide/data";
import { DATABASE_MAINTENANCE_WINDOW, GUIDE_BACKUP_WINDOW } from "../../../facts/guide/windows";
import { isNamed, mustBeTrue, RDS_INSTANCE, windowOverlapProblems } from "../../lib/data-tier";
import { shown } from "../../../lib/relations/resources";
import { resourceRule, Rule } from "../../lib/rule";

const MIN_BACKUP_DAYS = GUIDE_BACKUP_RETENTION_DAYS;

/**
 * The RDS rules that keep the data recoverable, in security-rules.md's order: surviving an AZ,
 * point-in-time backups, and a way back after a deletion.
 */
export const databaseRecoveryRules: readonly Rule[] = [
    resourceRule({
        id: "rds-multi-az",
        description:
            "Keeps the database up when an AZ fails (FSBP RDS.5; guide: Production Infrastructure, multi_az = true): the instance is deployed Multi-AZ. Advisory outside production.",
        kind: "resilience",
        types: [RDS_INSTANCE],
        check: (props) => mustBeTrue(props, "multiAz"),
    }),
    resourceRule({
        id: "rds-backups",
        description: `Keeps a week of point-in-time recovery (FSBP RDS.11; guide: Database Backups, backup_retention = ${MIN_BACKUP_DAYS}): an explicit backupRetentionPeriod of at least ${MIN_BACKUP_DAYS} days, taken in the guide's ${GUIDE_BACKUP_WINDOW} UTC window, clear of the maintenance window.`,
        kind: "security",
        types: [RDS_INSTANCE],
        check: (props) => {
            const problems: string[] = [];
            const days = props.backupRetentionPeriod;
            if (typeof days !== "number" || days < MIN_BACKUP_DAYS) {
                problems.push(
                    `backupRetentionPeriod is ${shown(days)} (the provider's default is 0, no backups); set backupRetentionPeriod: ${MIN_BACKUP_DAYS} or more`,
                );
            }
            if (props.backupWindow !== GUIDE_BACKUP_WINDOW) {
                problems.push(
                    `backupWindow is ${shown(props.backupWindow)}; set backupWindow: "${GUIDE_BACKUP_WINDOW}" (UTC, the guide's window)`,
                );
            }
            problems.push(
                ...windowOverlapProblems(
                    "backupWindow",
                    props.backupWindow,
                    "maintenanceWindow",
                    props.maintenanceWindow,
                    DATABASE_MAINTENANCE_WINDOW,
                ),
            );
            return problems;
        },
    }),
    resourceRule({
        id: "rds-deletion-safety",
        description:
            "Stops the database from being deleted by mistake and keeps a way back if it is (FSBP RDS.8; guide: Backup & Disaster Recovery, restore from snapshot): deletion protection, a named final snapshot, automated backups kept after deletion.",
        kind: "security",
        types: [RDS_INSTANCE],
        check: (props) => {
            const problems = mustBeTrue(props, "deletionProtection");
            if (props.skipFinalSnapshot === true) {
                problems.push("skipFinalSnapshot is true; set skipFinalSnapshot: false");
            }
            if (!isNamed(props.finalSnapshotIdentifier)) {
                problems.push(
                    `finalSnapshotIdentifier is ${shown(props.finalSnapshotIdentifier)}; name the final snapshot, e.g. finalSnapshotIdentifier: "fraud-detector-<env>-final"`,
                );
            }
            // Unset is true, which deletes the point-in-time backups together with the instance.
            if (props.deleteAutomatedBackups !== false) {
                problems.push(
                    `deleteAutomatedBackups is ${shown(props.deleteAutomatedBackups)} (the provider's default is true); set deleteAutomatedBackups: false`,
                );
            }
            return problems;
        },
    }),
];
