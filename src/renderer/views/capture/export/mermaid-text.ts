/**
 * A connection's ladder as Mermaid sequence-diagram text: one arrow per segment
 * (`Client->>Server: SYN seq=0 len=0 MSS=65495`), a note wherever an endpoint's state changes
 * (inferred states marked), and notes for the analysis flags. Built by hand so the text is the
 * same in every language-neutral export and can be pasted into any Mermaid renderer.
 */
import type { TcpSegmentRow } from '../../../../shared/api/tcp';
import type { TcpConnectionSummary, TcpEndpointStateView, TcpRole } from '../../../../shared/model/tcp';
import { segmentLabel } from '../ladder/segment-label';

const PARTICIPANT: Record<TcpRole, string> = { client: 'Client', server: 'Server' };

/** Mermaid treats ';' as a statement end and '#' as an entity start in messages. */
function sanitize(text: string): string {
  return text.replace(/[;#]/g, ' ').replace(/[\r\n]+/g, ' ');
}

function endpoint(address: TcpConnectionSummary['client']): string {
  return address.addr.includes(':') ? `[${address.addr}]:${address.port}` : `${address.addr}:${address.port}`;
}

function stateText(view: TcpEndpointStateView): string {
  return view.certainty === 'inferred' ? `${view.state} (inferred)` : view.state;
}

export interface MermaidOptions {
  /** Stop after this many segments (a renderer chokes on thousands); a note says how many were left out. */
  maxSegments?: number;
}

export function buildMermaidSequence(
  connection: Pick<TcpConnectionSummary, 'client' | 'server' | 'stream'>,
  segments: readonly TcpSegmentRow[],
  options: MermaidOptions = {},
): string {
  const lines = [
    'sequenceDiagram',
    `  participant Client as Client ${sanitize(endpoint(connection.client))}`,
    `  participant Server as Server ${sanitize(endpoint(connection.server))}`,
  ];
  const shown = segments.slice(0, options.maxSegments ?? segments.length);
  let previous: Record<TcpRole, string> | null = null;
  for (const segment of shown) {
    const from = PARTICIPANT[segment.from];
    const to = PARTICIPANT[segment.from === 'client' ? 'server' : 'client'];
    const marks = segment.analysis.length ? ` [${segment.analysis.join(', ')}]` : '';
    const dup = segment.duplicateAckNum ? ` dup ${segment.duplicateAckNum}` : '';
    lines.push(`  ${from}->>${to}: ${sanitize(segmentLabel(segment) + marks + dup)}`);
    const now = { client: stateText(segment.states.client), server: stateText(segment.states.server) };
    for (const role of ['client', 'server'] as const) {
      if (!previous || previous[role] !== now[role])
        lines.push(`  Note over ${PARTICIPANT[role]}: ${now[role]}`);
    }
    previous = now;
  }
  if (shown.length < segments.length) {
    lines.push(`  Note over Client,Server: ${segments.length - shown.length} more segments not shown`);
  }
  return `${lines.join('\n')}\n`;
}
