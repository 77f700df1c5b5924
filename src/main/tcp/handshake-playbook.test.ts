import { describe, expect, it } from 'vitest';
import { ConnectionTracker } from './connection-tracker';
import { c, playbookFacts, s } from './testing/playbook';
import { runPlaybook, tsharkVerdict } from './testing/run-playbook';

const open = [c('S', 100), s('SA', 300, 101), c('A', 101, 301)];

describe('three-way handshake', () => {
  it('normal open, seen at the client: the server state after the final ACK is only inferred', () => {
    const { lines, connections } = runPlaybook(open, 'client');
    expect(lines).toEqual(['SYN-SENT SYN-RECEIVED?', 'ESTABLISHED SYN-RECEIVED', 'ESTABLISHED ESTABLISHED?']);
    expect(connections[0].handshake).toEqual({ synFrame: 1, synAckFrame: 2, ackFrame: 3 });
    expect(connections[0].initialRttSeconds).toBeCloseTo(0.002, 9);
    expect(connections[0].phases).toEqual([{ phase: 'handshake', firstFrame: 1, lastFrame: 3 }]);
  });

  it('normal open, seen at the server: the client state after the SYN-ACK is only inferred', () => {
    expect(runPlaybook(open, 'server').lines).toEqual([
      'SYN-SENT SYN-RECEIVED',
      'ESTABLISHED? SYN-RECEIVED',
      'ESTABLISHED ESTABLISHED',
    ]);
  });

  it('guesses the vantage from handshake timing: at the client the ACK leaves at once', () => {
    const atClient = [c('S', 100), s('SA', 300, 101, { gapMs: 40 }), c('A', 101, 301, { gapMs: 0.05 })];
    const atServer = [c('S', 100), s('SA', 300, 101, { gapMs: 0.05 }), c('A', 101, 301, { gapMs: 40 })];
    expect(runPlaybook(atClient, 'auto').connections[0]).toMatchObject({
      vantage: 'client',
      vantageGuessed: true,
    });
    expect(runPlaybook(atServer, 'auto').connections[0]).toMatchObject({
      vantage: 'server',
      vantageGuessed: true,
    });
  });

  it('lost SYN-ACK: the client retransmits its SYN with the same ISN', () => {
    const segs = [c('S', 100), c('S', 100, 0, { gapMs: 1000 }), s('SA', 300, 101), c('A', 101, 301)];
    expect(runPlaybook(segs, 'client').lines).toEqual([
      'SYN-SENT SYN-RECEIVED?',
      'SYN-SENT SYN-RECEIVED? [retransmission syn-retransmitted]',
      'ESTABLISHED SYN-RECEIVED',
      'ESTABLISHED ESTABLISHED?',
    ]);
  });

  it('lost final ACK: the SERVER retransmits its SYN-ACK, which shows it is still SYN-RECEIVED', () => {
    const segs = [...open, s('SA', 300, 101, { gapMs: 1000 }), c('A', 101, 301)];
    expect(runPlaybook(segs, 'client').lines).toEqual([
      'SYN-SENT SYN-RECEIVED?',
      'ESTABLISHED SYN-RECEIVED',
      'ESTABLISHED ESTABLISHED?',
      'ESTABLISHED SYN-RECEIVED [retransmission synack-retransmitted final-ack-lost]',
      'ESTABLISHED ESTABLISHED? [duplicate_ack]',
    ]);
  });

  it("client's data segment completes the handshake the server never saw the ACK of", () => {
    const segs = [c('S', 100), s('SA', 300, 101), c('PA', 101, 301, { len: 20 }), s('A', 301, 121)];
    expect(runPlaybook(segs, 'server').lines).toEqual([
      'SYN-SENT SYN-RECEIVED',
      'ESTABLISHED? SYN-RECEIVED',
      'ESTABLISHED ESTABLISHED [data-completes-handshake]',
      'ESTABLISHED ESTABLISHED',
    ]);
  });

  it('connection refused: RST to a SYN; Zeek calls it REJ', () => {
    const { lines, connections } = runPlaybook([c('S', 100), s('RA', 0, 101)], 'client');
    expect(lines).toEqual(['SYN-SENT SYN-RECEIVED?', 'CLOSED CLOSED [connection-refused]']);
    expect(connections[0]).toMatchObject({ connState: 'REJ', history: 'Sr' });
  });

  it('client gave up: only SYNs, then silence well past its last retry gap', () => {
    const syns = playbookFacts([
      c('S', 100),
      c('S', 100, 0, { gapMs: 1000 }),
      c('S', 100, 0, { gapMs: 2000 }),
    ]);
    const tracker = new ConnectionTracker({ vantage: 'client' });
    syns.forEach((f) => tracker.track(f));
    expect(tracker.connections()[0].situations).toEqual([
      { situation: 'syn-retransmitted', frame: 2 },
      { situation: 'syn-retransmitted', frame: 3 },
    ]);
    // Another connection 6 s after the last SYN: more than twice the last gap (2 s) has passed.
    const other = playbookFacts([c('S', 5, 0, { gapMs: 9000 })], {
      client: ['10.0.0.9', 5000],
      server: ['10.0.0.2', 80],
    });
    tracker.track({ ...other[0], number: 4 });
    const first = tracker.connections()[0];
    expect(first.situations.map((x) => x.situation)).toContain('client-gave-up');
    expect(first).toMatchObject({
      connState: 'S0',
      history: 'S',
      finalStates: { client: { state: 'CLOSED' } },
    });
  });

  it('simultaneous open: both send a SYN, both pass through SYN-RECEIVED', () => {
    const segs = [c('S', 100), s('S', 300), c('SA', 100, 301), s('SA', 300, 101)];
    const { lines } = runPlaybook(segs, 'client');
    expect(lines[1]).toBe('SYN-RECEIVED SYN-RECEIVED? [simultaneous-open]');
    expect(lines[3]).toMatch(/^ESTABLISHED ESTABLISHED/);
  });

  it('tshark agrees on stream, seq, ack and every flag for these handshakes', () => {
    for (const segs of [
      open,
      [c('S', 100), c('S', 100, 0, { gapMs: 1000 }), s('SA', 300, 101), c('A', 101, 301)],
      [...open, s('SA', 300, 101, { gapMs: 1000 }), c('A', 101, 301)],
      [c('S', 100), s('RA', 0, 101)],
    ]) {
      expect(tsharkVerdict(segs).disagreements).toEqual([]);
    }
  });
});
