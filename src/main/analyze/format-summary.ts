/** The human-readable summary `netlab analyze FILE` prints (English, like all CLI output). */
import type { AnalysisReport, ReportField } from './analysis-report';

function formatTime(seconds: number | null): string {
  if (seconds === null) return '-';
  return new Date(seconds * 1000).toISOString().replace('T', ' ').replace('Z', ' UTC');
}

export function formatSummary(report: AnalysisReport): string {
  const lines: string[] = [];
  lines.push(`File:        ${report.file}`);
  lines.push(`Format:      ${report.format ?? 'unknown'}`);
  const links = [...new Set(report.linkTypes.map((l) => `${l.name} (${l.linkType})`))];
  lines.push(`Link type:   ${links.join(', ') || '-'}`);
  lines.push(`Packets:     ${report.packetCount.toLocaleString('en')}`);
  lines.push(`First:       ${formatTime(report.firstTime)}`);
  lines.push(`Last:        ${formatTime(report.lastTime)}`);
  lines.push(`Duration:    ${report.duration.toFixed(6)} s`);
  if (report.filter) lines.push(`Filter:      ${report.filter} (counts below are of matching packets)`);
  lines.push(`TCP conversations (by address/port pair): ${report.conversations.length}`);
  lines.push(`TCP connections (tcp.stream): ${report.connections.length}`);
  const protocols = Object.entries(report.protocols).sort((a, b) => b[1] - a[1]);
  if (protocols.length > 0) {
    lines.push('Protocols (packets that contain each layer):');
    const width = Math.max(...protocols.map(([name]) => name.length));
    for (const [name, count] of protocols)
      lines.push(`  ${name.padEnd(width)}  ${count.toLocaleString('en').padStart(10)}`);
  }
  if (report.connections.length > 0) {
    lines.push('TCP connections:');
    lines.push(
      '  stream  client → server                                      state  history       packets  duration',
    );
    const shown = report.connections.slice(0, 50);
    for (const c of shown) {
      const ends = `${c.client.addr}:${c.client.port} → ${c.server.addr}:${c.server.port}${c.rolesGuessed ? ' (?)' : ''}`;
      const packets = c.stats.client.packets + c.stats.server.packets;
      lines.push(
        `  ${String(c.stream).padStart(6)}  ${ends.padEnd(52)} ${c.connState.padEnd(6)} ${c.history.padEnd(12)} ${String(packets).padStart(8)}  ${c.durationSeconds.toFixed(6)} s`,
      );
    }
    if (report.connections.length > shown.length) {
      lines.push(`  ... ${report.connections.length - shown.length} more (use --json for all)`);
    }
  }
  if (report.error) {
    lines.push('');
    lines.push(`The file is damaged at byte ${report.error.offset}: ${report.error.message}`);
    lines.push('Everything before that point is summarised above.');
  }
  return lines.join('\n') + '\n';
}

function formatTree(fields: ReportField[], depth: number, out: string[]): void {
  for (const f of fields) {
    const value = f.value === null ? (f.truncated ? '[not captured]' : '') : (f.display ?? String(f.value));
    const where = `[${f.offset}+${f.length}]`;
    out.push(
      `${'  '.repeat(depth)}${f.name}${value === '' ? '' : `: ${value}`}  ${where}${f.warning ? `  ! ${f.warning}` : ''}`,
    );
    if (f.children) formatTree(f.children, depth + 1, out);
  }
}

/** One line per packet like tshark's default output; with field trees, each tree below its line. */
export function formatPacketList(report: AnalysisReport): string {
  const out: string[] = [];
  for (const p of report.packets ?? []) {
    const time = report.firstTime === null ? 0 : Math.max(0, p.time - report.firstTime);
    out.push(
      `${String(p.number).padStart(6)} ${time.toFixed(6).padStart(12)} ${p.source} → ${p.destination} ${p.protocol} ${p.length} ${p.info}`,
    );
    if (p.fields) formatTree(p.fields, 2, out);
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}
