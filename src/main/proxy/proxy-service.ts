/**
 * The proxy as one service: its CA, settings, recording store, key log and server lifecycle. The API
 * handlers and the `netlab proxy` command both drive this, so they behave the same.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaInfo, ProxySettings, ProxyStatus } from '../../shared/model/proxy';
import { ensureDataDir } from '../config/data-dir';
import { CertificateAuthority } from './ca/certificate-authority';
import { LeafMinter } from './ca/leaf-minter';
import { ExchangeStore } from './record/exchange-store';
import { KeyLog } from './record/key-log';
import type { RecordedExchange } from './record/recorded-exchange';
import { ProxyServer } from './server/proxy-server';
import { DEFAULT_PROXY_SETTINGS, exposureWarning, isLoopbackHost } from './settings';

export interface ProxyServiceOptions {
  dataDir: string;
  settings?: Partial<ProxySettings>;
  /** Extra CAs trusted for upstream servers (PEM), besides the system store and NODE_EXTRA_CA_CERTS. */
  extraUpstreamCaPems?: string[];
  log?(line: string): void;
  onExchangeFinished?(exchange: RecordedExchange): void;
  /** Keep settings changes in <dataDir>/proxy-settings.json (the app does; the CLI takes flags). */
  persistSettings?: boolean;
}

const SETTINGS_FILE = 'proxy-settings.json';

/** Saved settings, or nothing when the file is missing or unreadable (defaults apply then). */
function loadSavedSettings(dataDir: string): Partial<ProxySettings> {
  try {
    const saved = JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE), 'utf8')) as Partial<ProxySettings>;
    return typeof saved === 'object' && saved !== null ? saved : {};
  } catch {
    return {};
  }
}

export class ProxyListenError extends Error {}

export class ProxyService {
  readonly store: ExchangeStore;
  private currentSettings: ProxySettings;
  private caInstance: CertificateAuthority | null = null;
  private server: ProxyServer | null = null;
  private readonly keyLogInstance: KeyLog;
  private listening: { host: string; port: number; startedAt: number } | null = null;
  private readonly statusListeners = new Set<(status: ProxyStatus) => void>();

  constructor(private readonly options: ProxyServiceOptions) {
    const saved = options.persistSettings ? loadSavedSettings(options.dataDir) : {};
    this.currentSettings = { ...DEFAULT_PROXY_SETTINGS, ...saved, ...options.settings };
    this.store = new ExchangeStore(this.currentSettings.maxExchanges, this.currentSettings.bodyCaptureLimit);
    this.keyLogInstance = new KeyLog(this.currentSettings.keyLogPath);
  }

  get settings(): ProxySettings {
    return { ...this.currentSettings };
  }

  /** Changes settings; listen address, timeouts and lists take effect at the next start. */
  updateSettings(partial: Partial<ProxySettings>): ProxySettings {
    const keyLogChanged =
      partial.keyLogPath !== undefined && partial.keyLogPath !== this.currentSettings.keyLogPath;
    this.currentSettings = { ...this.currentSettings, ...partial };
    // Host lists are read live by the running server.
    this.server?.updateSettings(this.currentSettings);
    this.store.maxExchanges = this.currentSettings.maxExchanges;
    this.store.bodyCaptureLimit = this.currentSettings.bodyCaptureLimit;
    if (keyLogChanged) this.keyLogInstance.setFile(this.currentSettings.keyLogPath);
    if (this.options.persistSettings) {
      ensureDataDir(this.options.dataDir);
      writeFileSync(join(this.options.dataDir, SETTINGS_FILE), JSON.stringify(this.currentSettings, null, 2));
    }
    return this.settings;
  }

  ca(): CertificateAuthority {
    if (!this.caInstance) {
      ensureDataDir(this.options.dataDir);
      this.caInstance = CertificateAuthority.loadOrCreate(this.options.dataDir);
    }
    return this.caInstance;
  }

  caInfo(): CaInfo {
    return CertificateAuthority.info(this.options.dataDir);
  }

  async regenerateCa(): Promise<CaInfo> {
    ensureDataDir(this.options.dataDir);
    this.caInstance = CertificateAuthority.generate(this.options.dataDir);
    await this.restartIfRunning();
    return this.caInfo();
  }

  async deleteCa(): Promise<CaInfo> {
    await this.stop();
    CertificateAuthority.delete(this.options.dataDir);
    this.caInstance = null;
    return this.caInfo();
  }

  getKeyLog(): string {
    return this.keyLogInstance.getKeyLog();
  }

  get keyLog(): KeyLog {
    return this.keyLogInstance;
  }

  async start(partial: Partial<ProxySettings> & { allowNonLoopback?: boolean } = {}): Promise<ProxyStatus> {
    const { allowNonLoopback, ...settings } = partial;
    const host = settings.host ?? this.currentSettings.host;
    // Checked before anything is applied, so a refused start leaves the settings as they were.
    if (!isLoopbackHost(host) && !allowNonLoopback) {
      throw new ProxyListenError(
        `Refusing to listen on ${host}: only 127.0.0.1 is safe by default. ` +
          'Pass the explicit option (--allow-lan, allowNonLoopback) if you really want other devices to use it.',
      );
    }
    if (Object.keys(settings).length > 0) this.updateSettings(settings);
    if (this.server) return this.status();
    const s = this.currentSettings;
    const ca = this.ca();
    const server = new ProxyServer({
      settings: s,
      ca,
      minter: new LeafMinter(ca),
      store: this.store,
      keyLog: this.keyLogInstance,
      extraUpstreamCaPems: this.options.extraUpstreamCaPems,
      log: (line) => this.options.log?.(line),
      onExchangeFinished: (e) => this.options.onExchangeFinished?.(e),
    });
    try {
      const address = await server.listen();
      this.server = server;
      this.listening = { ...address, startedAt: Date.now() };
    } catch (error) {
      await server.close().catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code;
      throw new ProxyListenError(
        code === 'EADDRINUSE'
          ? `Port ${s.port} on ${s.host} is already in use. Stop the other program or choose another port.`
          : `Cannot listen on ${s.host}:${s.port}: ${(error as Error).message}`,
      );
    }
    const warning = exposureWarning(s.host);
    if (warning) this.options.log?.(warning);
    this.emitStatus();
    return this.status();
  }

  async stop(): Promise<ProxyStatus> {
    const server = this.server;
    this.server = null;
    this.listening = null;
    if (server) await server.close();
    this.emitStatus();
    return this.status();
  }

  /** Stops the server and flushes the key log file. */
  async dispose(): Promise<void> {
    await this.stop();
    await this.keyLogInstance.close();
  }

  status(): ProxyStatus {
    const l = this.listening;
    return {
      running: l !== null,
      host: l?.host ?? null,
      port: l?.port ?? null,
      startedAt: l?.startedAt ?? null,
      exchangeCount: this.store.size,
      tlsFailureCount: this.store.tlsFailureCount,
      exposedWarning: l ? exposureWarning(l.host) : null,
      caFingerprintSha256: this.caInstance?.x509.fingerprint256 ?? null,
    };
  }

  onStatus(listener: (status: ProxyStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private emitStatus(): void {
    const status = this.status();
    for (const l of this.statusListeners) l(status);
  }

  private async restartIfRunning(): Promise<void> {
    if (!this.server) return;
    const port = this.listening?.port;
    await this.stop();
    await this.start(port ? { port } : {});
  }
}
