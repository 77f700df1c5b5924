/**
 * Every field id the decoders emit has a name in English and Simplified Chinese, and the fields
 * a learner meets first carry an explanation in both languages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FieldNode } from '../../shared/model/packet';
import en from '../../shared/i18n/locales/en/fields.json';
import zh from '../../shared/i18n/locales/zh-CN/fields.json';
import { readCaptureBytes } from '../capture/files';
import { dissectPacket } from './dissect-packet';

type Texts = Record<string, { name: string; explain?: string }>;
const english = en as Texts;
const chinese = zh as Texts;

function collect(nodes: FieldNode[], into: Set<string>): void {
  for (const n of nodes) {
    into.add(n.id);
    if (n.children) collect(n.children, into);
  }
}

describe('field texts', () => {
  it('every id emitted on the shared captures is named in en and zh-CN', () => {
    const ids = new Set<string>();
    const dir = '/work/shared/captures';
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.pcapng'))) {
      const read = readCaptureBytes(readFileSync(`${dir}/${file}`));
      read.frames.forEach((f, i) => {
        const p = dissectPacket(f.data, read.interfaces[f.interfaceId].linkType, i + 1, 0n, f.originalLength);
        collect(p.fields, ids);
        p.notes.forEach((n) => ids.add(n.key));
      });
    }
    expect(ids.size).toBeGreaterThan(100);
    const missing = [...ids].filter((id) => !english[id]?.name || !chinese[id]?.name);
    expect(missing).toEqual([]);
  });

  it('both files have the same ids, and Chinese names are really translated for the key fields', () => {
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
    for (const id of ['eth.dst', 'ip.ttl', 'tcp.flags.syn', 'tcp.window_size_value'])
      expect(chinese[id].name).not.toBe(english[id].name);
  });

  it.each([
    'eth.src',
    'eth.dst',
    'eth.type',
    'ip.ttl',
    'ip.proto',
    'tcp.srcport',
    'tcp.dstport',
    'tcp.flags.syn',
    'tcp.flags.ack',
    'tcp.flags.fin',
    'tcp.flags.reset',
    'tcp.seq_raw',
    'tcp.ack_raw',
    'tcp.window_size_value',
    'netlab.http.request_line',
    'http.request.line',
    'tls.app_data',
  ])('%s is explained in both languages', (id) => {
    expect(english[id].explain?.length).toBeGreaterThan(40);
    expect(chinese[id].explain?.length).toBeGreaterThan(15);
  });
});
