import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareWithTshark } from './testing/compare-with-tshark';

const dir = '/work/shared/captures';
const files = readdirSync(dir).filter((f) => f.endsWith('.pcapng') || f.endsWith('.pcap'));

describe('every field matches tshark (value, offset, size) on the shared captures', () => {
  it.each(files)('%s', async (file) => {
    const r = await compareWithTshark(`${dir}/${file}`);
    expect(r.mismatches.slice(0, 20)).toEqual([]);
    expect(r.checked).toBeGreaterThan(r.packets);
  });
});
