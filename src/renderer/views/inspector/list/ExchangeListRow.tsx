/** One row of the exchange list: an HTTP exchange, or a TLS failure drawn as a warning row. */
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatClock, formatDuration, shortContentType } from '../format';
import { isClientRejection, type InspectorRow } from './inspector-rows';

function statusClass(code: number | null): string {
  if (code === null) return '';
  if (code >= 500) return 'status-5xx';
  if (code >= 400) return 'status-4xx';
  if (code >= 300) return 'status-3xx';
  return 'status-2xx';
}

export function ExchangeListRow({
  row,
  selected,
  onSelect,
  style,
}: {
  row: InspectorRow;
  selected: boolean;
  onSelect: (key: string) => void;
  style: CSSProperties;
}) {
  const { t } = useTranslation('inspector');
  const common = {
    id: `insp-row-${row.key}`,
    role: 'row',
    'aria-selected': selected,
    onClick: () => onSelect(row.key),
    style,
  };
  if (row.kind === 'tls-failure') {
    const f = row.failure;
    return (
      <div
        {...common}
        className={`insp-list-row tls-failure${selected ? ' selected' : ''}`}
        data-testid="tls-failure-row"
        data-cause={f.cause}
      >
        <span role="gridcell" className="col-number">
          T{f.id}
        </span>
        <span role="gridcell" className="col-time">
          {formatClock(f.time)}
        </span>
        <span role="gridcell" className="col-method">
          TLS
        </span>
        <span role="gridcell" className="col-host" data-testid="row-host">
          {f.host}
        </span>
        <span role="gridcell" className="col-failure" data-testid="tls-failure-summary">
          ⚠ {isClientRejection(f) ? t('failure.rowClientRejected') : t(`failure.rowCause.${f.cause}`)}
          {f.alert ? ` (${f.alert.name})` : ''}
        </span>
      </div>
    );
  }
  const e = row.exchange;
  return (
    <div
      {...common}
      className={`insp-list-row${selected ? ' selected' : ''}${e.state === 'error' ? ' errored' : ''}`}
      data-testid="exchange-row"
      data-exchange-id={e.id}
    >
      <span role="gridcell" className="col-number">
        {e.id}
      </span>
      <span role="gridcell" className="col-time">
        {formatClock(e.startedAt)}
      </span>
      <span role="gridcell" className="col-method">
        {e.method}
      </span>
      <span
        role="gridcell"
        className="col-host"
        data-testid="row-host"
        title={`${e.scheme}://${e.host}:${e.port}`}
      >
        {e.intercepted && (
          <span role="gridcell" className="insp-intercepted" aria-label={t('list.decrypted')} />
        )}
        {e.host}
      </span>
      <span role="gridcell" className="col-path" title={e.path}>
        {e.path}
      </span>
      <span role="gridcell" className={`col-status ${statusClass(e.statusCode)}`} data-testid="row-status">
        {e.statusCode ?? (e.state === 'error' ? t('list.failed') : '…')}
      </span>
      <span role="gridcell" className="col-type">
        {shortContentType(e.responseContentType)}
      </span>
      <span role="gridcell" className="col-size">
        {formatBytes(e.responseBodySize)}
      </span>
      <span role="gridcell" className="col-duration">
        {formatDuration(e.durationMs)}
      </span>
    </div>
  );
}
