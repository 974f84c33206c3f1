import type { NormSetDocument } from './norm-set';
import { dutchCalendarDate } from '../shared/dutch-calendar-date';

/**
 * What a result is governed for (D41): a farm-year (a score, a levy, a balance, the checks, a what-if
 * over a year) or an act on a date (an application, its completion, the allocation, an advance, a
 * settlement).
 */
export type GoverningReference = Readonly<{ year: number }> | Readonly<{ at: string }>;

/**
 * The day a reference is judged on: 31 December of a farm-year, or the day of the act as a Dutch
 * calendar date (an act at 00:30 on 1 January in the Netherlands is 23:30 on 31 December in UTC).
 */
export const referenceDay = (ref: GoverningReference): string => ('year' in ref ? `${ref.year}-12-31` : (dutchCalendarDate(ref.at) ?? ref.at.slice(0, 10)));

/** A norm set's recorded versions, oldest first (a `NormSetHistory`). */
export type RecordedVersions = Readonly<{ versions: ReadonlyArray<Readonly<{ document: NormSetDocument }>> }>;

/**
 * THE rule for which version of a norm set governs a result (D41), used by scoring, levies, checks,
 * the balance, the subsidy money rules, the amendment reactor and the what-if: of the versions recorded
 * (up to `asOf`, when the history was read as of a moment), the newest whose `effectiveFrom` day is on
 * or before the reference day. None → no version governs (the caller refuses `NO_NORM_SET_IN_FORCE`).
 * A withdrawn norm set keeps governing what it governed: withdrawal stops new publications, not history.
 * A recorded result names the version it used; recomputations (audit explain, `replay --verify`) use that
 * recorded version, which this rule chose when the result was recorded.
 */
export const governingVersion = <P = unknown>(history: RecordedVersions, ref: GoverningReference): NormSetDocument<P> | null => {
  const day = referenceDay(ref);
  const applicable = history.versions.filter((v) => v.document.effectiveFrom.slice(0, 10) <= day);
  return (applicable.at(-1)?.document as NormSetDocument<P> | undefined) ?? null;
};
