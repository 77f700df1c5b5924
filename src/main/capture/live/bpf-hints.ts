/**
 * libpcap's filter errors are terse ("syntax error"). These hints point at the likely word: a
 * misspelt keyword ("hosst" → "host") or a qualifier left without its value ("tcp port").
 */
const KEYWORDS = [
  'host',
  'net',
  'port',
  'portrange',
  'src',
  'dst',
  'ether',
  'ip',
  'ip6',
  'arp',
  'rarp',
  'tcp',
  'udp',
  'icmp',
  'icmp6',
  'sctp',
  'proto',
  'and',
  'or',
  'not',
  'mask',
  'len',
  'less',
  'greater',
  'broadcast',
  'multicast',
  'gateway',
  'vlan',
  'mpls',
  'inbound',
  'outbound',
  'ifname',
  'on',
  'igmp',
  'pim',
  'vrrp',
  'link',
  'tcpflags',
  'icmptype',
  'decnet',
  'ppp',
  'slip',
  'fddi',
  'wlan',
  'type',
  'subtype',
  'dir',
];
/** Words that must be followed by a value. */
const NEEDS_VALUE = new Set([
  'host',
  'net',
  'port',
  'portrange',
  'mask',
  'len',
  'less',
  'greater',
  'proto',
  'gateway',
]);
/** After these, a word is a value (a host name, a protocol name), not a keyword. */
const TAKES_NAME = new Set(['host', 'gateway', 'proto', 'net', 'port', 'portrange', 'ether']);

/** Optimal string alignment distance: like Levenshtein, but a swap of two letters ("prot") costs 1. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

function closestKeyword(word: string): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const keyword of KEYWORDS) {
    const distance = editDistance(word, keyword);
    if (distance < bestDistance) {
      best = keyword;
      bestDistance = distance;
    }
  }
  return bestDistance <= (word.length <= 3 ? 1 : 2) ? best : null;
}

/** One English sentence pointing at the problem, or null when no simple cause is visible. */
export function explainFilterError(filter: string): string | null {
  const tokens = filter.toLowerCase().match(/[a-z][\w-]*|\d[\w.:/]*|[()[\]!&|=<>]+/g) ?? [];
  let depth = 0;
  for (const ch of filter) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) return 'A ")" has no matching "(".';
  }
  if (depth > 0) return 'A "(" is never closed with ")".';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const previous = tokens[i - 1];
    if (!/^[a-z]/.test(token) || KEYWORDS.includes(token)) continue;
    if (previous !== undefined && TAKES_NAME.has(previous)) continue;
    const guess = closestKeyword(token);
    if (guess) return `"${token}" is not a filter keyword: did you mean "${guess}"?`;
  }
  const last = tokens[tokens.length - 1];
  if (last !== undefined && NEEDS_VALUE.has(last)) {
    return `"${last}" needs a value after it, e.g. "${last} ${last.startsWith('port') ? '80' : last === 'proto' ? 'tcp' : '10.0.0.1'}".`;
  }
  if (last === 'and' || last === 'or' || last === 'not')
    return `The filter ends with "${last}": add what follows it.`;
  return null;
}
