/**
 * One running capture agent seen from the main process: spawns it, frames commands onto its stdin,
 * reads replies, events and frame batches from its fd 3, and reports how it ended. Frame batches are
 * handed over as soon as they are read, so a crash loses nothing that reached the pipe.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import {
  decodeFrameBatch,
  encodeJsonMessage,
  MessageKind,
  MessageReader,
  type AgentCommand,
  type AgentError,
  type AgentEvent,
  type AgentMessage,
  type DecodedBatch,
} from '../agent/protocol';
import type { AgentLaunch } from './agent-launcher';

/** A command failed in the agent, or the agent went away before replying. */
export class AgentCommandError extends Error {
  constructor(readonly agentError: AgentError) {
    super(agentError.detail);
    this.name = 'AgentCommandError';
  }
}

export interface AgentExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when we asked it to leave (shutdown / stdin closed). */
  expected: boolean;
  /** The end of its stderr, for the crash report. */
  stderr: string;
}

export interface AgentConnectionHandlers {
  onBatch?(batch: DecodedBatch): void;
  onEvent?(event: AgentEvent): void;
  onExit?(exit: AgentExit): void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type CommandWithoutId = DistributiveOmit<AgentCommand, 'id'>;

const STDERR_TAIL_BYTES = 4096;

export class AgentConnection {
  private readonly child: ChildProcess;
  private readonly input: Writable;
  private readonly reader = new MessageReader();
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private stderrTail = '';
  private leaving = false;
  private ended: AgentExit | null = null;
  readonly exited: Promise<AgentExit>;

  constructor(
    launch: AgentLaunch,
    private readonly handlers: AgentConnectionHandlers = {},
  ) {
    this.child = spawn(launch.command, launch.args, {
      env: launch.env,
      cwd: launch.cwd,
      stdio: ['pipe', 'inherit', 'pipe', 'pipe'],
    });
    this.input = this.child.stdin as Writable;
    // A write to an agent that already died must not become an uncaught EPIPE in the app.
    this.input.on('error', () => undefined);
    const output = this.child.stdio[3] as Readable;
    output.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
    });
    this.exited = new Promise((resolve) => {
      // 'close' (not 'exit'): it comes after every pipe is drained, so all batches were delivered.
      this.child.on('close', (code, signal) => resolve(this.finish({ code, signal })));
      this.child.on('error', (error) => {
        this.stderrTail += `\n${error.message}`;
        if (this.child.pid === undefined) resolve(this.finish({ code: null, signal: null }));
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return this.ended === null;
  }

  request<T>(command: CommandWithoutId): Promise<T> {
    if (this.ended) {
      return Promise.reject(
        new AgentCommandError({ code: 'pcap-failed', detail: 'the capture agent is not running' }),
      );
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (value) => resolve(value as T), reject });
      this.input.write(encodeJsonMessage({ ...command, id } as AgentCommand));
    });
  }

  /** Asks the agent to stop and leave; it flushes its last batch first. */
  async shutdown(): Promise<AgentExit> {
    if (!this.ended && !this.leaving) {
      this.leaving = true;
      this.request({ type: 'shutdown' }).catch(() => undefined);
      this.input.end();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      timer.unref();
      void this.exited.then(() => clearTimeout(timer));
    }
    return this.exited;
  }

  /** Only for tests and emergencies. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.child.kill(signal);
  }

  private onData(chunk: Buffer): void {
    let messages;
    try {
      messages = this.reader.push(chunk);
    } catch (error) {
      this.stderrTail += `\n${error instanceof Error ? error.message : String(error)}`;
      this.child.kill('SIGKILL');
      return;
    }
    for (const message of messages) {
      if (message.kind === MessageKind.FRAME_BATCH)
        this.handlers.onBatch?.(decodeFrameBatch(message.payload));
      else this.onMessage(message.json as AgentMessage);
    }
  }

  private onMessage(message: AgentMessage): void {
    if (message.type !== 'reply') {
      this.handlers.onEvent?.(message);
      return;
    }
    const waiter = this.pending.get(message.id);
    if (!waiter) return;
    this.pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new AgentCommandError(message.error));
  }

  private finish(exit: { code: number | null; signal: NodeJS.Signals | null }): AgentExit {
    if (this.ended) return this.ended;
    const how = exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code}`;
    const ended: AgentExit = { ...exit, expected: this.leaving, stderr: this.stderrTail };
    this.ended = ended;
    for (const waiter of this.pending.values()) {
      waiter.reject(
        new AgentCommandError({
          code: 'pcap-failed',
          detail: `the capture agent ${how}. ${this.stderrTail}`.trim(),
        }),
      );
    }
    this.pending.clear();
    this.handlers.onExit?.(ended);
    return ended;
  }
}
