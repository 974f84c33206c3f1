import { post, type Params } from '../api';
import type { Session } from '../auth';
import { useT } from '../i18n';

/** Where recalculating is the way forward: an upheld dispute must be answered by a new version (D36). */
const RECALCULABLE = new Set(['calculated', 'presented', 'disputed', 'dispute-upheld', 'dispute-rejected', 'approved']);

/**
 * "Herberekenen": the calculator recalculates a farm-year's score from the latest submitted data under
 * the norm set in force (`POST …/calculation`). After an upheld dispute it is the only way on; the new
 * version is then presented with the score's own "present" button. A rejected dispute's score is
 * presented again as it is. What happened, or the ledger's refusal (e.g. SCORE_UNCHANGED), is told in the
 * score's own message area (`onDone`, `onRefused`).
 */
export const Recalculate = ({ session, score, status, scoreVersion, onDone, onRefused }: { session: Session; score: Params<'/farms/{farmId}/years/{year}/scores/{scheme}/calculation', 'post'>; status: string; scoreVersion: number; onDone: (text: string) => void; onRefused: (error: unknown) => void }) => {
  const t = useT();
  if (session.role !== 'calculator' || !RECALCULABLE.has(status)) return null;
  const recalculate = () =>
    post(session, '/farms/{farmId}/years/{year}/scores/{scheme}/calculation', score, {
      reason: status === 'dispute-upheld' ? 'dispute upheld: recalculated from corrected data' : 'recalculated from the latest submitted data',
    }).then(
      (answer) => onDone(t(answer.events.length ? 'recalculated' : 'recalculatedUnchanged')),
      onRefused,
    );
  const presentAgain = () => post(session, '/farms/{farmId}/years/{year}/scores/{scheme}/presentation', score, { scoreVersion }).then(() => onDone(t('presented')), onRefused);
  return (
    <div className="asb-actions">
      <button type="button" className={`utrecht-button utrecht-button--${status === 'dispute-upheld' ? 'primary' : 'secondary'}-action`} onClick={recalculate}>
        {t('recalculate')}
      </button>
      {status === 'dispute-rejected' ? (
        <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={presentAgain}>
          {t('presentAgain')}
        </button>
      ) : null}
    </div>
  );
};
