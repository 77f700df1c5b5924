/** One ladder row: the tracker's analysis of a segment plus what the diagram draws (time, window, SYN options). */
import type { TcpSegmentRow } from '../../shared/api/tcp';
import { TcpFlag, type TcpSegmentFacts } from '../../shared/model/packet';
import type { TcpSegmentAnalysis } from '../../shared/model/tcp';
import { timestampSeconds } from '../dissect';

export function segmentRow(analysis: TcpSegmentAnalysis, facts: TcpSegmentFacts): TcpSegmentRow {
  const o = facts.options;
  return {
    ...analysis,
    time: timestampSeconds(facts.timestampNs),
    window: facts.window,
    // Only a SYN's options are drawn on its arrow: they are what the two ends negotiate.
    options:
      facts.flags & TcpFlag.SYN
        ? {
            mss: o.mss,
            windowScale: o.windowScale,
            sackPermitted: o.sackPermitted,
            tsVal: o.tsVal,
            tsEcr: o.tsEcr,
          }
        : undefined,
  };
}
