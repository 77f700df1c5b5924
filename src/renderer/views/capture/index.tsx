/** The Capture view. Placeholder until its feature lands: says what the view will do. */
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';

export default function CaptureView() {
  const { t } = useTranslation();
  return (
    <EmptyState
      testId="view-capture"
      title={t('views.capture.title')}
      description={t('views.capture.empty')}
    />
  );
}
