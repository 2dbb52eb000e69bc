import { strict as assert } from "assert";
import { bundleEdges } from "../../../plan/report/architecture-bundles";
import { edge, graphWith } from "./graph-fixture";

describe("plan/report/architecture-bundles", () => {
    it("draws one edge to a box when a node has the same relation with every node in it", () => {
        const bundled = bundleEdges(graphWith([edge("api", "ecr", ":443"), edge("api", "logs", ":443")]));

        assert.deepEqual(bundled, [
            { from: { node: "api" }, to: { cluster: "endpoints", anchor: "ecr" }, kind: "network", label: ":443" },
        ]);
    });

    it("bundles box to box when every node of one reaches every node of the other", () => {
        const edges = ["api", "worker"].flatMap((from) => ["ecr", "logs"].map((to) => edge(from, to, ":443")));

        assert.deepEqual(bundleEdges(graphWith(edges)), [
            {
                from: { cluster: "ecs", anchor: "api" },
                to: { cluster: "endpoints", anchor: "ecr" },
                kind: "network",
                label: ":443",
            },
        ]);
    });

    it("keeps single edges when only part of a box shares the relation", () => {
        const bundled = bundleEdges(graphWith([edge("api", "db", ":5432"), edge("api", "ecr", ":443")]));

        assert.deepEqual(
            bundled.map((e) => [e.from, e.to]),
            [
                [{ node: "api" }, { node: "db" }],
                [{ node: "api" }, { node: "ecr" }],
            ],
        );
    });

    it("keeps edges apart when their labels differ", () => {
        const bundled = bundleEdges(graphWith([edge("api", "db", ":5432"), edge("worker", "db", ":6432")]));

        assert.equal(bundled.length, 2);
    });

    it("never bundles into a box that holds the other end", () => {
        const bundled = bundleEdges(graphWith([edge("api", "worker", ":8000"), edge("api", "db", ":8000")]));

        assert.deepEqual(
            bundled.map((e) => e.to),
            [{ node: "db" }, { node: "worker" }],
        );
    });
});
