import { strict as assert } from "assert";
import { instance, instanceProps } from "../data-tier-fixtures";
import { levelsOf, messagesOf } from "../harness";

describe("policy: database and cache", () => {
    describe("rds-logs-exported", () => {
        it("passes an instance exporting postgresql and upgrade logs", async () =>
            assert.deepEqual(await messagesOf([instance()], "rds-logs-exported"), []));

        it("rejects an instance that does not export the upgrade log", async () =>
            assert.deepEqual(
                await levelsOf(
                    [instance({ ...instanceProps(), enabledCloudwatchLogsExports: ["postgresql"] })],
                    "rds-logs-exported",
                ),
                [
                    [
                        "mandatory",
                        'enabledCloudwatchLogsExports is ["postgresql"], without upgrade; set enabledCloudwatchLogsExports: ["postgresql","upgrade"]',
                    ],
                ],
            ));

        it("rejects an instance that exports nothing", async () =>
            assert.deepEqual(
                await messagesOf(
                    [instance({ ...instanceProps(), enabledCloudwatchLogsExports: undefined })],
                    "rds-logs-exported",
                ),
                [
                    'enabledCloudwatchLogsExports is unset, without postgresql, upgrade; set enabledCloudwatchLogsExports: ["postgresql","upgrade"]',
                ],
            ));
    });

    describe("rds-minor-version-upgrades", () => {
        it("passes automatic minor upgrades on a major-only version", async () =>
            assert.deepEqual(await messagesOf([instance()], "rds-minor-version-upgrades"), []));

        it("rejects turning automatic minor upgrades off", async () =>
            assert.deepEqual(
                await levelsOf(
                    [instance({ ...instanceProps(), autoMinorVersionUpgrade: false })],
                    "rds-minor-version-upgrades",
                ),
                [["mandatory", "autoMinorVersionUpgrade is false; remove it or set autoMinorVersionUpgrade: true"]],
            ));

        it("rejects a minor version in engineVersion", async () =>
            assert.deepEqual(
                await messagesOf(
                    [instance({ ...instanceProps(), engineVersion: "15.4" })],
                    "rds-minor-version-upgrades",
                ),
                [
                    'engineVersion is "15.4"; name only the major version, e.g. engineVersion: "15", so minor upgrades do not show up as drift',
                ],
            ));

        it("rejects automatic major upgrades", async () =>
            assert.deepEqual(
                await messagesOf(
                    [instance({ ...instanceProps(), allowMajorVersionUpgrade: true })],
                    "rds-minor-version-upgrades",
                ),
                ["allowMajorVersionUpgrade is true; remove it so a major upgrade stays a deliberate, manual step"],
            ));
    });
});
