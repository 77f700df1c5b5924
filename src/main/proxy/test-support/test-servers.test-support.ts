/** Local servers the proxy tests talk to: HTTPS (HTTP/1.1 + h2), plain HTTP, WebSocket echo. */
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import zlib from 'node:zlib';
import { WebSocketServer } from 'ws';

type AnyRequest = http.IncomingMessage | http2.Http2ServerRequest;
type AnyResponse = http.ServerResponse | http2.Http2ServerResponse;

export const BIG_DOWNLOAD_BYTES = 50 * 1024 * 1024;

/** The routes every test server answers; the body says which protocol served it. */
export function testApp(req: AnyRequest, res: AnyResponse): void {
  const url = req.url ?? '/';
  if (url === '/gzip') {
    res.setHeader('content-type', 'text/plain');
    res.setHeader('content-encoding', 'gzip');
    res.end(zlib.gzipSync('hello through gzip'));
  } else if (url === '/br') {
    res.setHeader('content-type', 'application/json');
    res.setHeader('content-encoding', 'br');
    res.end(zlib.brotliCompressSync(JSON.stringify({ hello: 'through brotli' })));
  } else if (url === '/chunked') {
    res.setHeader('content-type', 'text/plain');
    (res as http.ServerResponse).write('first,');
    setTimeout(() => res.end('second'), 20);
  } else if (url === '/big') {
    res.setHeader('content-type', 'application/octet-stream');
    res.setHeader('content-length', String(BIG_DOWNLOAD_BYTES));
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < BIG_DOWNLOAD_BYTES) {
        sent += chunk.length;
        if (!(res as http.ServerResponse).write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  } else if (url === '/page') {
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>NetLab test page</title><h1 id="greeting">Hello from the lab server</h1>');
  } else {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.setHeader('content-type', 'text/plain');
      res.end(`${req.method} ${url} over HTTP/${req.httpVersion} body=${Buffer.concat(chunks).toString()}`);
    });
  }
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

function closer(server: net.Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      (server as http.Server).closeAllConnections?.();
      server.close(() => resolve());
    });
}

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as AddressInfo).port;
}

/** HTTPS with ALPN h2 and http/1.1, plus a WebSocket echo on /ws (over HTTP/1.1). */
export async function startHttpsServer(keyPem: string, certPem: string, h2 = true): Promise<RunningServer> {
  const server: net.Server = h2
    ? http2.createSecureServer({ key: keyPem, cert: certPem, allowHTTP1: true }, testApp)
    : https.createServer({ key: keyPem, cert: certPem }, testApp);
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    wss.handleUpgrade(req, socket as net.Socket, head, (ws) => wss.emit('connection', ws, req));
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (s: http2.ServerHttp2Session) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  const sockets = new Set<net.Socket>();
  server.on('secureConnection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server);
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sessions) s.destroy();
        for (const s of sockets) s.destroy();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

/** Plain HTTP, with the same WebSocket echo on /ws. */
export async function startHttpServer(): Promise<RunningServer> {
  const server = http.createServer(testApp);
  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
  const port = await listen(server);
  const close = closer(server);
  return {
    port,
    close: () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      return close();
    },
  };
}

/** Accepts connections and never answers: for the upstream timeout. */
export async function startSilentServer(): Promise<RunningServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  const port = await listen(server);
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
