/** Filters of the connection list: address/port text, Zeek conn_state, "has retransmissions". */
import { useTranslation } from 'react-i18next';
import type { ConnectionQuery } from './use-connection-pages';

const CONN_STATES = [
  'S0',
  'S1',
  'SF',
  'REJ',
  'S2',
  'S3',
  'RSTO',
  'RSTR',
  'RSTOS0',
  'RSTRH',
  'SH',
  'SHR',
  'OTH',
];

export function ConnectionFilters({
  query,
  onChange,
}: {
  query: ConnectionQuery;
  onChange: (next: ConnectionQuery) => void;
}) {
  const { t } = useTranslation('timeline');
  const { t: tt } = useTranslation('tcp');
  return (
    <div className="connection-filters">
      <label>
        <span className="visually-hidden">{t('connections.filterText')}</span>
        <input
          type="search"
          data-testid="connection-filter-text"
          placeholder={t('connections.filterPlaceholder')}
          aria-label={t('connections.filterText')}
          value={query.text}
          onChange={(e) => onChange({ ...query, text: e.target.value })}
        />
      </label>
      <label>
        <span className="visually-hidden">{t('connections.connState')}</span>
        <select
          data-testid="connection-filter-state"
          aria-label={t('connections.connState')}
          value={query.connState}
          onChange={(e) => onChange({ ...query, connState: e.target.value })}
        >
          <option value="">{t('connections.anyState')}</option>
          {CONN_STATES.map((s) => (
            <option key={s} value={s} title={tt(`zeek.${s}`)}>
              {s} — {tt(`zeek.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="capture-check">
        <input
          type="checkbox"
          data-testid="connection-filter-retrans"
          checked={query.withRetransmissions}
          onChange={(e) => onChange({ ...query, withRetransmissions: e.target.checked })}
        />
        {t('connections.withRetransmissions')}
      </label>
    </div>
  );
}
