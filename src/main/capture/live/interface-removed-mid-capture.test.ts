import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureProblem } from '../../../shared/api/capture';
import { LiveCaptureController } from './live-capture-controller';
import { SOURCE_AGENT, waitFor } from './test-support/loopback-traffic';

// A veth pair inside a network namespace of its own: nothing it does reaches the host's network.
const NS = `netlab-cap-${process.pid}`;
const DUMMY = 'nlcap0';
const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'ignore' });
const inNs = (...args: string[]) => ip('netns', 'exec', NS, 'ip', ...args);

describe('the captured interface removed during the capture', () => {
  afterEach(() => {
    ip('netns', 'del', NS);
  });

  it('ends the capture with a clear error about the interface, not a generic crash', async () => {
    ip('netns', 'add', NS);
    inNs('link', 'add', DUMMY, 'type', 'veth', 'peer', 'name', 'nlcap1');
    inNs('link', 'set', DUMMY, 'up');
    inNs('link', 'set', 'nlcap1', 'up');
    const problems: CaptureProblem[] = [];
    const c = new LiveCaptureController(
      { onFrames: () => undefined, onFailure: (problem) => problems.push(problem) },
      { launch: { ...SOURCE_AGENT, wrapper: ['ip', 'netns', 'exec', NS] } },
    );
    await c.start({ interface: DUMMY, filter: '', snaplen: 0, promiscuous: true, bufferSize: 1 << 20 });
    inNs('link', 'del', DUMMY);
    await waitFor(() => problems.length > 0);
    expect(problems).toHaveLength(1);
    // Either cap aborts on libpcap's poll error (usual) or the agent's own check sees the interface gone.
    const [problem] = problems;
    if (problem.code === 'capture-failed') {
      expect(problem.message).toContain(`The capture on "${DUMMY}" stopped: libpcap reported an error`);
      expect(problem.message).toContain('Packets received before that are kept');
    } else {
      expect(problem.code).toBe('no-such-device');
      expect(problem.detail).toContain('was removed during the capture');
    }
    expect(c.running).toBe(false);
  });
});
