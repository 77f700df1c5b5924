/** The Labs view. Placeholder until its feature lands: says what the view will do. */
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';

export default function LabsView() {
  const { t } = useTranslation();
  return <EmptyState testId="view-labs" title={t('views.labs.title')} description={t('views.labs.empty')} />;
}
