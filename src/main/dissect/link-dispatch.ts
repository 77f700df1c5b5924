/** Picks the link-layer decoder for a LINKTYPE_* value; unknown types become one raw-bytes node. */
import { LinkType } from '../../shared/model/packet';
import { dataNode } from './fields';
import { dissectEthernet } from './link-ethernet';
import { dissectNullLoop, dissectRawIp, dissectSll, dissectSll2 } from './link-other';
import { addLayer, addNote, type DissectState } from './state';

export function dissectLink(st: DissectState, linkType: number): void {
  switch (linkType) {
    case LinkType.ETHERNET:
      return dissectEthernet(st, 0);
    case LinkType.NULL:
      return dissectNullLoop(st, 0, false);
    case LinkType.LOOP:
      return dissectNullLoop(st, 0, true);
    case LinkType.RAW:
    case LinkType.RAW_12:
    case LinkType.RAW_14:
      return dissectRawIp(st, 0);
    case LinkType.IPV4:
      return dissectRawIp(st, 0, 4);
    case LinkType.IPV6:
      return dissectRawIp(st, 0, 6);
    case LinkType.LINUX_SLL:
      return dissectSll(st, 0);
    case LinkType.LINUX_SLL2:
      return dissectSll2(st, 0);
    default: {
      addNote(st, 'netlab.note.unknownLinkType', `unknown link type ${linkType}: shown as raw bytes`);
      addLayer(st, 'link', 'data', 0, st.captured);
      st.columns.protocol = `LINKTYPE ${linkType}`;
      st.tree.push(dataNode(st, 0, st.captured));
    }
  }
}
