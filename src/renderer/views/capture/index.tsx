/**
 * The Capture & Timeline view: live capture controls on top, the TCP connections of the session
 * on the left, and the selected connection's ladder diagram with its explanations on the right.
 */
import { useTranslation } from 'react-i18next';
import { useSelection } from '../../state/selection';
import './capture.css';
import { ConnectionList } from './connections/ConnectionList';
import { CaptureControls } from './controls/CaptureControls';
import { TimelinePanel } from './ladder/TimelinePanel';

export default function CaptureView() {
  const { t } = useTranslation('timeline');
  const { stream } = useSelection();
  return (
    <div className="capture-view" data-testid="view-capture">
      <CaptureControls />
      <div className="capture-panes">
        <ConnectionList />
        {stream === null ? (
          <section className="timeline-panel timeline-empty" data-testid="timeline-empty">
            <p className="pane-empty">{t('ladder.none')}</p>
          </section>
        ) : (
          <TimelinePanel key={stream} stream={stream} />
        )}
      </div>
    </div>
  );
}
