import { describe, expect, it } from 'vitest';
import { realpathSync } from 'node:fs';
import { CaptureError, LiveCaptureController } from './live-capture-controller';
import { SOURCE_AGENT } from './test-support/loopback-traffic';

/**
 * The agent runs as root but without CAP_NET_RAW/CAP_NET_ADMIN (setpriv drops them from the bounding
 * set before exec): exactly the "no capture rights" case, and it works wherever the checkout lives.
 */
const WITHOUT_CAPTURE_RIGHTS = [
  'setpriv',
  '--bounding-set=-net_raw,-net_admin',
  '--inh-caps=-net_raw,-net_admin',
];
/** As an unprivileged user (needs the checkout to be readable by nobody, as /work is here). */
const AS_NOBODY = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];

async function startProblem(wrapper: string[]) {
  const c = new LiveCaptureController(
    { onFrames: () => undefined },
    { launch: { ...SOURCE_AGENT, wrapper } },
  );
  try {
    await c.start({ interface: 'lo', filter: 'tcp', snaplen: 0, promiscuous: true, bufferSize: 1 << 20 });
  } catch (error) {
    expect(c.running).toBe(false);
    if (error instanceof CaptureError) return error.problem;
    throw error;
  }
  await c.stop();
  throw new Error('the capture started without capture rights');
}

describe('capture without capture rights', () => {
  it.each([
    ['without CAP_NET_RAW', WITHOUT_CAPTURE_RIGHTS],
    ['as nobody', AS_NOBODY],
  ])('%s: one clear message with the exact setcap command for this binary', async (_name, wrapper) => {
    const problem = await startProblem(wrapper);
    const binary = realpathSync(process.execPath);
    expect(problem.code).toBe('permission-denied');
    expect(problem.detail).toMatch(/Operation not permitted/);
    expect(problem.fixCommand).toBe(`sudo setcap cap_net_raw,cap_net_admin=eip "$(readlink -f ${binary})"`);
    expect(problem.message).toContain(problem.fixCommand);
    expect(problem.message).toContain('capture files works without these rights');
    expect(problem.i18nKey).toBe('problems.permissionLinux');
  });

  it('the interface list still works without capture rights', async () => {
    const c = new LiveCaptureController(
      { onFrames: () => undefined },
      { launch: { ...SOURCE_AGENT, wrapper: WITHOUT_CAPTURE_RIGHTS } },
    );
    const list = await c.listInterfaces();
    expect(list.interfaces.map((i) => i.name)).toContain('lo');
  });
});
