import { describe, expect, it } from 'vitest';
import type { PcapDevice } from '../agent/protocol';
import { mergeInterfaces, pickDefaultInterface, type OsView } from './interfaces';
import { LiveCaptureController } from './live-capture-controller';
import { SOURCE_AGENT } from './test-support/loopback-traffic';

const devices: PcapDevice[] = [
  {
    name: 'any',
    description: 'Pseudo-device that captures on all interfaces',
    addresses: [],
    loopback: false,
  },
  { name: 'lo', addresses: [{ addr: '127.0.0.1', netmask: '255.0.0.0' }], loopback: true },
  { name: 'eth1', addresses: [], loopback: false },
  { name: 'eth0', addresses: [{ addr: '192.0.2.2', netmask: '255.255.255.0' }], loopback: false },
];

const os: OsView = {
  addresses: {
    lo: [
      {
        address: '::1',
        netmask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
        family: 'IPv6',
        mac: '',
        internal: true,
        cidr: '::1/128',
        scopeid: 0,
      },
    ],
    eth0: [
      {
        address: '192.0.2.2',
        netmask: '255.255.255.0',
        family: 'IPv4',
        mac: '',
        internal: false,
        cidr: null,
      },
    ],
    wg0: [
      { address: '10.9.0.1', netmask: '255.255.255.0', family: 'IPv4', mac: '', internal: false, cidr: null },
    ],
  },
  linkOf: (name) =>
    ({
      lo: { flags: 0x9, operstate: 'unknown' },
      eth0: { flags: 0x1003, operstate: 'up' },
      eth1: { flags: 0x1002, operstate: 'down' },
      wg0: { flags: 0x91, operstate: 'unknown' },
    })[name] ?? null,
};

describe('the interface list', () => {
  it('merges libpcap devices with OS addresses and kernel state', () => {
    const list = mergeInterfaces(devices, os);
    const byName = Object.fromEntries(list.map((i) => [i.name, i]));
    expect(list.map((i) => i.name)).toEqual(['any', 'lo', 'eth1', 'eth0', 'wg0']);
    expect(byName.lo).toMatchObject({ loopback: true, up: true, running: true, pseudo: false });
    expect(byName.lo.addresses).toEqual([
      { family: 'IPv4', address: '127.0.0.1', netmask: '255.0.0.0' },
      { family: 'IPv6', address: '::1', netmask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff' },
    ]);
    expect(byName.eth1).toMatchObject({ up: false, running: false });
    expect(byName.eth0).toMatchObject({ up: true, running: true, loopback: false });
    expect(byName.any.pseudo).toBe(process.platform === 'linux');
  });

  it('defaults to the first up, non-loopback interface with an address, else loopback', () => {
    expect(pickDefaultInterface(mergeInterfaces(devices, os))).toBe('eth0');
    const onlyLoopback = mergeInterfaces(devices.slice(0, 3), { ...os, addresses: { lo: os.addresses.lo } });
    expect(pickDefaultInterface(onlyLoopback)).toBe('lo');
  });

  it("lists this machine's real loopback through the agent", async () => {
    const c = new LiveCaptureController({ onFrames: () => undefined }, { launch: SOURCE_AGENT });
    const list = await c.listInterfaces();
    expect(list.captureAvailable).toBe(true);
    const lo = list.interfaces.find((i) => i.name === 'lo');
    expect(lo).toMatchObject({ loopback: true, up: true });
    expect(lo?.addresses.map((a) => a.address)).toContain('127.0.0.1');
    expect(list.defaultInterface).not.toBeNull();
  });
});
