import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import { planOf, resourcesOf, ROOT } from "../helpers/plan";

/** The alarm names the README's "Alarms and the dashboard" table lists, in order. */
function readmeAlarmNames(): string[] {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.split("## Alarms and the dashboard")[1].split("\n## ")[0];
    return section
        .split("\n")
        .map((line) => /^\| `(FraudDetector-[^`]+)`/.exec(line)?.[1])
        .filter((name): name is string => name !== undefined);
}

describe("README: alarms", () => {
    it("lists exactly production's alarms (one row for the per-service task alarms)", () => {
        const planned = resourcesOf(planOf("production"), "aws:cloudwatch/metricAlarm:MetricAlarm").map((alarm) =>
            String(alarm.inputs.name).replace(/^(FraudDetector-RunningTasksLow-).*$/, "$1<service>"),
        );
        assert.deepEqual([...new Set(planned)].sort(), [...readmeAlarmNames()].sort());
    });
});
