import { strict as assert } from "assert";
import { autoSubnetCidrs } from "../../components/network/network/subnet-cidrs";
import type { PlanDocument, PlanResource } from "../../plan/contract";
import { onlyOf, planOf, resolveReference, resourcesOf } from "../helpers/plan";
import { messagesOf, violationsOf } from "../policy/harness";

/**
 * awsx's children in the plan, as a real preview shows them (awsx 3.9, `awsx/ec2/vpc.ts`): the
 * mocks register none, so the plan builds them; these tests state what awsx would create.
 */

const VPC_URN =
    "urn:pulumi:production::fraud-detector::fraud-detector:platform:Platform$fraud-detector:network:Network$awsx:ec2:Vpc";

/** The children of the awsx VPC: every resource whose URN runs through it. */
function childrenOf(plan: PlanDocument): PlanResource[] {
    return plan.resources.filter((r) => r.urn.includes("$awsx:ec2:Vpc$"));
}

function countByType(plan: PlanDocument): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const child of childrenOf(plan)) {
        counts[child.type] = (counts[child.type] ?? 0) + 1;
    }
    return counts;
}

const SUBNETS_ROUTE_TABLES = {
    "aws:ec2/vpc:Vpc": 1,
    "aws:ec2/internetGateway:InternetGateway": 1,
    "aws:ec2/subnet:Subnet": 6,
    "aws:ec2/routeTable:RouteTable": 6,
    "aws:ec2/routeTableAssociation:RouteTableAssociation": 6,
};

describe("awsx's VPC children in the plan", () => {
    it("production: per AZ three subnets with their tables, a NAT gateway and EIP each, four default routes", () =>
        assert.deepEqual(countByType(planOf("production")), {
            ...SUBNETS_ROUTE_TABLES,
            "aws:ec2/eip:Eip": 2,
            "aws:ec2/natGateway:NatGateway": 2,
            "aws:ec2/route:Route": 4,
        }));

    it("staging: one NAT gateway (Single) that both private subnets route through", () => {
        const plan = planOf("staging");
        assert.deepEqual(countByType(plan), {
            ...SUBNETS_ROUTE_TABLES,
            "aws:ec2/eip:Eip": 1,
            "aws:ec2/natGateway:NatGateway": 1,
            "aws:ec2/route:Route": 4,
        });
        const nat = onlyOf(plan, "aws:ec2/natGateway:NatGateway");
        const privateRoutes = resourcesOf(plan, "aws:ec2/route:Route").filter((r) => r.name.includes("-private-"));
        assert.deepEqual(
            privateRoutes.map((r) => r.inputs.natGatewayId),
            [nat.id, nat.id],
        );
    });

    it("local: no NAT gateway, so only the public subnets have a default route", () => {
        const plan = planOf("local");
        assert.deepEqual(countByType(plan), { ...SUBNETS_ROUTE_TABLES, "aws:ec2/route:Route": 2 });
        assert.deepEqual(
            resourcesOf(plan, "aws:ec2/route:Route").map((r) => r.name),
            ["fraud-detector-local-network-vpc-public-1", "fraud-detector-local-network-vpc-public-2"],
        );
    });

    it("names, parents and URNs are awsx's: a private route sits under its table, subnet, VPC and the component", () => {
        const route = resourcesOf(planOf("production"), "aws:ec2/route:Route").find(
            (r) => r.name === "fraud-detector-prod-network-vpc-private-2",
        );
        assert.equal(
            route?.urn,
            `${VPC_URN}$aws:ec2/vpc:Vpc$aws:ec2/subnet:Subnet$aws:ec2/routeTable:RouteTable$aws:ec2/route:Route::fraud-detector-prod-network-vpc-private-2`,
        );
        assert.equal(
            route?.parent,
            `${VPC_URN}$aws:ec2/vpc:Vpc$aws:ec2/subnet:Subnet$aws:ec2/routeTable:RouteTable::fraud-detector-prod-network-vpc-private-2`,
        );
        assert.equal(route?.inputs.destinationCidrBlock, "0.0.0.0/0");
    });

    it("subnets have the ranges, AZs, public-IP setting and tags awsx gives them", () => {
        const subnets = resourcesOf(planOf("production"), "aws:ec2/subnet:Subnet").map((s) => [
            s.name,
            s.inputs.cidrBlock,
            s.inputs.availabilityZone,
            s.inputs.mapPublicIpOnLaunch,
            (s.inputs.tags as Record<string, string>).SubnetType,
            (s.inputs.tags as Record<string, string>).Tier,
        ]);
        assert.deepEqual(subnets, [
            ["fraud-detector-prod-network-vpc-public-1", "10.0.0.0/24", "ca-central-1a", true, "Public", "public"],
            ["fraud-detector-prod-network-vpc-private-1", "10.0.16.0/20", "ca-central-1a", false, "Private", "private"],
            [
                "fraud-detector-prod-network-vpc-isolated-1",
                "10.0.32.0/24",
                "ca-central-1a",
                false,
                "Isolated",
                "isolated",
            ],
            ["fraud-detector-prod-network-vpc-public-2", "10.0.128.0/24", "ca-central-1b", true, "Public", "public"],
            [
                "fraud-detector-prod-network-vpc-private-2",
                "10.0.144.0/20",
                "ca-central-1b",
                false,
                "Private",
                "private",
            ],
            [
                "fraud-detector-prod-network-vpc-isolated-2",
                "10.0.160.0/24",
                "ca-central-1b",
                false,
                "Isolated",
                "isolated",
            ],
        ]);
    });

    it("the subnet ids the program receives are the children's ids, in AZ order", () => {
        const plan = planOf("production");
        const vpc = onlyOf(plan, "awsx:ec2:Vpc");
        const idsOf = (tier: string) =>
            resourcesOf(plan, "aws:ec2/subnet:Subnet")
                .filter((s) => s.name.includes(`-${tier}-`))
                .map((s) => s.id);
        assert.deepEqual(vpc.outputs.publicSubnetIds, idsOf("public"));
        assert.deepEqual(vpc.outputs.privateSubnetIds, idsOf("private"));
        assert.deepEqual(vpc.outputs.isolatedSubnetIds, idsOf("isolated"));
        assert.equal(vpc.outputs.vpcId, onlyOf(plan, "aws:ec2/vpc:Vpc").id);
    });

    it("each NAT gateway sits in a public subnet with its own Elastic IP", () => {
        const plan = planOf("production");
        for (const nat of resourcesOf(plan, "aws:ec2/natGateway:NatGateway")) {
            assert.equal(resolveReference(plan, nat.inputs.subnetId)?.inputs.mapPublicIpOnLaunch, true);
            assert.equal(resolveReference(plan, nat.inputs.allocationId)?.type, "aws:ec2/eip:Eip");
        }
    });

    it("the S3 gateway endpoint is on the private subnets' route tables, found by their SubnetType tag", () => {
        const plan = planOf("production");
        const s3 = resourcesOf(plan, "aws:ec2/vpcEndpoint:VpcEndpoint").find((e) =>
            String(e.inputs.serviceName).endsWith(".s3"),
        );
        const tables = (s3?.inputs.routeTableIds as string[]).map((id) => resolveReference(plan, id)?.name);
        assert.deepEqual(tables, [
            "fraud-detector-prod-network-vpc-private-1",
            "fraud-detector-prod-network-vpc-private-2",
        ]);
    });
});

