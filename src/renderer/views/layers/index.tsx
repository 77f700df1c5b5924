/** The Layers view. Placeholder until its feature lands: says what the view will do. */
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';

export default function LayersView() {
  const { t } = useTranslation();
  return (
    <EmptyState testId="view-layers" title={t('views.layers.title')} description={t('views.layers.empty')} />
  );
}
