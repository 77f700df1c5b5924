import { describe, expect, it } from 'vitest';
import type { CaptureProblem, CaptureStatus } from '../../../shared/api/capture';
import type { RawFrame } from '../../../shared/model/packet';
import { CaptureService } from './capture-service';
import { freeTcpPort, sendUdpBurst, SOURCE_AGENT, waitFor } from './test-support/loopback-traffic';

describe('the capture agent killed with SIGKILL mid-capture', () => {
  it('is reported as an error event, the app keeps running, and frames received before are kept', async () => {
    const frames: RawFrame[] = [];
    const statuses: CaptureStatus[] = [];
    const errors: CaptureProblem[] = [];
    const service = new CaptureService({
      launch: SOURCE_AGENT,
      onFrames: (batch) => frames.push(...batch),
      publishStatus: (status) => statuses.push(status),
      publishError: (problem) => errors.push(problem),
      statusIntervalMs: 50,
    });
    const port = await freeTcpPort();
    await service.start({
      interface: 'lo',
      filter: `udp dst port ${port}`,
      snaplen: 0,
      promiscuous: true,
      bufferSize: 32 << 20,
    });
    await sendUdpBurst(port, 200);
    await waitFor(() => frames.length >= 200).catch((e) => {
      throw new Error(`${e} frames=${frames.length}`);
    });

    const pid = (service as unknown as { controller: { agentPid?: number } }).controller.agentPid;
    expect(pid).toBeTypeOf('number');
    process.kill(pid!, 'SIGKILL');
    await waitFor(() => errors.length > 0);

    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe('agent-crashed');
    expect(errors[0].message).toContain('was killed by SIGKILL');
    expect(errors[0].message).toContain('Packets received before that are kept');
    expect(frames).toHaveLength(200);
    const status = service.status();
    expect(status.state).toBe('error');
    expect(status.counters.packets).toBe(200);
    expect(statuses[statuses.length - 1].state).toBe('error');

    // The app goes on: stop is harmless and a new capture starts.
    await service.stop();
    await service.start({
      interface: 'lo',
      filter: `udp dst port ${port}`,
      snaplen: 0,
      promiscuous: true,
      bufferSize: 32 << 20,
    });
    await sendUdpBurst(port, 10);
    await waitFor(() => frames.length >= 210);
    const stopped = await service.stop();
    expect(stopped.state).toBe('stopped');
    expect(stopped.counters.packets).toBe(10);
  });
});
