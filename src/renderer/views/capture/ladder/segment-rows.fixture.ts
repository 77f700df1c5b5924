/** Builds TcpSegmentRow values for unit tests: a playbook of who sent what, states after each. */
import type { TcpSegmentRow } from '../../../../shared/api/tcp';
import type { TcpEndpointState, TcpRole, TcpSituation } from '../../../../shared/model/tcp';

const FLAG_BITS: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10 };

export interface RowSpec {
  from: TcpRole;
  /** Letters: S SYN, A ACK, F FIN, R RST, P PSH. */
  flags: string;
  seq: number;
  ack?: number;
  len?: number;
  /** "STATE" observed or "STATE?" inferred, client then server. */
  states: [string, string];
  time?: number;
  analysis?: TcpSegmentRow['analysis'];
  situations?: TcpSituation[];
  duplicateAckNum?: number;
  options?: TcpSegmentRow['options'];
}

function stateView(text: string) {
  const inferred = text.endsWith('?');
  return {
    state: text.replace('?', '') as TcpEndpointState,
    certainty: inferred ? 'inferred' : 'observed',
  } as const;
}

export function rows(specs: RowSpec[]): TcpSegmentRow[] {
  return specs.map((spec, i) => {
    const flags = [...spec.flags].reduce((bits, letter) => bits | FLAG_BITS[letter], 0);
    const len = spec.len ?? 0;
    const extra = flags & (FLAG_BITS.S | FLAG_BITS.F) ? 1 : 0;
    const time = spec.time ?? 1000 + i * 0.001;
    return {
      frame: i + 1,
      stream: 0,
      from: spec.from,
      seq: spec.seq,
      ack: spec.ack ?? 0,
      nextSeq: spec.seq + len + extra,
      rawSeq: 1000 + spec.seq,
      rawAck: 5000 + (spec.ack ?? 0),
      flags,
      payloadLength: len,
      analysis: spec.analysis ?? [],
      duplicateAckNum: spec.duplicateAckNum,
      states: { client: stateView(spec.states[0]), server: stateView(spec.states[1]) },
      phase: 'data',
      situations: spec.situations ?? [],
      relativeTime: time - 1000,
      time,
      window: 65535,
      options: spec.options,
    };
  });
}

/** Open, 5 bytes each way, client closes first, server 200 ms later: the four-segment close. */
export const ORDINARY_CONNECTION: RowSpec[] = [
  {
    from: 'client',
    flags: 'S',
    seq: 0,
    states: ['SYN-SENT', 'SYN-RECEIVED?'],
    options: { mss: 65495, windowScale: 7, sackPermitted: true, tsVal: 1 },
  },
  {
    from: 'server',
    flags: 'SA',
    seq: 0,
    ack: 1,
    states: ['ESTABLISHED?', 'SYN-RECEIVED'],
    options: { mss: 65495, windowScale: 7, sackPermitted: true, tsVal: 2, tsEcr: 1 },
  },
  { from: 'client', flags: 'A', seq: 1, ack: 1, states: ['ESTABLISHED', 'ESTABLISHED?'] },
  { from: 'client', flags: 'PA', seq: 1, ack: 1, len: 5, states: ['ESTABLISHED', 'ESTABLISHED?'] },
  { from: 'server', flags: 'A', seq: 1, ack: 6, states: ['ESTABLISHED', 'ESTABLISHED'] },
  { from: 'client', flags: 'FA', seq: 6, ack: 1, states: ['FIN-WAIT-1', 'CLOSE-WAIT?'] },
  { from: 'server', flags: 'A', seq: 1, ack: 7, states: ['FIN-WAIT-2?', 'CLOSE-WAIT'] },
  { from: 'server', flags: 'FA', seq: 1, ack: 7, time: 1000.3, states: ['TIME-WAIT?', 'LAST-ACK'] },
  {
    from: 'client',
    flags: 'A',
    seq: 7,
    ack: 2,
    time: 1000.3001,
    states: ['TIME-WAIT', 'CLOSED?'],
    situations: ['time-wait'],
  },
];
