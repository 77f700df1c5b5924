/**
 * Per-frame TCP analysis kept compactly (typed arrays, ~20 bytes a frame) so the display filter
 * can ask `tcp.analysis.retransmission` or `tcp.stream` of any frame without keeping analysis
 * objects for millions of packets. Stream → frames lists let the timeline fetch one connection.
 */
import { TCP_ANALYSIS_FLAGS, type TcpAnalysisFlag, type TcpSegmentAnalysis } from '../../shared/model/tcp';
import type { FieldValue } from '../../shared/model/packet';

const FLAG_INDEX = new Map<TcpAnalysisFlag, number>(TCP_ANALYSIS_FLAGS.map((f, i) => [f, i]));

export class TcpFrameIndex {
  private capacity = 0;
  private streamOf = new Int32Array(0);
  private flagBits = new Uint16Array(0);
  private dupAckNum = new Uint16Array(0);
  private relSeq = new Float64Array(0);
  private relAck = new Float64Array(0);
  private nextSeq = new Float64Array(0);
  private readonly framesOfStream: number[][] = [];

  /** Records the analysis of frame `number` (1-based). */
  record(number: number, a: TcpSegmentAnalysis): void {
    this.ensure(number);
    const i = number - 1;
    this.streamOf[i] = a.stream + 1; // 0 means "not TCP"
    let bits = 0;
    for (const flag of a.analysis) bits |= 1 << (FLAG_INDEX.get(flag) ?? 15);
    this.flagBits[i] = bits;
    this.dupAckNum[i] = a.duplicateAckNum ?? 0;
    this.relSeq[i] = a.seq;
    this.relAck[i] = a.ack;
    this.nextSeq[i] = a.nextSeq;
    (this.framesOfStream[a.stream] ??= []).push(number);
  }

  stream(number: number): number | undefined {
    const v = number - 1 < this.capacity ? this.streamOf[number - 1] : 0;
    return v > 0 ? v - 1 : undefined;
  }

  hasRetransmission(stream: number): boolean {
    const retrans =
      (1 << FLAG_INDEX.get('retransmission')!) |
      (1 << FLAG_INDEX.get('fast_retransmission')!) |
      (1 << FLAG_INDEX.get('spurious_retransmission')!);
    return (this.framesOfStream[stream] ?? []).some((n) => (this.flagBits[n - 1] & retrans) !== 0);
  }

  /** The flags the session's own tracker gave the frame (it saw every stream, e.g. port reuse). */
  analysisOf(number: number): { analysis: TcpAnalysisFlag[]; duplicateAckNum?: number } {
    const bits = number - 1 < this.capacity ? this.flagBits[number - 1] : 0;
    const analysis = TCP_ANALYSIS_FLAGS.filter((_, bit) => bits & (1 << bit));
    const dup = this.dupAckNum[number - 1];
    return dup ? { analysis, duplicateAckNum: dup } : { analysis };
  }

  framesOf(stream: number): readonly number[] {
    return this.framesOfStream[stream] ?? [];
  }

  /** Values under Wireshark's field names for the display filter (a null value marks a present flag). */
  filterValues(number: number): Record<string, FieldValue> | undefined {
    const stream = this.stream(number);
    if (stream === undefined) return undefined;
    const i = number - 1;
    const out: Record<string, FieldValue> = {
      'tcp.stream': stream,
      'tcp.seq': this.relSeq[i],
      'tcp.ack': this.relAck[i],
      'tcp.nxtseq': this.nextSeq[i],
    };
    const bits = this.flagBits[i];
    if (bits) {
      out['tcp.analysis'] = null;
      out['tcp.analysis.flags'] = null;
      TCP_ANALYSIS_FLAGS.forEach((flag, bit) => {
        if (bits & (1 << bit)) out[`tcp.analysis.${flag}`] = null;
      });
      if (this.dupAckNum[i]) out['tcp.analysis.duplicate_ack_num'] = this.dupAckNum[i];
    }
    return out;
  }

  clear(): void {
    this.capacity = 0;
    this.streamOf = new Int32Array(0);
    this.flagBits = new Uint16Array(0);
    this.dupAckNum = new Uint16Array(0);
    this.relSeq = new Float64Array(0);
    this.relAck = new Float64Array(0);
    this.nextSeq = new Float64Array(0);
    this.framesOfStream.length = 0;
  }

  private ensure(number: number): void {
    if (number <= this.capacity) return;
    let next = Math.max(1024, this.capacity * 2);
    while (next < number) next *= 2;
    const grow = <T extends Int32Array | Uint16Array | Float64Array>(old: T, made: T): T => {
      (made as unknown as { set(a: T): void }).set(old);
      return made;
    };
    this.streamOf = grow(this.streamOf, new Int32Array(next));
    this.flagBits = grow(this.flagBits, new Uint16Array(next));
    this.dupAckNum = grow(this.dupAckNum, new Uint16Array(next));
    this.relSeq = grow(this.relSeq, new Float64Array(next));
    this.relAck = grow(this.relAck, new Float64Array(next));
    this.nextSeq = grow(this.nextSeq, new Float64Array(next));
    this.capacity = next;
  }
}
