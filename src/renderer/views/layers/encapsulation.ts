/**
 * The encapsulation story of one real packet: at the sender the application data is wrapped
 * top-down (+ TCP header, + IP header, + Ethernet header); at the receiver the headers are peeled
 * bottom-up until the data reaches the application. Steps are data; the component animates them.
 */
import type { LayerBoundary } from '../../../shared/model/packet';

export interface EncapsulationBlock {
  /** 'payload' for the application data, else the header's protocol (eth, ip, tcp ...). */
  protocol: string;
  layer: LayerBoundary['layer'];
  length: number;
  isPayload: boolean;
}

export interface EncapsulationStep {
  blocks: EncapsulationBlock[];
  /** The block added (sender) or removed (receiver) in this step; null for the first step. */
  changed: EncapsulationBlock | null;
}

export type Direction = 'send' | 'receive';

/** Headers outermost first, and the payload (application bytes in this frame, possibly 0). */
export function frameParts(layers: LayerBoundary[]): {
  headers: EncapsulationBlock[];
  payload: EncapsulationBlock;
} {
  const sorted = [...layers].sort((a, b) => a.offset - b.offset);
  const headers = sorted
    .filter((l) => l.layer !== 'application')
    .map((l) => ({ protocol: l.protocol, layer: l.layer, length: l.length, isPayload: false }));
  const payloadLength = sorted.filter((l) => l.layer === 'application').reduce((sum, l) => sum + l.length, 0);
  return {
    headers,
    payload: { protocol: 'payload', layer: 'application', length: payloadLength, isPayload: true },
  };
}

export function encapsulationSteps(layers: LayerBoundary[], direction: Direction): EncapsulationStep[] {
  const { headers, payload } = frameParts(layers);
  // Sender: payload alone, then headers added innermost first.
  const steps: EncapsulationStep[] = [{ blocks: [payload], changed: null }];
  for (let i = headers.length - 1; i >= 0; i--) {
    steps.push({ blocks: [...headers.slice(i), payload], changed: headers[i] });
  }
  if (direction === 'send') return steps;
  // Receiver: the whole frame first, then each header peeled from the outside.
  return steps
    .slice()
    .reverse()
    .map((step, i, all) => ({ blocks: step.blocks, changed: i === 0 ? null : all[i - 1].blocks[0] }));
}

export function totalLength(blocks: EncapsulationBlock[]): number {
  return blocks.reduce((sum, b) => sum + b.length, 0);
}
