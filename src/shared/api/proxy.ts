/** The HTTPS interception proxy and its certificate authority: methods and event topics. */
import { z } from 'zod';
import type {
  CaExportFormat,
  CaInfo,
  ExchangeEvent,
  ExchangePage,
  ExchangeWithBodies,
  ProxySettings,
  ProxyStatus,
  TlsFailure,
  WebSocketMessage,
} from '../model/proxy';
import { event, method } from './define';

const hostPattern = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9*.:[\]_-]+$/, 'a host name, IP address or *.wildcard');

export const proxySettingsInput = z
  .object({
    host: z.string().min(1).max(100),
    port: z.number().int().min(0).max(65535),
    /** Must be true to listen on anything but loopback (the proxy is then reachable by others). */
    allowNonLoopback: z.boolean(),
    bodyCaptureLimit: z
      .number()
      .int()
      .min(0)
      .max(256 * 1024 * 1024),
    maxExchanges: z.number().int().min(1).max(1_000_000),
    passthroughHosts: z.array(hostPattern).max(1000),
    interceptOnlyHosts: z.array(hostPattern).max(1000),
    insecureUpstreamHosts: z.array(hostPattern).max(1000),
    upstreamConnectTimeoutMs: z.number().int().min(100).max(600_000),
    upstreamResponseTimeoutMs: z.number().int().min(100).max(3_600_000),
    headersTimeoutMs: z.number().int().min(100).max(600_000),
    maxHeaderBytes: z
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024),
    keyLogPath: z.string().min(1).max(4096).nullable(),
  })
  .partial()
  .strict();

export const exchangeFilterInput = z
  .object({
    host: z.string().max(300).optional(),
    method: z.string().max(20).optional(),
    status: z
      .string()
      .regex(/^(\d{3}|[1-5]xx|error)$/, 'a status like 404, a class like 4xx, or "error"')
      .optional(),
    contentType: z.string().max(200).optional(),
    text: z.string().max(1000).optional(),
  })
  .strict();

export interface HarExport {
  /** HAR 1.2 JSON text (TLS failures included as entries carrying `_netlabTlsFailure`). */
  json: string;
  entryCount: number;
  suggestedFileName: string;
}

export interface HarImportResult {
  imported: number;
  /** Entries skipped because they could not be read, with the reason for each (first 20). */
  skipped: { index: number; reason: string }[];
}

export interface CaExport {
  format: CaExportFormat;
  bytes: Uint8Array;
  suggestedFileName: string;
  mimeType: string;
}

export const proxyMethods = {
  'proxy.start': method<ProxyStatus>()(proxySettingsInput),
  'proxy.stop': method<ProxyStatus>()(z.object({}).strict()),
  'proxy.status': method<ProxyStatus>()(z.object({}).strict()),
  /** Without input fields: read the settings. With some: change them (listen changes apply on restart). */
  'proxy.settings': method<ProxySettings>()(proxySettingsInput),
  'proxy.exchanges': method<ExchangePage>()(
    z
      .object({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(200),
        filter: exchangeFilterInput.optional(),
      })
      .strict(),
  ),
  'proxy.exchange': method<ExchangeWithBodies>()(z.object({ id: z.number().int().min(0) }).strict()),
  'proxy.tlsFailures': method<TlsFailure[]>()(z.object({}).strict()),
  'proxy.clear': method<{ cleared: number }>()(z.object({}).strict()),
  'proxy.ca.info': method<CaInfo>()(z.object({}).strict()),
  'proxy.ca.export': method<CaExport>()(
    z
      .object({
        format: z.enum(['pem', 'der', 'p12']),
        /** PKCS#12 only: protects the bundle (it holds the certificate, never the CA key). */
        password: z.string().max(200).optional(),
      })
      .strict(),
  ),
  'proxy.ca.regenerate': method<CaInfo>()(z.object({}).strict()),
  'proxy.ca.delete': method<CaInfo>()(z.object({}).strict()),
  'proxy.har.export': method<HarExport>()(
    z.object({ ids: z.array(z.number().int().min(0)).max(1_000_000).optional() }).strict(),
  ),
  'proxy.har.import': method<HarImportResult>()(
    z
      .object({
        json: z
          .string()
          .min(2)
          .max(512 * 1024 * 1024),
      })
      .strict(),
  ),
  'proxy.curl': method<{ command: string }>()(z.object({ id: z.number().int().min(0) }).strict()),
};

export const proxyEvents = {
  /** An exchange was added or changed (head arrived, completed, failed). Summaries only. */
  'proxy.exchange': event<ExchangeEvent>(),
  'proxy.tlsFailure': event<TlsFailure>(),
  'proxy.websocketMessage': event<WebSocketMessage>(),
  'proxy.status': event<ProxyStatus>(),
};
