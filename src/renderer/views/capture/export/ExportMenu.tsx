/**
 * Exports of the open connection: Mermaid text (clipboard and .mmd download) built by NetLab
 * itself, and SVG/PNG pictures rendered by the mermaid package from that text.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TcpSegmentRow } from '../../../../shared/api/tcp';
import type { TcpConnectionSummary } from '../../../../shared/model/tcp';
import { buildMermaidSequence } from './mermaid-text';
import { download, renderMermaidSvg, svgToPng } from './mermaid-render';

/** A sequence diagram with more arrows than this is unreadable and slow to lay out. */
const PICTURE_LIMIT = 300;

type Status =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'ok'; text: string } | { kind: 'error'; text: string };

export function ExportMenu({
  connection,
  rows,
}: {
  connection: TcpConnectionSummary;
  rows: readonly TcpSegmentRow[];
}) {
  const { t } = useTranslation('timeline');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const base = `netlab-tcp-stream-${connection.stream}`;
  const text = () => buildMermaidSequence(connection, rows);
  const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

  const copy = async () => {
    const mermaid = text();
    try {
      await navigator.clipboard.writeText(mermaid);
      setStatus({ kind: 'ok', text: t('export.copied') });
    } catch (e) {
      setStatus({ kind: 'error', text: t('export.clipboardFailed', { message: message(e) }) });
    }
  };
  const saveText = () => {
    download(new Blob([text()], { type: 'text/plain' }), `${base}.mmd`);
    setStatus({ kind: 'ok', text: t('export.done', { file: `${base}.mmd` }) });
  };
  const picture = async (format: 'svg' | 'png') => {
    setStatus({ kind: 'busy' });
    try {
      const dark = document.documentElement.dataset.theme === 'dark';
      const svg = await renderMermaidSvg(
        buildMermaidSequence(connection, rows, { maxSegments: PICTURE_LIMIT }),
        dark,
      );
      const blob = format === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await svgToPng(svg);
      download(blob, `${base}.${format}`);
      const done = t('export.done', { file: `${base}.${format}` });
      setStatus({
        kind: 'ok',
        text:
          rows.length > PICTURE_LIMIT ? `${done} ${t('export.truncated', { count: PICTURE_LIMIT })}` : done,
      });
    } catch (e) {
      setStatus({ kind: 'error', text: t('export.failed', { message: message(e) }) });
    }
  };

  const busy = status.kind === 'busy';
  return (
    <div className="export-menu" data-testid="export-menu">
      <button type="button" data-testid="export-mermaid-copy" onClick={copy} disabled={busy}>
        {t('export.copyMermaid')}
      </button>
      <button type="button" data-testid="export-mermaid-download" onClick={saveText} disabled={busy}>
        {t('export.downloadMermaid')}
      </button>
      <button type="button" data-testid="export-svg" onClick={() => void picture('svg')} disabled={busy}>
        {t('export.svg')}
      </button>
      <button type="button" data-testid="export-png" onClick={() => void picture('png')} disabled={busy}>
        {t('export.png')}
      </button>
      <span role="status" data-testid="export-status" className={status.kind === 'error' ? 'bad' : undefined}>
        {busy ? t('export.rendering') : status.kind === 'idle' ? '' : status.text}
      </span>
    </div>
  );
}
