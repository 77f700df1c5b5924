/**
 * The display filter bar: Wireshark syntax, checked on every keystroke in the renderer (the
 * shared filter library, no round trip), green when valid, red with the bad span underlined and
 * the message under it. Enter or Apply runs it on the main side.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkFilter, NETLAB_KNOWN_FIELDS, type FilterError } from '../../../shared/filter';

const KNOWN = { knownFields: NETLAB_KNOWN_FIELDS };

export function FilterBar({
  applied,
  onApply,
  matched,
  total,
  serverError,
  filtering,
}: {
  applied: string;
  onApply: (filter: string) => void;
  matched: number;
  total: number | null;
  serverError: string | null;
  filtering: boolean;
}) {
  const { t, i18n } = useTranslation('packets');
  const [text, setText] = useState(applied);
  const error = useMemo(() => (text.trim() ? checkFilter(text, KNOWN) : null), [text]);
  const state = !text.trim() ? 'empty' : error ? 'invalid' : 'valid';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!error) onApply(text.trim());
  };

  return (
    <div className="filter-bar">
      <form className="filter-form" onSubmit={submit} role="search">
        <label htmlFor="packets-filter" className="visually-hidden">
          {t('filter.label')}
        </label>
        <input
          id="packets-filter"
          data-testid="filter-input"
          className="filter-input"
          data-state={state}
          aria-invalid={state === 'invalid'}
          aria-describedby="packets-filter-status"
          spellCheck={false}
          autoComplete="off"
          placeholder={t('filter:placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" data-testid="filter-apply" disabled={state === 'invalid'}>
          {t('filter.apply')}
        </button>
        <button
          type="button"
          data-testid="filter-clear"
          disabled={!text && !applied}
          onClick={() => {
            setText('');
            onApply('');
          }}
        >
          {t('filter.clear')}
        </button>
      </form>
      <div id="packets-filter-status" className="filter-status" aria-live="polite">
        {error ? (
          <FilterErrorView text={text} error={error} />
        ) : serverError ? (
          <p className="filter-message bad" role="alert" data-testid="filter-server-error">
            {serverError}
          </p>
        ) : filtering ? (
          <p className="filter-message" data-testid="filter-running">
            {t('filter.running')}
          </p>
        ) : applied ? (
          <p className="filter-message" data-testid="filter-matched">
            {t('filter:matched', {
              shown: matched.toLocaleString(i18n.language),
              total: total?.toLocaleString(i18n.language) ?? '…',
            })}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function FilterErrorView({ text, error }: { text: string; error: FilterError }) {
  const { t } = useTranslation('filter');
  const start = Math.min(error.position, text.length);
  const end = Math.min(text.length, start + error.length);
  // An error at the very end (missing value) underlines a blank after the text.
  const bad = text.slice(start, end) || '\u00a0';
  return (
    <div className="filter-error" role="alert" data-testid="filter-error" data-position={error.position}>
      <code className="filter-echo" aria-hidden="true">
        {text.slice(0, start)}
        <mark data-testid="filter-error-span">{bad}</mark>
        {text.slice(end)}
      </code>
      <p className="filter-message bad">{t(`errors.${error.key}`, error.params)}</p>
    </div>
  );
}
