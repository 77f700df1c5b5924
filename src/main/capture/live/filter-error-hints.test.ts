import { describe, expect, it } from 'vitest';
import { explainFilterError } from './bpf-hints';

describe('hints for libpcap filter errors', () => {
  it.each([
    ['tcp port', '"port" needs a value after it, e.g. "port 80".'],
    ['hosst 1.2.3.4', '"hosst" is not a filter keyword: did you mean "host"?'],
    ['tcp and', 'The filter ends with "and": add what follows it.'],
    ['(tcp or udp', 'A "(" is never closed with ")".'],
    ['udp prot 53', '"prot" is not a filter keyword: did you mean "port"?'],
  ])('%s', (filter, hint) => {
    expect(explainFilterError(filter)).toBe(hint);
  });

  it('host names after "host" are values, not misspelt keywords', () => {
    expect(explainFilterError('host hoss and port 80')).toBeNull();
  });
});
