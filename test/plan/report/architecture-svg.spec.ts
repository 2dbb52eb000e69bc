import { DOMParser, onWarningStopParsing } from "@xmldom/xmldom";
import { strict as assert } from "assert";
import { readFileSync } from "fs";
import { join } from "path";
import { buildArchitectureGraph } from "../../../plan/report/architecture-graph";
import { COMMITTED_DIAGRAM, renderArchitectureSvg } from "../../../plan/report/architecture-svg";
import { planOf, resourcesOf, ROOT, STACKS } from "../../helpers/plan";

/** The resource types that must each have a node of their own on every stack's diagram. */
const DRAWN_TYPES = [
    "aws:ecs/service:Service",
    "aws:rds/instance:Instance",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:ec2/vpcEndpoint:VpcEndpoint",
    "aws:lb/loadBalancer:LoadBalancer",
];

/**
 * The titles of the SVG's node groups (`<g class="node"><title>id</title>`), read by a strict XML
 * parser: any warning stops it, so a malformed SVG fails here rather than in a browser.
 */
function nodeTitles(svg: string): string[] {
    const document = new DOMParser({ onError: onWarningStopParsing }).parseFromString(svg, "image/svg+xml");
    return Array.from(document.getElementsByTagName("g"))
        .filter((g) => g.getAttribute("class") === "node")
        .map((g) => g.getElementsByTagName("title")[0]?.textContent ?? "");
}

describe("plan/report/architecture-svg", () => {
    for (const stack of STACKS) {
        it(`draws a node for every ECS service, RDS instance, Redis group, VPC endpoint and load balancer of ${stack}`, async () => {
            const plan = planOf(stack);
            const graph = buildArchitectureGraph(plan);
            const titles = new Set(nodeTitles(await renderArchitectureSvg(plan)));
            const expected = DRAWN_TYPES.flatMap((type) => resourcesOf(plan, type));
            assert.ok(expected.length >= 6, `${stack} plans only ${expected.length} of the drawn types`);

            for (const resource of expected) {
                const node = graph.nodes.find((n) => n.urns[0] === resource.urn);
                assert.ok(node, `no diagram node for ${resource.urn}`);
                assert.ok(titles.has(node.id), `the SVG has no node ${node.id} (${resource.type})`);
            }
        });
    }

    it("renders the same bytes twice", async () => {
        const plan = planOf("production");

        assert.equal(await renderArchitectureSvg(plan), await renderArchitectureSvg(plan));
    });

    it(`keeps ${COMMITTED_DIAGRAM.path} equal to what the program plans`, async () => {
        const current = await renderArchitectureSvg(planOf(COMMITTED_DIAGRAM.stack));
        let committed = "";
        try {
            committed = readFileSync(join(ROOT, COMMITTED_DIAGRAM.path), "utf8");
        } catch {
            // A missing file is stale too; the message below says how to make it.
        }

        assert.ok(
            committed === current,
            `${COMMITTED_DIAGRAM.path} is stale: it differs from the diagram of the current program. Run \`npm run diagram\` and commit the result.`,
        );
    });
});
