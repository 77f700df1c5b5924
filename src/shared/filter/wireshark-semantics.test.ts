import { describe, expect, it } from 'vitest';
import { compileFilter, mapFieldSource, type FilterScalar } from './index';

type Packet = Record<string, FilterScalar | readonly FilterScalar[]>;

function matches(filter: string, packet: Packet): boolean {
  const result = compileFilter(filter);
  if (!result.ok) throw new Error(`${filter}: ${result.error.message}`);
  return result.filter.matches(mapFieldSource(packet));
}

const syn: Packet = {
  eth: [],
  'eth.src': '00:11:22:33:44:55',
  'eth.dst': 'ff:ff:ff:ff:ff:ff',
  'eth.type': 0x0800,
  ip: [],
  'ip.src': '10.1.2.3',
  'ip.dst': '192.168.1.5',
  'ip.ttl': 64,
  tcp: [],
  'tcp.srcport': 51000,
  'tcp.dstport': 80,
  'tcp.flags': 0x002,
  'tcp.flags.syn': true,
  'tcp.flags.ack': false,
};

const dns: Packet = {
  eth: [],
  ip: [],
  'ip.src': '192.168.1.5',
  'ip.dst': '8.8.8.8',
  udp: [],
  'udp.srcport': 53124,
  'udp.dstport': 53,
  dns: [],
  'dns.qry.name': 'example.com',
  'dns.a': ['93.184.216.34', '93.184.216.35'],
};

const v6: Packet = {
  ipv6: [],
  'ipv6.src': 'fe80::1',
  'ipv6.dst': '2001:db8::42',
  icmpv6: [],
  'icmpv6.type': 128,
};

describe('comparisons on a field that occurs several times (Wireshark 3.6+ semantics)', () => {
  it('== is true when ANY occurrence equals', () => {
    expect(matches('dns.a == 93.184.216.35', dns)).toBe(true);
    expect(matches('ip.addr == 8.8.8.8', dns)).toBe(true);
  });

  it('!= is "all not equal": false as soon as one occurrence equals', () => {
    expect(matches('ip.addr != 8.8.8.8', dns)).toBe(false);
    expect(matches('ip.addr != 1.1.1.1', dns)).toBe(true);
    expect(matches('tcp.port != 80', syn)).toBe(false);
    expect(matches('tcp.port != 443', syn)).toBe(true);
  });

  it('=== needs every occurrence to equal, !== any occurrence to differ', () => {
    expect(matches('dns.a === 93.184.216.34', dns)).toBe(false);
    expect(matches('dns.a !== 93.184.216.34', dns)).toBe(true);
    expect(matches('ip.ttl === 64', syn)).toBe(true);
    expect(matches('ip.ttl !== 64', syn)).toBe(false);
  });

  it('any / all choose between some and every occurrence', () => {
    expect(matches('all tcp.port > 1024', syn)).toBe(false);
    expect(matches('any tcp.port > 1024', syn)).toBe(true);
    expect(matches('all tcp.port > 50', syn)).toBe(true);
    expect(matches('all ip.addr == 192.168.0.0/16', dns)).toBe(false);
    expect(matches('any ip.addr != 8.8.8.8', dns)).toBe(true);
    expect(matches('all dns.a == 93.184.216.0/24', dns)).toBe(true);
    expect(matches('all dns.a in {93.184.216.34}', dns)).toBe(false);
    expect(matches('all dns.a contains "93.184"', dns)).toBe(true);
    expect(matches('all dns.a matches "35$"', dns)).toBe(false);
    expect(matches('all udp.port > 1', syn)).toBe(false); // absent: false even for `all`
  });

  it('ordering operators are true if any occurrence satisfies them', () => {
    expect(matches('tcp.port < 100', syn)).toBe(true);
    expect(matches('tcp.port > 60000', syn)).toBe(false);
    expect(matches('tcp.port >= 51000 && tcp.port le 80', syn)).toBe(true);
  });
});

describe('absent fields', () => {
  it('every comparison on an absent field is false, including !=', () => {
    expect(matches('tcp.port == 53', dns)).toBe(false);
    expect(matches('tcp.port != 53', dns)).toBe(false);
    expect(matches('tcp.port < 99999', dns)).toBe(false);
    expect(matches('tcp.port in {1..65535}', dns)).toBe(false);
  });

  it('negating a comparison includes packets without the field', () => {
    expect(matches('!(tcp.port == 53)', dns)).toBe(true);
    expect(matches('not tcp.port == 80', dns)).toBe(true);
  });

  it('presence of protocols and fields', () => {
    expect(matches('dns', dns)).toBe(true);
    expect(matches('!tcp', dns)).toBe(true);
    expect(matches('tcp', dns)).toBe(false);
    expect(matches('tcp.analysis.retransmission', { ...syn, 'tcp.analysis.retransmission': [] })).toBe(true);
    expect(matches('tcp.analysis.retransmission', syn)).toBe(false);
  });
});

