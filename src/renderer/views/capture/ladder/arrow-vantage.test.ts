import { describe, expect, it } from 'vitest';
import { arrowFor, segmentKind, segmentMarks, stateAnchors } from './ladder-geometry';
import { formatFlags, formatSynOptions, segmentLabel } from './segment-label';

const x = { client: 100, server: 400 };

describe('arrow geometry follows the capture point', () => {
  it('captured at the client: its own segments leave at the timestamp, the server’s arrive at it', () => {
    expect(arrowFor('client', 200, 10, 'client', x)).toEqual({ x1: 100, y1: 200, x2: 400, y2: 210 });
    expect(arrowFor('server', 200, 10, 'client', x)).toEqual({ x1: 400, y1: 190, x2: 100, y2: 200 });
  });

  it('captured at the server: mirror image', () => {
    expect(arrowFor('client', 200, 10, 'server', x)).toEqual({ x1: 100, y1: 190, x2: 400, y2: 200 });
    expect(arrowFor('server', 200, 10, 'server', x)).toEqual({ x1: 400, y1: 200, x2: 100, y2: 210 });
  });

  it('unknown capture point: the arrow leaves the sender at the timestamp', () => {
    expect(arrowFor('server', 200, 10, 'unknown', x)).toEqual({ x1: 400, y1: 200, x2: 100, y2: 210 });
  });

  it('writes the sender’s state where the arrow leaves and the receiver’s where it arrives', () => {
    const arrow = arrowFor('server', 200, 10, 'client', x);
    expect(stateAnchors('server', arrow)).toEqual({ server: 190, client: 200 });
  });
});

describe('labels and marks', () => {
  it('writes flags as Wireshark does and the ack only when the ACK flag is set', () => {
    expect(formatFlags(0x12)).toBe('SYN, ACK');
    expect(formatFlags(0x11)).toBe('FIN, ACK');
    expect(formatFlags(0)).toBe('none');
    expect(segmentLabel({ flags: 0x02, seq: 0, ack: 12345, payloadLength: 0 })).toBe('SYN seq=0 len=0');
    expect(segmentLabel({ flags: 0x18, seq: 1, ack: 1, payloadLength: 5 })).toBe(
      'PSH, ACK seq=1 ack=1 len=5',
    );
  });

  it('writes the window scale as its multiplier, like Wireshark', () => {
    expect(formatSynOptions({ mss: 1460, windowScale: 7, sackPermitted: true, tsVal: 5, tsEcr: 0 })).toBe(
      'MSS=1460 WS=128 SACK_PERM TS',
    );
    expect(formatSynOptions(undefined)).toBe('');
  });

  it('never marks a problem by colour alone: every mark has an icon and a tone', () => {
    const marks = segmentMarks([
      'retransmission',
      'lost_segment',
      'duplicate_ack',
      'zero_window',
      'window_update',
    ]);
    expect(marks.map((m) => [m.flag, m.icon, m.tone])).toEqual([
      ['retransmission', '↻', 'problem'],
      ['lost_segment', '⚠', 'problem'],
      ['duplicate_ack', '⇄', 'warning'],
      ['zero_window', '⊘', 'problem'],
      ['window_update', '▯', 'info'],
    ]);
    expect(segmentKind(0x14, 0)).toBe('rst');
    expect(segmentKind(0x18, 10)).toBe('data');
  });
});
