import { describe, expect, it } from 'vitest';
import { ORDINARY_CONNECTION, rows, type RowSpec } from './segment-rows.fixture';
import { StepExplainer, type StepNote } from './step-explanations';

function describeNotes(specs: RowSpec[]): string[] {
  const explainer = new StepExplainer();
  return rows(specs).map((row) =>
    explainer
      .next(row)
      .map((n: StepNote) =>
        n.kind === 'step'
          ? `${n.step}(${n.params.role})`
          : n.kind === 'situation'
            ? n.situation
            : `flag:${n.flag}`,
      )
      .join(' '),
  );
}

describe('step explanations beside the ladder', () => {
  it('explains an ordinary open, the first data each way, and a four-segment close', () => {
    expect(describeNotes(ORDINARY_CONNECTION)).toEqual([
      'syn(client)',
      'synAck(server)',
      'handshakeAck(client)',
      'firstData(client)',
      '',
      'firstFin(client)',
      'finAcked(server)',
      'secondFin(server)',
      'lastAck(client) time-wait',
    ]);
  });

  it('lost final ACK: the server retransmits its SYN-ACK; the situation explains it, not the steps again', () => {
    const notes = describeNotes([
      ...ORDINARY_CONNECTION.slice(0, 3),
      {
        from: 'server',
        flags: 'SA',
        seq: 0,
        ack: 1,
        states: ['ESTABLISHED', 'SYN-RECEIVED'],
        analysis: ['retransmission'],
        situations: ['synack-retransmitted', 'final-ack-lost'],
      },
      {
        from: 'client',
        flags: 'A',
        seq: 1,
        ack: 1,
        states: ['ESTABLISHED', 'ESTABLISHED?'],
        analysis: ['duplicate_ack'],
        duplicateAckNum: 1,
      },
    ]);
    expect(notes[3]).toBe('synack-retransmitted final-ack-lost');
    expect(notes[4]).toBe('flag:duplicate_ack');
  });

  it('lost SYN-ACK: the retransmitted SYN gets the situation once, and the flag note is not repeated', () => {
    const syn: RowSpec = { from: 'client', flags: 'S', seq: 0, states: ['SYN-SENT', 'SYN-RECEIVED?'] };
    const again: RowSpec = { ...syn, analysis: ['retransmission'], situations: ['syn-retransmitted'] };
    expect(describeNotes([syn, again, again])).toEqual([
      'syn(client)',
      'syn-retransmitted',
      'syn-retransmitted',
    ]);
  });

  it('three-segment close: the FIN-ACK is explained by its situation, not as a separate ACK and FIN', () => {
    const notes = describeNotes([
      ...ORDINARY_CONNECTION.slice(0, 3),
      { from: 'client', flags: 'FA', seq: 1, ack: 1, states: ['FIN-WAIT-1', 'CLOSE-WAIT?'] },
      {
        from: 'server',
        flags: 'FA',
        seq: 1,
        ack: 2,
        states: ['TIME-WAIT?', 'LAST-ACK'],
        situations: ['three-segment-close'],
      },
      { from: 'client', flags: 'A', seq: 2, ack: 2, states: ['TIME-WAIT', 'CLOSED?'] },
    ]);
    expect(notes.slice(3)).toEqual(['firstFin(client)', 'three-segment-close', 'lastAck(client)']);
  });

  it('refused connection and RST abort are explained by their situations only', () => {
    expect(
      describeNotes([
        { from: 'client', flags: 'S', seq: 0, states: ['SYN-SENT', 'SYN-RECEIVED?'] },
        {
          from: 'server',
          flags: 'RA',
          seq: 0,
          ack: 1,
          states: ['CLOSED', 'CLOSED'],
          situations: ['connection-refused'],
        },
      ]),
    ).toEqual(['syn(client)', 'connection-refused']);
  });

  it('explains each analysis flag the first time only (every occurrence is still marked)', () => {
    const dup: RowSpec = {
      from: 'server',
      flags: 'A',
      seq: 1,
      ack: 1,
      states: ['ESTABLISHED', 'ESTABLISHED'],
      analysis: ['duplicate_ack'],
    };
    const zero: RowSpec = { ...dup, analysis: ['zero_window'] };
    expect(describeNotes([dup, dup, zero, zero])).toEqual(['flag:duplicate_ack', '', 'flag:zero_window', '']);
  });
});
