import { describe, expect, it } from 'vitest';
import type { DissectedPacket, FieldNode } from '../model/packet';
import { compileFilter, packetFieldSource, type PacketSourceOptions } from './index';

function node(
  id: string,
  value: FieldNode['value'],
  offset: number,
  length: number,
  children?: FieldNode[],
): FieldNode {
  return { id, name: id, value, offset, length, ...(children ? { children } : {}) };
}

/** An Ethernet/IPv4/TCP frame carrying "GET / HTTP/1.1", as the decoders would describe it. */
const payloadText = 'GET / HTTP/1.1\r\n';
/** Ethernet padding after the IP packet, holding stale bytes as real NICs sometimes send. */
const padding = 'XPAD';
const frame = new Uint8Array(54 + payloadText.length + padding.length);
frame.set(new TextEncoder().encode(payloadText + padding), 54);

const packet: DissectedPacket = {
  summary: {
    number: 7,
    time: 1700000000.5,
    timestampNs: '0',
    length: 80,
    capturedLength: frame.length,
    interfaceId: 0,
    source: '10.0.0.1',
    destination: '10.0.0.2',
    protocol: 'HTTP',
    info: 'GET /',
    layers: [],
    tcpStream: 3,
  },
  fields: [
    node('eth', null, 0, 14, [
      node('eth.dst', '02:00:00:00:00:02', 0, 6),
      node('eth.src', '02:00:00:00:00:01', 6, 6),
      node('eth.type', 0x0800, 12, 2),
    ]),
    node('ip', null, 14, 20, [
      node('ip.len', 40 + payloadText.length, 16, 2),
      node('ip.ttl', 64, 22, 1),
      node('ip.src', '10.0.0.1', 26, 4),
      node('ip.dst', '10.0.0.2', 30, 4),
    ]),
    node('tcp', null, 34, 20, [
      node('tcp.srcport', 40000, 34, 2),
      node('tcp.dstport', 80, 36, 2),
      node('tcp.seq', 123456, 38, 4),
      node('tcp.flags', 0x018, 46, 2, [
        node('tcp.flags.ack', true, 46, 2),
        node('tcp.flags.syn', false, 46, 2),
      ]),
      node('tcp.payload', null, 54, payloadText.length),
    ]),
    node('http', null, 54, payloadText.length, [node('http.request.method', 'GET', 54, 3)]),
  ],
  notes: [],
};

function matches(filter: string, options: PacketSourceOptions = { frame }): boolean {
  const result = compileFilter(filter);
  if (!result.ok) throw new Error(result.error.message);
  return result.filter.matches(packetFieldSource(packet, options));
}

describe('packetFieldSource over a decoded field tree', () => {
  it('finds nested fields, protocols and frame pseudo-fields', () => {
    expect(matches('tcp.flags.ack == 1 && tcp.flags.syn == 0')).toBe(true);
    expect(matches('http.request.method == "GET"')).toBe(true);
    expect(matches('frame.number == 7 && frame.len == 80 && frame.cap_len == 74')).toBe(true);
    expect(matches('frame')).toBe(true);
    expect(matches('frame.time_epoch > 1700000000 && frame.interface_id == 0')).toBe(true);
    expect(matches('udp')).toBe(false);
  });

  it('derives ip.addr, tcp.port and eth.addr from source and destination', () => {
    expect(matches('ip.addr == 10.0.0.2 && tcp.port == 80 && eth.addr == 02:00:00:00:00:01')).toBe(true);
    expect(matches('ip.addr != 10.0.0.2')).toBe(false);
    expect(matches('udp.port == 80')).toBe(false);
  });

  it('protocols span to the end of their packet, so "tcp contains" searches the payload', () => {
    expect(matches('tcp contains "HTTP/1.1"')).toBe(true);
    expect(matches('tcp.payload contains 47:45:54')).toBe(true);
    expect(matches('frame contains "GET"')).toBe(true);
    expect(matches('ip contains "GET"')).toBe(true);
    expect(matches('eth contains "GET"')).toBe(true);
  });

  it('protocols above IP end where the IP packet ends, not in the Ethernet padding', () => {
    expect(matches('frame contains "XPAD" && eth contains "XPAD"')).toBe(true);
    expect(matches('ip contains "XPAD"')).toBe(false);
    expect(matches('tcp contains "XPAD"')).toBe(false);
    expect(matches('http contains "XPAD"')).toBe(false);
  });

  it('without the frame bytes, byte searches find nothing but presence still works', () => {
    expect(matches('tcp contains "HTTP"', {})).toBe(false);
    expect(matches('tcp.payload', {})).toBe(true);
  });

  it('adds analysis values and the stream index from the summary', () => {
    const extra = new Map([
      ['tcp.analysis.retransmission', null],
      ['tcp.analysis.ack_rtt', 0.25],
    ]);
    expect(matches('tcp.stream == 3', { extra })).toBe(true);
    expect(matches('tcp.analysis.retransmission && tcp.analysis.ack_rtt > 0.2', { extra })).toBe(true);
    expect(matches('tcp.analysis.retransmission', {})).toBe(false);
    expect(matches('tcp.analysis.duplicate_ack', { extra: { 'tcp.analysis.duplicate_ack': [null] } })).toBe(
      true,
    );
  });

  it('analysis values replace the tree values of the same field (relative over raw sequence numbers)', () => {
    expect(matches('tcp.seq == 123456', {})).toBe(true);
    expect(matches('tcp.seq == 1', { extra: { 'tcp.seq': 1 } })).toBe(true);
    expect(matches('tcp.seq == 123456', { extra: { 'tcp.seq': 1 } })).toBe(false);
  });

  it('a packet carrying two IP headers matches either address', () => {
    const tunnelled: DissectedPacket = {
      ...packet,
      fields: [...packet.fields, node('ip', null, 60, 20, [node('ip.src', '192.168.9.9', 72, 4)])],
    };
    const result = compileFilter('ip.src == 192.168.9.9 && ip.src == 10.0.0.1 && ip.src != 1.1.1.1');
    expect(result.ok && result.filter.matches(packetFieldSource(tunnelled))).toBe(true);
  });
});
