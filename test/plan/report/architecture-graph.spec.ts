import { strict as assert } from "assert";
import type { PlanDocument, PlanResource } from "../../../plan/engine/contract";
import { buildArchitectureGraph } from "../../../plan/report/architecture-graph";
import type { ArchitectureEdge, ArchitectureGraph, ArchitectureNode } from "../../../plan/report/architecture-model";
import { onlyOf, planOf, resolveReference, resourcesOf, STACKS } from "../../helpers/plan";

const SERVICE = "aws:ecs/service:Service";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/** The node that stands for `resource` (the first that claims its URN, as edges do). */
function nodeOf(graph: ArchitectureGraph, resource: PlanResource): ArchitectureNode {
    const node = graph.nodes.find((n) => n.urns[0] === resource.urn);
    assert.ok(node, `no node stands for ${resource.urn}`);
    return node;
}

/** The one node that lists the alarms. */
function alarmsNode(graph: ArchitectureGraph): ArchitectureNode {
    const found = graph.nodes.filter((n) => n.kind === "alarms");
    assert.equal(found.length, 1, "alarms nodes");
    return found[0];
}

/** The edges from `from` to `to` of `kind`. */
function edgesBetween(graph: ArchitectureGraph, from: ArchitectureNode, to: ArchitectureNode, kind: string) {
    return graph.edges.filter((e) => e.from === from.id && e.to === to.id && e.kind === kind);
}

function onlyEdge(
    graph: ArchitectureGraph,
    from: ArchitectureNode,
    to: ArchitectureNode,
    kind: string,
): ArchitectureEdge {
    const found = edgesBetween(graph, from, to, kind);
    assert.equal(found.length, 1, `${kind} edges ${from.id} -> ${to.id}`);
    return found[0];
}

function serviceNamed(plan: PlanDocument, name: string): PlanResource {
    const found = resourcesOf(plan, SERVICE).filter((s) => s.inputs.name === name);
    assert.equal(found.length, 1, `ECS service ${name}`);
    return found[0];
}

/** The cluster ids from a node's cluster up to the top. */
function clusterChain(graph: ArchitectureGraph, node: ArchitectureNode): string[] {
    const chain: string[] = [];
    for (let id = node.cluster; id !== null; id = graph.clusters.find((c) => c.id === id)?.parent ?? null) {
        chain.push(id);
    }
    return chain;
}

