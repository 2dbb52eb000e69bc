/**
 * The subnet ranges of the VPC, computed here rather than left to awsx, so that the plan shows the
 * exact ranges AWS will be asked for and a change to the tiers cannot silently move a subnet.
 *
 * @module
 */

/** An IPv4 block as its first address (an unsigned 32-bit integer) and its prefix length. */
interface Block {
    readonly base: number;
    readonly mask: number;
}

const sizeOf = (mask: number): number => 2 ** (32 - mask);

function parse(cidr: string): Block {
    const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
    if (!match) {
        throw new Error(`${cidr} is not an IPv4 CIDR block`);
    }
    const octets = match.slice(1, 5).map(Number);
    const base = octets.reduce((acc, octet) => acc * 256 + octet, 0);
    return { base, mask: Number(match[5]) };
}

function format(block: Block): string {
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(block.base / 2 ** shift) % 256);
    return `${octets.join(".")}/${block.mask}`;
}

/** The block of prefix `mask` that starts right after the one holding the last address of `previous`. */
function nextAligned(previous: Block, mask: number): Block {
    const last = previous.base + sizeOf(previous.mask) - 1;
    const size = sizeOf(mask);
    return { base: Math.floor(last / size) * size + size, mask };
}

/**
 * The ranges awsx 3.9's `Auto` subnet strategy allocates (pulumi-awsx `awsx/ec2/subnetDistributorNew.ts`,
 * `allocateSubnetCidrBlocks`): the VPC is cut into one block per AZ (its prefix plus
 * ceil(log2(AZ count)) bits), and within each AZ's block the tiers follow one another in the order
 * given, each aligned on its own size. Handing these to awsx as explicit `cidrBlocks` keeps the
 * ranges a VPC created with `Auto` already has, so no subnet is replaced.
 *
 * Returns, per tier (in the order of `masks`), one range per AZ.
 */
export function autoSubnetCidrs(vpcCidr: string, azCount: number, masks: readonly number[]): string[][] {
    const vpc = parse(vpcCidr);
    const azMask = vpc.mask + (azCount <= 1 ? 0 : Math.ceil(Math.log2(azCount)));
    const needed = masks.reduce((sum, mask) => sum + sizeOf(mask), 0);
    if (needed > sizeOf(azMask)) {
        throw new Error(
            `the subnets need ${needed} addresses per AZ; ${vpcCidr} over ${azCount} AZs gives each AZ ${sizeOf(azMask)}`,
        );
    }
    const perTier: string[][] = masks.map(() => []);
    for (let az = 0; az < azCount; az++) {
        const azBlock: Block = { base: vpc.base + az * sizeOf(azMask), mask: azMask };
        let previous: Block | undefined;
        masks.forEach((mask, tier) => {
            const block: Block = previous
                ? nextAligned(previous, mask)
                : { base: Math.floor(azBlock.base / sizeOf(mask)) * sizeOf(mask), mask };
            perTier[tier].push(format(block));
            previous = block;
        });
    }
    return perTier;
}
