/**
 * Sorts libpcap's error text into causes. libpcap only gives strings, and they differ per platform
 * (Linux: "socket: Operation not permitted"; macOS: "/dev/bpf0: Permission denied"; Windows/Npcap:
 * "Error opening adapter" or a missing packet.dll), so the patterns cover all three.
 */
import type { AgentError, AgentErrorCode } from './protocol';

const PERMISSION =
  /operation not permitted|permission denied|don't have permission|not have permission|eperm|eacces|access is denied/i;
const NO_DEVICE = /no such device|doesn't exist|does not exist|no interfaces found|error opening adapter/i;
const DEVICE_DOWN = /not up|network is down/i;

/** An error raised while opening the device (pcap_create/pcap_activate), before any filter. */
export function classifyOpenError(detail: string): AgentError {
  let code: AgentErrorCode = 'pcap-failed';
  if (PERMISSION.test(detail)) code = 'permission-denied';
  else if (NO_DEVICE.test(detail)) code = 'no-such-device';
  else if (DEVICE_DOWN.test(detail)) code = 'device-down';
  return { code, detail };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
