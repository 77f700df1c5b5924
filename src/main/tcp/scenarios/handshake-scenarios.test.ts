/**
 * Real Linux TCP stacks in network namespaces (client ── router ── server), losses made on the
 * router, captures at both ends. Each scenario is checked segment by segment from BOTH vantage
 * points, and tshark must agree with every flag on both captures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetnsLab } from './netns-lab';
import { inOrder, lines, runScenario } from './scenario-harness';

let lab: NetnsLab;
const sysctls: Record<string, number | undefined> = {};

beforeAll(() => {
  lab = new NetnsLab();
  for (const key of ['tcp_syn_retries', 'tcp_synack_retries', 'tcp_syn_linear_timeouts']) {
    sysctls[key] = lab.readSysctl('client', `net.ipv4.${key}`);
  }
  // Fewer SYN-ACK retries in the server's namespace keep a stuck handshake short (it is per-netns).
  lab.sysctl('server', 'net.ipv4.tcp_synack_retries', '2');
});
afterAll(() => lab?.destroy());

const dropOnce = (match: string[]): string[] => [...match, '-m', 'quota', '--quota', '100', '-j', 'DROP'];
/** The client's pure ACKs (52 bytes with timestamps); the quota lets exactly one through the DROP. */
const clientPureAck = (): string[] => [
  '-p', 'tcp', '-s', lab.clientIp, '--tcp-flags', 'SYN,ACK,FIN,RST,PSH', 'ACK',
  '-m', 'length', '--length', '40:60', '-m', 'quota', '--quota', '60', '-j', 'DROP',
]; // prettier-ignore

const gapsSeconds = (
  r: { segments: { from: string; flags: number; relativeTime: number }[] },
  from: string,
  flags: number,
) => {
  const times = r.segments.filter((a) => a.from === from && a.flags === flags).map((a) => a.relativeTime);
  return times.slice(1).map((t, i) => t - times[i]);
};

