/** A real TCP SYN (frame 1 of tcp_handshake.pcapng) as the decoders describe it, trimmed for tests. */
import type { FieldNode, LayerBoundary } from '../../../shared/model/packet';

const hex =
  '00055d21994c00216a5b7d4a08004500003431 7f400080 0655eb ac101080 d43ae28e' +
  '0b0a0050 dc02c274 00000000 8002 2000 cfeb 0000 020405b4010303020101 0402';
export const SYN_BYTES = Uint8Array.from(hex.replace(/\s+/g, '').match(/../g) ?? [], (h) => parseInt(h, 16));

const flag = (id: string, mask: number, value: boolean): FieldNode => ({
  id,
  name: id,
  value,
  offset: 46,
  length: 2,
  bitmask: mask,
});

export const SYN_FIELDS: FieldNode[] = [
  {
    id: 'eth',
    name: 'Ethernet II',
    value: null,
    offset: 0,
    length: 14,
    children: [
      { id: 'eth.dst', name: 'Destination', value: '00:05:5d:21:99:4c', offset: 0, length: 6 },
      { id: 'eth.src', name: 'Source', value: '00:21:6a:5b:7d:4a', offset: 6, length: 6 },
      { id: 'eth.type', name: 'Type', value: 2048, offset: 12, length: 2 },
    ],
  },
  {
    id: 'ip',
    name: 'IPv4',
    value: null,
    offset: 14,
    length: 20,
    children: [
      { id: 'ip.version', name: 'Version', value: 4, offset: 14, length: 1, bitmask: 0xf0 },
      { id: 'ip.hdr_len', name: 'Header length', value: 20, offset: 14, length: 1, bitmask: 0x0f },
      { id: 'ip.ttl', name: 'TTL', value: 128, offset: 22, length: 1 },
      { id: 'ip.src', name: 'Source', value: '172.16.16.128', offset: 26, length: 4 },
      { id: 'ip.dst', name: 'Destination', value: '212.58.226.142', offset: 30, length: 4 },
    ],
  },
  {
    id: 'tcp',
    name: 'TCP',
    value: null,
    offset: 34,
    length: 32,
    children: [
      { id: 'tcp.srcport', name: 'Source port', value: 2826, offset: 34, length: 2 },
      { id: 'tcp.hdr_len', name: 'Header length', value: 32, offset: 46, length: 1, bitmask: 0xf0 },
      {
        id: 'tcp.flags',
        name: 'Flags',
        value: 2,
        offset: 46,
        length: 2,
        bitmask: 0xfff,
        children: [
          flag('tcp.flags.ack', 0x10, false),
          flag('tcp.flags.syn', 0x2, true),
          flag('tcp.flags.fin', 0x1, false),
        ],
      },
      { id: 'tcp.len', name: 'Length', value: 0, offset: 34, length: 0 },
    ],
  },
];

export const SYN_LAYERS: LayerBoundary[] = [
  { layer: 'link', protocol: 'eth', offset: 0, length: 14 },
  { layer: 'network', protocol: 'ip', offset: 14, length: 20 },
  { layer: 'transport', protocol: 'tcp', offset: 34, length: 32 },
];
