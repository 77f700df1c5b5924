/**
 * Closing, aborting and moving data on real Linux stacks in network namespaces, checked from both
 * ends and against tshark (see handshake-scenarios.test.ts for the set-up).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatReport, reportPasses } from '../tshark-compare';
import { NetnsLab } from './netns-lab';
import { inOrder, lines, runScenario } from './scenario-harness';

let lab: NetnsLab;
beforeAll(() => {
  lab = new NetnsLab();
});
afterAll(() => lab?.destroy());

const withFlag = (ls: string[], flag: string): string[] => ls.filter((l) => l.includes(flag));

describe('teardown scenarios on real stacks', () => {
  it('half-close: the server keeps sending after the client FIN, in CLOSE-WAIT', async () => {
    const r = await runScenario(lab, { port: 7101, serverMode: 'half-close', clientMode: 'half-close' });
    expect(r.clientSays).toBe('ok');
    const atClient = lines(r.atClient);
    expect(inOrder(atClient, [
      /^C F.* FIN-WAIT-1 CLOSE-WAIT\?$/,
      /^S P?A data FIN-WAIT-2 CLOSE-WAIT \[half-close\]$/,
      /^S P?A data FIN-WAIT-2 CLOSE-WAIT$/,
      /^S F.* TIME-WAIT LAST-ACK .*time-wait/,
      'C A TIME-WAIT CLOSED?',
    ])).toEqual([]); // prettier-ignore
    const atServer = lines(r.atServer);
    expect(inOrder(atServer, [
      /^C F.* FIN-WAIT-1 CLOSE-WAIT$/,
      /^S P?A data FIN-WAIT-2\?? CLOSE-WAIT \[half-close\]$/,
      /^S F.* TIME-WAIT\? LAST-ACK .*time-wait/,
      'C A TIME-WAIT CLOSED',
    ])).toEqual([]); // prettier-ignore
    expect(r.atServer.connections[0]).toMatchObject({ connState: 'SF' });
    expect(r.tshark.disagreements).toEqual([]);
  });

  it('server closes first: the server goes FIN-WAIT then TIME-WAIT, the client CLOSE-WAIT then LAST-ACK', async () => {
    const r = await runScenario(lab, { port: 7102, serverMode: 'close-first', clientMode: 'close-first' });
    const atClient = lines(r.atClient);
    expect(inOrder(atClient, [
      /^S F.* CLOSE-WAIT FIN-WAIT-1$/,
      /^C F.* LAST-ACK TIME-WAIT\? .*time-wait/,
      'S A CLOSED TIME-WAIT',
    ])).toEqual([]); // prettier-ignore
    expect(atClient[atClient.length - 1]).toBe('S A CLOSED TIME-WAIT');
    const atServer = lines(r.atServer);
    expect(
      inOrder(atServer, [/^S F.* CLOSE-WAIT\? FIN-WAIT-1$/, /^C F.* LAST-ACK TIME-WAIT .*time-wait/]),
    ).toEqual([]);
    expect(atServer[atServer.length - 1]).toBe('S A CLOSED? TIME-WAIT');
    expect(r.tshark.disagreements).toEqual([]);
  });

  it('abort by RST (SO_LINGER 0): both ends CLOSED at once, no FIN and no TIME-WAIT', async () => {
    const r = await runScenario(lab, { port: 7103, serverMode: 'rst', clientMode: 'rst' });
    const atClient = lines(r.atClient);
    const atServer = lines(r.atServer);
    expect(atClient[atClient.length - 1]).toBe('C RA CLOSED CLOSED? [reset-abort]');
    expect(atServer[atServer.length - 1]).toBe('C RA CLOSED CLOSED [reset-abort]');
    expect([...atClient, ...atServer].some((l) => /FIN|TIME-WAIT|^. F/.test(l))).toBe(false);
    expect(r.atClient.connections[0]).toMatchObject({ connState: 'RSTO', history: 'ShADadR' });
    expect(r.tshark.disagreements).toEqual([]);
  });
});

describe('data transfer scenarios on real stacks', () => {
  it('one data segment lost on the router: gap at the server, duplicate ACKs, the client resends', async () => {
    const r = await runScenario(lab, {
      port: 7104,
      serverMode: 'bulk',
      clientMode: 'bulk',
      // Drops the first packet carrying the marker; its retransmission exceeds the remaining quota.
      setup: () => lab.forwardRule(['-p', 'tcp', '-m', 'string', '--algo', 'bm', '--string', 'NLMARK-LOST-SEGMENT',
        '-m', 'quota', '--quota', '2000', '-j', 'DROP']), // prettier-ignore
    });
    expect(r.serverSays).toBe('300000');
    const atServer = lines(r.atServer);
    const atClient = lines(r.atClient);
    // The server's capture shows the hole, then the receiver asking again and again for the same byte.
    expect(withFlag(atServer, 'lost_segment').length).toBeGreaterThanOrEqual(1);
    expect(withFlag(atServer, 'duplicate_ack').length).toBeGreaterThanOrEqual(1);
    expect(
      inOrder(atServer, [
        /lost_segment/,
        /^S A .*duplicate_ack/,
        /^C P?A data .*(out_of_order|retransmission)/,
      ]),
    ).toEqual([]);
    // The client's capture has the original and the resend of the same bytes. A resend within one
    // handshake RTT of the highest segment is "out of order" by Wireshark's timing heuristic.
    expect(
      inOrder(atClient, [/^S A .*duplicate_ack/, /^C P?A data .*(retransmission|out_of_order)/]),
    ).toEqual([]);
    expect(r.atClient.connections[0].history).toMatch(/T/);
    expect(reportPasses(r.tshark), formatReport(r.tshark)).toBe(true);
  });

  it('slow reader: the window closes, the sender probes, the window opens again', async () => {
    const r = await runScenario(lab, { port: 7105, serverMode: 'slow-reader', clientMode: 'slow-reader' });
    expect(r.serverSays).toBe('300000');
    for (const view of [lines(r.atClient), lines(r.atServer)]) {
      // Linux probes a zero window with an empty segment one byte below snd.nxt: Wireshark calls it a keep-alive.
      expect(
        inOrder(view, [/^S A .*\[zero_window zero-window\]/, /^C A .*keep_alive/, /^S A .*window_update/]),
      ).toEqual([]);
    }
    expect(r.atServer.connections[0].situations.map((s) => s.situation)).toContain('zero-window');
    expect(r.atServer.connections[0].history).toMatch(/w/);
    expect(reportPasses(r.tshark), formatReport(r.tshark)).toBe(true);
  });
});
