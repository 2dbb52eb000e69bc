/**
 * IPv4 CIDR maths, pure: the stack schema validates the VPC range with it, and the network
 * policies judge the ranges rules open.
 */

/** A parsed IPv4 CIDR block: the network address as an unsigned 32-bit number and its prefix. */
export interface Ipv4Cidr {
    readonly address: number;
    readonly prefix: number;
}

/** The RFC 1918 private ranges a VPC may use. */
export const PRIVATE_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/** Parses `a.b.c.d/n`; undefined when malformed or when host bits are set (AWS rejects those). */
export function parseCidr(text: string): Ipv4Cidr | undefined {
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
    if (!match) {
        return undefined;
    }
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((o) => o > 255) || prefix > 32) {
        return undefined;
    }
    const address = octets.reduce((acc, o) => acc * 256 + o, 0);
    if (address % 2 ** (32 - prefix) !== 0) {
        return undefined;
    }
    return { address, prefix };
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
    if (inner.prefix < outer.prefix) {
        return false;
    }
    const size = 2 ** (32 - outer.prefix);
    return Math.floor(inner.address / size) === Math.floor(outer.address / size);
}

/** True when the block lies inside one of the RFC 1918 private ranges. */
export function isPrivateCidr(cidr: Ipv4Cidr): boolean {
    return PRIVATE_RANGES.some((range) => cidrContains(parseCidr(range) as Ipv4Cidr, cidr));
}
