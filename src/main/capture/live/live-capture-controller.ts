/**
 * Live capture as the main process sees it: one capture agent per capture, one short-lived "probe"
 * agent per interface listing or filter check. Frames are forwarded to `onFrames` batch by batch as
 * they arrive; counters are kept here; a crash or a libpcap failure becomes a CaptureProblem event and
 * never an exception in the app.
 */
import type {
  CaptureCounters,
  CaptureProblem,
  FilterValidation,
  InterfaceList,
} from '../../../shared/api/capture';
import type { RawFrame } from '../../../shared/model/packet';
import type { AgentCounters, AgentEvent, PcapDevice, StartParams } from '../agent/protocol';
import {
  AgentCommandError,
  AgentConnection,
  type AgentExit,
  type CommandWithoutId,
} from './agent-connection';
import { buildAgentLaunch, type AgentLaunch, type AgentLaunchOptions } from './agent-launcher';
import { crashProblem, problemFromAgentError, type ProblemContext } from './capture-problems';
import { mergeInterfaces, pickDefaultInterface, readOsView, type OsView } from './interfaces';

export type FrameSink = (frames: RawFrame[], linkType: number) => void;

export interface LiveCounters extends CaptureCounters {
  /** Messages received from the agent that carried frames (batching: far fewer than packets). */
  batches: number;
  /** Packets the agent read from libpcap (after stop: equals `packets` when nothing was lost in between). */
  capturedByAgent: number;
}

export interface LiveCaptureCallbacks {
  onFrames: FrameSink;
  onCounters?(counters: LiveCounters): void;
  /** The running capture ended by itself: agent crash or libpcap failure. */
  onFailure?(problem: CaptureProblem, counters: LiveCounters): void;
}

export interface LiveCaptureOptions {
  launch?: AgentLaunchOptions;
  /** Injected OS view for interface tests. */
  osView?: () => OsView;
  probeTimeoutMs?: number;
}

/** A capture could not start; `problem` says why and what to do. */
export class CaptureError extends Error {
  constructor(readonly problem: CaptureProblem) {
    super(problem.message);
    this.name = 'CaptureError';
  }
}

function emptyCounters(): LiveCounters {
  return {
    packets: 0,
    bytes: 0,
    droppedByAgent: 0,
    droppedByKernel: null,
    droppedByInterface: null,
    batches: 0,
    capturedByAgent: 0,
  };
}

export class LiveCaptureController {
  private agent: AgentConnection | null = null;
  private live: LiveCounters = emptyCounters();
  private stopping = false;
  private launchCache: AgentLaunch | null = null;

  constructor(
    private readonly callbacks: LiveCaptureCallbacks,
    private readonly options: LiveCaptureOptions = {},
  ) {}

  get running(): boolean {
    return this.agent !== null;
  }

  /** The running capture agent's process id (for diagnostics and tests). */
  get agentPid(): number | undefined {
    return this.agent?.pid;
  }

  counters(): LiveCounters {
    return { ...this.live };
  }

  private launch(): AgentLaunch {
    this.launchCache ??= buildAgentLaunch(this.options.launch);
    return this.launchCache;
  }

  private context(extra: Partial<ProblemContext> = {}): ProblemContext {
    return { runtimeBinary: this.launch().runtimeBinary, ...extra };
  }

  private toCaptureError(error: unknown, ctx: ProblemContext): CaptureError {
    if (error instanceof CaptureError) return error;
    if (error instanceof AgentCommandError)
      return new CaptureError(problemFromAgentError(error.agentError, ctx));
    const detail = error instanceof Error ? error.message : String(error);
    return new CaptureError(problemFromAgentError({ code: 'cap-unavailable', detail }, ctx));
  }

