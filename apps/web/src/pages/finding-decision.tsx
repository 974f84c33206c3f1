import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import type { Session } from '../auth';
import { Alert } from '../components';
import { useT } from '../i18n';

/** The API takes a decision's note of at least this many characters (FindingDecisionDto). */
const NOTE_MIN = 10;

/**
 * The calculator resolves an open finding by a documented decision (asb.md, action 11): the note is the
 * documentation, kept on the CheckFindingResolved event. A refusal of the decider is shown as the API words it.
 */
export const FindingDecision = ({ session, farmId, year, findingId, onDecided }: { session: Session; farmId: string; year: number; findingId: string; onDecided: () => void }) => {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const id = `besluit-${findingId}`;
  if (session.role !== 'calculator') return null;
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
      () => {
        setOpen(false);
        onDecided();
      },
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
