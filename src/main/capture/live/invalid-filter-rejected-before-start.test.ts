import { describe, expect, it } from 'vitest';
import { CaptureError, LiveCaptureController } from './live-capture-controller';
import { SOURCE_AGENT } from './test-support/loopback-traffic';

function controller(): LiveCaptureController {
  return new LiveCaptureController(
    {
      onFrames: () => {
        throw new Error('no frame may arrive from a capture that never started');
      },
    },
    { launch: SOURCE_AGENT },
  );
}

async function startError(c: LiveCaptureController, filter: string): Promise<CaptureError> {
  try {
    await c.start({ interface: 'lo', filter, snaplen: 0, promiscuous: true, bufferSize: 1 << 20 });
  } catch (error) {
    if (error instanceof CaptureError) return error;
    throw error;
  }
  throw new Error(`filter ${JSON.stringify(filter)} was accepted`);
}

describe('an invalid capture filter', () => {
  it('"tcp port" fails to start with a message naming the missing port value', async () => {
    const c = controller();
    const error = await startError(c, 'tcp port');
    expect(error.problem.code).toBe('bad-filter');
    expect(error.problem.detail).toMatch(/syntax error/);
    expect(error.problem.message).toContain('"tcp port" is not valid');
    expect(error.problem.message).toContain('"port" needs a value after it');
    expect(c.running).toBe(false);
  });

  it('"hosst 1.2.3.4" fails to start and points at the misspelt keyword', async () => {
    const c = controller();
    const error = await startError(c, 'hosst 1.2.3.4');
    expect(error.problem.code).toBe('bad-filter');
    expect(error.problem.message).toContain('"hosst" is not a filter keyword: did you mean "host"?');
    expect(c.running).toBe(false);
  });

  it('validateFilter reports bad and good filters without starting anything', async () => {
    const c = controller();
    const [bad, good, badPort] = await Promise.all([
      c.validateFilter('lo', 'hosst 1.2.3.4'),
      c.validateFilter('lo', 'tcp port 80 and not host 10.1.2.3'),
      c.validateFilter('lo', 'port 99999'),
    ]);
    expect(bad).toMatchObject({
      valid: false,
      hint: '"hosst" is not a filter keyword: did you mean "host"?',
    });
    expect(good).toEqual({ valid: true, linkType: 1 });
    expect(badPort).toMatchObject({
      valid: false,
      problem: { code: 'bad-filter', detail: 'illegal port number 99999 > 65535' },
    });
    expect(c.running).toBe(false);
  });

  it('an interface that does not exist is named as such, not as a filter problem', async () => {
    const c = controller();
    const result = await c.validateFilter('nosuch9', 'tcp');
    expect(result).toMatchObject({ valid: false, problem: { code: 'no-such-device' } });
  });
});