describe('value types', () => {
  it('numbers in decimal, hex, octal, binary and as character constants', () => {
    expect(matches('eth.type == 0x0800', syn)).toBe(true);
    expect(matches('eth.type == 2048', syn)).toBe(true);
    expect(matches('ip.ttl == 0100', syn)).toBe(true);
    expect(matches('ip.ttl == 0b1000000', syn)).toBe(true);
    expect(matches("ip.ttl == '@'", syn)).toBe(true);
  });

  it('booleans as 1/0 and True/False', () => {
    expect(matches('tcp.flags.syn == 1 && tcp.flags.ack == 0', syn)).toBe(true);
    expect(matches('tcp.flags.syn == True && tcp.flags.ack == FALSE', syn)).toBe(true);
    expect(matches('tcp.flags.ack', syn)).toBe(true); // present, even though false: like Wireshark
  });

  it('IPv4 CIDR networks, including /0 and /32', () => {
    expect(matches('ip.addr == 10.0.0.0/8', syn)).toBe(true);
    expect(matches('ip.src == 192.168.0.0/16', syn)).toBe(false);
    expect(matches('ip.dst == 192.168.0.0/16', syn)).toBe(true);
    expect(matches('ip.src == 0.0.0.0/0', syn)).toBe(true);
    expect(matches('ip.src == 10.1.2.3/32', syn)).toBe(true);
    expect(matches('ip.src != 10.0.0.0/8', syn)).toBe(false);
    expect(matches('ip.src > 10.1.2.2 && ip.src < 10.1.2.4', syn)).toBe(true);
  });

  it('IPv6 addresses in any notation, and prefixes', () => {
    expect(matches('ipv6.src == fe80:0:0:0:0:0:0:1', v6)).toBe(true);
    expect(matches('ipv6.addr == 2001:db8::/32', v6)).toBe(true);
    expect(matches('ipv6.addr == 2001:db9::/32', v6)).toBe(false);
    expect(matches('ipv6.dst == ::ffff:1.2.3.4', v6)).toBe(false);
  });

  it('MAC addresses with any separator', () => {
    expect(matches('eth.src == 00:11:22:33:44:55', syn)).toBe(true);
    expect(matches('eth.src == 00-11-22-33-44-55', syn)).toBe(true);
    expect(matches('eth.addr == ff.ff.ff.ff.ff.ff', syn)).toBe(true);
    expect(matches('eth.src == 00:11:22:33:44:56', syn)).toBe(false);
  });

  it('strings with escapes', () => {
    const http: Packet = { http: [], 'http.request.method': 'GET', 'http.user_agent': 'curl "8"\\x' };
    expect(matches('http.request.method == "GET"', http)).toBe(true);
    expect(matches('http.request.method == "\\x47ET"', http)).toBe(true);
    expect(matches('http.request.method == "\\107ET"', http)).toBe(true);
    expect(matches('http.user_agent == "curl \\"8\\"\\\\x"', http)).toBe(true);
    expect(matches('http.user_agent contains r"\\x"', http)).toBe(true);
    expect(matches('http.request.method == "get"', http)).toBe(false);
  });
});