  /** Runs one command in a fresh agent that leaves right after. */
  private async probe<T>(command: CommandWithoutId): Promise<T> {
    const agent = new AgentConnection(this.launch());
    const timeoutMs = this.options.probeTimeoutMs ?? 20_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new AgentCommandError({ code: 'pcap-failed', detail: `no answer within ${timeoutMs} ms` })),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([agent.request<T>(command), timeout]);
    } finally {
      clearTimeout(timer);
      void agent.shutdown();
    }
  }

  async listInterfaces(): Promise<InterfaceList> {
    const os = (this.options.osView ?? readOsView)();
    try {
      const devices = await this.probe<PcapDevice[]>({ type: 'list-interfaces' });
      const interfaces = mergeInterfaces(devices, os);
      return { interfaces, defaultInterface: pickDefaultInterface(interfaces), captureAvailable: true };
    } catch (error) {
      // Capture is unavailable, but the app still shows the OS's interfaces (and keeps working for files).
      const interfaces = mergeInterfaces([], os);
      return {
        interfaces,
        defaultInterface: pickDefaultInterface(interfaces),
        captureAvailable: false,
        problem: this.toCaptureError(error, this.context()).problem,
      };
    }
  }

  async validateFilter(iface: string, filter: string): Promise<FilterValidation> {
    try {
      const result = await this.probe<{ linkType: number }>({
        type: 'validate-filter',
        interface: iface,
        filter,
      });
      return { valid: true, linkType: result.linkType };
    } catch (error) {
      const { problem } = this.toCaptureError(error, this.context({ interface: iface, filter }));
      return { valid: false, problem, ...(problem.params.hint ? { hint: problem.params.hint } : {}) };
    }
  }

  /** Starts a capture; rejects with CaptureError (bad filter, no rights...) before anything runs. */
  async start(params: StartParams): Promise<{ linkType: number }> {
    const ctx = this.context({ interface: params.interface, filter: params.filter });
    if (this.agent)
      throw new CaptureError(problemFromAgentError({ code: 'already-running', detail: '' }, ctx));
    this.live = emptyCounters();
    this.stopping = false;
    const agent = new AgentConnection(this.launch(), {
      onBatch: (batch) => this.onBatch(batch.linkType, batch.frames),
      onEvent: (event) => this.onAgentEvent(event, ctx),
      onExit: (exit) => this.onAgentExit(agent, exit, params.interface),
    });
    this.agent = agent;
    try {
      return await agent.request<{ linkType: number }>({ type: 'start', params });
    } catch (error) {
      this.agent = null;
      void agent.shutdown();
      throw this.toCaptureError(error, ctx);
    }
  }

  /** Stops the capture: the agent flushes its last batch before it answers, so nothing is lost. */
  async stop(): Promise<LiveCounters> {
    const agent = this.agent;
    if (!agent) return this.counters();
    this.stopping = true;
    try {
      const counters = await agent.request<AgentCounters | null>({ type: 'stop' });
      if (counters) this.applyAgentCounters(counters);
    } catch {
      // The agent died while stopping: what it sent before is already forwarded.
    }
    await agent.shutdown();
    this.agent = null;
    return this.counters();
  }

  private onBatch(
    linkType: number,
    frames: { timestampNs: bigint; originalLength: number; data: Buffer }[],
  ): void {
    const raw: RawFrame[] = new Array(frames.length);
    let bytes = 0;
    for (let i = 0; i < frames.length; i++) {
      const f = frames[i];
      bytes += f.originalLength;
      raw[i] = { timestampNs: f.timestampNs, originalLength: f.originalLength, data: f.data, interfaceId: 0 };
    }
    this.live.packets += raw.length;
    this.live.bytes += bytes;
    this.live.batches++;
    this.callbacks.onFrames(raw, linkType);
  }

  private applyAgentCounters(counters: AgentCounters): void {
    this.live.capturedByAgent = counters.packets;
    this.live.droppedByAgent = counters.droppedByAgent;
    this.live.droppedByKernel = counters.droppedByKernel;
    this.live.droppedByInterface = counters.droppedByInterface;
  }

  private onAgentEvent(event: AgentEvent, ctx: ProblemContext): void {
    if (event.type === 'stats' || event.type === 'stopped') {
      this.applyAgentCounters(event.counters);
      this.callbacks.onCounters?.(this.counters());
    } else if (event.type === 'capture-error') {
      // The agent already stopped libpcap; let it go so a new capture can start.
      this.applyAgentCounters(event.counters);
      const agent = this.agent;
      this.stopping = true;
      this.agent = null;
      void agent?.shutdown();
      this.callbacks.onFailure?.(problemFromAgentError(event.error, ctx), this.counters());
    }
  }

  private onAgentExit(agent: AgentConnection, exit: AgentExit, iface: string): void {
    if (this.agent !== agent) return;
    this.agent = null;
    if (exit.expected || this.stopping) return;
    this.callbacks.onFailure?.(crashProblem(exit, iface), this.counters());
  }
}
