/**
 * Step-by-step trust (and untrust) of NetLab's CA per platform. The texts belong to the proxy
 * namespace (shared with the CLI's help); this only lays them out, commands in monospace.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const PLATFORMS = ['linux', 'nss', 'firefox', 'macos', 'windows', 'android', 'ios'] as const;
type Platform = (typeof PLATFORMS)[number];

const COMMAND = /^(sudo|netlab|certutil|security)\s/;

/** A step that is a shell command, or "Where: command", is shown as code so it can be copied. */
function Step({ text }: { text: string }) {
  if (COMMAND.test(text)) return <code className="insp-cmd">{text}</code>;
  const colon = text.indexOf(': ');
  if (colon > 0 && COMMAND.test(text.slice(colon + 2))) {
    return (
      <>
        {text.slice(0, colon + 1)} <code className="insp-cmd">{text.slice(colon + 2)}</code>
      </>
    );
  }
  return <>{text}</>;
}

function steps(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : [];
}

export function TrustInstructions() {
  const { t } = useTranslation('inspector');
  const { t: tp } = useTranslation('proxy');
  const [platform, setPlatform] = useState<Platform>('linux');
  const base = `ca.trust.${platform}`;
  return (
    <div className="insp-trust" data-testid="trust-instructions">
      <h3>{t('trust.title')}</h3>
      <div className="insp-tabs" role="tablist" aria-label={t('trust.title')}>
        {PLATFORMS.map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            aria-selected={p === platform}
            className={p === platform ? 'active' : ''}
            onClick={() => setPlatform(p)}
            data-testid={`trust-tab-${p}`}
          >
            {t(`trust.platform.${p}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" data-testid="trust-panel">
        <h4>{tp(`${base}.title`)}</h4>
        <ol>
          {steps(tp(`${base}.steps`, { returnObjects: true })).map((s) => (
            <li key={s}>
              <Step text={s} />
            </li>
          ))}
        </ol>
        <h4>{t('trust.remove')}</h4>
        <ol>
          {steps(tp(`${base}.remove`, { returnObjects: true })).map((s) => (
            <li key={s}>
              <Step text={s} />
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
