/**
 * Counts TCP conversations by 4-tuple, both directions together. A stand-in for the connection
 * tracker (src/main/tcp): it gives `connections` a first meaning until the tracker's analysis
 * replaces this stage in analysis-pipeline.ts.
 */
import type { TcpSegmentFacts } from '../../shared/model/packet';
import type { ReportConnection } from './analysis-report';

export class ConnectionCounter {
  private readonly byKey = new Map<string, ReportConnection>();

  add(tcp: TcpSegmentFacts): void {
    const forward = tcp.srcAddr < tcp.dstAddr || (tcp.srcAddr === tcp.dstAddr && tcp.srcPort <= tcp.dstPort);
    const key = forward
      ? `${tcp.srcAddr}|${tcp.srcPort}|${tcp.dstAddr}|${tcp.dstPort}`
      : `${tcp.dstAddr}|${tcp.dstPort}|${tcp.srcAddr}|${tcp.srcPort}`;
    let c = this.byKey.get(key);
    if (!c) {
      // Endpoint A is whoever sent the first packet we saw (usually the client).
      c = {
        index: this.byKey.size,
        addressA: tcp.srcAddr,
        portA: tcp.srcPort,
        addressB: tcp.dstAddr,
        portB: tcp.dstPort,
        packets: 0,
        firstFrame: tcp.number,
        lastFrame: tcp.number,
        sawSyn: false,
      };
      this.byKey.set(key, c);
    }
    c.packets++;
    c.lastFrame = tcp.number;
    if ((tcp.flags & 0x12) === 0x02) c.sawSyn = true;
  }

  connections(): ReportConnection[] {
    return [...this.byKey.values()];
  }
}