describe("autoSubnetCidrs", () => {
    it("cuts the VPC per AZ, then lays the tiers one after the other, each on its own size", () =>
        assert.deepEqual(autoSubnetCidrs("10.0.0.0/16", 3, [24, 20, 24]), [
            ["10.0.0.0/24", "10.0.64.0/24", "10.0.128.0/24"],
            ["10.0.16.0/20", "10.0.80.0/20", "10.0.144.0/20"],
            ["10.0.32.0/24", "10.0.96.0/24", "10.0.160.0/24"],
        ]));

    it("refuses tiers that do not fit an AZ's share of the VPC", () =>
        assert.throws(
            () => autoSubnetCidrs("10.0.0.0/24", 2, [25, 26]),
            /^Error: the subnets need 192 addresses per AZ; 10.0.0.0\/24 over 2 AZs gives each AZ 128$/,
        ));
});

describe("the policy pack over awsx's children", () => {
    it("judges the six subnets of the production plan and finds them compliant", async () => {
        const subnets = resourcesOf(planOf("production"), "aws:ec2/subnet:Subnet");
        assert.equal(subnets.length, 6);
        assert.deepEqual(await messagesOf(subnets, "vpc-layout"), []);
    });

    it("catches a private subnet of the plan that would hand out public IPs", async () => {
        const subnets = resourcesOf(planOf("production"), "aws:ec2/subnet:Subnet").map((s) =>
            s.name.endsWith("-private-2") ? { ...s, inputs: { ...s.inputs, mapPublicIpOnLaunch: true } } : s,
        );
        const found = await violationsOf(subnets, "vpc-layout");
        assert.deepEqual(
            found.map((v) => [v.enforcementLevel, v.urn?.split("::").pop(), v.message]),
            [
                [
                    "mandatory",
                    "fraud-detector-prod-network-vpc-private-2",
                    'a "Private" subnet maps public IPs on launch; set mapPublicIpOnLaunch: false',
                ],
            ],
        );
    });
});
