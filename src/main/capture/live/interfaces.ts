/**
 * The interface list: libpcap's devices (the names capture needs) merged with the OS view
 * (os.networkInterfaces for addresses, /sys/class/net flags for up/running on Linux). `cap` keeps
 * only libpcap's loopback flag, so up/running come from the OS.
 */
import { readFileSync } from 'node:fs';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { CaptureInterface, CaptureInterfaceAddress } from '../../../shared/api/capture';
import type { PcapDevice } from '../agent/protocol';

const IFF_UP = 0x1;
const IFF_LOOPBACK = 0x8;

export interface OsView {
  addresses: Record<string, NetworkInterfaceInfo[] | undefined>;
  /** Kernel link state by name (Linux), or null where the OS does not expose it. */
  linkOf(name: string): KernelLink | null;
}

export interface KernelLink {
  /** dev->flags (IFF_UP, IFF_LOOPBACK...); sysfs leaves IFF_RUNNING out of it. */
  flags: number;
  /** RFC 2863 state: 'up', 'down', 'unknown' (loopback and many virtual links), ... */
  operstate: string;
}

function linuxLink(name: string): KernelLink | null {
  if (process.platform !== 'linux' || !/^[\w.:@-]+$/.test(name)) return null;
  try {
    const flags = Number.parseInt(readFileSync(`/sys/class/net/${name}/flags`, 'utf8').trim(), 16);
    const operstate = readFileSync(`/sys/class/net/${name}/operstate`, 'utf8').trim();
    return { flags, operstate };
  } catch {
    return null;
  }
}

export function readOsView(): OsView {
  return { addresses: networkInterfaces(), linkOf: linuxLink };
}

function familyOf(address: string): 'IPv4' | 'IPv6' {
  return address.includes(':') ? 'IPv6' : 'IPv4';
}

function mergeAddresses(
  device: PcapDevice | undefined,
  os: NetworkInterfaceInfo[],
): CaptureInterfaceAddress[] {
  const out: CaptureInterfaceAddress[] = [];
  const seen = new Set<string>();
  for (const a of device?.addresses ?? []) {
    if (!a.addr || seen.has(a.addr)) continue;
    seen.add(a.addr);
    out.push({ family: familyOf(a.addr), address: a.addr, ...(a.netmask ? { netmask: a.netmask } : {}) });
  }
  for (const a of os) {
    if (seen.has(a.address)) continue;
    seen.add(a.address);
    out.push({ family: a.family, address: a.address, netmask: a.netmask });
  }
  return out;
}

function describe(device: PcapDevice | undefined, name: string, os: OsView): CaptureInterface {
  const osAddresses = os.addresses[name] ?? [];
  const link = os.linkOf(name);
  const known = link !== null || osAddresses.length > 0;
  const loopback =
    Boolean(device?.loopback) ||
    (link !== null && (link.flags & IFF_LOOPBACK) !== 0) ||
    osAddresses.some((a) => a.internal);
  // Without kernel state (macOS, Windows) an interface with an address is taken as up and running.
  const up = link !== null ? (link.flags & IFF_UP) !== 0 : osAddresses.length > 0;
  const running = link !== null ? up && (link.operstate === 'up' || link.operstate === 'unknown') : up;
  return {
    name,
    ...(device?.description ? { description: device.description } : {}),
    addresses: mergeAddresses(device, osAddresses),
    up,
    running,
    loopback,
    // libpcap's extra devices (any, nflog, dbus-system, ...) have no kernel interface behind them.
    pseudo: device !== undefined && !known && process.platform === 'linux',
  };
}

/** libpcap's devices first (in its order), then OS interfaces libpcap did not list. */
export function mergeInterfaces(devices: PcapDevice[], os: OsView): CaptureInterface[] {
  const result = devices.map((device) => describe(device, device.name, os));
  const listed = new Set(devices.map((d) => d.name));
  for (const name of Object.keys(os.addresses)) {
    if (!listed.has(name)) result.push(describe(undefined, name, os));
  }
  return result;
}

/** First up, non-loopback, real interface with an address; else the loopback; else the first. */
export function pickDefaultInterface(interfaces: CaptureInterface[]): string | null {
  const usable = interfaces.find((i) => i.up && !i.loopback && !i.pseudo && i.addresses.length > 0);
  if (usable) return usable.name;
  const loopback = interfaces.find((i) => i.loopback);
  return loopback?.name ?? interfaces[0]?.name ?? null;
}
