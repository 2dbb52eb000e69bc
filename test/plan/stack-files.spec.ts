import { strict as assert } from "assert";
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { applyOverride, readStackConfig, StackConfigMap, UNDECRYPTABLE } from "../../plan/engine/stack-files";

/** A project folder with a Pulumi.yaml and one stack file, written for the test. */
function project(stackYaml: string): string {
    const root = mkdtempSync(join(tmpdir(), "stack-files-"));
    writeFileSync(
        join(root, "Pulumi.yaml"),
        "name: demo\nruntime: nodejs\nconfig:\n  network:\n    default: {}\n  size:\n    type: string\n    default: small\n  required:\n    type: string\n",
    );
    writeFileSync(join(root, "Pulumi.dev.yaml"), stackYaml);
    return root;
}

describe("plan/engine/stack-files", () => {
    it("namespaces keys, stringifies structured values and applies declared defaults like the CLI", () => {
        const config = readStackConfig(
            project(
                "config:\n  required: yes\n  demo:network:\n    cidrBlock: 10.1.0.0/16\n  aws:region: ca-central-1\n",
            ),
            "dev",
        );
        assert.deepEqual(config.values, {
            "demo:required": "yes",
            "demo:network": '{"cidrBlock":"10.1.0.0/16"}',
            "aws:region": "ca-central-1",
            "demo:size": "small",
        });
    });

    it("never decrypts: a secure value becomes a placeholder and its key is listed as secret", () => {
        const config = readStackConfig(project("config:\n  demo:required:\n    secure: v1:abc\n"), "dev");
        assert.equal(config.values["demo:required"], UNDECRYPTABLE);
        assert.deepEqual(config.secretKeys, ["demo:required"]);
    });

    const base: StackConfigMap = {
        project: "demo",
        values: { "demo:db": '{"multiAz":true,"size":2}' },
        secretKeys: [],
    };

    it("sets a dotted path inside a structured value, keeping its other fields", () =>
        assert.equal(applyOverride(base, "demo:db.multiAz=false").values["demo:db"], '{"multiAz":false,"size":2}'));

    it("reads the value as a YAML scalar", () => {
        assert.equal(applyOverride(base, "demo:db.size=3").values["demo:db"], '{"multiAz":true,"size":3}');
        assert.equal(
            applyOverride(base, "demo:db.name=abc").values["demo:db"],
            '{"multiAz":true,"size":2,"name":"abc"}',
        );
    });

    it("sets array elements with [index]", () =>
        assert.equal(applyOverride(base, "demo:azs[1]=b").values["demo:azs"], '[null,"b"]'));

    it("rejects an override without a namespace", () =>
        assert.throws(
            () => applyOverride(base, "db.size=3"),
            /^UsageError: --config db.size: expected a namespaced key/,
        ));
});
