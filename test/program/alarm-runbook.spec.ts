import { strict as assert } from "assert";
import { describedWithRunbook, runbookAnchor } from "../../components/operations/observability/alarm-runbook";

describe("alarm runbook links", () => {
    it("anchors an alarm's section the way GitHub does: lower case, hyphens kept", () =>
        assert.equal(
            runbookAnchor("FraudDetector-RunningTasksLow-fraud-api"),
            "frauddetector-runningtaskslow-fraud-api",
        ));

    it("ends a description with the path and anchor of the alarm's section", () =>
        assert.equal(
            describedWithRunbook("RDS free storage below 10 GiB.", "FraudDetector-DatabaseLowStorage"),
            "RDS free storage below 10 GiB. Runbook: docs/runbooks/alarms.md#frauddetector-databaselowstorage",
        ));

    it("accepts a description that reaches CloudWatch's 1024 characters with its link", () => {
        const link = " Runbook: docs/runbooks/alarms.md#frauddetector-x";
        assert.equal(describedWithRunbook("d".repeat(1024 - link.length), "FraudDetector-X").length, 1024);
    });

    it("refuses a description that would pass 1024 characters with its link", () => {
        const link = " Runbook: docs/runbooks/alarms.md#frauddetector-x";
        assert.throws(
            () => describedWithRunbook("d".repeat(1025 - link.length), "FraudDetector-X"),
            new Error(
                "alarm FraudDetector-X: description is 1025 characters with its runbook link; CloudWatch accepts at most 1024",
            ),
        );
    });
});
