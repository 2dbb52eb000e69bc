import { strict as assert } from "assert";
import { instance, instanceProps } from "../data-tier-fixtures";
import { levelsOf, messagesOf } from "../harness";

describe("policy: database and cache", () => {
    describe("rds-multi-az", () => {
        it("passes a Multi-AZ instance", async () =>
            assert.deepEqual(await messagesOf([instance()], "rds-multi-az"), []));

        it("rejects a single-AZ production instance as mandatory", async () =>
            assert.deepEqual(await levelsOf([instance({ ...instanceProps(), multiAz: false })], "rds-multi-az"), [
                ["mandatory", "multiAz is false; set multiAz: true"],
            ]));

        it("only advises Multi-AZ in staging", async () =>
            assert.deepEqual(
                await levelsOf([instance({ ...instanceProps("staging"), multiAz: undefined })], "rds-multi-az"),
                [["advisory", "multiAz is unset; set multiAz: true"]],
            ));
    });

    describe("rds-backups", () => {
        it("passes seven days of backups in the guide's window", async () =>
            assert.deepEqual(await messagesOf([instance()], "rds-backups"), []));

        it("rejects an unset retention period, which the provider takes as 0", async () =>
            assert.deepEqual(
                await levelsOf([instance({ ...instanceProps(), backupRetentionPeriod: undefined })], "rds-backups"),
                [
                    [
                        "mandatory",
                        "backupRetentionPeriod is unset (the provider's default is 0, no backups); set backupRetentionPeriod: 7 or more",
                    ],
                ],
            ));

        it("only advises on a short retention in local", async () =>
            assert.deepEqual(
                await levelsOf([instance({ ...instanceProps("local"), backupRetentionPeriod: 1 })], "rds-backups"),
                [
                    [
                        "advisory",
                        "backupRetentionPeriod is 1 (the provider's default is 0, no backups); set backupRetentionPeriod: 7 or more",
                    ],
                ],
            ));

        it("rejects a backup window other than the guide's", async () =>
            assert.deepEqual(
                await messagesOf([instance({ ...instanceProps(), backupWindow: "01:00-02:00" })], "rds-backups"),
                ['backupWindow is "01:00-02:00"; set backupWindow: "03:00-04:00" (UTC, the guide\'s window)'],
            ));

        it("rejects a maintenance window that overlaps the backup window", async () =>
            assert.deepEqual(
                await messagesOf(
                    [instance({ ...instanceProps(), maintenanceWindow: "wed:03:30-wed:04:30" })],
                    "rds-backups",
                ),
                [
                    'maintenanceWindow "wed:03:30-wed:04:30" overlaps backupWindow "03:00-04:00"; move maintenanceWindow outside it, e.g. "sun:04:30-sun:05:30"',
                ],
            ));

        it("rejects a malformed maintenance window", async () =>
            assert.deepEqual(
                await messagesOf([instance({ ...instanceProps(), maintenanceWindow: "sunday 4am" })], "rds-backups"),
                [
                    'maintenanceWindow is "sunday 4am", not ddd:hh24:mi-ddd:hh24:mi (UTC); set e.g. maintenanceWindow: "sun:04:30-sun:05:30"',
                ],
            ));
    });

    describe("rds-deletion-safety", () => {
        it("passes a protected instance with a named final snapshot", async () =>
            assert.deepEqual(await messagesOf([instance()], "rds-deletion-safety"), []));

        it("rejects an instance without deletion protection", async () =>
            assert.deepEqual(
                await levelsOf(
                    [instance({ ...instanceProps(), deletionProtection: undefined })],
                    "rds-deletion-safety",
                ),
                [["mandatory", "deletionProtection is unset; set deletionProtection: true"]],
            ));

        it("rejects skipping the final snapshot", async () =>
            assert.deepEqual(
                await messagesOf([instance({ ...instanceProps(), skipFinalSnapshot: true })], "rds-deletion-safety"),
                ["skipFinalSnapshot is true; set skipFinalSnapshot: false"],
            ));

        it("rejects an unnamed final snapshot", async () =>
            assert.deepEqual(
                await messagesOf(
                    [instance({ ...instanceProps(), finalSnapshotIdentifier: undefined })],
                    "rds-deletion-safety",
                ),
                [
                    'finalSnapshotIdentifier is unset; name the final snapshot, e.g. finalSnapshotIdentifier: "fraud-detector-<env>-final"',
                ],
            ));

        it("rejects the default of deleting automated backups with the instance", async () =>
            assert.deepEqual(
                await messagesOf(
                    [instance({ ...instanceProps(), deleteAutomatedBackups: undefined })],
                    "rds-deletion-safety",
                ),
                ["deleteAutomatedBackups is unset (the provider's default is true); set deleteAutomatedBackups: false"],
            ));
    });
});
