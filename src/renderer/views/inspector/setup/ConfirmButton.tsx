/** A button that asks "are you sure?" inline before a destructive action (no blocking window.confirm). */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ConfirmButton({
  label,
  warning,
  onConfirm,
  testId,
  disabled,
}: {
  label: string;
  warning: ReactNode;
  onConfirm: () => void;
  testId: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation('inspector');
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)} data-testid={testId} disabled={disabled}>
        {label}
      </button>
    );
  return (
    <div className="insp-confirm" role="alertdialog" aria-label={label} data-testid={`${testId}-confirm`}>
      <p>{warning}</p>
      <button
        type="button"
        className="danger"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
        data-testid={`${testId}-yes`}
      >
        {label}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
