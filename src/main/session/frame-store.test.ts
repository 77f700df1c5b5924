import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameStore } from './frame-store';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'netlab-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function frame(i: number, size: number) {
  const data = new Uint8Array(size).map((_, j) => (i * 31 + j) & 0xff);
  return {
    timestampNs: 1_700_000_000_000_000_000n + BigInt(i),
    originalLength: size + 4,
    data,
    interfaceId: i % 3,
  };
}

describe('FrameStore', () => {
  it('gives back every frame byte for byte, both from the write buffer and from the spill file', () => {
    const store = new FrameStore({ spillDir: tempDir(), writeBufferBytes: 1000 });
    const frames = Array.from({ length: 300 }, (_, i) => frame(i, 1 + ((i * 37) % 140)));
    frames.push(frame(999, 5000)); // larger than the write buffer: written directly
    frames.forEach((f, i) => expect(store.append(f)).toBe(i + 1));
    for (let n = 1; n <= frames.length; n++) {
      const back = store.frame(n)!;
      expect(back.data).toEqual(frames[n - 1].data);
      expect(back.timestampNs).toBe(frames[n - 1].timestampNs);
      expect(back.originalLength).toBe(frames[n - 1].originalLength);
      expect(back.interfaceId).toBe(frames[n - 1].interfaceId);
    }
    expect(store.frame(0)).toBeUndefined();
    expect(store.frame(frames.length + 1)).toBeUndefined();
  });

  it('does not keep a reference to the caller buffer', () => {
    const store = new FrameStore({ spillDir: tempDir() });
    const f = frame(1, 10);
    store.append(f);
    f.data.fill(0);
    expect(store.frame(1)!.data[1]).not.toBe(0);
  });

  it('refuses frames past its limits and keeps what it has', () => {
    const store = new FrameStore({ spillDir: tempDir(), maxFrames: 3 });
    for (let i = 0; i < 3; i++) expect(store.append(frame(i, 20))).toBe(i + 1);
    expect(store.append(frame(3, 20))).toBe(0);
    expect(store.size).toBe(3);
    expect(store.frame(3)!.data).toEqual(frame(2, 20).data);

    const byBytes = new FrameStore({ spillDir: tempDir(), maxSpillBytes: 50 });
    expect(byBytes.append(frame(0, 30))).toBe(1);
    expect(byBytes.append(frame(1, 30))).toBe(0);
  });

  it('spills to disk so memory holds only the index', () => {
    const dir = tempDir();
    const store = new FrameStore({ spillDir: dir, writeBufferBytes: 64 * 1024 });
    for (let i = 0; i < 2000; i++) store.append(frame(i, 1000));
    store.flush();
    expect(store.bytesStored).toBe(2_000_000);
    const files = readdirSync(dir);
    expect(statSync(join(dir, files[0])).size).toBe(2_000_000);
    store.clear();
    expect(readdirSync(dir)).toHaveLength(0);
  });
});
