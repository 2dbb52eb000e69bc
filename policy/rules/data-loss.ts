import { resourceRule, Rule, environmentOf } from "../lib/rule";

/** Stateful types that must be protected, and whether they must also be retained on delete. */
const STATEFUL: Readonly<Record<string, { retain: boolean }>> = {
    "aws:rds/instance:Instance": { retain: false },
    "aws:elasticache/replicationGroup:ReplicationGroup": { retain: false },
    "aws:s3/bucket:Bucket": { retain: true },
    "aws:s3/bucketV2:BucketV2": { retain: true },
    "aws:secretsmanager/secret:Secret": { retain: false },
    "aws:kms/key:Key": { retain: true },
};

/** The data-loss rules that live on resource options. */
export const dataLossRules: readonly Rule[] = [
    resourceRule({
        id: "stateful-resources-protected",
        description:
            "Stops a mistaken `pulumi destroy` or replacement from deleting production state (guide: Backup & Disaster Recovery): the database, cache, buckets, secrets and keys are protected; buckets and keys are also retained on delete.",
        kind: "security",
        types: Object.keys(STATEFUL),
        check: (_props, args) => {
            if (environmentOf(args.props) !== "production") {
                return [];
            }
            const problems: string[] = [];
            if (args.opts.protect !== true) {
                problems.push("the resource is not protected; register it with the resource option protect: true");
            }
            // retainOnDelete reaches policies only in the offline plan; a real preview cannot see it.
            const retainOnDelete = (args.opts as { retainOnDelete?: boolean }).retainOnDelete;
            if (STATEFUL[args.type].retain && retainOnDelete === false) {
                problems.push(
                    "the resource is not retained on delete; register it with the resource option retainOnDelete: true",
                );
            }
            return problems;
        },
    }),
];
