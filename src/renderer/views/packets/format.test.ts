import { describe, expect, it } from 'vitest';
import { absoluteTime, protocolClass, relativeTime } from './format';

describe('packet list columns', () => {
  it('shows time relative to the first packet with microseconds, exactly', () => {
    expect(relativeTime('1262893114341715000', '1262893114341715000')).toBe('0.000000');
    expect(relativeTime('1262893114372005000', '1262893114341715000')).toBe('0.030290');
    // A day later: floats would lose the last digits here.
    expect(relativeTime('1262979514341715001', '1262893114341715000')).toBe('86400.000000');
    expect(relativeTime('1', null)).toBe('');
  });

  it('shows absolute time with microseconds', () => {
    expect(absoluteTime('1262893114341715000')).toMatch(/^2010-01-0[78] \d\d:\d\d:34\.341715$/);
  });

  it('colours rows by their protocol family', () => {
    expect(protocolClass('TLSv1.3')).toBe('tls');
    expect(protocolClass('HTTP/JSON')).toBe('http');
    expect(protocolClass('TCP')).toBe('tcp');
    expect(protocolClass('ICMPv6')).toBe('icmp');
    expect(protocolClass('SSDP')).toBe('other');
  });
});
