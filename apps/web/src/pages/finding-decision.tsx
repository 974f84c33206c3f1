import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import type { Session } from '../auth';
import { Alert } from '../components';
import { useT } from '../i18n';

/** The API takes a decision's note of at least this many characters (FindingDecisionDto). */
const NOTE_MIN = 10;

/**
 * The calculator resolves an open finding by a documented decision (asb.md, action 11): the note is the
 * documentation, kept on the CheckFindingResolved event. A refusal of the decider is shown as the API words it.
 * Once recorded, the confirmation takes the form's place and the focus (a status message, WCAG 4.1.3): the
 * finding stays in view until the list is read again, rather than vanishing without a word.
 */
export const FindingDecision = ({ session, farmId, year, findingId }: { session: Session; farmId: string; year: number; findingId: string }) => {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [decided, setDecided] = useState(false);
  const confirmation = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (decided) confirmation.current?.focus();
  }, [decided]);
  const id = `besluit-${findingId}`;
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
    setRefusal(null);
    api(session, 'POST', `/farms/${farmId}/years/${year}/findings/${encodeURIComponent(findingId)}/decision`, { note: note.trim() }).then(
      () => setDecided(true),
      (error: unknown) => setRefusal(error instanceof ApiError ? error.message : String(error)),
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
            <textarea id={`${id}-note`} rows={3} value={note} aria-invalid={noteError} aria-describedby={`${id}-hint${noteError ? ` ${id}-error` : ''}`} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div aria-live="polite">
            {refusal ? (
              <Alert type="error">
                <span lang="en">{refusal}</span>
              </Alert>
            ) : null}
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
