/**
 * The Packets view: open/save/clear, the display filter, the virtualized packet list and the
 * selected packet's field tree. Selection is shared: choosing a row selects its packet and TCP
 * stream everywhere (the timeline, the Layers view).
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PacketSummary } from '../../../shared/model/packet';
import { useApi } from '../../api/api-context';
import { selectionStore, useSelection } from '../../state/selection';
import '../layers/layer-colors.css';
import { FilterBar } from './FilterBar';
import { ImportControls } from './ImportControls';
import { PacketDetailPane } from './PacketDetailPane';
import { PacketList } from './PacketList';
import './packets.css';
import { SaveMenu } from './SaveMenu';
import { useDropStaleSelection } from './use-drop-stale-selection';
import { useImport } from './use-import';
import { usePacketPages } from './use-packet-pages';

export default function PacketsView() {
  const { t } = useTranslation('packets');
  const api = useApi();
  const navigate = useNavigate();
  const { packet, sessionEpoch } = useSelection();
  const [filter, setFilter] = useState('');
  const [absolute, setAbsolute] = useState(false);
  const [autoscroll, setAutoscroll] = useState(false);
  const pages = usePacketPages(filter);
  useDropStaleSelection();
  const importer = useImport(pages.refresh, pages.refreshTail);
  const [sessionTotal, setSessionTotal] = useState<number | null>(null);
  const [marked, setMarked] = useState<ReadonlySet<number>>(() => new Set());
  const mark = useCallback((numbers: number[], mode: 'toggle' | 'replace') => {
    setMarked((old) => {
      if (mode === 'replace') return old.size === 0 && numbers.length === 0 ? old : new Set(numbers);
      const next = new Set(old);
      for (const n of numbers) if (!next.delete(n)) next.add(n);
      return next;
    });
  }, []);
  // Marks belong to one session and one filter.
  const [markKey, setMarkKey] = useState(`${filter}/${sessionEpoch}`);
  if (markKey !== `${filter}/${sessionEpoch}`) {
    setMarkKey(`${filter}/${sessionEpoch}`);
    setMarked(new Set());
  }

  // "N of M packets match" needs the unfiltered count, asked only while a filter is applied.
  useEffect(() => {
    if (!filter) return;
    let current = true;
    api
      .invoke('session.info', {})
      .then((info) => current && setSessionTotal(info.packetCount))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [api, filter, pages.total]);

  const select = useCallback((row: PacketSummary) => {
    selectionStore.selectPacket(row.number, row.tcpStream ?? null);
  }, []);

  const clear = () => {
    void api.invoke('session.clear', {}).then(() => {
      selectionStore.reset();
      pages.refresh();
    });
  };

  return (
    <div className="packets-view" data-testid="view-packets">
      <div className="packets-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
        <ImportControls
          state={importer.state}
          onOpen={(file) => void importer.open(file)}
          onCancel={importer.cancel}
          onDismiss={importer.dismiss}
        />
        <SaveMenu
          filter={filter}
          selected={marked.size > 0 ? [...marked] : packet !== null ? [packet] : []}
          total={pages.total}
        />
        <button type="button" data-testid="clear-session" onClick={clear}>
          {t('toolbar.clear')}
        </button>
        <span className="toolbar-spacer" />
        <label className="toolbar-toggle">
          <input
            type="checkbox"
            data-testid="toggle-absolute-time"
            checked={absolute}
            onChange={(e) => setAbsolute(e.target.checked)}
          />
          {t('toolbar.absoluteTime')}
        </label>
        <label className="toolbar-toggle">
          <input
            type="checkbox"
            data-testid="toggle-autoscroll"
            checked={autoscroll}
            onChange={(e) => setAutoscroll(e.target.checked)}
          />
          {t('toolbar.autoscroll')}
        </label>
      </div>
      <FilterBar
        applied={filter}
        onApply={setFilter}
        matched={pages.total}
        total={sessionTotal}
        serverError={pages.error}
        filtering={pages.filtering}
      />
      <PacketList
        pages={pages}
        selected={packet}
        onSelect={select}
        marked={marked}
        onMark={mark}
        onOpen={() => void navigate('/layers')}
        absolute={absolute}
        autoscroll={autoscroll}
        filtered={filter !== ''}
        emptyMessage={pages.filtering ? t('filter.running') : filter ? t('list.noMatch') : t('list.empty')}
      />
      <PacketDetailPane number={packet} epoch={sessionEpoch} />
    </div>
  );
}
