/**
 * The packet session: every frame from a live capture or an opened file, stored in a FrameStore,
 * decoded on demand, and fed once through the TCP connection tracker as it arrives. Views page
 * through it; live additions go out as batched events.
 */
import { ApiError } from '../../shared/api/define';
import type { SessionInfo, SessionSource } from '../../shared/api/session';
import type { TcpConnectionSummary } from '../../shared/model/tcp';
import type { CaptureInterfaceDescription, PacketSummary, RawFrame } from '../../shared/model/packet';
import type { EventBus } from '../api/event-bus';
import { summarizeFrame, timestampSeconds } from '../dissect';
import { ConnectionTracker, type ConnectionTrackerOptions } from '../tcp/connection-tracker';
import { FrameStore } from './frame-store';
import { segmentRow } from './segment-row';
import { TcpFrameIndex } from './tcp-frame-index';

export interface PacketSessionOptions {
  spillDir: string;
  events: EventBus;
  maxFrames?: number;
  maxSpillBytes?: number;
  tracker?: ConnectionTrackerOptions;
}

export interface SessionInterface extends CaptureInterfaceDescription {
  name?: string;
}

export interface StoredSecrets {
  secretsType: number;
  data: Uint8Array;
}

/** How often live connection summaries are recomputed and pushed. */
const CONNECTION_PUSH_MS = 250;

export class PacketSession {
  private store: FrameStore;
  private tcp = new TcpFrameIndex();
  private tracker: ConnectionTracker;
  private readonly interfaces: SessionInterface[] = [];
  private source: SessionSource = { kind: 'empty' };
  private firstNs: bigint | null = null;
  private lastNs: bigint | null = null;
  private error: { offset: number; message: string } | undefined;
  private full = false;
  private readonly fileSecrets: StoredSecrets[] = [];
  private readonly dirtyStreams = new Set<number>();
  private connectionTimer: NodeJS.Timeout | null = null;
  private connectionCache: TcpConnectionSummary[] | null = null;
  /** Bumped on every change, so caches (filters, sorted lists) know they are stale. */
  private generation = 0;
  /** Provides the proxy's TLS key log, embedded as a Decryption Secrets Block when saving. */
  keyLogProvider: () => string = () => '';

  constructor(private readonly options: PacketSessionOptions) {
    this.store = this.newStore();
    this.tracker = new ConnectionTracker(options.tracker);
  }

  get size(): number {
    return this.store.size;
  }

  get version(): number {
    return this.generation;
  }

  /** Empties the session and starts a new one from `source`. */
  reset(source: SessionSource): void {
    this.store.clear();
    this.store = this.newStore();
    this.tcp.clear();
    this.tracker = new ConnectionTracker(this.options.tracker);
    this.interfaces.length = 0;
    this.fileSecrets.length = 0;
    this.source = source;
    this.firstNs = this.lastNs = null;
    this.error = undefined;
    this.full = false;
    this.connectionCache = null;
    this.dirtyStreams.clear();
    this.generation++;
    this.options.events.publish('session.reset', this.info());
  }

  setSource(source: SessionSource): void {
    this.source = source;
  }

  addInterface(iface: SessionInterface): number {
    this.interfaces.push(iface);
    return this.interfaces.length - 1;
  }

  addSecrets(secrets: StoredSecrets): void {
    this.fileSecrets.push(secrets);
  }

  setError(error: { offset: number; message: string } | undefined): void {
    this.error = error;
  }

