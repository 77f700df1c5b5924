/**
 * A capture problem in the user's language: what happened, what to do, the command that fixes it
 * (with a copy button) and libpcap's own words. Captured packets stay: the banner says so.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureProblem } from '../../../../shared/api/capture';

export function CaptureProblemBanner({
  problem,
  onDismiss,
}: {
  problem: CaptureProblem;
  onDismiss: () => void;
}) {
  const { t, i18n } = useTranslation('timeline');
  const [copied, setCopied] = useState(false);
  // Keys come from the capture backend (`capture` namespace) or, for errors the view itself makes,
  // with an explicit namespace prefix.
  const [ns, key] = problem.i18nKey.includes(':')
    ? problem.i18nKey.split(':', 2)
    : ['capture', problem.i18nKey];
  const text = i18n.exists(key, { ns }) ? t(key, { ns, ...problem.params }) : problem.message;
  const copy = () => {
    if (!problem.fixCommand) return;
    void navigator.clipboard?.writeText(problem.fixCommand).then(() => setCopied(true));
  };
  return (
    <div
      className="banner-error capture-problem"
      role="alert"
      data-testid="capture-problem"
      data-code={problem.code}
    >
      <p>{text}</p>
      {problem.fixCommand && (
        <div className="capture-fix">
          <span>{t('controls.fixCommand')}</span>
          <code data-testid="capture-fix-command">{problem.fixCommand}</code>
          <button type="button" onClick={copy}>
            {copied ? t('controls.copied') : t('controls.copy')}
          </button>
        </div>
      )}
      {problem.detail && <p className="capture-problem-detail">{problem.detail}</p>}
      {(problem.code === 'agent-crashed' || problem.code === 'capture-failed') && <p>{t('controls.kept')}</p>}
      <button type="button" onClick={onDismiss}>
        {t('controls.dismiss')}
      </button>
    </div>
  );
}
