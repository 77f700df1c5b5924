import { afterEach, describe, expect, it } from 'vitest';
import { TcpFlag, type RawFrame } from '../../../shared/model/packet';
import { LiveCaptureController } from './live-capture-controller';
import {
  freeTcpPort,
  readTcpOverEthernet,
  SOURCE_AGENT,
  tcpExchange,
  waitFor,
} from './test-support/loopback-traffic';

const { SYN, ACK, PSH, FIN } = TcpFlag;

describe('a TCP exchange on loopback captured through "tcp port N"', () => {
  let controller: LiveCaptureController | null = null;
  afterEach(async () => {
    await controller?.stop();
  });

  it('delivers every segment of the connection, in order, with exact bytes and sane timestamps', async () => {
    const frames: RawFrame[] = [];
    const linkTypes = new Set<number>();
    controller = new LiveCaptureController(
      { onFrames: (batch, linkType) => (frames.push(...batch), linkTypes.add(linkType)) },
      { launch: SOURCE_AGENT },
    );
    const port = await freeTcpPort();
    const startNs = BigInt(Date.now()) * 1_000_000n;
    const started = await controller.start({
      interface: 'lo',
      filter: `tcp port ${port}`,
      snaplen: 0,
      promiscuous: true,
      bufferSize: 4 << 20,
    });
    expect(started.linkType).toBe(1);

    // The exchange uses the port we filtered on: the server listens there.
    const { createServer, connect } = await import('node:net');
    const server = createServer((socket) => {
      socket.once('data', () => socket.write('world'));
      socket.on('end', () => socket.end());
    });
    await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
    await new Promise<void>((done) => {
      const client = connect(port, '127.0.0.1', () => client.write('hello'));
      client.once('data', () => client.end());
      client.on('close', () => done());
    });
    server.close();
    // Traffic on another port must not pass the filter.
    await tcpExchange('noise', 'noise');

    await waitFor(() => frames.length >= 8);
    await new Promise((done) => setTimeout(done, 100));
    await controller.stop();
    controller = null;

    expect([...linkTypes]).toEqual([1]);
    const segments = frames.map((frame) => readTcpOverEthernet(frame));
    expect(segments.every((s) => s !== null && (s.srcPort === port || s.dstPort === port))).toBe(true);
    const seen = segments.map((s) => ({
      dir: s!.dstPort === port ? 'C>S' : 'S>C',
      flags: s!.flags,
      payload: s!.payload,
    }));
    // The handshake, exactly.
    expect(seen.slice(0, 3)).toEqual([
      { dir: 'C>S', flags: SYN, payload: '' },
      { dir: 'S>C', flags: SYN | ACK, payload: '' },
      { dir: 'C>S', flags: ACK, payload: '' },
    ]);
    // Everything that carries data or a FIN, in order (pure ACKs in between depend on timing).
    const significant = seen.slice(3).filter((s) => s.payload !== '' || (s.flags & FIN) !== 0);
    expect(significant).toEqual([
      { dir: 'C>S', flags: PSH | ACK, payload: 'hello' },
      { dir: 'S>C', flags: PSH | ACK, payload: 'world' },
      { dir: 'C>S', flags: FIN | ACK, payload: '' },
      { dir: 'S>C', flags: FIN | ACK, payload: '' },
    ]);
    // The last segment acknowledges the server's FIN.
    expect(seen[seen.length - 1]).toEqual({ dir: 'C>S', flags: ACK, payload: '' });

    for (let i = 0; i < frames.length; i++) {
      expect(frames[i].originalLength).toBe(frames[i].data.length);
      expect(frames[i].timestampNs).toBeGreaterThanOrEqual(startNs - 1_000_000_000n);
      if (i > 0) expect(frames[i].timestampNs).toBeGreaterThanOrEqual(frames[i - 1].timestampNs);
    }
    expect(controller).toBeNull();
  });

  it('cuts frames to the snap length but keeps their wire length', async () => {
    const frames: RawFrame[] = [];
    controller = new LiveCaptureController(
      { onFrames: (batch) => frames.push(...batch) },
      { launch: SOURCE_AGENT },
    );
    const port = await freeTcpPort();
    await controller.start({
      interface: 'lo',
      filter: `tcp port ${port}`,
      snaplen: 54,
      promiscuous: true,
      bufferSize: 1 << 20,
    });
    const { createServer, connect } = await import('node:net');
    const server = createServer((socket) => socket.on('data', () => socket.end()));
    await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
    await new Promise<void>((done) => {
      const client = connect(port, '127.0.0.1', () => client.write('x'.repeat(500)));
      client.on('close', () => done());
      client.resume();
    });
    server.close();
    await waitFor(() => frames.some((f) => f.originalLength > 500));
    await controller.stop();
    controller = null;
    expect(frames.every((f) => f.data.length <= 54)).toBe(true);
    const dataFrame = frames.find((f) => f.originalLength > 500)!;
    // 14 Ethernet + 20 IPv4 + 32 TCP (timestamps option) + 500 payload.
    expect(dataFrame.originalLength).toBe(566);
    expect(dataFrame.data.length).toBe(54);
  });
});
