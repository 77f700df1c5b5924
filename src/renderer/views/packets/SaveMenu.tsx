/**
 * Save as pcapng: the whole session, the packets the filter shows, or the selected packet. The
 * main side writes the pcapng (with the TLS key log embedded when there is one); the renderer
 * downloads the bytes as a file.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { downloadBytes } from './download';

type Scope = 'all' | 'displayed' | 'selected';
const PAGE = 5000;

export function SaveMenu({
  filter,
  selected,
  total,
}: {
  filter: string;
  /** The marked packets, else the selected one, else none. */
  selected: number[];
  total: number;
}) {
  const { t } = useTranslation('packets');
  const api = useApi();
  const [scope, setScope] = useState<Scope>('all');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A scope that no longer applies (filter cleared, nothing marked) shows and saves as "all".
  const effective: Scope =
    (scope === 'displayed' && !filter) || (scope === 'selected' && selected.length === 0) ? 'all' : scope;

  /** The frame numbers the filter shows, page by page (the filter result is cached server-side). */
  const displayedNumbers = async (): Promise<number[]> => {
    const numbers: number[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await api.invoke('session.packets', { offset, limit: PAGE, filter });
      for (const p of page.packets) numbers.push(p.number);
      if (offset + PAGE >= page.total) return numbers;
    }
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      let numbers: number[] | undefined;
      if (effective === 'selected') numbers = selected;
      else if (effective === 'displayed') numbers = await displayedNumbers();
      const { bytes, fileName } = await api.invoke('session.exportPcapng', numbers ? { numbers } : {});
      downloadBytes(bytes, fileName, 'application/x-pcapng');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="save-menu">
      <label className="visually-hidden" htmlFor="packets-save-scope">
        {t('save.scopeLabel')}
      </label>
      <select
        id="packets-save-scope"
        data-testid="save-scope"
        value={effective}
        onChange={(e) => setScope(e.target.value as Scope)}
      >
        <option value="all">{t('save.all')}</option>
        <option value="displayed" disabled={!filter}>
          {t('save.displayed')}
        </option>
        <option value="selected" disabled={selected.length === 0}>
          {t('save.selected', { count: selected.length })}
        </option>
      </select>
      <button
        type="button"
        data-testid="save-pcapng"
        disabled={busy || total === 0}
        onClick={() => void save()}
      >
        {t('save.button')}
      </button>
      {error && (
        <span className="import-outcome bad" role="alert" data-testid="save-error">
          {error}
        </span>
      )}
    </span>
  );
}
