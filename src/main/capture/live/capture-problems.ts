/**
 * Turns agent errors into one clear message per cause and platform: what happened and exactly what
 * to do. English text here; the renderer shows the `capture` i18n key with the same params.
 */
import { realpathSync } from 'node:fs';
import type { CaptureProblem, CaptureProblemCode } from '../../../shared/api/capture';
import type { AgentError } from '../agent/protocol';
import { explainFilterError } from './bpf-hints';

export interface ProblemContext {
  interface?: string;
  filter?: string;
  /** The binary that runs the agent (node or electron); it is what needs capture rights. */
  runtimeBinary: string;
  platform?: NodeJS.Platform;
}

function realBinary(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function problem(
  code: CaptureProblemCode,
  key: string,
  message: string,
  params: Record<string, string>,
  extra: Partial<CaptureProblem> = {},
): CaptureProblem {
  return { code, i18nKey: `problems.${key}`, message, params, ...extra };
}

export function permissionProblem(error: AgentError, ctx: ProblemContext): CaptureProblem {
  const platform = ctx.platform ?? process.platform;
  const iface = ctx.interface ?? '';
  const params: Record<string, string> = { interface: iface, detail: error.detail };
  const files = 'Opening and analysing capture files works without these rights.';
  if (platform === 'darwin') {
    const fix = 'sudo dseditgroup -o edit -a "$USER" -t user access_bpf';
    return problem(
      'permission-denied',
      'permissionMac',
      `NetLab may not capture on "${iface}": it cannot open the /dev/bpf* devices (${error.detail}). ` +
        `Install ChmodBPF (it comes with Wireshark; it gives the access_bpf group read/write access to /dev/bpf*), ` +
        `add yourself to that group with: ${fix} — then log out and back in. ${files}`,
      { ...params, command: fix },
      { detail: error.detail, fixCommand: fix },
    );
  }
  if (platform === 'win32') {
    return problem(
      'permission-denied',
      'permissionWindows',
      `NetLab may not capture on "${iface}" (${error.detail}). Install Npcap from npcap.com (leave ` +
        `"Restrict Npcap driver's access to Administrators only" unticked), or run NetLab as Administrator. ${files}`,
      params,
      { detail: error.detail },
    );
  }
  const binary = realBinary(ctx.runtimeBinary);
  const fix = `sudo setcap cap_net_raw,cap_net_admin=eip "$(readlink -f ${binary})"`;
  return problem(
    'permission-denied',
    'permissionLinux',
    `NetLab may not capture on "${iface}": the capture agent has no capture rights (libpcap: ${error.detail}). ` +
      `Give them to the program that runs the agent, ${binary}, with: ${fix} — then start the capture again ` +
      `(note: every script run by that binary gets the rights; prefer a copy of it used only by NetLab). ` +
      `Running the agent as root also works. ${files}`,
    { ...params, binary, command: fix },
    { detail: error.detail, fixCommand: fix },
  );
}

/** The one place that decides what a user reads for each agent error. */
export function problemFromAgentError(error: AgentError, ctx: ProblemContext): CaptureProblem {
  const iface = ctx.interface ?? '';
  switch (error.code) {
    case 'permission-denied':
      return permissionProblem(error, ctx);
    case 'bad-filter': {
      const filter = ctx.filter ?? '';
      const hint = explainFilterError(filter) ?? '';
      return problem(
        'bad-filter',
        'badFilter',
        `The capture filter "${filter}" is not valid (libpcap: ${error.detail}).${hint ? ` ${hint}` : ''} ` +
          `Write it in BPF syntax as for tcpdump, e.g. "tcp port 80" or "host 10.0.0.1 and udp", or leave it empty to capture everything.`,
        { filter, detail: error.detail, hint },
        { detail: error.detail },
      );
    }
    case 'no-such-device':
      return problem(
        'no-such-device',
        'noSuchDevice',
        `There is no network interface "${iface}" (${error.detail}). Reload the interface list and pick one of those shown.`,
        { interface: iface, detail: error.detail },
        { detail: error.detail },
      );
    case 'device-down':
      return problem(
        'device-down',
        'deviceDown',
        `The interface "${iface}" is down (${error.detail}). Bring it up (e.g. sudo ip link set ${iface} up) or choose another interface.`,
        { interface: iface, detail: error.detail },
        { detail: error.detail },
      );
    case 'cap-unavailable':
      return problem(
        'agent-unavailable',
        'agentUnavailable',
        `Live capture is not available: the capture module (libpcap binding "cap") could not be loaded (${error.detail}). ` +
          `Reinstall NetLab, or rebuild the module for this runtime (npm rebuild cap; for Electron: npx electron-rebuild -f -w cap). Capture files still open normally.`,
        { detail: error.detail },
        { detail: error.detail },
      );
    case 'already-running':
      return problem(
        'already-running',
        'alreadyRunning',
        'A capture is already running. Stop it before starting another.',
        {},
      );
    default:
      return problem(
        'capture-failed',
        'captureFailed',
        `The capture on "${iface}" failed (libpcap: ${error.detail}). Check the interface and try again.`,
        { interface: iface, detail: error.detail },
        { detail: error.detail },
      );
  }
}

/** cap aborts on this assertion when libpcap's descriptor reports an error (interface removed or down). */
const POLL_ERROR_ABORT = /cb_packets.*status == 0/;

export function crashProblem(
  exit: { code: number | null; signal: string | null; stderr: string },
  iface = '',
): CaptureProblem {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const detail = exit.stderr.trim().split('\n').slice(-3).join(' | ');
  if (POLL_ERROR_ABORT.test(exit.stderr)) {
    return problem(
      'capture-failed',
      'interfaceFailed',
      `The capture on "${iface}" stopped: libpcap reported an error on the interface (it was probably removed or went down). ` +
        'Packets received before that are kept. Check the interface, reload the list and start again.',
      { interface: iface, detail },
      { detail },
    );
  }
  return problem(
    'agent-crashed',
    'agentCrashed',
    `The capture agent ${how}; the capture stopped. Packets received before that are kept. Start the capture again; if it keeps happening, save the session and report the details.`,
    { how, detail },
    detail ? { detail } : {},
  );
}
