/**
 * The capture domain service behind the API: one live capture at a time, its status and counters,
 * status events throttled to a few per second, and the `onFrames` hook where the session store
 * plugs in.
 */
import type {
  CaptureProblem,
  CaptureStatus,
  FilterValidation,
  InterfaceList,
} from '../../../shared/api/capture';
import { ApiError, type ApiErrorCode } from '../../../shared/api/define';
import type { StartParams } from '../agent/protocol';
import {
  CaptureError,
  LiveCaptureController,
  type FrameSink,
  type LiveCaptureOptions,
  type LiveCounters,
} from './live-capture-controller';

export interface CaptureServiceOptions extends LiveCaptureOptions {
  onFrames?: FrameSink;
  publishStatus?(status: CaptureStatus): void;
  publishError?(problem: CaptureProblem): void;
  /** Minimum time between two status events while running. */
  statusIntervalMs?: number;
}

const API_CODE: Record<CaptureProblem['code'], ApiErrorCode> = {
  'permission-denied': 'permission-denied',
  'bad-filter': 'bad-input',
  'no-such-device': 'not-found',
  'device-down': 'unavailable',
  'agent-crashed': 'internal',
  'agent-unavailable': 'unavailable',
  'capture-failed': 'internal',
  'already-running': 'conflict',
};

export function apiErrorFromProblem(problem: CaptureProblem): ApiError {
  return new ApiError(API_CODE[problem.code], problem.message, problem);
}

export class CaptureService {
  private readonly controller: LiveCaptureController;
  private frameSink: FrameSink | null;
  private current: CaptureStatus = { state: 'idle', counters: toCounters(null), notes: [] };
  private lastPublished = 0;
  private publishTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: CaptureServiceOptions = {}) {
    this.frameSink = options.onFrames ?? null;
    this.controller = new LiveCaptureController(
      {
        onFrames: (frames, linkType) => {
          this.frameSink?.(frames, linkType);
          this.update();
        },
        onCounters: () => this.update(),
        onFailure: (problem, counters) => this.fail(problem, counters),
      },
      options,
    );
  }

  /** Where captured frames go (the session store). Frames arriving with no sink are counted only. */
  set onFrames(sink: FrameSink | null) {
    this.frameSink = sink;
  }

  get onFrames(): FrameSink | null {
    return this.frameSink;
  }

  interfaces(): Promise<InterfaceList> {
    return this.controller.listInterfaces();
  }

  validateFilter(iface: string, filter: string): Promise<FilterValidation> {
    return this.controller.validateFilter(iface, filter);
  }

  status(): CaptureStatus {
    return { ...this.current, counters: toCounters(this.controller.counters()) };
  }

  async start(params: StartParams): Promise<CaptureStatus> {
    if (this.controller.running || this.current.state === 'starting') {
      throw apiErrorFromProblem({
        code: 'already-running',
        message: 'A capture is already running. Stop it before starting another.',
        i18nKey: 'problems.alreadyRunning',
        params: {},
      });
    }
    const notes: string[] = [];
    if (!params.promiscuous) {
      notes.push('Promiscuous mode stays on: the capture binding (cap 0.2.1) cannot turn it off.');
    }
    this.current = {
      state: 'starting',
      interface: params.interface,
      filter: params.filter,
      // Set now, not when 'running': the first frames can be delivered before start() resolves, and
      // the session store keys a new capture on startedAt.
      startedAt: Date.now(),
      counters: toCounters(null),
      notes,
    };
    this.publishNow();
    try {
      const { linkType } = await this.controller.start(params);
      this.current = { ...this.current, state: 'running', linkType };
      this.publishNow();
      return this.status();
    } catch (error) {
      const problem = error instanceof CaptureError ? error.problem : null;
      this.current = { ...this.current, state: 'error', ...(problem ? { problem } : {}) };
      this.publishNow();
      if (problem) {
        this.options.publishError?.(problem);
        throw apiErrorFromProblem(problem);
      }
      throw error;
    }
  }

  async stop(): Promise<CaptureStatus> {
    if (!this.controller.running) return this.status();
    this.current = { ...this.current, state: 'stopping' };
    this.publishNow();
    await this.controller.stop();
    if (this.current.state === 'stopping')
      this.current = { ...this.current, state: 'stopped', stoppedAt: Date.now() };
    this.publishNow();
    return this.status();
  }

  async dispose(): Promise<void> {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = null;
    await this.controller.stop();
  }

  private fail(problem: CaptureProblem, counters: LiveCounters): void {
    this.current = {
      ...this.current,
      state: 'error',
      problem,
      stoppedAt: Date.now(),
      counters: toCounters(counters),
    };
    this.options.publishError?.(problem);
    this.publishNow();
  }

  /** Counter changes: published at most once per statusIntervalMs (trailing edge, so the last one shows). */
  private update(): void {
    if (this.publishTimer) return;
    const interval = this.options.statusIntervalMs ?? 250;
    const wait = Math.max(0, this.lastPublished + interval - Date.now());
    this.publishTimer = setTimeout(() => this.publishNow(), wait);
    this.publishTimer.unref();
  }

  private publishNow(): void {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = null;
    this.lastPublished = Date.now();
    this.options.publishStatus?.(this.status());
  }
}

function toCounters(counters: LiveCounters | null): CaptureStatus['counters'] {
  return {
    packets: counters?.packets ?? 0,
    bytes: counters?.bytes ?? 0,
    droppedByAgent: counters?.droppedByAgent ?? 0,
    droppedByKernel: counters?.droppedByKernel ?? null,
    droppedByInterface: counters?.droppedByInterface ?? null,
  };
}
