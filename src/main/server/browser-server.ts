/**
 * Browser mode: one HTTP server on loopback that serves the built renderer and upgrades /api to a
 * WebSocket speaking the shared wire format (src/shared/api/wire.ts) to the same backend Electron
 * uses. The page URL carries the per-launch token in its fragment, which never reaches a server log.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Backend } from '../api/backend';
import { ApiSocket, type ApiSocketOptions } from './api-socket';
import { defaultRendererDir, serveStaticFile } from './static-files';
import { checkUpgrade, createLaunchToken, isAllowedHost, type UpgradeGuardOptions } from './upgrade-guard';

export interface BrowserServerOptions extends ApiSocketOptions {
  backend: Backend;
  /** 0 or absent: a random free port. */
  port?: number;
  /** A loopback address; browser mode never listens on other interfaces. */
  host?: string;
  /** The built renderer; defaults to out/renderer next to the built main. */
  rendererDir?: string;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export interface BrowserServer {
  /** The page to open: http://127.0.0.1:PORT/#token=TOKEN */
  url: string;
  port: number;
  host: string;
  token: string;
  close(): Promise<void>;
}

/** 16 MiB: large enough for any request, small enough that a hostile frame cannot exhaust memory. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  const statusText = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status];
  const body = `${reason}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${statusText ?? 'Error'}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export async function startBrowserServer(options: BrowserServerOptions): Promise<BrowserServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new Error(`Browser mode only listens on loopback (127.0.0.1, ::1 or localhost), not ${host}.`);
  }
  const listenHost = host === 'localhost' ? '127.0.0.1' : host;
  const token = options.token ?? createLaunchToken();
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  const guard: UpgradeGuardOptions = { port: 0, token, boundHost: listenHost };

  const httpServer = createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, guard)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Host header not allowed: open NetLab at 127.0.0.1 or localhost.\n');
      return;
    }
    serveStaticFile(req, res, rendererDir).catch(() => res.destroy());
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const verdict = checkUpgrade({ url: req.url, host: req.headers.host, origin: req.headers.origin }, guard);
    if (!verdict.ok) {
      refuseUpgrade(socket, verdict.status, verdict.reason);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      new ApiSocket(ws, options.backend, options);
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, listenHost, () => {
      httpServer.off('error', reject);
      resolvePromise();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  guard.port = port;
  const urlHost = listenHost.includes(':') ? `[${listenHost}]` : listenHost;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}/#token=${token}`,
    port,
    host: listenHost,
    token,
    close() {
      closing ??= new Promise<void>((resolvePromise) => {
        for (const client of wss.clients) client.close(1001, 'NetLab is shutting down');
        wss.close();
        httpServer.close(() => resolvePromise());
        // Give clients a moment to see the close frame, then drop whatever is still open.
        setTimeout(() => {
          for (const client of wss.clients) client.terminate();
          httpServer.closeAllConnections();
        }, 200).unref();
      });
      return closing;
    },
  };
}
