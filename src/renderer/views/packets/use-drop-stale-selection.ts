/**
 * When the session is replaced (a new capture, a cleared session, a new file), a selected frame
 * number would point at a different packet or at nothing: drop it. The reset at the end of an
 * import keeps the packets, so a selection within them stays.
 */
import { useEvent } from '../../api/api-context';
import { selectionStore } from '../../state/selection';

export function useDropStaleSelection(): void {
  useEvent('session.reset', (infos) => {
    const info = infos[infos.length - 1];
    const selected = selectionStore.get().packet;
    if (info && selected !== null && selected > info.packetCount) selectionStore.reset();
  });
}
