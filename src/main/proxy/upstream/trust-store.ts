/**
 * What NetLab trusts when it checks a real server's certificate: Node's bundled Mozilla roots, the
 * operating system's bundle (so a company or lab CA installed system-wide works), NODE_EXTRA_CA_CERTS
 * and any extra PEMs given to the proxy. Built once into one SecureContext: passing a `ca` list on
 * every connection would re-parse ~150 certificates each time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

const SYSTEM_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Alpine
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL
  '/etc/ssl/cert.pem', // macOS, BSDs
];

function readIfPresent(path: string | undefined): string | null {
  if (!path || !existsSync(path)) return null;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

export function buildUpstreamTrust(extraCaPems: readonly string[] = []): SecureContext {
  const cas: string[] = [...rootCertificates];
  const system = SYSTEM_BUNDLES.map((p) => readIfPresent(p)).find((text) => text !== null);
  if (system) cas.push(system);
  const extraFromEnv = readIfPresent(process.env.NODE_EXTRA_CA_CERTS);
  if (extraFromEnv) cas.push(extraFromEnv);
  cas.push(...extraCaPems);
  return createSecureContext({ ca: cas });
}
