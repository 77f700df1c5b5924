/** Open a capture file: the file picker, the upload/import progress bar with Cancel, the outcome. */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportState } from './use-import';

export function ImportControls({
  state,
  onOpen,
  onCancel,
  onDismiss,
}: {
  state: ImportState;
  onOpen: (file: File) => void;
  onCancel: () => void;
  onDismiss: () => void;
}) {
  const { t } = useTranslation('packets');
  const input = useRef<HTMLInputElement>(null);
  const busy = state.phase === 'uploading' || state.phase === 'importing';
  return (
    <>
      <button type="button" data-testid="open-file" disabled={busy} onClick={() => input.current?.click()}>
        {t('toolbar.open')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="open-file-input"
        accept=".pcap,.pcapng,.cap,.pcap.gz,application/vnd.tcpdump.pcap"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onOpen(file);
        }}
      />
      {busy && <ImportProgressBar state={state} onCancel={onCancel} />}
      {(state.phase === 'finished' || state.phase === 'failed') && (
        <ImportOutcome state={state} onDismiss={onDismiss} />
      )}
    </>
  );
}

function ImportProgressBar({ state, onCancel }: { state: ImportState; onCancel: () => void }) {
  const { t, i18n } = useTranslation('packets');
  let value = 0;
  let label = '';
  if (state.phase === 'uploading') {
    value = state.size ? state.sent / state.size : 0;
    label = t('import.uploading', { name: state.name, percent: Math.round(value * 100) });
  } else if (state.phase === 'importing') {
    const p = state.progress;
    value = p && p.totalBytes ? p.bytesRead / p.totalBytes : 0;
    label = t('import.importing', {
      name: state.name,
      packets: (p?.packets ?? 0).toLocaleString(i18n.language),
    });
  }
  return (
    <span className="import-progress" data-testid="import-progress">
      <progress max={1} value={value} aria-label={label} />
      <span>{label}</span>
      <button type="button" data-testid="import-cancel" onClick={onCancel}>
        {t('import.cancel')}
      </button>
    </span>
  );
}

function ImportOutcome({ state, onDismiss }: { state: ImportState; onDismiss: () => void }) {
  const { t, i18n } = useTranslation('packets');
  const n = (value: number) => value.toLocaleString(i18n.language);
  let text = '';
  let bad = false;
  if (state.phase === 'failed') {
    bad = true;
    text = t('import.failed', { name: state.name, message: state.message });
  } else if (state.phase === 'finished') {
    const p = state.progress;
    if (p.state === 'done') text = t('import.done', { name: p.name, packets: n(p.packets) });
    else if (p.state === 'cancelled') text = t('import.cancelled', { name: p.name, packets: n(p.packets) });
    else {
      bad = true;
      text =
        p.error?.offset !== undefined
          ? t('import.damaged', {
              name: p.name,
              offset: p.error.offset,
              message: sentence(p.error.message),
              packets: p.packets,
            })
          : t('import.failed', { name: p.name, message: p.error?.message ?? '' });
    }
  }
  return (
    <span
      className={bad ? 'import-outcome bad' : 'import-outcome'}
      role={bad ? 'alert' : 'status'}
      data-testid="import-outcome"
    >
      {text}
      <button type="button" className="link-button" onClick={onDismiss} aria-label={t('import.dismiss')}>
        ×
      </button>
    </span>
  );
}

/** The main side's messages may lack a final full stop; the template continues with a sentence. */
function sentence(message: string): string {
  return /[.!?。！？]$/.test(message.trim()) ? message.trim() : `${message.trim()}.`;
}
