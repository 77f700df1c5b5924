/** Test helper: a real backend behind a real browser-mode server, on a random loopback port. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend, type Backend } from '../api/backend';
import { startBrowserServer, type BrowserServer, type BrowserServerOptions } from './browser-server';

export interface RunningTestServer {
  backend: Backend;
  server: BrowserServer;
  rendererDir: string;
  stop(): Promise<void>;
}

export async function startTestServer(
  options: Partial<Omit<BrowserServerOptions, 'backend'>> = {},
): Promise<RunningTestServer> {
  const base = mkdtempSync(join(tmpdir(), 'netlab-server-test-'));
  const rendererDir = join(base, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>NetLab test</title>');
  writeFileSync(join(rendererDir, 'assets', 'app-1234.js'), 'console.log("hi");');
  const backend = createBackend({ version: '9.9.9-test', dataDir: join(base, 'data') });
  const server = await startBrowserServer({ backend, rendererDir, ...options });
  return {
    backend,
    server,
    rendererDir,
    async stop() {
      await server.close();
      await backend.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
