/** Export all recorded exchanges as HAR, import a HAR file as rows, and clear the list. */
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../api/api-context';
import { downloadFile } from '../download';
import { splitHarForImport } from './har-chunks';

export function HarControls({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation('inspector');
  const api = useApi();
  const fileInput = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const exportHar = async () => {
    try {
      const har = await api.invoke('proxy.har.export', {});
      downloadFile(har.json, har.suggestedFileName, 'application/json');
      setMessage({ ok: true, text: t('har.exported', { count: har.entryCount }) });
    } catch (e) {
      setMessage({ ok: false, text: t('har.exportFailed', { message: (e as Error).message }) });
    }
  };

  const importHar = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    try {
      let imported = 0;
      let skipped = 0;
      for (const piece of splitHarForImport(await file.text())) {
        const result = await api.invoke('proxy.har.import', { json: piece });
        imported += result.imported;
        skipped += result.skipped.length;
      }
      setMessage({
        ok: skipped === 0,
        text:
          t('har.imported', { count: imported }) +
          (skipped > 0 ? ' ' + t('har.skipped', { count: skipped }) : ''),
      });
    } catch (e) {
      setMessage({ ok: false, text: t('har.importFailed', { message: (e as Error).message }) });
    }
    onImported();
  };

  const clear = async () => {
    await api.invoke('proxy.clear', {}).catch(() => undefined);
    setMessage(null);
    onImported();
  };

  return (
    <div className="insp-row insp-har" data-testid="har-controls">
      <button type="button" onClick={exportHar} data-testid="har-export">
        {t('har.export')}
      </button>
      <button type="button" onClick={() => fileInput.current?.click()} data-testid="har-import">
        {t('har.import')}
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".har,application/json"
        hidden
        onChange={importHar}
        data-testid="har-file-input"
      />
      <button type="button" onClick={clear} data-testid="exchanges-clear">
        {t('har.clear')}
      </button>
      {message && (
        <span className={message.ok ? 'insp-muted' : 'insp-bad'} role="status" data-testid="har-message">
          {message.text}
        </span>
      )}
    </div>
  );
}
