/**
 * Display-filter evaluation over a session. The matching frame numbers of the current filter are
 * cached and extended incrementally as packets arrive, so paging a filtered live capture does not
 * rescan from the start. Long scans yield to the event loop between slices.
 */
import { ApiError } from '../../shared/api/define';
import {
  compileFilter,
  NETLAB_KNOWN_FIELDS,
  packetFieldSource,
  type CompiledFilter,
} from '../../shared/filter';
import { dissectPacket } from '../dissect';
import type { PacketSession } from './packet-session';

const SLICE = 2000;

interface FilterState {
  text: string;
  filter: CompiledFilter;
  matches: number[];
  scannedUpTo: number;
  sessionEpoch: number;
}

export class SessionFilter {
  private state: FilterState | null = null;
  private epoch = 0;

  constructor(private readonly session: PacketSession) {}

  /** Forget cached results (the session was reset). */
  invalidate(): void {
    this.epoch++;
    this.state = null;
  }

  /** Frame numbers matching `text`, scanning what has not been scanned yet. */
  async matching(text: string): Promise<readonly number[]> {
    let state = this.state;
    if (!state || state.text !== text || state.sessionEpoch !== this.epoch) {
      const compiled = compileFilter(text, { knownFields: NETLAB_KNOWN_FIELDS });
      if (!compiled.ok) {
        throw new ApiError(
          'bad-input',
          `Display filter error at ${compiled.error.position}: ${compiled.error.message}`,
          compiled.error,
        );
      }
      state = { text, filter: compiled.filter, matches: [], scannedUpTo: 0, sessionEpoch: this.epoch };
      this.state = state;
    }
    const epoch = this.epoch;
    while (state.scannedUpTo < this.session.size) {
      const end = Math.min(this.session.size, state.scannedUpTo + SLICE);
      for (let n = state.scannedUpTo + 1; n <= end; n++) {
        if (matchesFrame(this.session, state.filter, n)) state.matches.push(n);
      }
      state.scannedUpTo = end;
      if (end < this.session.size) await new Promise((resolve) => setImmediate(resolve));
      if (epoch !== this.epoch)
        throw new ApiError('cancelled', 'The session changed while filtering; try again.');
    }
    return state.matches;
  }
}

export function matchesFrame(session: PacketSession, filter: CompiledFilter, number: number): boolean {
  const frame = session.frame(number);
  const packet = dissectPacket(
    frame.data,
    session.linkTypeOf(frame),
    number,
    frame.timestampNs,
    frame.originalLength,
    frame.interfaceId,
  );
  const extra = session.tcpIndex().filterValues(number);
  if (extra) packet.summary.tcpStream = extra['tcp.stream'] as number;
  return filter.matches(packetFieldSource(packet, { frame: frame.data, extra }));
}
