/**
 * Live capture controls: interface (default preselected, addresses shown), BPF filter checked as
 * you type, snaplen and promiscuous mode, Start/Stop, live counters and problems.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureInterface, CaptureProblem } from '../../../../shared/api/capture';
import { isApiErrorShape } from '../../../../shared/api/define';
import { useApi } from '../../../api/api-context';
import { CaptureCounters } from './CaptureCounters';
import { CaptureProblemBanner } from './CaptureProblemBanner';
import { useCapture } from './use-capture';
import { useFilterValidation } from './use-filter-validation';

function isCaptureProblem(value: unknown): value is CaptureProblem {
  return typeof value === 'object' && value !== null && 'code' in value && 'i18nKey' in value;
}

function interfaceLabel(iface: CaptureInterface, t: (key: string) => string, isDefault: boolean): string {
  const tags = [
    isDefault && t('interfaces.default'),
    iface.loopback && t('interfaces.loopback'),
    iface.pseudo && t('interfaces.pseudo'),
    !iface.up && t('interfaces.down'),
  ].filter(Boolean);
  const addresses = iface.addresses.map((a) => a.address).join(', ') || t('interfaces.noAddress');
  return `${iface.name} — ${addresses}${tags.length ? ` (${tags.join(', ')})` : ''}`;
}

export function CaptureControls() {
  const api = useApi();
  const { t } = useTranslation('capture');
  const { t: tl } = useTranslation('timeline');
  const capture = useCapture();
  const [chosenIface, setIface] = useState('');
  // Until the user picks one, the backend's default interface is preselected.
  const iface = chosenIface || capture.interfaces?.defaultInterface || '';
  const [filter, setFilter] = useState('');
  const [snaplen, setSnaplen] = useState(0);
  const [promiscuous, setPromiscuous] = useState(true);
  const [busy, setBusy] = useState(false);
  const check = useFilterValidation(iface, filter);

  const state = capture.status?.state ?? 'idle';
  const running = state === 'running' || state === 'starting';
  const filterInvalid = check.kind === 'done' && !check.result.valid;

  const start = async () => {
    setBusy(true);
    capture.setProblem(null);
    try {
      capture.setStatus(
        await api.invoke('capture.start', { interface: iface, filter, snaplen, promiscuous }),
      );
    } catch (error) {
      const details = isApiErrorShape(error) ? error.details : undefined;
      if (isCaptureProblem(details)) capture.setProblem(details);
      else {
        const message = error instanceof Error ? error.message : String(error);
        capture.setProblem({
          code: 'capture-failed',
          message,
          i18nKey: 'timeline:controls.startFailed',
          params: { message },
        });
      }
    } finally {
      setBusy(false);
    }
  };
  const stop = async () => {
    setBusy(true);
    try {
      capture.setStatus(await api.invoke('capture.stop', {}));
    } finally {
      setBusy(false);
    }
  };

  const selected = capture.interfaces?.interfaces.find((i) => i.name === iface);
  return (
    <section className="capture-controls" aria-label={t('title')} data-testid="capture-controls">
      <div className="capture-row">
        <label className="capture-field">
          <span>{t('interface')}</span>
          <select
            data-testid="capture-interface"
            value={iface}
            disabled={running}
            onChange={(e) => setIface(e.target.value)}
          >
            {capture.interfaces?.interfaces.map((i) => (
              <option key={i.name} value={i.name}>
                {interfaceLabel(i, t, i.name === capture.interfaces?.defaultInterface)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={capture.reloadInterfaces}
          disabled={running}
          title={tl('controls.reload')}
        >
          ↻<span className="visually-hidden">{tl('controls.reload')}</span>
        </button>
        <label className="capture-field capture-filter">
          <span>{t('filter.label')}</span>
          <input
            data-testid="capture-filter"
            type="text"
            spellCheck={false}
            value={filter}
            disabled={running}
            placeholder={t('filter.placeholder')}
            aria-invalid={filterInvalid}
            aria-describedby="capture-filter-status"
            onChange={(e) => setFilter(e.target.value)}
          />
        </label>
        <label className="capture-field capture-snaplen">
          <span>{t('options.snaplen')}</span>
          <input
            data-testid="capture-snaplen"
            type="number"
            min={0}
            max={262144}
            value={snaplen}
            disabled={running}
            onChange={(e) => setSnaplen(Math.max(0, Math.min(262144, Number(e.target.value) || 0)))}
          />
        </label>
        <label className="capture-check">
          <input
            type="checkbox"
            data-testid="capture-promiscuous"
            checked={promiscuous}
            disabled={running}
            onChange={(e) => setPromiscuous(e.target.checked)}
          />
          {t('options.promiscuous')}
        </label>
        {running ? (
          <button
            type="button"
            className="capture-stop"
            data-testid="capture-stop"
            disabled={busy}
            onClick={stop}
          >
            ■ {t('actions.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="capture-start"
            data-testid="capture-start"
            disabled={busy || !iface || filterInvalid || check.kind === 'checking'}
            onClick={start}
          >
            ● {t('actions.start')}
          </button>
        )}
      </div>
      <div className="capture-row capture-status-row">
        {selected && selected.addresses.length > 0 && (
          <span className="capture-addresses" data-testid="capture-addresses">
            {tl('controls.addresses')}: {selected.addresses.map((a) => a.address).join(', ')}
          </span>
        )}
        <span
          id="capture-filter-status"
          className="capture-filter-status"
          data-testid="capture-filter-status"
        >
          {check.kind === 'checking' && t('filter.checking')}
          {check.kind === 'done' && check.result.valid && <span className="ok">✓ {t('filter.valid')}</span>}
          {check.kind === 'done' && !check.result.valid && (
            <span className="bad" role="alert">
              ✗{' '}
              {t(check.result.problem.i18nKey, {
                ...check.result.problem.params,
                hint: check.result.hint ?? '',
              })}
            </span>
          )}
        </span>
        <span className="capture-state" data-testid="capture-state" data-state={state}>
          {t(`state.${state}`, { interface: capture.status?.interface ?? iface })}
        </span>
        {capture.status && <CaptureCounters status={capture.status} />}
      </div>
      {capture.interfaces && !capture.interfaces.captureAvailable && (
        <p className="capture-note">{t('interfaces.unavailable')}</p>
      )}
      {capture.status?.notes.map((note) => (
        <p key={note} className="capture-note">
          {/promiscuous/i.test(note) ? t('notes.promiscuousAlwaysOn') : note}
        </p>
      ))}
      {capture.problem && (
        <CaptureProblemBanner problem={capture.problem} onDismiss={capture.dismissProblem} />
      )}
    </section>
  );
}
