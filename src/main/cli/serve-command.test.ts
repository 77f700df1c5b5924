import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..', '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'netlab-serve-test-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the real CLI from source (tsx), exactly as `netlab` would, without needing a build. */
function netlab(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/main/cli.ts'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, NETLAB_HOME: dataDir },
  });
}

function collect(child: ChildProcessWithoutNullStreams) {
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { output, exited };
}

async function waitFor(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('netlab serve', () => {
  it('prints exactly one URL line, serves the UI and API, and exits 0 on SIGTERM', async () => {
    const child = netlab(['serve', '--no-open', '--port', '0', '--data-dir', join(dataDir, 'a')]);
    const { output, exited } = collect(child);
    await waitFor(() => output.stdout.includes('\n'));
    const lines = output.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const match = /^NetLab is running at (http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43}))$/.exec(
      lines[0],
    );
    expect(match).not.toBeNull();
    const res = await fetch(`http://127.0.0.1:${match?.[2]}/`);
    expect([200, 503]).toContain(res.status); // 503 (with advice) when the renderer is not built
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('stops cleanly on SIGINT (Ctrl+C) too', async () => {
    const child = netlab(['serve', '--no-open', '--data-dir', join(dataDir, 'b')]);
    const { output, exited } = collect(child);
    await waitFor(() => output.stdout.includes('NetLab is running at'));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it('says in one line when the port is taken, exit code 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const child = netlab(['serve', '--no-open', '--port', String(port), '--data-dir', join(dataDir, 'c')]);
    const { output, exited } = collect(child);
    expect(await exited).toBe(1);
    blocker.close();
    expect(output.stderr.trim().split('\n')).toEqual([
      `netlab serve: Port ${port} is already in use: choose another with --port, or leave it out for a free one.`,
    ]);
  });

  it('refuses a non-loopback host with a usage error, exit code 2', async () => {
    const { output, exited } = collect(netlab(['serve', '--host', '0.0.0.0', '--no-open']));
    expect(await exited).toBe(2);
    expect(output.stderr).toMatch(/^netlab serve: --host must be a loopback address/);
    expect(output.stdout).toBe('');
  });
});
