/**
 * Where each alarm's procedure lives, and the description that points at it. Pure functions,
 * testable without Pulumi mocks.
 */
import { ALARM_DESCRIPTION_MAX_LENGTH } from "../../../facts/aws/cloudwatch-limits";

/**
 * The runbook with one section per alarm, as a path from the repository root: whoever is paged has
 * the repository (the runbooks' commands assume its checkout), and a path stays right in forks and
 * mirrors where a URL would not.
 */
export const ALARM_RUNBOOK_PATH = "docs/runbooks/alarms.md";

/**
 * The anchor of the section `## <baseName>` as GitHub and the runbook tests derive it: lower case,
 * spaces as hyphens, other punctuation dropped (alarm names have none but hyphens).
 */
export function runbookAnchor(baseName: string): string {
    return baseName
        .toLowerCase()
        .replace(/[^a-z0-9 -]/g, "")
        .replace(/ /g, "-");
}

/**
 * `description` followed by the link to the alarm's section (`baseName`, the name without the
 * environment suffix: staging's alarms share production's sections). Throws when the result is
 * longer than CloudWatch accepts.
 */
export function describedWithRunbook(description: string, baseName: string): string {
    const described = `${description} Runbook: ${ALARM_RUNBOOK_PATH}#${runbookAnchor(baseName)}`;
    if (described.length > ALARM_DESCRIPTION_MAX_LENGTH) {
        throw new Error(
            `alarm ${baseName}: description is ${described.length} characters with its runbook link; CloudWatch accepts at most ${ALARM_DESCRIPTION_MAX_LENGTH}`,
        );
    }
    return described;
}