describe('contains, matches, in, masks and field-to-field comparisons', () => {
  const payload = new TextEncoder().encode('GET /index.html HTTP/1.1\r\n');
  const http: Packet = { tcp: [payload], 'tcp.payload': payload, 'http.host': 'www.Example.com' };

  it('contains a string or a byte sequence', () => {
    expect(matches('tcp contains "HTTP"', http)).toBe(true);
    expect(matches('tcp.payload contains 48:54:54:50', http)).toBe(true);
    expect(matches('tcp.payload contains 0x47', http)).toBe(true);
    expect(matches('tcp contains "http"', http)).toBe(false);
    expect(matches('http.host contains "Example"', http)).toBe(true);
    expect(matches('eth.addr contains 33:44:55', syn)).toBe(true);
  });

  it('matches is case-insensitive unless (?-i)', () => {
    expect(matches('http.host matches "example\\\\.COM$"', http)).toBe(true);
    expect(matches('http.host matches "(?-i)example"', http)).toBe(false);
    expect(matches('http.host ~ "^www"', http)).toBe(true);
    expect(matches('tcp.payload matches "^get /"', http)).toBe(true);
  });

  it('in with values and ranges, separated by commas or spaces', () => {
    expect(matches('tcp.port in {443 8080 80}', syn)).toBe(true);
    expect(matches('tcp.port in {443, 8080}', syn)).toBe(false);
    expect(matches('tcp.port in {70..90}', syn)).toBe(true);
    expect(matches('tcp.port in {70 .. 79, 81..90}', syn)).toBe(false);
    expect(matches('ip.addr in {10.1.2.0..10.1.2.9}', syn)).toBe(true);
    expect(matches('dns.qry.name in {"example.org", "example.com"}', dns)).toBe(true);
  });

  it('slices take bytes of fields, addresses and protocols', () => {
    expect(matches('eth.src[0:3] == 00:11:22', syn)).toBe(true);
    expect(matches('eth.src[3-5] == 33:44:55 && eth.src[-1] == 55 && eth.src[:2] == 00:11', syn)).toBe(true);
    expect(matches('eth.src[4:] == 44:55 && eth.src[0,5] == 00:55', syn)).toBe(true);
    expect(matches('ip.src[0] == 0a && ip.dst[2:2] == 01:05', syn)).toBe(true);
    expect(matches('tcp.payload[0:3] == "GET" && tcp[4:4] contains "ind"', http)).toBe(true);
    expect(matches('tcp.payload[0:3] == "PUT"', http)).toBe(false);
    // Out of range: the slice is absent, so even != is false.
    expect(matches('eth.src[4:10] != 00', syn)).toBe(false);
  });

  it('functions: len, count, lower, upper, string', () => {
    const web: Packet = {
      'http.host': ['WWW.Example.com', '10.0.0.1'],
      'ip.src': '10.1.2.3',
      'frame.number': 7,
    };
    expect(matches('len(http.host) == 15', web)).toBe(true);
    expect(matches('len(http.host) == 8', web)).toBe(true); // a text field that looks like an address is text
    expect(matches('len(ip.src) == 4 && len(eth.src) == 6', { ...web, 'eth.src': '00:11:22:33:44:55' })).toBe(
      true,
    );
    expect(matches('count(http.host) == 2 && count(dns.a) == 2', { ...web, ...dns })).toBe(true);
    expect(matches('count(tcp.port) > 0', dns)).toBe(false);
    expect(matches('lower(http.host) == "www.example.com"', web)).toBe(true);
    expect(matches('upper(http.host) contains "EXAMPLE"', web)).toBe(true);
    expect(matches('string(frame.number) matches "[13579]$"', web)).toBe(true);
    expect(matches('len(http.host[0:3]) == 3', web)).toBe(true);
  });

  it('bitwise & tests bits', () => {
    expect(matches('tcp.flags & 0x02', syn)).toBe(true);
    expect(matches('tcp.flags & 0x10', syn)).toBe(false);
    expect(matches('tcp.flags & 0x12 == 0x02', syn)).toBe(true);
    expect(matches('tcp.flags bitwise_and 0x12 == 0x12', syn)).toBe(false);
    expect(matches('eth.src[0] & 0x0f == 0', syn)).toBe(true);
    expect(matches('eth.src[1:2] & ff:00 == 0x1100', syn)).toBe(true);
  });

  it('a field compared with a field, and a value on the left', () => {
    expect(matches('tcp.srcport > tcp.dstport', syn)).toBe(true);
    expect(matches('ip.src == ip.dst', syn)).toBe(false);
    expect(matches('80 == tcp.port', syn)).toBe(true);
    expect(matches('100 > tcp.dstport', syn)).toBe(true);
  });

  it('precedence: not > and > or, left to right', () => {
    expect(matches('tcp && udp || dns', dns)).toBe(true);
    expect(matches('dns || tcp && udp', syn)).toBe(false);
    expect(matches('!tcp && dns', dns)).toBe(true);
    expect(matches('not (dns or tcp)', dns)).toBe(false);
    expect(matches('tcp.port == 80 || udp.port == 53', dns)).toBe(true);
    expect(matches('tcp.port == 80 || udp.port == 53', syn)).toBe(true);
  });

  it('the empty filter matches everything', () => {
    expect(matches('', dns)).toBe(true);
    expect(matches('   ', syn)).toBe(true);
  });
});

describe('what a compiled filter reads', () => {
  it('lists every field and protocol, including a field on the right-hand side', () => {
    const result = compileFilter('!(tcp && ip.src == ip.dst) || frame.len > 60 || 80 == udp.port');
    expect(result.ok && result.filter.fields).toEqual(['frame.len', 'ip.dst', 'ip.src', 'tcp', 'udp.port']);
  });

  it('gives the canonical text', () => {
    const result = compileFilter('not tcp.port eq 80 and (dns or udp)');
    expect(result.ok && result.filter.canonical).toBe('!(tcp.port == 80) && (dns || udp)');
  });
});
