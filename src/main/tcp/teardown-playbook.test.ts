import { describe, expect, it } from 'vitest';
import { c, s } from './testing/playbook';
import { runPlaybook, tsharkVerdict } from './testing/run-playbook';

const open = [c('S', 100), s('SA', 300, 101), c('A', 101, 301)];

describe('closing a connection', () => {
  it('four-way close with half-close: the server still sends data after the client FIN', () => {
    const segs = [
      ...open,
      c('FA', 101, 301),
      s('A', 301, 102),
      s('PA', 301, 102, { len: 50 }),
      c('A', 102, 351),
      s('FA', 351, 102),
      c('A', 102, 352),
    ];
    const { lines, connections } = runPlaybook(segs, 'server');
    expect(lines.slice(3)).toEqual([
      'FIN-WAIT-1 CLOSE-WAIT',
      'FIN-WAIT-2? CLOSE-WAIT',
      'FIN-WAIT-2? CLOSE-WAIT [half-close]',
      // The client's ACK of the data proves it received the segment that acknowledged its FIN.
      'FIN-WAIT-2 CLOSE-WAIT',
      'TIME-WAIT? LAST-ACK [time-wait]',
      'TIME-WAIT CLOSED',
    ]);
    expect(connections[0]).toMatchObject({ connState: 'SF', history: 'ShAFadf' });
    expect(connections[0].phases.map((p) => p.phase)).toEqual(['handshake', 'teardown']);
  });

  it('three-segment close: the server piggybacks its FIN on the ACK of the client FIN', () => {
    const segs = [...open, c('FA', 101, 301), s('FA', 301, 102), c('A', 102, 302)];
    expect(runPlaybook(segs, 'client').lines.slice(3)).toEqual([
      'FIN-WAIT-1 CLOSE-WAIT?',
      'TIME-WAIT LAST-ACK [three-segment-close time-wait]',
      'TIME-WAIT CLOSED?',
    ]);
  });

  it('server closes first: the server goes through FIN-WAIT and TIME-WAIT', () => {
    const segs = [...open, s('FA', 301, 101), c('A', 101, 302), c('FA', 101, 302), s('A', 302, 102)];
    expect(runPlaybook(segs, 'client').lines.slice(3)).toEqual([
      'CLOSE-WAIT FIN-WAIT-1',
      'CLOSE-WAIT FIN-WAIT-2?',
      'LAST-ACK TIME-WAIT? [time-wait]',
      'CLOSED TIME-WAIT',
    ]);
  });

  it('simultaneous close: FINs cross, both ends go CLOSING then TIME-WAIT', () => {
    const segs = [...open, c('FA', 101, 301), s('FA', 301, 101), c('A', 102, 302), s('A', 302, 102)];
    expect(runPlaybook(segs, 'client').lines.slice(3)).toEqual([
      'FIN-WAIT-1 CLOSE-WAIT?',
      'CLOSING CLOSING? [simultaneous-close]',
      'CLOSING TIME-WAIT? [time-wait]',
      'TIME-WAIT TIME-WAIT?',
    ]);
  });

  it('abort by RST: both ends are CLOSED at once, no TIME-WAIT; Zeek calls it RSTO', () => {
    const { lines, connections } = runPlaybook([...open, c('RA', 101, 301)], 'client');
    expect(lines[3]).toBe('CLOSED CLOSED? [reset-abort]');
    expect(connections[0]).toMatchObject({ connState: 'RSTO', history: 'ShAR' });
  });

  it('a retransmitted FIN shows its sender never got the ACK', () => {
    const segs = [...open, c('FA', 101, 301), s('A', 301, 102), c('FA', 101, 301, { gapMs: 300 })];
    expect(runPlaybook(segs, 'server').lines.slice(3)).toEqual([
      'FIN-WAIT-1 CLOSE-WAIT',
      'FIN-WAIT-2? CLOSE-WAIT',
      'FIN-WAIT-1 CLOSE-WAIT [retransmission]',
    ]);
  });

  it('tshark agrees on these closes', () => {
    for (const segs of [
      [
        ...open,
        c('FA', 101, 301),
        s('A', 301, 102),
        s('PA', 301, 102, { len: 50 }),
        c('A', 102, 351),
        s('FA', 351, 102),
        c('A', 102, 352),
      ],
      [...open, c('FA', 101, 301), s('FA', 301, 101), c('A', 102, 302), s('A', 302, 102)],
      [...open, c('RA', 101, 301)],
    ]) {
      expect(tsharkVerdict(segs).disagreements).toEqual([]);
    }
  });
});

describe('streams and mid-stream pickup', () => {
  it('port reuse with a new ISN after the close starts a new tcp.stream flagged reused_ports', () => {
    const segs = [
      ...open,
      c('FA', 101, 301),
      s('FA', 301, 102),
      c('A', 102, 302),
      c('S', 5000, 0, { gapMs: 100 }),
      s('SA', 7000, 5001),
      c('A', 5001, 7001),
    ];
    const { analyses, connections } = runPlaybook(segs, 'client');
    expect(analyses.map((a) => a.stream)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(analyses[6].analysis).toEqual(['reused_ports']);
    expect(analyses[6].seq).toBe(0);
    expect(connections.map((x) => x.connState)).toEqual(['SF', 'S1']);
    expect(tsharkVerdict(segs).disagreements).toEqual([]);
  });

  it('mid-stream pickup: roles guessed from the well-known port, states inferred', () => {
    const segs = [s('PA', 5000, 9000, { len: 100 }), c('A', 9000, 5100)];
    const { analyses, lines, connections } = runPlaybook(segs, 'client');
    expect(lines).toEqual(['ESTABLISHED? ESTABLISHED? [mid-stream-pickup]', 'ESTABLISHED? ESTABLISHED?']);
    expect(analyses.map((a) => [a.seq, a.ack])).toEqual([
      [1, 1],
      [1, 101],
    ]);
    expect(connections[0]).toMatchObject({ rolesGuessed: true, server: { port: 80 }, connState: 'OTH' });
    expect(tsharkVerdict(segs).disagreements).toEqual([]);
  });

  it('zero window, probe and recovery agree with tshark', () => {
    const segs = [
      ...open,
      c('PA', 101, 301, { len: 1000 }),
      s('A', 301, 1101, { window: 0 }),
      c('A', 1101, 301, { len: 1, gapMs: 200 }),
      s('A', 301, 1101, { window: 0 }),
      s('A', 301, 1101, { window: 4000, gapMs: 300 }),
      c('PA', 1101, 301, { len: 500 }),
    ];
    const { analyses } = runPlaybook(segs, 'client');
    expect(analyses[4].analysis).toContain('zero_window');
    expect(analyses[5].analysis).toContain('zero_window_probe');
    expect(analyses[7].analysis).toContain('window_update');
    expect(tsharkVerdict(segs).disagreements).toEqual([]);
  });
});
