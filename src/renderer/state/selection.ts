/**
 * What the user has selected, shared by every view: the packet (frame number) and the TCP
 * connection (stream). Selecting a segment in the timeline selects its packet in the packet list
 * and the Layers view; selecting a packet there selects its connection in the timeline.
 */
import { useSyncExternalStore } from 'react';

export interface Selection {
  /** 1-based frame number, or null. */
  packet: number | null;
  /** tcp.stream, or null. */
  stream: number | null;
  /** Bumped when the session is reset so views drop stale selections. */
  sessionEpoch: number;
}

type Listener = () => void;

let current: Selection = { packet: null, stream: null, sessionEpoch: 0 };
const listeners = new Set<Listener>();

function emit(next: Selection): void {
  current = next;
  for (const listener of listeners) listener();
}

export const selectionStore = {
  get: (): Selection => current,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  selectPacket(packet: number | null, stream?: number | null): void {
    emit({ ...current, packet, stream: stream === undefined ? current.stream : stream });
  },
  selectStream(stream: number | null): void {
    emit({ ...current, stream });
  },
  /** The session was cleared or replaced. */
  reset(): void {
    emit({ packet: null, stream: null, sessionEpoch: current.sessionEpoch + 1 });
  },
};

export function useSelection(): Selection {
  return useSyncExternalStore(selectionStore.subscribe, selectionStore.get, selectionStore.get);
}
