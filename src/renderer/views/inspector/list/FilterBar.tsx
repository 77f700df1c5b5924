/** Filters for the exchange list: host, method, status, content type and free text. */
import { useTranslation } from 'react-i18next';
import { isValidStatusFilter, type RowFilter } from './row-filter';

const METHODS = ['', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'CONNECT'];

export function FilterBar({ filter, onChange }: { filter: RowFilter; onChange: (f: RowFilter) => void }) {
  const { t } = useTranslation('inspector');
  const set = (key: keyof RowFilter) => (value: string) => onChange({ ...filter, [key]: value });
  const statusValid = isValidStatusFilter(filter.status);
  return (
    <div
      className="insp-filters"
      role="search"
      aria-label={t('filter.label')}
      data-testid="inspector-filters"
    >
      <input
        type="search"
        placeholder={t('filter.text')}
        aria-label={t('filter.text')}
        value={filter.text}
        onChange={(e) => set('text')(e.target.value)}
        data-testid="filter-text"
        className="insp-grow"
      />
      <input
        type="search"
        placeholder={t('filter.host')}
        aria-label={t('filter.host')}
        value={filter.host}
        onChange={(e) => set('host')(e.target.value)}
        data-testid="filter-host"
      />
      <select
        aria-label={t('filter.method')}
        value={filter.method}
        onChange={(e) => set('method')(e.target.value)}
        data-testid="filter-method"
      >
        {METHODS.map((m) => (
          <option key={m} value={m}>
            {m || t('filter.anyMethod')}
          </option>
        ))}
      </select>
      <input
        type="search"
        placeholder={t('filter.status')}
        aria-label={t('filter.status')}
        title={t('filter.statusHint')}
        aria-invalid={!statusValid}
        value={filter.status}
        onChange={(e) => set('status')(e.target.value)}
        data-testid="filter-status"
        size={8}
      />
      <input
        type="search"
        placeholder={t('filter.contentType')}
        aria-label={t('filter.contentType')}
        value={filter.contentType}
        onChange={(e) => set('contentType')(e.target.value)}
        data-testid="filter-type"
        size={10}
      />
    </div>
  );
}
