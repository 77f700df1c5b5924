/** The selected segment in words: states after it (with certainty), marks, every explanation, and a link to Layers. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TcpSegmentRow } from '../../../../shared/api/tcp';
import { formatDuration } from '../controls/format';
import { segmentMarks } from './ladder-geometry';
import { NoteText } from './NoteText';
import { segmentLabel } from './segment-label';
import type { StepNote } from './step-explanations';

export function SegmentDetails({ row, notes }: { row: TcpSegmentRow; notes: readonly StepNote[] }) {
  const { t } = useTranslation('timeline');
  const { t: tt } = useTranslation('tcp');
  const marks = segmentMarks(row.analysis);
  return (
    <section className="segment-details" data-testid="segment-details" data-frame={row.frame}>
      <header>
        <strong>{t('details.title', { frame: row.frame })}</strong>{' '}
        <span className="mono">
          {tt(`role.${row.from}`)} → {tt(`role.${row.from === 'client' ? 'server' : 'client'}`)}:{' '}
          {segmentLabel(row)}
        </span>{' '}
        <span>{t('details.time', { time: formatDuration(row.relativeTime) })}</span>{' '}
        <span>{t('details.window', { window: row.window })}</span>{' '}
        <Link to="/layers" data-testid="open-layers">
          {t('ladder.openLayers', { frame: row.frame })}
        </Link>
      </header>
      <h3>{t('details.states')}</h3>
      <ul>
        {(['client', 'server'] as const).map((role) => (
          <li key={role} data-testid={`details-state-${role}`}>
            <strong>{tt(`role.${role}`)}:</strong> {tt(`state.${row.states[role].state}`)}{' '}
            <em>{tt(`certainty.${row.states[role].certainty}`)}</em>
          </li>
        ))}
      </ul>
      {marks.length > 0 && (
        <ul className="details-marks">
          {marks.map((m) => (
            <li key={m.flag} className={`tone-${m.tone}`}>
              {m.icon} <strong>{t(`mark.${m.flag}`, { num: row.duplicateAckNum ?? '' })}</strong>{' '}
              {tt(`flag.${m.flag}`)}
            </li>
          ))}
        </ul>
      )}
      {notes.length > 0 && (
        <>
          <h3>{t('details.notes')}</h3>
          {notes.map((note, i) => (
            <NoteText key={i} note={note} />
          ))}
        </>
      )}
    </section>
  );
}
