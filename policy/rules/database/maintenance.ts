import { RDS_INSTANCE } from "../../lib/data-tier";
import { asList, shown } from "../../../lib/relations/resources";
import { resourceRule, Rule } from "../../lib/rule";

const REQUIRED_LOG_EXPORTS = ["postgresql", "upgrade"];

/**
 * The RDS rules for running the database over time, in security-rules.md's order: its logs kept
 * where they can be read, and its engine patched.
 */
export const databaseMaintenanceRules: readonly Rule[] = [
    resourceRule({
        id: "rds-logs-exported",
        description:
            "Keeps the database's own logs for troubleshooting and audit (FSBP RDS.9; guide: Troubleshooting, AUDIT_LOGGING_ENABLED): the postgresql and upgrade logs are exported to CloudWatch Logs.",
        kind: "security",
        types: [RDS_INSTANCE],
        check: (props) => {
            const exports = asList(props.enabledCloudwatchLogsExports as unknown[]);
            const missing = REQUIRED_LOG_EXPORTS.filter((log) => !exports.includes(log));
            return missing.length === 0
                ? []
                : [
                      `enabledCloudwatchLogsExports is ${shown(props.enabledCloudwatchLogsExports)}, without ${missing.join(", ")}; set enabledCloudwatchLogsExports: ${JSON.stringify(REQUIRED_LOG_EXPORTS)}`,
                  ];
        },
    }),
    resourceRule({
        id: "rds-minor-version-upgrades",
        description:
            "Keeps PostgreSQL patched without drift (FSBP RDS.13; guide: Database Maintenance): automatic minor upgrades stay on, engineVersion names only the major version, major upgrades stay manual.",
        kind: "security",
        types: [RDS_INSTANCE],
        check: (props) => {
            const problems: string[] = [];
            if (props.autoMinorVersionUpgrade === false) {
                problems.push("autoMinorVersionUpgrade is false; remove it or set autoMinorVersionUpgrade: true");
            }
            const version = props.engineVersion;
            // RDS applies minor upgrades itself; a pinned "15.4" would then differ from the live "15.5".
            if (typeof version !== "string" || !/^\d+$/.test(version)) {
                problems.push(
                    `engineVersion is ${shown(version)}; name only the major version, e.g. engineVersion: "15", so minor upgrades do not show up as drift`,
                );
            }
            if (props.allowMajorVersionUpgrade === true) {
                problems.push(
                    "allowMajorVersionUpgrade is true; remove it so a major upgrade stays a deliberate, manual step",
                );
            }
            return problems;
        },
    }),
];
