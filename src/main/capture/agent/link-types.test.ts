import { describe, expect, it } from 'vitest';
import { LinkType } from '../../../shared/model/packet';
import { linkTypeFromCap } from './link-types';

describe("cap's link type names", () => {
  it.each([
    ['ETHERNET', LinkType.ETHERNET],
    ['LINKTYPE_LINUX_SLL', LinkType.LINUX_SLL],
    ['RAW', LinkType.RAW],
    ['NULL', LinkType.NULL],
    ['Unknown linktype 239', 239],
    ['Unknown linktype 276', LinkType.LINUX_SLL2],
    ['Unknown linktype 14', LinkType.RAW],
  ])('%s becomes LINKTYPE %i', (name, expected) => {
    expect(linkTypeFromCap(name)).toBe(expected);
  });
});
