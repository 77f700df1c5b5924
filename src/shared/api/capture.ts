/** Live capture: interfaces, BPF filter validation, start/stop and live counters. */
import { z } from 'zod';
import { event, method } from './define';

export interface CaptureInterfaceAddress {
  family: 'IPv4' | 'IPv6';
  address: string;
  netmask?: string;
}

export interface CaptureInterface {
  name: string;
  description?: string;
  addresses: CaptureInterfaceAddress[];
  up: boolean;
  running: boolean;
  loopback: boolean;
  /** Not a real NIC: 'any', nflog, nfqueue, dbus-*, bluetooth-monitor, usbmon... */
  pseudo: boolean;
}

/** Why a capture could not start or stopped. Codes are for code, `message` for people (English). */
export type CaptureProblemCode =
  | 'permission-denied'
  | 'bad-filter'
  | 'no-such-device'
  | 'device-down'
  | 'agent-crashed'
  | 'agent-unavailable'
  | 'capture-failed'
  | 'already-running';

export interface CaptureProblem {
  code: CaptureProblemCode;
  /** What happened and what to do, in English. */
  message: string;
  /** Key in the `capture` i18n namespace and its interpolation values, for the translated text. */
  i18nKey: string;
  params: Record<string, string>;
  /** libpcap's (or the OS's) own words, for the details pane. */
  detail?: string;
  /** Shell command that fixes it, when there is one (e.g. setcap on Linux). */
  fixCommand?: string;
}

export interface InterfaceList {
  interfaces: CaptureInterface[];
  /** First up, non-loopback interface with an address; else loopback. */
  defaultInterface: string | null;
  /** False when the capture agent could not list devices (names then come from the OS alone). */
  captureAvailable: boolean;
  problem?: CaptureProblem;
}

export type FilterValidation =
  { valid: true; linkType: number } | { valid: false; problem: CaptureProblem; hint?: string };

export interface CaptureCounters {
  packets: number;
  bytes: number;
  /** Packets NetLab's agent discarded because the app could not keep up. */
  droppedByAgent: number;
  /** libpcap's kernel drops; null: not available with the current capture binding (see README). */
  droppedByKernel: number | null;
  /** Drops counted by the interface since the start (Linux), null when unknown. */
  droppedByInterface: number | null;
}

export type CaptureState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'error';

export interface CaptureStatus {
  state: CaptureState;
  interface?: string;
  filter?: string;
  /** LINKTYPE_* of the frames. */
  linkType?: number;
  /** Milliseconds since the Unix epoch. */
  startedAt?: number;
  stoppedAt?: number;
  counters: CaptureCounters;
  /** Set with state 'error' (and kept after a crash so the UI can still show it). */
  problem?: CaptureProblem;
  /** Settings the binding could not honour, e.g. promiscuous off (cap always enables it). */
  notes: string[];
}

const interfaceName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w.:@\-{}\\ ]+$/, 'interface names are letters, digits and . : @ - _ { } \\ only');
const filter = z.string().max(4096);

export const captureMethods = {
  'capture.interfaces': method<InterfaceList>()(z.object({}).strict()),
  'capture.validateFilter': method<FilterValidation>()(
    z.object({ interface: interfaceName, filter }).strict(),
  ),
  'capture.start': method<CaptureStatus>()(
    z
      .object({
        interface: interfaceName,
        filter: filter.default(''),
        snaplen: z.number().int().min(0).max(262144).default(0),
        promiscuous: z.boolean().default(true),
        bufferSize: z
          .number()
          .int()
          .min(64 * 1024)
          .max(1024 * 1024 * 1024)
          .default(64 * 1024 * 1024),
      })
      .strict(),
  ),
  'capture.stop': method<CaptureStatus>()(z.object({}).strict()),
  'capture.status': method<CaptureStatus>()(z.object({}).strict()),
};

export const captureEvents = {
  /** running/stopped/error with counters, a few per second at most. */
  'capture.status': event<CaptureStatus>(),
  'capture.error': event<CaptureProblem>(),
};
