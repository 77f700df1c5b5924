/**
 * Hand-built pcapng and pcap files for tests: any byte order, any block, deliberately wrong lengths.
 * Test support only.
 */

export type Endian = 'le' | 'be';

export class Bytes {
  private readonly parts: number[] = [];
  constructor(private readonly endian: Endian = 'le') {}

  u8(...values: number[]): this {
    this.parts.push(...values.map((v) => v & 0xff));
    return this;
  }
  u16(value: number): this {
    const b = [value & 0xff, (value >>> 8) & 0xff];
    return this.u8(...(this.endian === 'le' ? b : b.reverse()));
  }
  u32(value: number): this {
    const b = [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
    return this.u8(...(this.endian === 'le' ? b : b.reverse()));
  }
  u64(value: bigint): this {
    const hi = Number((value >> 32n) & 0xffffffffn);
    const lo = Number(value & 0xffffffffn);
    return this.endian === 'le' ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }
  raw(bytes: Uint8Array | number[]): this {
    this.parts.push(...bytes);
    return this;
  }
  pad4(): this {
    while (this.parts.length % 4 !== 0) this.parts.push(0);
    return this;
  }
  get length(): number {
    return this.parts.length;
  }
  build(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export type OptionSpec = [code: number, value: Uint8Array | string];

export function options(endian: Endian, list: OptionSpec[]): Uint8Array {
  if (list.length === 0) return new Uint8Array(0);
  const b = new Bytes(endian);
  for (const [code, value] of list) {
    const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
    b.u16(code).u16(bytes.length).raw(bytes).pad4();
  }
  return b.u16(0).u16(0).build();
}

/** A block with a correct (or the given) total length at both ends. */
export function block(
  endian: Endian,
  type: number,
  body: Uint8Array,
  lengths: { start?: number; end?: number } = {},
): Uint8Array {
  const padded = new Bytes(endian).raw(body).pad4().build();
  const total = 12 + padded.length;
  return new Bytes(endian)
    .u32(type)
    .u32(lengths.start ?? total)
    .raw(padded)
    .u32(lengths.end ?? total)
    .build();
}

export function shb(endian: Endian, opts: OptionSpec[] = []): Uint8Array {
  const body = new Bytes(endian)
    .u32(0x1a2b3c4d)
    .u16(1)
    .u16(0)
    .u64(0xffffffffffffffffn)
    .raw(options(endian, opts));
  return block(endian, 0x0a0d0d0a, body.build());
}

export function idb(
  endian: Endian,
  linkType: number,
  snapLength: number,
  opts: OptionSpec[] = [],
): Uint8Array {
  const body = new Bytes(endian).u16(linkType).u16(0).u32(snapLength).raw(options(endian, opts));
  return block(endian, 1, body.build());
}

export function epb(
  endian: Endian,
  interfaceId: number,
  ticks: bigint,
  data: Uint8Array,
  opts: OptionSpec[] = [],
  originalLength = data.length,
): Uint8Array {
  const body = new Bytes(endian)
    .u32(interfaceId)
    .u32(Number(ticks >> 32n))
    .u32(Number(ticks & 0xffffffffn))
    .u32(data.length)
    .u32(originalLength)
    .raw(data)
    .pad4()
    .raw(options(endian, opts));
  return block(endian, 6, body.build());
}

/** The obsolete Packet Block (type 2): 16-bit interface id and drops count. */
export function packetBlock(
  endian: Endian,
  interfaceId: number,
  ticks: bigint,
  data: Uint8Array,
): Uint8Array {
  const body = new Bytes(endian)
    .u16(interfaceId)
    .u16(0)
    .u32(Number(ticks >> 32n))
    .u32(Number(ticks & 0xffffffffn))
    .u32(data.length)
    .u32(data.length)
    .raw(data);
  return block(endian, 2, body.build());
}

export function spb(endian: Endian, originalLength: number, data: Uint8Array): Uint8Array {
  return block(endian, 3, new Bytes(endian).u32(originalLength).raw(data).build());
}

export function dsb(endian: Endian, secretsType: number, data: Uint8Array): Uint8Array {
  const body = new Bytes(endian).u32(secretsType).u32(data.length).raw(data).pad4();
  return block(endian, 0x0a, body.build());
}

/** Name Resolution Block with IPv4 and IPv6 records. */
export function nrb(endian: Endian, records: { ip: number[]; names: string[] }[]): Uint8Array {
  const b = new Bytes(endian);
  for (const { ip, names } of records) {
    const value = [...ip, ...names.flatMap((n) => [...new TextEncoder().encode(n), 0])];
    b.u16(ip.length === 4 ? 1 : 2)
      .u16(value.length)
      .raw(value)
      .pad4();
  }
  b.u16(0).u16(0);
  return block(endian, 4, b.build());
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A classic pcap file: header plus records of (seconds, fraction, data). */
export function pcapFile(
  endian: Endian,
  nano: boolean,
  linkField: number,
  snapLength: number,
  records: { seconds: number; fraction: number; data: Uint8Array; originalLength?: number }[],
): Uint8Array {
  const b = new Bytes(endian)
    .u32(nano ? 0xa1b23c4d : 0xa1b2c3d4)
    .u16(2)
    .u16(4)
    .u32(0)
    .u32(0)
    .u32(snapLength)
    .u32(linkField);
  for (const r of records) {
    b.u32(r.seconds)
      .u32(r.fraction)
      .u32(r.data.length)
      .u32(r.originalLength ?? r.data.length)
      .raw(r.data);
  }
  return b.build();
}

/** Byte-swaps the headers of a little-endian classic pcap file (the packet bytes stay as they are). */
export function pcapToBigEndian(file: Uint8Array): Uint8Array {
  const out = Uint8Array.from(file);
  const view = new DataView(out.buffer);
  const swap32 = (at: number): void => view.setUint32(at, view.getUint32(at, true), false);
  const swap16 = (at: number): void => view.setUint16(at, view.getUint16(at, true), false);
  swap32(0);
  swap16(4);
  swap16(6);
  for (const at of [8, 12, 16, 20]) swap32(at);
  let pos = 24;
  while (pos + 16 <= out.length) {
    const captured = view.getUint32(pos + 8, true);
    for (const at of [0, 4, 8, 12]) swap32(pos + at);
    pos += 16 + captured;
  }
  return out;
}
