import { describe, expect, it } from 'vitest';
import type { LayerBoundary } from '../../../shared/model/packet';
import { encapsulationSteps, totalLength } from './encapsulation';
import { osiRows } from './osi-mapping';
import { SYN_LAYERS } from './test-packet.test-support';

const withApp = (protocol: string, length: number): LayerBoundary[] => [
  ...SYN_LAYERS.slice(0, 2),
  { layer: 'transport', protocol: 'tcp', offset: 34, length: 20 },
  { layer: 'application', protocol, offset: 54, length },
];

const summary = (layers: LayerBoundary[]) =>
  osiRows(layers).map((r) => `${r.osi}:${r.boundaries.map((b) => b.protocol).join('+') || r.note}`);

describe('OSI mapping', () => {
  it('maps plain HTTP to layer 7, doing the session and presentation jobs itself', () => {
    expect(summary(withApp('http', 627))).toEqual([
      '7:http',
      '6:byApplication',
      '5:byApplication',
      '4:tcp',
      '3:ip',
      '2:eth',
      '1:notCaptured',
    ]);
  });

  it('lets TLS span presentation and session, its HTTP encrypted', () => {
    const rows = osiRows(withApp('tls', 300));
    expect(rows.map((r) => `${r.osi}:${r.boundaries.map((b) => b.protocol).join('+')}:${r.note}`)).toEqual([
      '7::encrypted',
      '6:tls:spanned',
      '5:tls:spanned',
      '4:tcp:null',
      '3:ip:null',
      '2:eth:null',
      '1::notCaptured',
    ]);
  });

  it('says a bare SYN carries no application data and has no session or presentation header', () => {
    expect(summary(SYN_LAYERS).slice(0, 3)).toEqual(['7:empty', '6:noSeparateHeader', '5:noSeparateHeader']);
  });
});

describe('encapsulation steps', () => {
  it('wraps the application data top-down at the sender', () => {
    const steps = encapsulationSteps(withApp('http', 627), 'send');
    expect(steps.map((s) => s.blocks.map((b) => b.protocol).join('|'))).toEqual([
      'payload',
      'tcp|payload',
      'ip|tcp|payload',
      'eth|ip|tcp|payload',
    ]);
    expect(steps.map((s) => s.changed?.protocol ?? null)).toEqual([null, 'tcp', 'ip', 'eth']);
    expect(totalLength(steps[3].blocks)).toBe(681);
  });

  it('peels headers bottom-up at the receiver', () => {
    const steps = encapsulationSteps(SYN_LAYERS, 'receive');
    expect(steps.map((s) => s.blocks.map((b) => b.protocol).join('|'))).toEqual([
      'eth|ip|tcp|payload',
      'ip|tcp|payload',
      'tcp|payload',
      'payload',
    ]);
    expect(steps.map((s) => s.changed?.protocol ?? null)).toEqual([null, 'eth', 'ip', 'tcp']);
    expect(steps[3].blocks[0].length).toBe(0);
  });
});
