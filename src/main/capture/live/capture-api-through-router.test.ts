import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaptureProblem, CaptureStatus } from '../../../shared/api/capture';
import { createBackend } from '../../api/backend';

const dataDir = mkdtempSync(join(tmpdir(), 'netlab-capture-api-'));
const backend = createBackend({ version: 'test', dataDir });
const call = (method: string, input: unknown) =>
  backend.router.call(method, input, { transport: 'websocket' });

afterAll(async () => {
  await backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the capture API', () => {
  it.each([
    ['an interface name with shell characters', { interface: 'lo; rm -rf /' }],
    ['a snap length over 262144', { interface: 'lo', snaplen: 300_000 }],
    ['a negative snap length', { interface: 'lo', snaplen: -1 }],
    ['promiscuous as a string', { interface: 'lo', promiscuous: 'yes' }],
    ['a 5000-character filter', { interface: 'lo', filter: 'tcp or '.repeat(700) }],
    ['an unknown option', { interface: 'lo', monitor: true }],
  ])('rejects %s before anything runs', async (_name, input) => {
    const result = await call('capture.start', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  });

  it('a bad filter is a bad-input error with the clear message, a capture.error event and an error status', async () => {
    const problems: CaptureProblem[] = [];
    const statuses: CaptureStatus[] = [];
    backend.events.subscribe('capture.error', (batch) => problems.push(...batch));
    backend.events.subscribe('capture.status', (batch) => statuses.push(...batch));
    const result = await call('capture.start', { interface: 'lo', filter: 'tcp port' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad-input');
    expect(result.error.message).toContain('"port" needs a value after it');
    backend.events.flush();
    expect(problems.map((p) => p.code)).toEqual(['bad-filter']);
    expect(statuses.map((s) => s.state)).toEqual(['starting', 'error']);
    const status = await call('capture.status', {});
    expect(status).toMatchObject({ ok: true, result: { state: 'error', problem: { code: 'bad-filter' } } });
  });

  it('validateFilter answers through the API without starting a capture', async () => {
    const result = await call('capture.validateFilter', { interface: 'lo', filter: 'udp and port 53' });
    expect(result).toEqual({ ok: true, result: { valid: true, linkType: 1 } });
    expect(backend.context.capture.status().state).not.toBe('running');
  });
});