  /**
   * Stores one frame, tracks it, and (when `live`) publishes it. Returns its number, or 0 when the
   * store is full (the caller stops the capture or import and says so).
   */
  ingest(frame: RawFrame, live: boolean): number {
    const iface = this.interfaces[frame.interfaceId];
    if (!iface) throw new ApiError('internal', `frame refers to unknown interface ${frame.interfaceId}`);
    const number = this.store.append(frame);
    if (number === 0) {
      this.full = true;
      return 0;
    }
    this.firstNs ??= frame.timestampNs;
    this.lastNs = frame.timestampNs;
    this.generation++;
    const { summary, tcp } = summarizeFrame(
      frame.data,
      iface.linkType,
      number,
      frame.timestampNs,
      frame.originalLength,
      frame.interfaceId,
    );
    if (tcp) {
      const analysis = this.tracker.track(tcp, frame.originalLength);
      this.tcp.record(number, analysis);
      summary.tcpStream = analysis.stream;
      this.connectionCache = null;
      if (live) {
        this.dirtyStreams.add(analysis.stream);
        this.scheduleConnectionPush();
        this.options.events.publish('tcp.segments', segmentRow(analysis, tcp));
      }
    }
    if (live) this.options.events.publish('session.packets', summary);
    return number;
  }

  /** Writes buffered frame bytes to the spill file (end of an import or capture). */
  flush(): void {
    this.store.flush();
  }

  info(): SessionInfo {
    return {
      source: this.source,
      packetCount: this.store.size,
      bytesStored: this.store.bytesStored,
      linkTypes: [...new Set(this.interfaces.map((i) => i.linkType))],
      interfaces: this.interfaces.map((i) => ({ name: i.name, linkType: i.linkType })),
      firstTime: this.firstNs === null ? undefined : timestampSeconds(this.firstNs),
      lastTime: this.lastNs === null ? undefined : timestampSeconds(this.lastNs),
      full: this.full,
      error: this.error,
      tlsSecretLines: countLines(this.keyLogProvider()),
    };
  }

  frame(number: number): RawFrame {
    const frame = this.store.frame(number);
    if (!frame) {
      throw new ApiError('not-found', `No packet ${number}: this session has ${this.store.size} packets.`);
    }
    return frame;
  }

  linkTypeOf(frame: RawFrame): number {
    return this.interfaces[frame.interfaceId]?.linkType ?? -1;
  }

  summary(number: number): PacketSummary {
    const frame = this.frame(number);
    const { summary } = summarizeFrame(
      frame.data,
      this.linkTypeOf(frame),
      number,
      frame.timestampNs,
      frame.originalLength,
      frame.interfaceId,
    );
    const stream = this.tcp.stream(number);
    if (stream !== undefined) summary.tcpStream = stream;
    return summary;
  }

  tcpIndex(): TcpFrameIndex {
    return this.tcp;
  }

  interfaceList(): readonly SessionInterface[] {
    return this.interfaces;
  }

  secrets(): StoredSecrets[] {
    const keyLog = this.keyLogProvider();
    const fromProxy = keyLog
      ? [
          {
            secretsType: 0x544c534b,
            data: new TextEncoder().encode(keyLog.endsWith('\n') ? keyLog : `${keyLog}\n`),
          },
        ]
      : [];
    return [...this.fileSecrets, ...fromProxy];
  }

  connections(): TcpConnectionSummary[] {
    this.connectionCache ??= this.tracker.connections();
    return this.connectionCache;
  }

  trackerOptions(): ConnectionTrackerOptions | undefined {
    return this.options.tracker;
  }

  close(): void {
    if (this.connectionTimer) clearTimeout(this.connectionTimer);
    this.store.clear();
  }

  private scheduleConnectionPush(): void {
    this.connectionTimer ??= setTimeout(() => {
      this.connectionTimer = null;
      const byStream = new Map(this.connections().map((c) => [c.stream, c]));
      for (const stream of this.dirtyStreams) {
        const summary = byStream.get(stream);
        if (summary) this.options.events.publish('tcp.connections', summary);
      }
      this.dirtyStreams.clear();
    }, CONNECTION_PUSH_MS);
  }

  private newStore(): FrameStore {
    return new FrameStore({
      spillDir: this.options.spillDir,
      maxFrames: this.options.maxFrames,
      maxSpillBytes: this.options.maxSpillBytes,
    });
  }
}

function countLines(text: string): number {
  if (!text) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return text.endsWith('\n') ? n : n + 1;
}
