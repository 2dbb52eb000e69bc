/**
 * Alarms against the sections of docs/runbooks/alarms.md: pure, so a made-up runbook can be checked
 * as well as the real one.
 */

/** The environment suffixes of alarm names outside production. */
const ENVIRONMENT_SUFFIX = /-(Staging|Local)$/;

/** The `## FraudDetector-...` headings of `markdown` (code blocks left out), in order. */
export function alarmHeadings(markdown: string): string[] {
    const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```/gm, "");
    return [...prose.matchAll(/^## (FraudDetector-\S+)\s*$/gm)].map((m) => m[1]);
}

/**
 * What breaks the one-to-one between alarms (any stack's names) and sections: an alarm without a
 * section, a section twice, a section without an alarm. Staging's and local's alarms share
 * production's sections: their names are read without the environment suffix.
 */
export function alarmSectionProblems(alarmNames: readonly string[], headings: readonly string[]): string[] {
    const bases = new Set(alarmNames.map((name) => name.replace(ENVIRONMENT_SUFFIX, "")));
    const counts = new Map<string, number>();
    headings.forEach((heading) => counts.set(heading, (counts.get(heading) ?? 0) + 1));
    return [
        ...[...bases].filter((base) => !counts.has(base)).map((base) => `no section for alarm ${base}`),
        ...[...counts].filter(([, n]) => n > 1).map(([heading, n]) => `section ${heading} appears ${n} times`),
        ...[...counts.keys()].filter((heading) => !bases.has(heading)).map((h) => `section ${h} has no alarm`),
    ];
}
