/**
 * The HTML pages NetLab answers with when it cannot deliver a response. Each says what happened and
 * what to do: a learner seeing one in a browser should understand the failure without docs.
 */
import type { ProxyErrorKind, UpstreamCertificateProblem } from '../../../shared/model/proxy';

const TITLES: Record<ProxyErrorKind, string> = {
  'upstream-refused': 'The server refused the connection',
  'upstream-timeout': 'The server did not answer in time',
  'upstream-dns': 'The server name could not be resolved',
  'upstream-reset': 'The server closed the connection',
  'upstream-tls': 'The server\u2019s certificate was not accepted',
  'upstream-protocol': 'The server answered with something that is not HTTP',
  'bad-request': 'The request was malformed',
  'headers-too-large': 'The request headers are too large',
  'request-smuggling': 'Ambiguous request length rejected',
  'client-timeout': 'The request took too long to arrive',
  'client-aborted': 'The client went away',
  internal: 'NetLab hit an internal error',
};

const ADVICE: Record<ProxyErrorKind, string> = {
  'upstream-refused':
    'Nothing is listening on that host and port, or a firewall rejected the connection. Check the address and that the server runs.',
  'upstream-timeout':
    'NetLab waited for the server and gave up. The server may be overloaded, or packets are dropped on the way. Try again, or raise the upstream timeout in the proxy settings.',
  'upstream-dns': 'Check the spelling of the host name and this machine\u2019s DNS settings.',
  'upstream-reset':
    'The connection dropped before a full response arrived. The server may have crashed or refused the request.',
  'upstream-tls':
    'NetLab checks the real server\u2019s certificate exactly as a browser would, and this one failed. If you control the server and accept the risk, add the host to \u201callow insecure upstream\u201d in the proxy settings.',
  'upstream-protocol': 'The server spoke something NetLab could not parse as HTTP.',
  'bad-request': 'The request line or a header could not be parsed. Check the client that sent it.',
  'headers-too-large':
    'The request head is larger than the proxy accepts. Large cookies are the usual cause.',
  'request-smuggling':
    'The request carried both Content-Length and Transfer-Encoding. Servers may disagree on where such a request ends (request smuggling), so NetLab refuses it.',
  'client-timeout': 'The request head did not arrive completely within the headers timeout.',
  'client-aborted': 'The client closed its connection before the exchange finished.',
  internal: 'This is a NetLab bug. The proxy keeps running; please report what you were doing.',
};

const PROBLEM_TEXT: Record<UpstreamCertificateProblem, string> = {
  expired: 'The certificate has expired.',
  'not-yet-valid': 'The certificate is not valid yet (check both clocks).',
  'hostname-mismatch': 'The certificate was issued for a different host name.',
  'unknown-issuer': 'The certificate was signed by an authority this machine does not trust.',
  'self-signed': 'The certificate is self-signed, so nothing vouches for it.',
  revoked: 'The certificate has been revoked.',
  other: 'The certificate chain is invalid.',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function errorPage(
  status: number,
  kind: ProxyErrorKind,
  detail: string,
  problem: UpstreamCertificateProblem | null = null,
): string {
  const problemLine = problem ? `<p><strong>${escapeHtml(PROBLEM_TEXT[problem])}</strong></p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${status} ${escapeHtml(TITLES[kind])} · NetLab proxy</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">
<h1>${status} · ${escapeHtml(TITLES[kind])}</h1>
${problemLine}<p>${escapeHtml(ADVICE[kind])}</p>
<p>Technical detail: <code>${escapeHtml(detail)}</code></p>
<p style="color: #666">This page was written by the NetLab proxy, not by the server.</p>
</body></html>
`;
}

export function errorTitle(kind: ProxyErrorKind): string {
  return TITLES[kind];
}
