import { Environment } from "./schema";

/** What the zone check needs of one stack: its name, its environment and its edge settings. */
export interface StackZone {
    /** The stack's name, as in `Pulumi.<stack>.yaml`. */
    readonly stack: string;
    /** The stack's environment. */
    readonly environment: Environment;
    /** The public zone the stack validates its certificate in (`edge.hostedZoneName`), if any. */
    readonly hostedZoneName?: string;
}

/**
 * Every pair of cloud stacks (staging, production) that validate their certificates in the same
 * public zone, one sentence each; empty when each has its own. They run in separate AWS accounts,
 * and a name has one authoritative zone, the one its parent delegates to (facts/aws/route53.ts): the
 * other account finds no such zone, or one nobody delegates to, and its certificate never
 * validates. Local is left out: it runs on LocalStack, where no delegation is involved.
 */
export function sharedZoneProblems(stacks: readonly StackZone[]): string[] {
    const cloud = stacks.filter((s) => s.environment !== "local" && s.hostedZoneName !== undefined);
    const problems: string[] = [];
    cloud.forEach((first, i) => {
        for (const second of cloud.slice(i + 1)) {
            if (first.hostedZoneName === second.hostedZoneName) {
                problems.push(
                    `stacks ${first.stack} and ${second.stack} both set edge.hostedZoneName "${first.hostedZoneName}"; ` +
                        `they run in separate AWS accounts and only the account whose zone the parent delegates to can validate a certificate there: ` +
                        `give each stack a zone of its own in its own account, delegated by an NS record from the parent zone (README: DNS delegation for staging)`,
                );
            }
        }
    });
    return problems;
}
