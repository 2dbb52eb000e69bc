import { answerResource, MOCK_REGION, recordRouteTables } from "./mock-aws";

/**
 * awsx's components as a real engine would show them. awsx components are remote: under Pulumi's
 * mocks they register no children (architecture.md, "Known behaviour of Pulumi's mock runtime"),
 * so this module builds the children awsx 3.9 creates, in its order, with its names, parents,
 * inputs and options (pulumi-awsx `awsx/ec2/vpc.ts`, `subnetDistributorNew.ts`,
 * `subnetNaming.ts`), and answers each through `answerResource` like any other resource. The
 * component's outputs (vpcId, subnet ids) are the children's ids: one source of answers.
 *
 * @module
 */

/** One child a remote component registers, answered by the mock. Relations name other children by key. */
export interface MockChild {
    /** `type::name`, unique within the component. */
    readonly key: string;
    /** The type token. */
    readonly type: string;
    /** The logical name awsx gives it. */
    readonly name: string;
    /** The key of its parent child, or null when its parent is the component itself. */
    readonly parent: string | null;
    /** Its inputs, references to siblings resolved to their mock values. */
    readonly inputs: Record<string, unknown>;
    /** The mock's id. */
    readonly id: string;
    /** The mock's output state. */
    readonly state: Record<string, unknown>;
    /** Keys of the siblings it depends on: awsx's explicit `dependsOn` and its input references. */
    readonly dependsOn: readonly string[];
    /** Input property to the keys of the siblings its value came from. */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

/** What the mock answers for a remote component: its outputs and the children a real engine would show. */
export interface RemoteAnswer {
    readonly outputs: Record<string, unknown>;
    readonly children: readonly MockChild[];
}

/** The inputs of a remote component, as the mock's `newResource` receives them. */
export interface RemoteContext {
    readonly type: string;
    readonly name: string;
    readonly inputs: Record<string, unknown>;
}

interface SubnetSpecInput {
    readonly type: string;
    readonly name?: string;
    readonly cidrBlocks?: readonly string[];
    readonly tags?: Record<string, unknown>;
}

/** awsx's order of subnets within an AZ (`compareSubnetSpecs`): public, then private, then isolated. */
const TYPE_ORDER = ["public", "private", "isolated"];

/** awsx's AZs when none are named: the first three of the region (`getDefaultAzs`). */
const DEFAULT_AZS = [`${MOCK_REGION}a`, `${MOCK_REGION}b`, `${MOCK_REGION}d`];

/** awsx's subnets when no specs are given (`defaultSubnetInputsBare`). */
const DEFAULT_SPECS: readonly SubnetSpecInput[] = [{ type: "Private" }, { type: "Public" }];

/** Builds children in registration order, answering each as it is added. */
class ChildList {
    readonly children: MockChild[] = [];

