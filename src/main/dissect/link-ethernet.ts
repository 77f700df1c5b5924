/** Ethernet II with any number of 802.1Q / 802.1ad (0x88a8) / 0x9100 VLAN tags in front of the EtherType. */
import { formatMac, hexNumber, u16 } from './bytes';
import { dataNode, macField, protoNode, uintField, bitField, withDisplay } from './fields';
import { dissectByEtherType, EtherType, etherTypeName } from './ethertype';
import { addLayer, addNote, fits, type DissectState } from './state';

/** More tags than this is not a real frame; stop rather than loop over garbage. */
const MAX_VLAN_TAGS = 8;

function isVlanTag(type: number): boolean {
  return type === EtherType.VLAN || type === EtherType.QINQ || type === EtherType.QINQ_OLD;
}

function typeField(st: DissectState, id: string, offset: number) {
  const n = uintField(st, id, offset, 2, 4);
  const name = typeof n.value === 'number' ? etherTypeName(n.value) : undefined;
  if (name && typeof n.value === 'number') withDisplay(n, `${name} (${hexNumber(n.value, 4)})`);
  return n;
}

export function dissectEthernet(st: DissectState, offset: number): void {
  const eth = protoNode('eth', offset, 14, [
    macField(st, 'eth.dst', offset),
    macField(st, 'eth.src', offset + 6),
    typeField(st, 'eth.type', offset + 12),
  ]);
  st.tree.push(eth);
  if (fits(st, offset, 12)) {
    st.columns.source = formatMac(st.frame, offset + 6);
    st.columns.destination = formatMac(st.frame, offset);
    st.columns.protocol = 'Ethernet';
  }
  if (!fits(st, offset + 12, 2)) {
    eth.truncated = true;
    addLayer(st, 'link', 'eth', offset, Math.max(0, st.captured - offset));
    addNote(st, 'netlab.note.truncatedLink', 'The frame ends inside the Ethernet header.');
    return;
  }
  let type = u16(st.frame, offset + 12);
  let pos = offset + 14;
  if (type <= 1500) {
    // An IEEE 802.3 length field, not an EtherType: the payload is LLC, which we do not decode.
    eth.children![2] = uintField(st, 'eth.len', offset + 12, 2);
    addLayer(st, 'link', 'eth', offset, 14);
    addNote(st, 'netlab.note.llc', 'IEEE 802.3 frame with an LLC payload: shown as raw bytes.');
    if (st.captured > pos) st.tree.push(dataNode(st, pos, st.captured - pos));
    return;
  }
  let tags = 0;
  while (isVlanTag(type) && tags < MAX_VLAN_TAGS) {
    const id = type === EtherType.QINQ ? 'ieee8021ad' : 'vlan';
    const tag = protoNode(id, pos, 4, [
      bitField(st, `${id}.priority`, pos, 2, 0xe000),
      bitField(st, `${id}.dei`, pos, 2, 0x1000),
      bitField(st, `${id}.id`, pos, 2, 0x0fff),
      typeField(st, id === 'vlan' ? 'vlan.etype' : 'ieee8021ad.etype', pos + 2),
    ]);
    st.tree.push(tag);
    tags++;
    if (!fits(st, pos, 4)) {
      tag.truncated = true;
      addLayer(st, 'link', 'eth', offset, Math.max(0, st.captured - offset));
      return;
    }
    type = u16(st.frame, pos + 2);
    pos += 4;
  }
  addLayer(st, 'link', 'eth', offset, pos - offset);
  dissectByEtherType(st, type, pos, st.captured);
}
