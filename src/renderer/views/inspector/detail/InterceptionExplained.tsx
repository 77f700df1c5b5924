/**
 * "How this interception works" for the selected exchange or failure: the diagram, then the story in
 * plain words, correcting the study notes' RSA version with what this exchange actually negotiated.
 */
import { useTranslation } from 'react-i18next';
import { InterceptionDiagram } from './InterceptionDiagram';
import type { DiagramModel } from './diagram-legs';

export function InterceptionExplained({ model }: { model: DiagramModel }) {
  const { t } = useTranslation('inspector');
  const legsUseRsa = model.client.keyExchange === 'rsa' || model.server.keyExchange === 'rsa';
  return (
    <div className="insp-explained" data-testid="interception-explained">
      <InterceptionDiagram model={model} />
      <h3>{t('how.title')}</h3>
      <p className="insp-correction" data-testid="how-correction">
        <strong>{t('how.notesSay')}</strong> {t('how.notesStory')}
      </p>
      <ol className="insp-how-steps" data-testid="how-steps">
        <li>{t('how.twoSessions', { host: model.host })}</li>
        <li>{t('how.ownKeys')}</li>
        <li>{t('how.trust')}</li>
        <li>{t('how.relay')}</li>
        <li>{t('how.pinning')}</li>
      </ol>
      {legsUseRsa && <p className="insp-warn">{t('how.rsaLeg')}</p>}
    </div>
  );
}
