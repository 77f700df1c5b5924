import { describe, expect, it } from 'vitest';
import en from '../../shared/i18n/locales/en/tcp.json';
import zh from '../../shared/i18n/locales/zh-CN/tcp.json';
import { TCP_ANALYSIS_FLAGS, TCP_ENDPOINT_STATES, TCP_SITUATIONS } from '../../shared/model/tcp';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('tcp translations', () => {
  it('English and Chinese have exactly the same keys, none empty', () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
    for (const bundle of [en, zh]) expect(JSON.stringify(bundle)).not.toMatch(/""/);
  });

  it('every state, flag and situation the tracker emits has an explanation', () => {
    for (const st of TCP_ENDPOINT_STATES) expect(en.state).toHaveProperty([st]);
    for (const f of TCP_ANALYSIS_FLAGS) expect(en.flag).toHaveProperty([f]);
    for (const s of TCP_SITUATIONS) expect(en.situation).toHaveProperty([s, 'text']);
  });

  it('teaches the accurate version: the half-open server state is SYN-RECEIVED, and the server resends', () => {
    expect(en.state['SYN-RECEIVED']).toMatch(/half-open/);
    expect(en.situation['synack-retransmitted'].text).toMatch(/SERVER sent the SYN-ACK again/);
    expect(en.situation['synack-retransmitted'].text).toMatch(/never resends a lost pure ACK/);
  });
});
