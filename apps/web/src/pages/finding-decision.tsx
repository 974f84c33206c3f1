import { useEffect, useRef, useState, type FormEvent } from 'react';
import { post } from '../api';
import type { Session } from '../auth';
import { Alert, ErrorMessage } from '../components';
import { useT } from '../i18n';
import { useRefusal } from '../refusal';

/** The API takes a decision's note of at least this many characters (FindingDecisionDto). */
const NOTE_MIN = 10;

/**
 * The calculator resolves an open finding by a documented decision (asb.md, action 11): the note is the
 * documentation, kept on the CheckFindingResolved event. A refusal of the decider is shown in the person's language.
 * Once recorded, the confirmation takes the form's place and the focus (a status message, WCAG 4.1.3): the
 * finding stays in view until the list is read again, rather than vanishing without a word.
 */
export const FindingDecision = ({ session, farmId, year, findingId }: { session: Session; farmId: string; year: number; findingId: string }) => {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState(false);
  const [decided, setDecided] = useState(false);
  const confirmation = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (decided) confirmation.current?.focus();
  }, [decided]);
  const id = `besluit-${findingId}`;
  const refusal = useRefusal(id);
  if (session.role !== 'calculator') return null;
  if (decided) {
    return (
      <div ref={confirmation} tabIndex={-1}>
        <Alert type="ok">{t('findingDecided')}</Alert>
      </div>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const given = note.trim().length >= NOTE_MIN;
    setNoteError(!given);
    if (!given) {
      document.getElementById(`${id}-note`)?.focus();
      return;
    }
    refusal.clear();
    post(session, '/farms/{farmId}/years/{year}/findings/{findingId}/decision', { farmId, year, findingId }, { note: note.trim() }).then(
      () => setDecided(true),
      (error: unknown) => refusal.setError(error),
    );
  };
  return (
    <>
      {' '}
      <button type="button" className="utrecht-button utrecht-button--secondary-action" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {t('decideFinding')}
      </button>
      {open ? (
        <form id={id} className="asb-form" onSubmit={submit} noValidate>
          <div className="asb-field">
            <label htmlFor={`${id}-note`}>{t('findingNote')}</label>
            <span className="asb-hint" id={`${id}-hint`}>
              {t('findingNoteHint')}
            </span>
            {noteError ? (
              <span className="utrecht-form-field-error-message" id={`${id}-error`}>
                {t('findingNoteRequired')}
              </span>
            ) : null}
            <textarea id={`${id}-note`} rows={3} value={note} {...refusal.field('note', { invalid: noteError, describedBy: `${id}-hint${noteError ? ` ${id}-error` : ''}` })} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div aria-live="polite">
            {refusal.error ? <ErrorMessage error={refusal.error} id={refusal.messageId} /> : null}
          </div>
          <div>
            <button type="submit" className="utrecht-button utrecht-button--primary-action">
              {t('recordFindingDecision')}
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
};
