/**
 * Serves the built renderer (out/renderer) over HTTP. Only files inside the root are reachable:
 * the decoded path is normalised, checked against the root, and symlinks are resolved before the
 * check so none can point outside.
 */
import { createReadStream, existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from './content-security-policy';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Where the built renderer lives: next to the built main (out/main → out/renderer) or under the cwd. */
export function defaultRendererDir(): string {
  const candidates = [
    join(__dirname, '..', 'renderer'),
    join(__dirname, '..', '..', '..', 'out', 'renderer'),
    join(process.cwd(), 'out', 'renderer'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0];
}

/**
 * Maps a request path to a file under root, or null when it would leave the root or is malformed.
 * Pure apart from the path module, so the traversal rules are unit-testable.
 */
export function resolveStaticPath(root: string, requestUrl: string): string | null {
  const rawPath = requestUrl.split(/[?#]/, 1)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const absoluteRoot = resolve(root);
  const target = resolve(absoluteRoot, relative);
  return target.startsWith(absoluteRoot + sep) ? target : null;
}

function sendText(res: ServerResponse, status: number, text: string, head: boolean): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(head ? undefined : text);
}

export async function serveStaticFile(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
): Promise<void> {
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(res, 405, 'Method not allowed.\n', head);
    return;
  }
  const target = resolveStaticPath(root, req.url ?? '/');
  if (!target) {
    sendText(res, 400, 'Bad path.\n', head);
    return;
  }
  let file: string;
  let size: number;
  try {
    file = await realpath(target);
    const rootReal = await realpath(root);
    const info = await stat(file);
    if (!file.startsWith(rootReal + sep) || !info.isFile()) throw new Error('outside root or not a file');
    size = info.size;
  } catch {
    const missingUi = target === join(resolve(root), 'index.html');
    sendText(
      res,
      missingUi ? 503 : 404,
      missingUi
        ? 'The NetLab UI is not built yet: run `npm run build`, then start netlab serve again.\n'
        : 'Not found.\n',
      head,
    );
    return;
  }
  // Vite puts a content hash in every asset name, so those can be cached for good; index.html cannot.
  const immutable = file.includes(`${sep}assets${sep}`);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeTypeFor(file),
    'Content-Length': size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (head) {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
