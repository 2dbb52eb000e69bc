import { strict as assert } from "assert";
import { buildDocument, Registration } from "../../plan/engine/document";
import { planProblem } from "../../plan/engine/read-plan";
import { planOf } from "../helpers/plan";

/** A minimal valid document with one resource; each case breaks one thing. */
function documentWith(resource: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
    return {
        project: "fraud-detector",
        stack: "test",
        resources: [
            {
                urn: "urn:pulumi:test::fraud-detector::aws:s3/bucket:Bucket::b",
                type: "aws:s3/bucket:Bucket",
                name: "b",
                parent: null,
                custom: true,
                id: "b-id",
                inputs: { bucket: "b" },
                outputs: {},
                options: { protect: false, retainOnDelete: false, dependsOn: [], provider: null },
                ...resource,
            },
        ],
        outputs: {},
        policy: { violations: [] },
        cost: { currency: "USD", monthly: null, items: [] },
        ...extra,
    };
}

/** `documentWith()` with one key of its resource removed. */
function resourceWithout(key: string) {
    const document = documentWith();
    delete (document.resources[0] as Record<string, unknown>)[key];
    return document;
}

describe("plan/engine/contract: the one schema of the plan document", () => {
    describe("accepts what the engine writes", () => {
        for (const stack of ["local", "staging", "production"]) {
            it(`accepts the ${stack} plan`, () => assert.equal(planProblem(planOf(stack)), undefined));
        }

        it("accepts a document built by the writer from registrations", () => {
            const registration: Registration = {
                mockUrn: "m:stack",
                type: "pulumi:pulumi:Stack",
                name: "p-s",
                mockParent: null,
                custom: false,
                remote: false,
                id: null,
                inputs: {},
                state: {},
                protect: false,
                retainOnDelete: false,
                mockDependencies: [],
                mockPropertyDependencies: {},
                mockProvider: null,
            };
            assert.equal(planProblem(buildDocument("p", "s", [registration], new Map(), {})), undefined);
        });

        it("accepts the four options of the architecture's contract without propertyDependencies", () =>
            assert.equal(planProblem(documentWith()), undefined));

        it("accepts violations with and without fields beyond the four it names", () => {
            const violation = { policy: "p", enforcementLevel: "advisory", urn: null, message: "m" };
            for (const violations of [[violation], [{ ...violation, decidedAt: "up" }]]) {
                assert.equal(planProblem(documentWith({}, { policy: { violations } })), undefined);
            }
        });
    });

    describe("names the first problem of a malformed document: where, what was expected, what was found", () => {
        const cases: ReadonlyArray<readonly [string, unknown, string]> = [
            ["a list instead of an object", [1, 2], "the document: expected an object, found a list of 2"],
            ["a string instead of an object", "plan", 'the document: expected an object, found "plan"'],
            ["null", null, "the document: expected an object, found null"],
            [
                "resources that are not a list",
                documentWith({}, { resources: {} }),
                "resources: expected a list, found an object",
            ],
            ["a project that is a number", documentWith({}, { project: 7 }), "project: expected a string, found 7"],
            [
                "a resource without options",
                resourceWithout("options"),
                "resources[0].options: expected an object, found nothing (the key is missing)",
            ],
            [
                "a resource without inputs",
                resourceWithout("inputs"),
                "resources[0].inputs: expected an object, found nothing (the key is missing)",
            ],
            [
                "a resource without a type",
                resourceWithout("type"),
                "resources[0].type: expected a string, found nothing (the key is missing)",
            ],
            [
                "inputs that are a list",
                documentWith({ inputs: ["bucket"] }),
                "resources[0].inputs: expected an object, found a list of 1",
            ],
            [
                "inputs that are a string",
                documentWith({ inputs: "bucket=b" }),
                'resources[0].inputs: expected an object, found "bucket=b"',
            ],
            [
                "a protect flag written as a string",
                documentWith({
                    options: { protect: "yes", retainOnDelete: false, dependsOn: [], provider: null },
                }),
                'resources[0].options.protect: expected true or false, found "yes"',
            ],
            [
                "a provider that is a number",
                documentWith({ options: { protect: false, retainOnDelete: false, dependsOn: [], provider: 1 } }),
                "resources[0].options.provider: expected a provider reference <urn>::<id>, or null, found 1",
            ],
            [
                "a dependency on a resource the document does not hold",
                documentWith({
                    options: {
                        protect: false,
                        retainOnDelete: false,
                        dependsOn: [],
                        provider: null,
                        propertyDependencies: { securityGroupId: ["urn:pulumi:test::fraud-detector::x::gone"] },
                    },
                }),
                'resources[0].options.propertyDependencies.securityGroupId[0]: expected the URN of a resource in this document, found "urn:pulumi:test::fraud-detector::x::gone"',
            ],
            [
                "a violation without a message",
                documentWith(
                    {},
                    { policy: { violations: [{ policy: "p", enforcementLevel: "advisory", urn: null }] } },
                ),
                "policy.violations[0].message: expected a string, found nothing (the key is missing)",
            ],
            [
                "a cost in another currency",
                documentWith({}, { cost: { currency: "EUR", monthly: null, items: [] } }),
                'cost.currency: expected "USD", found "EUR"',
            ],
        ];
        for (const [what, document, problem] of cases) {
            it(`rejects ${what}`, () => assert.equal(planProblem(document), problem));
        }
    });
});
