/** The Inspector view. Placeholder until its feature lands: says what the view will do. */
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';

export default function InspectorView() {
  const { t } = useTranslation();
  return (
    <EmptyState
      testId="view-inspector"
      title={t('views.inspector.title')}
      description={t('views.inspector.empty')}
    />
  );
}