describe("plan/report/architecture-graph", () => {
    describe("in production", () => {
        it("draws the ALB to fraud-api on the api's container port, labelled and sourced from the SG rule", () => {
            const plan = planOf("production");
            const graph = buildArchitectureGraph(plan);
            const lb = onlyOf(plan, "aws:lb/loadBalancer:LoadBalancer");
            const api = serviceNamed(plan, "fraud-api");
            const port = (api.inputs.loadBalancers as Array<{ containerPort: number }>)[0].containerPort;
            const rule = resourcesOf(plan, INGRESS).find(
                (r) =>
                    resolveReference(plan, r.inputs.referencedSecurityGroupId)?.urn ===
                        resolveReference(plan, (lb.inputs.securityGroups as string[])[0])?.urn &&
                    r.inputs.fromPort === port,
            );
            assert.ok(rule, `an ingress rule admitting the ALB's group on ${port}`);

            const edge = onlyEdge(graph, nodeOf(graph, lb), nodeOf(graph, api), "network");

            assert.equal(edge.label, `:${port}`);
            assert.deepEqual(edge.via, [rule.urn]);
        });

        it("draws every service to Redis and to RDS on their ports", () => {
            const plan = planOf("production");
            const graph = buildArchitectureGraph(plan);
            const redis = onlyOf(plan, "aws:elasticache/replicationGroup:ReplicationGroup");
            const db = onlyOf(plan, "aws:rds/instance:Instance");
            const services = resourcesOf(plan, SERVICE);
            assert.equal(services.length, 3);

            for (const service of services) {
                const from = nodeOf(graph, service);
                assert.equal(
                    onlyEdge(graph, from, nodeOf(graph, redis), "network").label,
                    `:${String(redis.inputs.port)}`,
                );
                assert.equal(onlyEdge(graph, from, nodeOf(graph, db), "network").label, `:${String(db.outputs.port)}`);
            }
        });

        it("draws what each service's roles read: the models bucket, and its secrets at start", () => {
            const plan = planOf("production");
            const graph = buildArchitectureGraph(plan);
            const models = resourcesOf(plan, "aws:s3/bucket:Bucket").find((b) =>
                String(b.inputs.bucket).endsWith("-models"),
            );
            assert.ok(models);
            const api = nodeOf(graph, serviceNamed(plan, "fraud-api"));
            const secrets = graph.edges
                .filter((e) => e.from === api.id && e.label === "reads at start")
                .map((e) => e.to);

            assert.equal(onlyEdge(graph, api, nodeOf(graph, models), "iam").label, "reads");
            assert.deepEqual(secrets.map((id) => graph.nodes.find((n) => n.id === id)?.title).sort(), [
                "RDS master user secret",
                "fraud-detector/prod/app-key",
                "fraud-detector/prod/hmac-keys",
                "fraud-detector/prod/redis",
            ]);
        });

        it("points each ALB alarm at the ALB, through its LoadBalancer dimension", () => {
            const plan = planOf("production");
            const graph = buildArchitectureGraph(plan);
            // A metric-math alarm names its namespace in each query, not at the top.
            const namespacesOf = (a: { inputs: Record<string, unknown> }) => [
                a.inputs.namespace,
                ...((a.inputs.metricQueries ?? []) as Array<{ metric?: { namespace?: string } }>).map(
                    (q) => q.metric?.namespace,
                ),
            ];
            const albAlarms = resourcesOf(plan, ALARM).filter((a) => namespacesOf(a).includes("AWS/ApplicationELB"));
            assert.ok(albAlarms.length > 0);

            const edge = onlyEdge(
                graph,
                alarmsNode(graph),
                nodeOf(graph, onlyOf(plan, "aws:lb/loadBalancer:LoadBalancer")),
                "monitors",
            );

            assert.deepEqual(edge.via, albAlarms.map((a) => a.urn).sort());
        });
    });

    it("draws each NAT gateway for the gateway and its Elastic IP, and the internet for the internet gateway", () => {
        const graph = buildArchitectureGraph(planOf("production"));
        const short = (urn: string) => urn.slice(urn.lastIndexOf("$") + 1);
        assert.deepEqual(
            graph.nodes.filter((n) => n.kind === "nat-gateway").map((n) => [n.id, n.urns.map(short)]),
            [
                [
                    "nat-ca-central-1a",
                    [
                        "aws:ec2/natGateway:NatGateway::fraud-detector-prod-network-vpc-1",
                        "aws:ec2/eip:Eip::fraud-detector-prod-network-vpc-1",
                    ],
                ],
                [
                    "nat-ca-central-1b",
                    [
                        "aws:ec2/natGateway:NatGateway::fraud-detector-prod-network-vpc-2",
                        "aws:ec2/eip:Eip::fraud-detector-prod-network-vpc-2",
                    ],
                ],
            ],
        );
        assert.deepEqual(
            graph.nodes.filter((n) => n.kind === "internet").map((n) => n.urns.map(short)),
            [["aws:ec2/internetGateway:InternetGateway::fraud-detector-prod-network-vpc"]],
        );
    });

    it("still draws NAT gateways from the VPC's strategy for a plan written before it held awsx's children", () => {
        const plan = planOf("production");
        const older = { ...plan, resources: plan.resources.filter((r) => !r.urn.includes("$awsx:ec2:Vpc$")) };
        const vpc = onlyOf(plan, "awsx:ec2:Vpc");
        const nats = buildArchitectureGraph(older).nodes.filter((n) => n.kind === "nat-gateway");
        assert.deepEqual(
            nats.map((n) => [n.id, n.urns]),
            [
                ["nat-ca-central-1a", [vpc.urn]],
                ["nat-ca-central-1b", [vpc.urn]],
            ],
        );
    });

    const NAT_GATEWAYS: Readonly<Record<(typeof STACKS)[number], number>> = { production: 2, staging: 1, local: 0 };

    for (const stack of STACKS) {
        describe(`in ${stack}`, () => {
            it(`has ${NAT_GATEWAYS[stack]} NAT gateway node(s), each in its own AZ of the public tier`, () => {
                const graph = buildArchitectureGraph(planOf(stack));
                const nats = graph.nodes.filter((n) => n.kind === "nat-gateway");

                assert.equal(nats.length, NAT_GATEWAYS[stack]);
                assert.equal(new Set(nats.map((n) => n.cluster)).size, nats.length);
                nats.forEach((nat) => assert.equal(clusterChain(graph, nat)[1], "public"));
            });

            const bastions = stack === "local" ? 0 : 1;
            it(`has ${bastions} bastion node(s), in the private tier (no public IP, Session Manager through NAT)`, () => {
                const graph = buildArchitectureGraph(planOf(stack));
                const found = graph.nodes.filter((n) => n.kind === "bastion");

                assert.equal(found.length, bastions);
                found.forEach((bastion) => assert.deepEqual(clusterChain(graph, bastion).slice(1, 2), ["private"]));
            });

            it("draws the alarms to the topic their actions name, through every alarm", () => {
                const plan = planOf(stack);
                const graph = buildArchitectureGraph(plan);
                const topic = onlyOf(plan, "aws:sns/topic:Topic");
                const alarms = resourcesOf(plan, ALARM).filter((a) =>
                    (a.inputs.alarmActions as string[]).includes(String(topic.outputs.arn)),
                );
                assert.ok(alarms.length > 0);

                const edge = onlyEdge(graph, alarmsNode(graph), nodeOf(graph, topic), "notifies");

                assert.deepEqual(edge.via, alarms.map((a) => a.urn).sort());
            });

            it("gives every node the URNs of plan resources it stands for", () => {
                const plan = planOf(stack);
                const urns = new Set(plan.resources.map((r) => r.urn));

                for (const node of buildArchitectureGraph(plan).nodes) {
                    assert.ok(node.urns.length > 0, `${node.id} stands for nothing`);
                    node.urns.forEach((urn) => assert.ok(urns.has(urn), `${node.id}: ${urn} is not in the plan`));
                }
            });

            it("builds the same graph whatever the order of the plan's resources", () => {
                const plan = planOf(stack);
                const reversed = { ...plan, resources: [...plan.resources].reverse() };

                assert.deepEqual(buildArchitectureGraph(reversed), buildArchitectureGraph(plan));
            });
        });
    }
});
