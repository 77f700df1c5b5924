import { describe, expect, it } from 'vitest';
import { LiveCaptureController } from './live-capture-controller';
import { freeTcpPort, sendUdpBurst, SOURCE_AGENT } from './test-support/loopback-traffic';

describe('batching between the agent and the main process', () => {
  it('carries thousands of packets in a few dozen messages, and stop flushes the last batch', async () => {
    let callbacks = 0;
    let frames = 0;
    const controller = new LiveCaptureController(
      {
        onFrames: (batch) => {
          callbacks++;
          frames += batch.length;
        },
      },
      { launch: SOURCE_AGENT },
    );
    const port = await freeTcpPort();
    await controller.start({
      interface: 'lo',
      filter: `udp dst port ${port}`,
      snaplen: 0,
      promiscuous: true,
      bufferSize: 64 << 20,
    });
    const sent = 5000;
    await sendUdpBurst(port, sent, 200, 100);
    // No waiting: stop() must still deliver everything the agent had captured.
    const counters = await controller.stop();
    // Everything the agent read reached the main process, the last batch included.
    expect(counters.capturedByAgent).toBe(frames);
    expect(counters.packets).toBe(frames);
    expect(counters.bytes).toBe(frames * (14 + 20 + 8 + 200));
    // The kernel ring may overflow when the two cores are busy with other tests (cap gives no count of
    // that); on a quiet machine all 5000 arrive.
    expect(frames).toBeGreaterThan(sent * 0.8);
    expect(counters.batches).toBe(callbacks);
    expect(callbacks).toBeLessThan(frames / 20);
    expect(counters.droppedByAgent).toBe(0);
    expect(counters.droppedByKernel).toBeNull();
  });
});
