/**
 * The capture agent: a small separate process, the only NetLab code that needs capture rights (like
 * Wireshark's dumpcap). Commands arrive on stdin, everything it sends goes out on fd 3 (so a stray
 * log line on stdout can never corrupt the protocol). One agent serves one capture (or one probe:
 * list interfaces, validate a filter) and exits when stdin closes or on `shutdown`.
 */
import { Socket } from 'node:net';
import { loadCap, type CapModule } from './cap-binding';
import { errorMessage } from './pcap-errors';
import { describeOpenError, OpenFailure, PcapSession, validateFilter } from './pcap-session';
import {
  encodeJsonMessage,
  MessageKind,
  MessageReader,
  type AgentCommand,
  type AgentMessage,
  type PcapDevice,
} from './protocol';

/** Past this much unsent output the main process is not keeping up: drop batches, count them. */
const MAX_PENDING_OUTPUT_BYTES = 64 * 1024 * 1024;
const STATS_INTERVAL_MS = 250;

const out = new Socket({ fd: 3, readable: false, writable: true });
let cap: CapModule | null = null;
let capLoadError = 'not loaded';
let session: PcapSession | null = null;
let statsTimer: NodeJS.Timeout | null = null;
let exiting = false;

// Nothing may write to the protocol channel by accident; logs go to stderr.
console.log = console.error;

function send(message: AgentMessage): void {
  if (!out.destroyed) out.write(encodeJsonMessage(message));
}

function reply(id: number, result: unknown): void {
  send({ type: 'reply', id, ok: true, result });
}

function sendBatch(message: Buffer): boolean {
  if (out.destroyed || out.writableLength > MAX_PENDING_OUTPUT_BYTES) return false;
  out.write(message);
  return true;
}

function listInterfaces(capModule: CapModule): PcapDevice[] {
  return capModule.Cap.deviceList().map((device) => ({
    name: device.name,
    description: device.description,
    addresses: device.addresses,
    loopback: device.flags === 'PCAP_IF_LOOPBACK',
  }));
}

async function stopSession(): Promise<void> {
  if (statsTimer) clearInterval(statsTimer);
  statsTimer = null;
  const stopping = session;
  session = null;
  if (!stopping) return;
  const counters = await stopping.stop();
  send({ type: 'stopped', counters });
}

/** Periodic counters; also where a capture whose interface disappeared is ended with a clear error. */
async function reportStats(running: PcapSession): Promise<void> {
  if (!running.interfaceGone()) {
    send({ type: 'stats', counters: running.stats() });
    return;
  }
  await stopSession();
  send({
    type: 'capture-error',
    error: {
      code: 'no-such-device',
      detail: `the interface ${running.params.interface} was removed during the capture`,
    },
    counters: running.stats(),
  });
}

async function handle(command: AgentCommand, capModule: CapModule): Promise<void> {
  switch (command.type) {
    case 'list-interfaces':
      return reply(command.id, listInterfaces(capModule));
    case 'validate-filter':
      return reply(command.id, validateFilter(capModule, command.interface, command.filter));
    case 'start': {
      if (session) throw new OpenFailure({ code: 'already-running', detail: 'a capture is already running' });
      const started = new PcapSession(capModule, command.params, { sendBatch });
      session = started;
      send({
        type: 'started',
        linkType: started.linkType,
        linkTypeName: started.linkTypeName,
        interface: command.params.interface,
        promiscuous: true,
      });
      statsTimer = setInterval(() => void reportStats(started), STATS_INTERVAL_MS);
      return reply(command.id, { linkType: started.linkType });
    }
    case 'stop': {
      const running = session;
      await stopSession();
      return reply(command.id, running?.stats() ?? null);
    }
    case 'stats':
      return reply(command.id, session?.stats() ?? null);
    case 'shutdown':
      reply(command.id, null);
      return void shutdown(0);
  }
}

async function onCommand(command: AgentCommand): Promise<void> {
  if (!cap) {
    send({
      type: 'reply',
      id: command.id,
      ok: false,
      error: { code: 'cap-unavailable', detail: capLoadError },
    });
    return;
  }
  try {
    await handle(command, cap);
  } catch (error) {
    send({ type: 'reply', id: command.id, ok: false, error: describeOpenError(error) });
  }
}

async function shutdown(code: number): Promise<void> {
  if (exiting) return;
  exiting = true;
  await stopSession();
  // Exit only once everything queued has reached the pipe (the last batch included).
  out.end(() => process.exit(code));
  setTimeout(() => process.exit(code), 5000).unref();
}

function main(): void {
  try {
    cap = loadCap();
  } catch (error) {
    capLoadError = errorMessage(error);
    send({ type: 'fatal', error: { code: 'cap-unavailable', detail: errorMessage(error) } });
  }
  send({
    type: 'hello',
    pid: process.pid,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    execPath: process.execPath,
    runtime: process.versions.electron ? 'electron' : 'node',
    platform: process.platform,
  });
  const reader = new MessageReader();
  process.stdin.on('data', (chunk: Buffer) => {
    for (const message of reader.push(chunk)) {
      if (message.kind === MessageKind.JSON) void onCommand(message.json as AgentCommand);
    }
  });
  // The main process went away (or closed our stdin on purpose): stop and leave.
  process.stdin.on('end', () => void shutdown(0));
  out.on('error', () => void shutdown(1));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutdown(0));
}

main();
