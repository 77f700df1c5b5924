/** Maps a failure talking to the real server to the status NetLab answers with and the model's cause. */
import type { ProxyErrorKind, UpstreamCertificateProblem } from '../../../shared/model/proxy';
import { upstreamCertificateProblem } from '../server/tls-facts';

export interface ClassifiedUpstreamError {
  kind: ProxyErrorKind;
  status: number;
  problem: UpstreamCertificateProblem | null;
  message: string;
}

export class UpstreamTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(phase: 'connect' | 'response', ms: number) {
    super(`No ${phase === 'connect' ? 'connection' : 'response head'} from the server within ${ms} ms.`);
  }
}

export function classifyUpstreamError(error: unknown): ClassifiedUpstreamError {
  const err = error as NodeJS.ErrnoException;
  const code = err?.code;
  const message = `${code ? `${code}: ` : ''}${err?.message ?? String(error)}`;
  const problem = upstreamCertificateProblem(code);
  if (problem) return { kind: 'upstream-tls', status: 502, problem, message };
  switch (code) {
    case 'ECONNREFUSED':
      return { kind: 'upstream-refused', status: 502, problem: null, message };
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return { kind: 'upstream-timeout', status: 504, problem: null, message };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
      return { kind: 'upstream-dns', status: 502, problem: null, message };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_HTTP2_STREAM_ERROR':
    case 'ERR_HTTP2_SESSION_ERROR':
    case 'ERR_HTTP2_GOAWAY_SESSION':
      return { kind: 'upstream-reset', status: 502, problem: null, message };
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_INVALID_STATUS':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return { kind: 'upstream-protocol', status: 502, problem: null, message };
    default:
      if (code?.startsWith('ERR_SSL') || code?.startsWith('ERR_TLS')) {
        return { kind: 'upstream-tls', status: 502, problem: null, message };
      }
      if (code?.startsWith('HPE_')) return { kind: 'upstream-protocol', status: 502, problem: null, message };
      return { kind: 'upstream-reset', status: 502, problem: null, message };
  }
}