describe('handshake scenarios on real stacks', () => {
  it('normal open and close: states at both ends, phases, iRTT, and no wrong guess of the capture point', async () => {
    const r = await runScenario(lab, {
      port: 7001,
      serverMode: 'request-reply',
      clientMode: 'request-reply',
    });
    expect(r.clientSays).toBe('ok');
    const atClient = lines(r.atClient);
    expect(atClient.slice(0, 3)).toEqual([
      'C S SYN-SENT SYN-RECEIVED?',
      'S SA ESTABLISHED SYN-RECEIVED',
      'C A ESTABLISHED ESTABLISHED?',
    ]);
    expect(
      inOrder(atClient, [
        /^C F.* FIN-WAIT-1 CLOSE-WAIT\?$/,
        /TIME-WAIT .*time-wait/,
        'C A TIME-WAIT CLOSED?',
      ]),
    ).toEqual([]);
    const atServer = lines(r.atServer);
    expect(atServer.slice(0, 3)).toEqual([
      'C S SYN-SENT SYN-RECEIVED',
      'S SA ESTABLISHED? SYN-RECEIVED',
      'C A ESTABLISHED ESTABLISHED',
    ]);
    expect(atServer[atServer.length - 1]).toBe('C A TIME-WAIT CLOSED');
    const conn = r.atClient.connections[0];
    expect(conn).toMatchObject({ connState: 'SF', vantage: 'client', rolesGuessed: false });
    expect(conn.phases.map((p) => p.phase)).toEqual(['handshake', 'data', 'teardown']);
    expect(conn.initialRttSeconds).toBeGreaterThan(0);
    // Between namespaces both handshake delays are a few µs of host noise: the guess may abstain,
    // but must never name the wrong end.
    expect(['client', 'unknown']).toContain(r.guessedVantage.client);
    expect(['server', 'unknown']).toContain(r.guessedVantage.server);
    expect(r.tshark.disagreements).toEqual([]);
  });

  it('lost SYN: only the client sees two SYNs, about one initial RTO (1 s) apart', async () => {
    const r = await runScenario(lab, {
      port: 7002,
      serverMode: 'request-reply',
      clientMode: 'request-reply',
      setup: () => lab.forwardRule(dropOnce(['-p', 'tcp', '--syn'])),
    });
    expect(lines(r.atClient).slice(0, 3)).toEqual([
      'C S SYN-SENT SYN-RECEIVED?',
      'C S SYN-SENT SYN-RECEIVED? [retransmission syn-retransmitted]',
      'S SA ESTABLISHED SYN-RECEIVED',
    ]);
    const [gap] = gapsSeconds(r.atClient, 'client', 0x002);
    expect(gap).toBeGreaterThan(0.8);
    expect(gap).toBeLessThan(1.5);
    // The server never saw the lost SYN: its capture shows an ordinary handshake.
    expect(lines(r.atServer)[0]).toBe('C S SYN-SENT SYN-RECEIVED');
    expect(r.atServer.segments.every((a) => a.analysis.length === 0 || a.payloadLength === 0)).toBe(true);
    expect(r.tshark.disagreements).toEqual([]);
  });

  it('lost SYN-ACK: the server retransmits its SYN-ACK and the client its SYN', async () => {
    const r = await runScenario(lab, {
      port: 7003,
      serverMode: 'request-reply',
      clientMode: 'request-reply',
      setup: () => lab.forwardRule(dropOnce(['-p', 'tcp', '--tcp-flags', 'SYN,ACK', 'SYN,ACK'])),
    });
    expect(inOrder(lines(r.atServer), [
      'C S SYN-SENT SYN-RECEIVED',
      'S SA ESTABLISHED? SYN-RECEIVED',
      /^S SA ESTABLISHED\? SYN-RECEIVED \[retransmission synack-retransmitted\]$/,
      /^C A ESTABLISHED ESTABLISHED/,
    ])).toEqual([]); // prettier-ignore
    expect(lines(r.atServer).some((l) => /^C S SYN-SENT SYN-RECEIVED \[.*syn-retransmitted\]/.test(l))).toBe(
      true,
    );
    expect(lines(r.atClient)[1]).toBe('C S SYN-SENT SYN-RECEIVED? [retransmission syn-retransmitted]');
    expect(r.tshark.disagreements).toEqual([]);
  });

  it('lost final ACK, idle client: the SERVER retransmits its SYN-ACK; the client answers with a duplicate ACK', async () => {
    const r = await runScenario(lab, {
      port: 7004,
      serverMode: 'request-reply',
      clientMode: 'idle-then-request',
      setup: () => lab.forwardRule(clientPureAck()),
    });
    expect(lines(r.atClient).slice(0, 5)).toEqual([
      'C S SYN-SENT SYN-RECEIVED?',
      'S SA ESTABLISHED SYN-RECEIVED',
      'C A ESTABLISHED ESTABLISHED?',
      'S SA ESTABLISHED SYN-RECEIVED [retransmission synack-retransmitted final-ack-lost]',
      'C A ESTABLISHED ESTABLISHED? [duplicate_ack]',
    ]);
    expect(lines(r.atServer).slice(0, 4)).toEqual([
      'C S SYN-SENT SYN-RECEIVED',
      'S SA ESTABLISHED? SYN-RECEIVED',
      'S SA ESTABLISHED? SYN-RECEIVED [retransmission synack-retransmitted]',
      'C A ESTABLISHED ESTABLISHED',
    ]);
    const [gap] = gapsSeconds(r.atServer, 'server', 0x012);
    expect(gap).toBeGreaterThan(0.8);
    expect(gap).toBeLessThan(1.5);
    expect(r.tshark.disagreements).toEqual([]);
  });

  it("lost final ACK, client sends at once: the data segment's ACK completes the server's handshake", async () => {
    const r = await runScenario(lab, {
      port: 7005,
      serverMode: 'request-reply',
      clientMode: 'request-reply',
      setup: () => lab.forwardRule(clientPureAck()),
    });
    expect(lines(r.atServer).slice(0, 3)).toEqual([
      'C S SYN-SENT SYN-RECEIVED',
      'S SA ESTABLISHED? SYN-RECEIVED',
      'C PA data ESTABLISHED ESTABLISHED [data-completes-handshake]',
    ]);
    // At the client nothing looks wrong: the capture cannot show that the ACK was lost.
    expect(lines(r.atClient).slice(0, 4)).toEqual([
      'C S SYN-SENT SYN-RECEIVED?',
      'S SA ESTABLISHED SYN-RECEIVED',
      'C A ESTABLISHED ESTABLISHED?',
      'C PA data ESTABLISHED ESTABLISHED?',
    ]);
    expect([...lines(r.atClient), ...lines(r.atServer)].some((l) => l.includes('synack-retransmitted'))).toBe(
      false,
    );
    expect(r.tshark.disagreements).toEqual([]);
  });

  it('connection refused: nothing listens, the server answers the SYN with RST', async () => {
    const r = await runScenario(lab, { port: 7006, clientMode: 'request-reply' });
    expect(r.clientSays).toBe('refused');
    expect(lines(r.atClient)).toEqual([
      'C S SYN-SENT SYN-RECEIVED?',
      'S RA CLOSED CLOSED [connection-refused]',
    ]);
    expect(lines(r.atServer)).toEqual([
      'C S SYN-SENT SYN-RECEIVED',
      'S RA CLOSED? CLOSED [connection-refused]',
    ]);
    expect(r.atServer.connections[0]).toMatchObject({ connState: 'REJ', history: 'Sr' });
    expect(r.tshark.disagreements).toEqual([]);
  });

  it("client gives up: the kernel's SYN schedule follows tcp_syn_retries and tcp_syn_linear_timeouts", async () => {
    // Both are per network namespace. Measured on Linux 6.x: the client sends 1 + retries + linear
    // SYNs; the first linear + 1 retries wait 1 s (the initial RTO), later ones double.
    const retries = 1;
    const linear = sysctls.tcp_syn_linear_timeouts === undefined ? 0 : 1;
    const r = await runScenario(lab, {
      port: 7007,
      clientMode: 'request-reply',
      setup: () => {
        lab.sysctl('client', 'net.ipv4.tcp_syn_retries', String(retries));
        if (sysctls.tcp_syn_linear_timeouts !== undefined) {
          lab.sysctl('client', 'net.ipv4.tcp_syn_linear_timeouts', String(linear));
        }
        lab.forwardRule(['-p', 'tcp', '--syn', '-j', 'DROP']);
      },
      lingerMs: 300,
    });
    expect(r.clientSays).toBe('timeout');
    expect(r.atServer.segments).toEqual([]); // every SYN died at the router
    const total = retries + linear;
    expect(lines(r.atClient)).toEqual([
      'C S SYN-SENT SYN-RECEIVED?',
      ...Array(total).fill('C S SYN-SENT SYN-RECEIVED? [retransmission syn-retransmitted]'),
    ]);
    const expected = Array.from({ length: total }, (_, k) => 2 ** Math.max(0, k - linear));
    gapsSeconds(r.atClient, 'client', 0x002).forEach((gap, k) => expect(gap).toBeCloseTo(expected[k], 0));
    const conn = r.atClient.connections[0];
    expect(conn.situations.map((s) => s.situation)).toContain('client-gave-up');
    expect(conn).toMatchObject({
      connState: 'S0',
      history: 'S',
      finalStates: { client: { state: 'CLOSED' } },
    });
    expect(r.tshark.disagreements).toEqual([]);
  });
});
