/**
 * Loads the `cap` native binding (libpcap) with types. It is loaded lazily and only in the agent, so
 * a missing or mis-built binding becomes a clear error instead of a crash of the whole app.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface CapDeviceAddress {
  addr?: string;
  netmask?: string;
  broadaddr?: string;
  dstaddr?: string;
}

export interface CapDevice {
  name: string;
  description?: string;
  addresses: CapDeviceAddress[];
  /** cap sets only 'PCAP_IF_LOOPBACK' (it drops libpcap's up/running flags). */
  flags?: string;
}

export interface CapHandle {
  /** Creates, activates and filters a libpcap handle; returns cap's link type name. Throws libpcap's text. */
  open(device: string, filter: string, bufferSize: number, buffer: Buffer): string;
  close(): boolean;
  on(event: 'packet', listener: (capturedLength: number, truncated: boolean) => void): this;
  removeAllListeners(event?: string): this;
}

export interface CapModule {
  Cap: { new (): CapHandle; deviceList(): CapDevice[] };
}

export function loadCap(): CapModule {
  // process.argv[1] is this agent's script (built .js or source .ts): resolve node_modules from it.
  const requireFromAgent = createRequire(process.argv[1] ?? join(process.cwd(), 'agent.js'));
  return requireFromAgent('cap') as CapModule;
}