    add(
        type: string,
        name: string,
        parent: MockChild | null,
        inputs: Record<string, unknown>,
        references: Readonly<Record<string, MockChild>>,
    ): MockChild {
        const answer = answerResource({ type, name, inputs });
        // awsx gives every child `dependsOn: [parent]`; input references add their sources.
        const sources = Object.values(references).map((r) => r.key);
        const child: MockChild = {
            key: `${type}::${name}`,
            type,
            name,
            parent: parent?.key ?? null,
            inputs,
            id: answer.id,
            state: answer.state,
            dependsOn: [...new Set([...(parent ? [parent.key] : []), ...sources])],
            propertyDependencies: Object.fromEntries(Object.entries(references).map(([key, r]) => [key, [r.key]])),
        };
        this.children.push(child);
        return child;
    }
}

/**
 * awsx 3.9's `ec2.Vpc`: the VPC; its internet gateway; per AZ, in awsx's order, each subnet with
 * its route table and association, the NAT gateway and Elastic IP in the public subnets the
 * strategy calls for, and the default route of public (internet gateway) and private (NAT)
 * subnets. Subnet ranges are those given in `subnetSpecs[].cidrBlocks`
 * (components/network/network/network.ts gives them); without them the subnets carry no range, as the mock does not allocate.
 */
function answerVpc(ctx: RemoteContext): RemoteAnswer {
    const name = ctx.name;
    const args = ctx.inputs;
    const argTags = (args.tags as Record<string, unknown> | undefined) ?? {};
    const sharedTags = { Name: name, ...argTags };
    const azs = (args.availabilityZoneNames as string[] | undefined) ?? DEFAULT_AZS;
    const specs = (args.subnetSpecs as SubnetSpecInput[] | undefined) ?? DEFAULT_SPECS;
    const givenStrategy = (args.natGateways as { strategy?: unknown } | undefined)?.strategy;
    const strategy = typeof givenStrategy === "string" ? givenStrategy : "OnePerAz";
    const list = new ChildList();

    const vpc = list.add(
        "aws:ec2/vpc:Vpc",
        name,
        null,
        pick(args, ["cidrBlock", "enableDnsHostnames", "enableDnsSupport", "instanceTenancy"], {
            cidrBlock: args.cidrBlock ?? "10.0.0.0/16",
            tags: sharedTags,
        }),
        {},
    );
    const igw = list.add(
        "aws:ec2/internetGateway:InternetGateway",
        name,
        vpc,
        { vpcId: vpc.id, tags: sharedTags },
        { vpcId: vpc },
    );

    const natGateways: MockChild[] = [];
    const subnetIds: Record<string, string[]> = { public: [], private: [], isolated: [] };
    const routeTables: Array<{ id: string; tags: Record<string, unknown> }> = [];
    azs.forEach((azName, i) => {
        const ordered = specs
            .map((spec, index) => ({ spec, index }))
            .filter(({ spec }) => spec.type !== "Unused")
            .sort(
                (a, b) => TYPE_ORDER.indexOf(a.spec.type.toLowerCase()) - TYPE_ORDER.indexOf(b.spec.type.toLowerCase()),
            );
        for (const { spec } of ordered) {
            const type = spec.type.toLowerCase();
            // subnetNaming.ts: `<vpc>-<spec name or type>-<AZ number>`, the Name tag too (Legacy strategy).
            const resourceName = `${name}-${spec.name ?? type}-${i + 1}`;
            const cidrBlock = spec.cidrBlocks?.[i];
            const subnet = list.add(
                "aws:ec2/subnet:Subnet",
                resourceName,
                vpc,
                {
                    vpcId: vpc.id,
                    availabilityZone: azName,
                    mapPublicIpOnLaunch: type === "public",
                    ...(cidrBlock === undefined ? {} : { cidrBlock }),
                    assignIpv6AddressOnCreation: false,
                    tags: { ...sharedTags, ...spec.tags, Name: resourceName, SubnetType: spec.type },
                },
                { vpcId: vpc },
            );
            subnetIds[type]?.push(subnet.id);
            const tableTags = { ...sharedTags, Name: resourceName, SubnetType: spec.type };
            const table = list.add(
                "aws:ec2/routeTable:RouteTable",
                resourceName,
                subnet,
                { vpcId: vpc.id, tags: tableTags },
                { vpcId: vpc },
            );
            routeTables.push({ id: table.id, tags: tableTags });
            list.add(
                "aws:ec2/routeTableAssociation:RouteTableAssociation",
                resourceName,
                table,
                { routeTableId: table.id, subnetId: subnet.id },
                { routeTableId: table, subnetId: subnet },
            );
            if (type === "public" && shouldCreateNatGateway(strategy, natGateways.length, i)) {
                const natName = `${name}-${i + 1}`;
                const eip = list.add("aws:ec2/eip:Eip", natName, subnet, { tags: { ...argTags, Name: natName } }, {});
                natGateways.push(
                    list.add(
                        "aws:ec2/natGateway:NatGateway",
                        natName,
                        subnet,
                        {
                            subnetId: subnet.id,
                            allocationId: eip.state.allocationId,
                            tags: { ...argTags, Name: natName },
                        },
                        { subnetId: subnet, allocationId: eip },
                    ),
                );
            }
            const target = defaultRouteTarget(type, strategy, igw, natGateways, i);
            if (target !== undefined) {
                list.add(
                    "aws:ec2/route:Route",
                    resourceName,
                    table,
                    { routeTableId: table.id, [target.property]: target.child.id, destinationCidrBlock: "0.0.0.0/0" },
                    { routeTableId: table, [target.property]: target.child },
                );
            }
        }
    });
    recordRouteTables(vpc.id, routeTables);
    return {
        outputs: {
            vpcId: vpc.id,
            publicSubnetIds: subnetIds.public,
            privateSubnetIds: subnetIds.private,
            isolatedSubnetIds: subnetIds.isolated,
        },
        children: list.children,
    };
}

/**
 * Where a subnet's default route goes: public subnets to the internet gateway, private ones to
 * their AZ's NAT gateway (the first one under `Single`), isolated ones nowhere.
 */
function defaultRouteTarget(
    type: string,
    strategy: string,
    igw: MockChild,
    natGateways: readonly MockChild[],
    azIndex: number,
): { property: string; child: MockChild } | undefined {
    if (type === "public") {
        return { property: "gatewayId", child: igw };
    }
    if (type !== "private" || strategy.toLowerCase() === "none") {
        return undefined;
    }
    const nat = strategy.toLowerCase() === "single" ? natGateways[0] : natGateways[azIndex];
    return nat === undefined ? undefined : { property: "natGatewayId", child: nat };
}

/** awsx's `shouldCreateNatGateway`: one per AZ, one in the first AZ, or none. */
function shouldCreateNatGateway(strategy: string, made: number, azIndex: number): boolean {
    switch (strategy.toLowerCase()) {
        case "single":
            return made < 1;
        case "oneperaz":
            return made < azIndex + 1;
        default:
            return false;
    }
}

/** The given keys of `args` that are set, then `extra`. */
function pick(args: Record<string, unknown>, keys: readonly string[], extra: Record<string, unknown>) {
    const picked = Object.fromEntries(keys.filter((k) => args[k] !== undefined).map((k) => [k, args[k]]));
    return { ...picked, ...extra };
}

/** The remote components the mock models, by type token. */
const REMOTE: Readonly<Record<string, (ctx: RemoteContext) => RemoteAnswer>> = {
    "awsx:ec2:Vpc": answerVpc,
};

/**
 * The outputs and children of a remote component, or undefined for a type the mock does not model
 * (it then has its inputs as outputs and no children).
 */
export function answerRemoteComponent(ctx: RemoteContext): RemoteAnswer | undefined {
    return REMOTE[ctx.type]?.(ctx);
}
