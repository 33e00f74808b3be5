/** An IPv4 CIDR block as numbers: the first address and the prefix length. */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `10.0.0.0/16`. Returns an error message instead when the text is not an IPv4 CIDR, or when
 * host bits are set (10.0.0.1/16), with the block the user probably meant.
 */
export function parseCidr(text: string): { ok: true; cidr: Cidr } | { ok: false; message: string } {
  const match = CIDR_PATTERN.exec(text);
  if (!match) return { ok: false, message: `"${text}" is not an IPv4 CIDR block like 10.0.0.0/16` };
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((o) => o > 255)) return { ok: false, message: `"${text}" has an octet above 255` };
  if (prefix > 32) return { ok: false, message: `"${text}" has a prefix length above 32` };
  const address = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const base = (address & mask) >>> 0;
  if (base !== address) {
    return {
      ok: false,
      message: `"${text}" has host bits set; did you mean ${formatCidr({ base, prefix })}?`,
    };
  }
  return { ok: true, cidr: { base, prefix } };
}

/** Writes a CIDR block back as text. */
export function formatCidr(cidr: Cidr): string {
  const b = cidr.base;
  return `${b >>> 24}.${(b >>> 16) & 255}.${(b >>> 8) & 255}.${b & 255}/${cidr.prefix}`;
}

/** Whether two CIDR blocks share at least one address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return (a.base & mask) >>> 0 === (b.base & mask) >>> 0;
}
