import { strict as assert } from "assert";
import { architectureDot, quote } from "../../../plan/report/architecture-dot";
import { edge, graphWith, node } from "./graph-fixture";

describe("plan/report/architecture-dot", () => {
    describe("quote", () => {
        const cases: Array<[string, string]> = [
            ["plain", '"plain"'],
            ['say "hi"', '"say \\"hi\\""'],
            ["back\\slash", '"back\\\\slash"'],
            ["two\nlines", '"two\\nlines"'],
        ];
        for (const [input, expected] of cases) {
            it(`quotes ${JSON.stringify(input)} as ${expected}`, () => assert.equal(quote(input), expected));
        }
    });

    describe("architectureDot", () => {
        const graph = graphWith([
            edge("internet", "api", ":443"),
            edge("api", "internet", ":443"),
            edge("api", "db", "reads", "iam"),
        ]);

        it("nests each cluster in its parent and draws each node in its cluster", () => {
            const dot = architectureDot(graph);

            assert.match(
                dot,
                /subgraph "cluster_vpc" \{[\s\S]*subgraph "cluster_ecs" \{\s+label="ECS";[^\n]*\n\s+"api" \[/,
            );
        });

        it("gives each node its URNs as tooltip", () => {
            assert.match(architectureDot(graph), /"db" \[label="db", shape=cylinder, [^\n]*tooltip="urn:db"\]/);
        });

        it("keeps egress to the internet out of the ranking, so the internet stays on top", () => {
            const dot = architectureDot(graph);

            assert.match(dot, /"api" -> "internet" \[label=":443", [^\n]*constraint=false/);
            assert.doesNotMatch(dot, /"internet" -> "api" \[[^\n]*constraint=false/);
        });

        it("labels edges to regional services with xlabels, which do not bend them around boxes", () => {
            assert.match(architectureDot(graph), /"api" -> "db" \[xlabel="reads"/);
        });

        it("stacks a later top-level box below the earlier one's last inner box, with invisible edges", () => {
            const withRegion = {
                ...graph,
                clusters: [...graph.clusters, { id: "regional", label: "Region", parent: null }],
                nodes: [...graph.nodes, node("models", "bucket", "regional")],
            };

            assert.match(architectureDot(withRegion), /\n {4}"ecr" -> "models" \[style=invis\];\n/);
        });

        it("prints the same text whatever the order of nodes and edges", () => {
            const shuffled = { ...graph, nodes: [...graph.nodes].reverse(), edges: [...graph.edges].reverse() };

            assert.equal(architectureDot(shuffled), architectureDot(graph));
        });
    });
});
