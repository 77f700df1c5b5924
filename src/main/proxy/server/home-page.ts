/**
 * What a browser sees when it opens the proxy's own address (http://127.0.0.1:8080/): a short page
 * with the CA certificate to download, the way a phone user installs it before trusting it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CertificateAuthority } from '../ca/certificate-authority';

export function serveProxyHomePage(
  req: IncomingMessage,
  res: ServerResponse,
  ca: CertificateAuthority,
): void {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/netlab-ca.pem' || path === '/netlab-ca.cer') {
    const pem = path.endsWith('.pem');
    const body = pem ? Buffer.from(ca.certificatePem) : ca.export('der');
    res.writeHead(200, {
      'content-type': pem ? 'application/x-pem-file' : 'application/x-x509-ca-cert',
      'content-disposition': `attachment; filename="${path.slice(1)}"`,
      'content-length': body.length,
    });
    res.end(body);
    return;
  }
  const fingerprint = ca.x509.fingerprint256;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>NetLab proxy</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.5">
<h1>This is the NetLab proxy</h1>
<p>Set it as the HTTP and HTTPS proxy of a client, then trust NetLab's CA on that client so it accepts the
certificates NetLab makes for each site.</p>
<p><a href="/netlab-ca.pem">Download the CA (PEM)</a> · <a href="/netlab-ca.cer">Download the CA (DER, .cer)</a></p>
<p>SHA-256 fingerprint: <code>${fingerprint}</code>. Compare it before trusting the file.</p>
</body></html>`;
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
}
