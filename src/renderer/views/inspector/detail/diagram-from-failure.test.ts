import { describe, expect, it } from 'vitest';
import type { CertificateInfo, TlsFailure } from '../../../../shared/model/proxy';
import { diagramFromFailure } from './diagram-legs';

const cert = (cn: string): CertificateInfo => ({
  subject: `CN=${cn}`,
  commonName: cn,
  issuer: 'CN=Issuer',
  serialNumber: '01',
  notBefore: 0,
  notAfter: 1,
  subjectAltNames: [],
  fingerprintSha256: 'AA',
  spkiSha256: 'x',
  publicKey: 'EC prime256v1',
  isCa: false,
  selfSigned: false,
  pem: '',
});

const base: TlsFailure = {
  id: 1,
  time: 0,
  side: 'client',
  cause: 'client-rejected-certificate',
  host: 'app.test',
  port: 443,
  sni: 'app.test',
  clientAddress: '127.0.0.1:1',
  alert: { code: 48, name: 'unknown_ca' },
  errorCode: null,
  message: '',
  possibleReasons: ['ca-not-trusted', 'certificate-pinned'],
  upstreamProblem: null,
  forgedCertificate: cert('app.test (NetLab)'),
  realCertificate: cert('app.test'),
  forgedSpkiPin: null,
  realSpkiPin: null,
};

describe('the diagram of a TLS failure', () => {
  it('a client rejection breaks the client leg; the server leg only fetched the real certificate', () => {
    const model = diagramFromFailure(base);
    expect(model.client.outcome).toBe('failed');
    expect(model.client.certificate?.commonName).toBe('app.test (NetLab)');
    expect(model.server.outcome).toBe('handshake-only');
    expect(model.server.certificate?.commonName).toBe('app.test');
  });

  it('without the real certificate the server leg was never reached', () => {
    expect(diagramFromFailure({ ...base, realCertificate: null }).server.outcome).toBe('not-reached');
  });

  it('an upstream failure breaks the server leg and leaves the client waiting', () => {
    const model = diagramFromFailure({ ...base, side: 'upstream', cause: 'upstream-certificate-invalid' });
    expect(model.server.outcome).toBe('failed');
    expect(model.client.outcome).toBe('not-reached');
  });
});
