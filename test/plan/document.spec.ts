import { strict as assert } from "assert";
import { buildDocument, Registration, SECRET_PLACEHOLDER } from "../../plan/engine/document";

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

/** A registration as the instrumented mock monitor records it; URNs as the mocks make them. */
function registration(over: Partial<Registration> & Pick<Registration, "mockUrn" | "type" | "name">): Registration {
    return {
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
        ...over,
    };
}

describe("plan/engine/document", () => {
    // The mocks keep only the last parent type in a URN; the document must rebuild the chain.
    const registrations = [
        registration({ mockUrn: "m:stack", type: "pulumi:pulumi:Stack", name: "p-s" }),
        registration({ mockUrn: "m:platform", type: "x:a:Platform", name: "pf", mockParent: "m:stack" }),
        registration({ mockUrn: "m:net", type: "x:b:Network", name: "net", mockParent: "m:platform" }),
        registration({
            mockUrn: "m:prov",
            type: "pulumi:providers:aws",
            name: "aws",
            mockParent: "m:platform",
            custom: true,
            id: "pid",
        }),
        registration({
            mockUrn: "m:role",
            type: "aws:iam/role:Role",
            name: "role",
            mockParent: "m:net",
            custom: true,
            id: "role-1",
            inputs: { description: "d", password: secret("hunter2"), nested: { list: [secret(1)] } },
            state: { arn: "arn:role", password: secret("hunter2") },
            protect: true,
            mockDependencies: ["m:prov", "m:net", "m:net"],
            mockProvider: "m:prov::pid",
            mockPropertyDependencies: { description: ["m:net"], password: [] },
        }),
    ];
    const doc = buildDocument("p", "s", registrations, new Map([["m:net", { vpcId: "vpc-1" }]]), { out: secret("x") });
    const role = doc.resources[4];

    it("rebuilds URNs from the full parent chain, leaving the stack's type out as the engine does", () => {
        assert.equal(doc.resources[1].urn, "urn:pulumi:s::p::x:a:Platform::pf");
        assert.equal(role.urn, "urn:pulumi:s::p::x:a:Platform$x:b:Network$aws:iam/role:Role::role");
        assert.equal(role.parent, "urn:pulumi:s::p::x:a:Platform$x:b:Network::net");
    });

    it("masks every secret, wherever it sits, and never prints its value", () => {
        assert.deepEqual(role.inputs, {
            description: "d",
            password: SECRET_PLACEHOLDER,
            nested: { list: [SECRET_PLACEHOLDER] },
        });
        assert.equal(role.outputs.password, SECRET_PLACEHOLDER);
        assert.equal(doc.outputs.out, SECRET_PLACEHOLDER);
        assert.doesNotMatch(JSON.stringify(doc), /hunter2/);
    });

    it("keeps the ignoreChanges a resource was registered with, and [] when it had none", () => {
        const built = buildDocument(
            "p",
            "s",
            [
                registration({ mockUrn: "m:stack", type: "pulumi:pulumi:Stack", name: "p-s" }),
                registration({
                    mockUrn: "m:rule",
                    type: "aws:lb/listenerRule:ListenerRule",
                    name: "rule",
                    mockParent: "m:stack",
                    custom: true,
                    id: "rule-id",
                    ignoreChanges: ["actions"],
                }),
            ],
            new Map(),
            {},
        );
        assert.deepEqual(
            built.resources.map((r) => r.options.ignoreChanges),
            [[], ["actions"]],
        );
    });

    it("maps options to real URNs: dependencies deduplicated and sorted, provider reference kept with its id", () => {
        assert.deepEqual(role.options, {
            protect: true,
            retainOnDelete: false,
            ignoreChanges: [],
            dependsOn: [
                "urn:pulumi:s::p::x:a:Platform$pulumi:providers:aws::aws",
                "urn:pulumi:s::p::x:a:Platform$x:b:Network::net",
            ],
            provider: "urn:pulumi:s::p::x:a:Platform$pulumi:providers:aws::aws::pid",
            propertyDependencies: { description: ["urn:pulumi:s::p::x:a:Platform$x:b:Network::net"] },
        });
    });

    it("gives components their registered outputs", () =>
        assert.deepEqual(doc.resources[2].outputs, { vpcId: "vpc-1" }));

    it("marks policy and cost as not evaluated rather than clean", () => {
        assert.deepEqual(doc.policy, { evaluated: false, violations: [] });
        assert.equal(doc.cost.evaluated, false);
    });
});
