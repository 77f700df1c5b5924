/** One explanation note (a step, a situation or an analysis flag) in the current language. */
import { useTranslation } from 'react-i18next';
import type { StepNote } from './step-explanations';

export function useNoteText(): (note: StepNote) => { id: string; title: string; text: string } {
  const { t } = useTranslation('timeline');
  const { t: tt } = useTranslation('tcp');
  return (note) => {
    if (note.kind === 'situation') {
      return {
        id: `situation-${note.situation}`,
        title: tt(`situation.${note.situation}.title`),
        text: tt(`situation.${note.situation}.text`),
      };
    }
    if (note.kind === 'flag') {
      // The tcp texts start with the flag's name ("Duplicate ACK: …", "重复 ACK：…"): that part is the title.
      const full = tt(`flag.${note.flag}`);
      const split = /^([^:：]{1,60})[:：]\s*(.+)$/.exec(full);
      return {
        id: `flag-${note.flag}`,
        title: split ? split[1] : t(`mark.${note.flag}`, { num: '' }).replace(/\s*#\s*$/, ''),
        text: split ? split[2] : full,
      };
    }
    const params = {
      ...note.params,
      role: tt(`role.${note.params.role}`),
      peer: tt(`role.${note.params.peer}`),
    };
    return {
      id: `step-${note.step}`,
      title: t(`step.${note.step}.title`, params),
      text: t(`step.${note.step}.text`, params),
    };
  };
}

export function NoteText({ note, compact = false }: { note: StepNote; compact?: boolean }) {
  const text = useNoteText()(note);
  return (
    <div
      className={`ladder-note ladder-note-${note.kind}${compact ? ' compact' : ''}`}
      data-testid="ladder-note"
      data-note={text.id}
    >
      <strong>{text.title}</strong> <span title={compact ? text.text : undefined}>{text.text}</span>
    </div>
  );
}
