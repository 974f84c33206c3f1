import { readActiveSubmission, type ActiveSubmission, type ReadActiveSubmission } from '@asb/domain';
import type { StoredEvent } from '@asb/event-store';
import { balanceDataOf, balanceSubmissionsProjection, farmYearKey, handlerFilter, type FarmYearSubmissionData, type FarmYearSubmissions } from '@asb/projections';

/** A farm-year's submissions as folded from the events of its stream up to `events`, with the active ones read (D77). */
export type SubmissionsUpTo = Readonly<{
  events: readonly StoredEvent[];
  submissions: FarmYearSubmissionData;
  /** The fold itself (where each active submission is in the stream), which the next step moves on. */
  refs: FarmYearSubmissions;
  /** The active submissions read at the entrance (D31), each once; null when one does not read (the caller reads them all again, and fails as before). */
  read: readonly ReadActiveSubmission[] | null;
}>;

const handles = handlerFilter(balanceSubmissionsProjection);

/**
 * Folds a farm-year's submissions forward (D77): what was folded from a stream's events is moved on by
 * the events appended after them, instead of folding the whole stream again at every reconcile and
 * reading every active submission again — which made a submission's checks cost grow with the
 * submissions the farm-year already held. The events of a fold the command service holds only grow at
 * the end (same objects), so a fold whose last event is the same object at the same place in the new
 * list was folded from a prefix of it; anything else (a fold read again after eviction, a restart) is
 * folded whole, as before. The result equals `withSubmissionData(foldProjection(...))` (property-tested),
 * and active submissions that stay active are the same objects, so what is kept per submission is found
 * again.
 */
export const submissionsForward = (farmId: string, year: number, events: readonly StoredEvent[], before: SubmissionsUpTo | undefined): SubmissionsUpTo => {
  const key = farmYearKey(farmId, year);
  const from = before && followsOn(before.events, events) ? before : undefined;
  const start = from?.events.length ?? 0;
  let doc: FarmYearSubmissions = from?.refs ?? balanceSubmissionsProjection.initialState(key);
  for (let i = start; i < events.length; i++) {
    const event = events[i];
    if (handles(event.type) && balanceSubmissionsProjection.keysOf(event).includes(key)) doc = balanceSubmissionsProjection.evolve(doc, event);
  }
  if (from && doc === from.refs) return { ...from, events };
  const kept = new Map<string, { active: ActiveSubmission; read: ReadActiveSubmission | null }>();
  if (from) from.submissions.active.forEach((active, k) => kept.set(active.eventId, { active, read: from.read?.[k] ?? null }));
  const byId = new Map<string, StoredEvent>();
  for (let i = start; i < events.length; i++) byId.set(events[i].id, events[i]);
  let readable = true;
  const active: ActiveSubmission[] = [];
  const read: ReadActiveSubmission[] = [];
  for (const ref of doc.active) {
    const known = kept.get(ref.eventId);
    if (known) {
      active.push(known.active);
      // Not read before where one before it did not read (the whole read took over): read now, once that one is gone.
      const one = known.read ?? (readable ? readOrNull(known.active) : null);
      if (one) read.push(one);
      else readable = false;
      continue;
    }
    const event = byId.get(ref.eventId);
    if (!event) throw new Error(`submission ${ref.submissionId}: event ${ref.eventId} was not read`);
    const submission = { submissionId: ref.submissionId, eventId: ref.eventId, recordedAt: ref.recordedAt, data: balanceDataOf(event.data as never) };
    active.push(submission);
    const one = readable ? readOrNull(submission) : null;
    if (one) read.push(one);
    else readable = false;
  }
  return { events, submissions: { ...doc, active }, refs: doc, read: readable ? read : null };
};

/** The stream's events only grow at the end: the same last event at the same place means the same prefix. */
const followsOn = (before: readonly StoredEvent[], now: readonly StoredEvent[]): boolean =>
  before.length > 0 && before.length <= now.length && now[before.length - 1] === before[before.length - 1];

/** A submission that does not read is left to the whole read, which names it by its place among the active ones. */
const readOrNull = (s: ActiveSubmission): ReadActiveSubmission | null => {
  try {
    return readActiveSubmission(s, 'submission');
  } catch {
    return null;
  }
};
