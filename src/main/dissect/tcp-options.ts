/**
 * TCP options (RFC 9293, 7323, 2018, 7413). Two readers share one walk: `readTcpOptionFacts` fills
 * the tracker's facts without allocating nodes (fast path), `tcpOptionNodes` builds the field tree.
 */
import type { FieldNode, TcpSegmentFacts } from '../../shared/model/packet';
import { formatHex, u16, u32 } from './bytes';
import { bytesField, makeNode, uintField } from './fields';
import { fits, type DissectState } from './state';

const EOL = 0;
const NOP = 1;
const MSS = 2;
const WSCALE = 3;
const SACK_PERMITTED = 4;
const SACK = 5;
const TIMESTAMPS = 8;
const TFO = 34;

/** Reads options in `b[start..end)` (end already clipped to captured bytes). Malformed lengths end the walk. */
export function readTcpOptionFacts(
  b: Uint8Array,
  start: number,
  end: number,
  out: TcpSegmentFacts['options'],
): void {
  let p = start;
  while (p < end) {
    const kind = b[p];
    if (kind === EOL) return;
    if (kind === NOP) {
      p++;
      continue;
    }
    if (p + 1 >= end) return;
    const len = b[p + 1];
    if (len < 2 || p + len > end) return;
    if (kind === MSS && len === 4) out.mss = u16(b, p + 2);
    else if (kind === WSCALE && len === 3) out.windowScale = b[p + 2];
    else if (kind === SACK_PERMITTED && len === 2) out.sackPermitted = true;
    else if (kind === TIMESTAMPS && len === 10) {
      out.tsVal = u32(b, p + 2);
      out.tsEcr = u32(b, p + 6);
    } else if (kind === SACK && len >= 10) {
      const blocks: [number, number][] = [];
      for (let q = p + 2; q + 8 <= p + len; q += 8) blocks.push([u32(b, q), u32(b, q + 4)]);
      out.sack = blocks;
    } else if (kind === TFO) out.tfoCookie = formatHex(b, p + 2, len - 2);
    p += len;
  }
}

const CONTAINER_IDS: Record<number, string> = {
  [EOL]: 'tcp.options.eol',
  [NOP]: 'tcp.options.nop',
  [MSS]: 'tcp.options.mss',
  [WSCALE]: 'tcp.options.wscale',
  [SACK_PERMITTED]: 'tcp.options.sack_perm',
  [SACK]: 'tcp.options.sack',
  [TIMESTAMPS]: 'tcp.options.timestamp',
  [TFO]: 'tcp.options.tfo',
};

/** Field nodes for the options area `start..end` as the header length declares it. */
export function tcpOptionNodes(st: DissectState, start: number, end: number): FieldNode[] {
  const out: FieldNode[] = [];
  const b = st.frame;
  let p = start;
  while (p < end) {
    if (!fits(st, p, 1)) {
      out.push({ ...makeNode('tcp.options.unknown', null, p, end - p), truncated: true });
      break;
    }
    const kind = b[p];
    if (kind === EOL || kind === NOP) {
      const opt = makeNode(CONTAINER_IDS[kind], null, p, 1);
      opt.children = [uintField(st, 'tcp.option_kind', p, 1)];
      out.push(opt);
      p++;
      // No break after EOL: the rest is padding, and tshark lists each padding byte as an EOL too.
      continue;
    }
    const declared = fits(st, p + 1, 1) ? b[p + 1] : 0;
    const len = declared >= 2 && p + declared <= end ? declared : end - p;
    const opt = makeNode(CONTAINER_IDS[kind] ?? 'tcp.options.unknown', null, p, len);
    opt.children = [uintField(st, 'tcp.option_kind', p, 1), uintField(st, 'tcp.option_len', p + 1, 1)];
    if (declared < 2 || p + declared > end) opt.warning = `Option length ${declared} is invalid here`;
    else optionValueNodes(st, kind, p, len, opt.children);
    if (!fits(st, p, len)) opt.truncated = true;
    out.push(opt);
    p += len;
  }
  return out;
}

function optionValueNodes(st: DissectState, kind: number, p: number, len: number, into: FieldNode[]): void {
  switch (kind) {
    case MSS:
      if (len === 4) into.push(uintField(st, 'tcp.options.mss_val', p + 2, 2));
      return;
    case WSCALE:
      if (len === 3) {
        const shift = uintField(st, 'tcp.options.wscale.shift', p + 2, 1);
        into.push(shift);
        const mult = typeof shift.value === 'number' ? 2 ** Math.min(shift.value, 14) : null;
        into.push({
          ...makeNode('tcp.options.wscale.multiplier', mult, p + 2, 1),
          ...(mult === null ? { truncated: true } : {}),
        });
      }
      return;
    case SACK:
      for (let q = p + 2; q + 8 <= p + len; q += 8) {
        into.push(uintField(st, 'tcp.options.sack_le', q, 4), uintField(st, 'tcp.options.sack_re', q + 4, 4));
      }
      into.push(makeNode('tcp.options.sack.count', Math.floor((len - 2) / 8), p, 0));
      return;
    case TIMESTAMPS:
      if (len === 10) {
        into.push(
          uintField(st, 'tcp.options.timestamp.tsval', p + 2, 4),
          uintField(st, 'tcp.options.timestamp.tsecr', p + 6, 4),
        );
      }
      return;
    case TFO:
      if (len === 2) into.push(makeNode('tcp.options.tfo.request', true, p, 2));
      else into.push(bytesField(st, 'tcp.options.tfo.cookie', p + 2, len - 2));
      return;
    default:
      if (len > 2) into.push(bytesField(st, 'netlab.tcp.option_data', p + 2, len - 2));
  }
}
