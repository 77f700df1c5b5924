/** The Reports view. Placeholder until its feature lands: says what the view will do. */
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';

export default function ReportsView() {
  const { t } = useTranslation();
  return (
    <EmptyState
      testId="view-reports"
      title={t('views.reports.title')}
      description={t('views.reports.empty')}
    />
  );
}
