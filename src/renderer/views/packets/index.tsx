/** The Packets view. Placeholder until its feature lands: says what the view will do. */
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';

export default function PacketsView() {
  const { t } = useTranslation();
  return (
    <EmptyState
      testId="view-packets"
      title={t('views.packets.title')}
      description={t('views.packets.empty')}
    />
  );
}
