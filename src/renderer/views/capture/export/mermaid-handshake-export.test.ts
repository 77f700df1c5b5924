import { describe, expect, it } from 'vitest';
import { ORDINARY_CONNECTION, rows } from '../ladder/segment-rows.fixture';
import { buildMermaidSequence } from './mermaid-text';

const connection = {
  stream: 0,
  client: { addr: '127.0.0.1', port: 45116 },
  server: { addr: '127.0.0.1', port: 8080 },
};

describe('Mermaid sequence diagram of a connection', () => {
  const text = buildMermaidSequence(connection, rows(ORDINARY_CONNECTION));
  const lines = text.trimEnd().split('\n');

  it('names both participants with their address and port', () => {
    expect(lines.slice(0, 3)).toEqual([
      'sequenceDiagram',
      '  participant Client as Client 127.0.0.1:45116',
      '  participant Server as Server 127.0.0.1:8080',
    ]);
  });

  it('draws the three handshake arrows in order, with relative numbers and SYN options', () => {
    const arrows = lines.filter((l) => l.includes('->>'));
    expect(arrows.slice(0, 3)).toEqual([
      '  Client->>Server: SYN seq=0 len=0 MSS=65495 WS=128 SACK_PERM TS',
      '  Server->>Client: SYN, ACK seq=0 ack=1 len=0 MSS=65495 WS=128 SACK_PERM TS',
      '  Client->>Server: ACK seq=1 ack=1 len=0',
    ]);
    expect(arrows).toHaveLength(ORDINARY_CONNECTION.length);
  });

  it('writes a note only where a state changes, marking inferred states', () => {
    const afterSyn = lines.slice(4, 6);
    expect(afterSyn).toEqual(['  Note over Client: SYN-SENT', '  Note over Server: SYN-RECEIVED (inferred)']);
    // The server stays SYN-RECEIVED after its SYN-ACK but becomes observed: noted again.
    expect(lines.slice(7, 9)).toEqual([
      '  Note over Client: ESTABLISHED (inferred)',
      '  Note over Server: SYN-RECEIVED',
    ]);
    // The data segment changes nothing: its arrow is followed directly by the next arrow.
    const data = lines.findIndex((l) => l.includes('PSH, ACK'));
    expect(lines[data + 1]).toContain('->>');
    expect(text).toContain('Note over Client: TIME-WAIT');
    expect(text).toContain('Note over Server: LAST-ACK');
  });

  it('writes analysis flags and dup-ACK numbers, and strips characters Mermaid would misread', () => {
    const lossy = rows([
      { from: 'client', flags: 'S', seq: 0, states: ['SYN-SENT', 'SYN-RECEIVED?'] },
      {
        from: 'client',
        flags: 'S',
        seq: 0,
        states: ['SYN-SENT', 'SYN-RECEIVED?'],
        analysis: ['retransmission'],
      },
      {
        from: 'server',
        flags: 'A',
        seq: 1,
        ack: 1,
        states: ['ESTABLISHED', 'ESTABLISHED'],
        analysis: ['duplicate_ack'],
        duplicateAckNum: 2,
      },
    ]);
    const out = buildMermaidSequence({ ...connection, server: { addr: 'fe80::1;#x', port: 80 } }, lossy);
    expect(out).toContain('Client->>Server: SYN seq=0 len=0 [retransmission]');
    expect(out).toContain('Server->>Client: ACK seq=1 ack=1 len=0 [duplicate_ack] dup 2');
    expect(out).toContain('participant Server as Server [fe80::1  x]:80');
    expect(out).not.toMatch(/;|#/);
  });

  it('stops after maxSegments and says how many were left out', () => {
    const out = buildMermaidSequence(connection, rows(ORDINARY_CONNECTION), { maxSegments: 3 });
    expect(out.split('\n').filter((l) => l.includes('->>'))).toHaveLength(3);
    expect(out).toContain('Note over Client,Server: 6 more segments not shown');
  });
});
