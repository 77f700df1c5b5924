/**
 * Real traffic on loopback, captured with tcpdump and decoded by NetLab and by tshark: HTTP from
 * curl to a node server, DNS over UDP and TCP to a local server, TLS 1.2 and 1.3 handshakes between
 * openssl s_client and s_server. Every compared field must match tshark in value, offset and size.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldNode } from '../../shared/model/packet';
import { readCaptureFile } from '../capture/files';
import { dissectPacket } from './dissect-packet';
import { compareWithTshark } from './testing/compare-with-tshark';
import { makeDnsCapture, makeHttpCapture, makeTlsCapture, workDir } from './testing/captures';

let http = { file: '', port: 0 };
let dns = '';
let tls12 = { file: '', port: 0 };
let tls13 = { file: '', port: 0 };

beforeAll(async () => {
  // One after the other: four tcpdumps at once on a loaded 2-core runner start too slowly.
  http = await makeHttpCapture();
  dns = await makeDnsCapture();
  tls12 = await makeTlsCapture('1.2');
  tls13 = await makeTlsCapture('1.3');
}, 60_000);

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function all(nodes: FieldNode[], id: string, out: FieldNode[] = []): FieldNode[] {
  for (const n of nodes) {
    if (n.id === id) out.push(n);
    if (n.children) all(n.children, id, out);
  }
  return out;
}

async function decodeAll(file: string) {
  const read = await readCaptureFile(file);
  return read.frames.map((f, i) =>
    dissectPacket(f.data, read.interfaces[f.interfaceId].linkType, i + 1, f.timestampNs, f.originalLength),
  );
}

describe('loopback captures decode exactly like tshark', () => {
  it('HTTP request and response from curl to a node server', async () => {
    const r = await compareWithTshark(http.file, ['-d', `tcp.port==${http.port},http`]);
    expect(r.mismatches).toEqual([]);
    for (const id of [
      'http.request.method',
      'http.request.uri',
      'http.response.code',
      'http.host',
      'http.user_agent',
      'tcp.options.mss_val',
      'tcp.options.timestamp.tsval',
      'tcp.flags.syn',
    ]) {
      expect(r.seen, id).toContain(id);
    }
    const packets = await decodeAll(http.file);
    const request = packets.find((p) => p.summary.protocol === 'HTTP' && p.summary.info.startsWith('GET'));
    expect(request?.summary.info).toBe('GET /lab/page?x=1 HTTP/1.1');
    expect(all(request!.fields, 'http.user_agent')[0].value).toBe('netlab-test/1.0');
    expect(request!.summary.layers.map((l) => l.layer)).toEqual([
      'link',
      'network',
      'transport',
      'application',
    ]);
  });

  it('DNS over UDP and TCP with compression pointers', async () => {
    const r = await compareWithTshark(dns);
    expect(r.mismatches).toEqual([]);
    for (const id of ['dns.qry.name', 'dns.a', 'dns.cname', 'dns.resp.name', 'dns.length', 'udp.srcport'])
      expect(r.seen, id).toContain(id);
    const packets = await decodeAll(dns);
    const answer = packets.find(
      (p) => p.summary.info.startsWith('Standard query response') && all(p.fields, 'udp').length > 0,
    );
    expect(all(answer!.fields, 'dns.cname')[0].value).toBe('www.lab.netlab.test');
    expect(all(answer!.fields, 'dns.a')[0].value).toBe('10.1.2.3');
  });

  it('TLS 1.2 handshake: SNI, ALPN, cipher suites, certificate subject and issuer', async () => {
    const r = await compareWithTshark(tls12.file, ['-d', `tcp.port==${tls12.port},tls`]);
    expect(r.mismatches).toEqual([]);
    for (const id of [
      'tls.handshake.extensions_server_name',
      'tls.handshake.extensions_alpn_str',
      'tls.handshake.ciphersuite',
      'tls.handshake.certificate_length',
    ]) {
      expect(r.seen, id).toContain(id);
    }
    const packets = await decodeAll(tls12.file);
    const subjects = packets.flatMap((p) => all(p.fields, 'netlab.tls.certificate.subject'));
    expect(subjects[0]?.value).toBe('CN=netlab.test, O=NetLab Lab');
    const sni = packets.flatMap((p) => all(p.fields, 'tls.handshake.extensions_server_name'));
    expect(sni[0].value).toBe('netlab.test');
    // The Protocol and Info columns as tshark shows them for this capture.
    const rows = packets
      .filter((p) => p.summary.protocol.startsWith('TLS'))
      .map((p) => `${p.summary.protocol} ${p.summary.info}`);
    expect(rows).toEqual([
      'TLSv1 Client Hello',
      'TLSv1.2 Server Hello, Certificate, Server Key Exchange, Server Hello Done',
      'TLSv1.2 Client Key Exchange, Change Cipher Spec, Encrypted Handshake Message',
      'TLSv1.2 New Session Ticket, Change Cipher Spec, Encrypted Handshake Message',
      'TLSv1.2 Application Data',
      'TLSv1.2 Encrypted Alert',
      'TLSv1.2 Encrypted Alert',
    ]);
  });

  it('TLS 1.3 handshake: the ServerHello names TLS 1.3 via supported_versions', async () => {
    const r = await compareWithTshark(tls13.file, ['-d', `tcp.port==${tls13.port},tls`]);
    expect(r.mismatches).toEqual([]);
    expect(r.seen).toContain('tls.handshake.extensions.supported_version');
    const packets = await decodeAll(tls13.file);
    const hello = packets.find((p) => p.summary.info.includes('Server Hello'));
    expect(hello?.summary.protocol).toBe('TLSv1.3');
    const appData = packets.flatMap((p) => all(p.fields, 'tls.app_data'));
    expect(appData.length).toBeGreaterThan(0);
  });
});
