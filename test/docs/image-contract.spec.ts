import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import type { PlanDocument } from "../../plan/engine/contract";
import { planOf, resourcesOf, ROOT } from "../helpers/plan";

// The README's "What each task expects of its image" is what the application team checks their
// Dockerfiles against: it must say what the production task definitions actually run.

interface Container {
    name: string;
    user?: string;
    command?: string[];
    portMappings: Array<{ containerPort: number }>;
    healthCheck?: { command: string[] };
    readonlyRootFilesystem: boolean;
}

/** The README table's rows: service -> [image, port, runs as, command, health check, capabilities, root fs]. */
function readmeRows(): Map<string, string[]> {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.split("### What each task expects of its image")[1].split("\n#")[0];
    const rows = new Map<string, string[]>();
    for (const line of section.split("\n")) {
        const cells = line.split("|").map((cell) => cell.trim());
        const service = /^`(fraud-[a-z]+)`$/.exec(cells[1] ?? "")?.[1];
        if (service) {
            rows.set(service, cells.slice(2, 9));
        }
    }
    return rows;
}

/** The container of each task definition, by name. */
function containersOf(plan: PlanDocument): Map<string, Container> {
    const containers = resourcesOf(plan, "aws:ecs/taskDefinition:TaskDefinition").flatMap(
        (task) => JSON.parse(String(task.inputs.containerDefinitions)) as Container[],
    );
    return new Map(containers.map((c) => [c.name, c]));
}

describe("README: what each task expects of its image", () => {
    const rows = readmeRows();
    const containers = containersOf(planOf("production"));

    it("has one row per service", () =>
        assert.deepEqual([...rows.keys()].sort(), ["fraud-api", "fraud-ml", "fraud-worker"]));

    for (const service of ["fraud-api", "fraud-worker", "fraud-ml"]) {
        it(`states ${service}'s port, user, command, health check and root file system as the plan runs them`, () => {
            const [, port, user, command, health, , rootFs] = rows.get(service) ?? [];
            const container = containers.get(service);
            assert.ok(container, service);
            assert.equal(port, String(container.portMappings[0]?.containerPort ?? "none"));
            assert.ok(
                container.user === undefined ? user.includes("root") : user.includes(`\`${container.user}\``),
                `${service}: ${user}`,
            );
            if (container.command !== undefined) {
                assert.ok(command.includes(container.command.join(" ")), `${service}: ${command}`);
            }
            const check = container.healthCheck?.command[1]?.replace(" || exit 1", "");
            assert.ok(
                check === undefined ? health.startsWith("none") : health.includes(check),
                `${service}: ${health}`,
            );
            assert.equal(rootFs.startsWith("read-only"), container.readonlyRootFilesystem, `${service}: ${rootFs}`);
        });
    }
});
