/**
 * The HTTPS Inspector: start NetLab's interception proxy, trust its CA, then watch decrypted
 * exchanges and TLS failures arrive, and see for each one how the two TLS sessions were made.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExchangeDetailPane } from './detail/ExchangeDetailPane';
import { TlsFailureDetail } from './detail/TlsFailureDetail';
import './inspector.css';
import { ExchangeList } from './list/ExchangeList';
import { FilterBar } from './list/FilterBar';
import { HarControls } from './list/HarControls';
import { EMPTY_FILTER, isFilterEmpty, rowMatches, type RowFilter } from './list/row-filter';
import { useInspectorRows } from './list/use-inspector-rows';
import { useTextHits } from './list/use-text-hits';
import { CaPanel } from './setup/CaPanel';
import { ProxyPanel } from './setup/ProxyPanel';
import { useProxyStatus } from './use-proxy-status';

export default function InspectorView() {
  const { t } = useTranslation('inspector');
  const { status, setStatus } = useProxyStatus();
  const { rows, reload, loadError } = useInspectorRows();
  const [filter, setFilter] = useState<RowFilter>(EMPTY_FILTER);
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const textHits = useTextHits(filter.text, rows.length);

  const shown = useMemo(
    () => (isFilterEmpty(filter) ? rows : rows.filter((row) => rowMatches(row, filter, textHits))),
    [rows, filter, textHits],
  );
  const selected = useMemo(() => rows.find((r) => r.key === selectedKey) ?? null, [rows, selectedKey]);

  return (
    <div className="inspector-view" data-testid="view-inspector">
      <header className="insp-title">
        <h1>{t('title')}</h1>
        <p className="insp-muted">{t('intro')}</p>
      </header>
      <details className="insp-setup" open data-testid="inspector-setup">
        <summary>{t('setup')}</summary>
        <div className="insp-setup-grid">
          <ProxyPanel status={status} onStatus={setStatus} />
          <CaPanel />
        </div>
      </details>
      <div className="insp-toolbar">
        <FilterBar filter={filter} onChange={setFilter} />
        <HarControls onImported={() => void reload()} />
      </div>
      {loadError && (
        <p className="banner-error" role="alert">
          {t('list.loadFailed', { message: loadError })}
        </p>
      )}
      <div className="insp-panes">
        <ExchangeList
          rows={shown}
          totalCount={rows.length}
          selectedKey={selectedKey}
          onSelect={setSelectedKey}
        />
        {selected === null ? (
          <section className="insp-detail insp-detail-empty">
            <p className="insp-muted">{rows.length === 0 ? t('detail.startHint') : t('detail.pick')}</p>
          </section>
        ) : selected.kind === 'exchange' ? (
          <ExchangeDetailPane summary={selected.exchange} />
        ) : (
          <section className="insp-detail" data-testid="failure-detail-pane">
            <TlsFailureDetail failure={selected.failure} />
          </section>
        )}
      </div>
    </div>
  );
}
