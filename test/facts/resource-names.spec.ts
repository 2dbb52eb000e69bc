import { strict as assert } from "assert";
import { RESOURCE_NAMES, ResourceNameRule } from "../../facts/aws/resource-names";

/** What a row of the names table lacks: a name or a reason for none, a limit, and the sources. */
function rowProblems(type: string, row: ResourceNameRule): string[] {
    const problems: string[] = [];
    if ((row.input === undefined) === (row.unnamed === undefined)) {
        problems.push(`${type}: give either the name input or the reason it has none`);
    }
    if (row.input !== undefined && row.maxLength === undefined) {
        problems.push(`${type}: no maximum length`);
    }
    if (!row.sources.aws.startsWith("https://docs.aws.amazon.com/")) {
        problems.push(`${type}: the AWS source is not an AWS documentation page`);
    }
    if (!row.sources.provider.startsWith("pulumi/pulumi-aws: ")) {
        problems.push(`${type}: the provider source is not pulumi-aws`);
    }
    if (row.prefix !== undefined && row.sources.prefix === undefined) {
        problems.push(`${type}: the prefix limit has no source`);
    }
    return problems;
}

describe("facts/aws/resource-names", () => {
    it("gives every row a name or a reason, a limit, and its sources", () =>
        assert.deepEqual(
            Object.entries(RESOURCE_NAMES).flatMap(([type, row]) => rowProblems(type, row)),
            [],
        ));

    it("reports a row without a limit or sources", () =>
        assert.deepEqual(
            rowProblems("aws:sqs/queue:Queue", {
                input: "name",
                prefix: { input: "namePrefix", maxLength: 54 },
                sources: { aws: "a blog post", provider: "memory" },
            }),
            [
                "aws:sqs/queue:Queue: no maximum length",
                "aws:sqs/queue:Queue: the AWS source is not an AWS documentation page",
                "aws:sqs/queue:Queue: the provider source is not pulumi-aws",
                "aws:sqs/queue:Queue: the prefix limit has no source",
            ],
        ));

    it("states the limits issue #11 turned on: target groups 32 and their prefix 6, auto-named with - and 7 hex", () =>
        assert.deepEqual(
            [
                RESOURCE_NAMES["aws:lb/targetGroup:TargetGroup"].maxLength,
                RESOURCE_NAMES["aws:lb/targetGroup:TargetGroup"].prefix?.maxLength,
                RESOURCE_NAMES["aws:lb/targetGroup:TargetGroup"].autoName,
            ],
            [32, 6, { separator: "-", randomLength: 7, maxLength: 32 }],
        ));
});
