import type { NormSetDocument, NormSetKind, NormSetRef } from '../norm-set';

/**
 * What an amendment of a norm set reopens (issue 13): the results it governs — a scheme's scores or a
 * levy's assessments — named by the scheme or levy, or nothing.
 */
export type OpenResults = Readonly<{ results: 'scores'; scheme: string }> | Readonly<{ results: 'levies'; levyId: string }>;

/** A result as recorded and as recomputed, in the terms a comparison needs: the total and its parts (KPIs, components). */
export type ComparableOutcome = Readonly<{ totalCents: number; parts: Readonly<Record<string, number>> }>;

/** How a recorded result of the family is read back from its event: the version it names, its inputs and its outcome. */
export type RecordedResult<I> = Readonly<{
  eventTypes: readonly string[];
  read: (data: unknown) => Readonly<{ normSet: NormSetRef; inputs: I; outcome: ComparableOutcome }>;
}>;

/**
 * What happens to one open result when an amendment now governs it: a score is calculated again (and
 * a settled subsidy re-settled), a levy assessed again unless settled (D37).
 */
export type Reassessment = 'recalculate-score' | 'reassess-levy';

/** What a what-if does with a draft of this kind (issue 17): the outcome it moves, or why it cannot. */
export type WhatIfRole =
  | Readonly<{ recomputes: 'subsidy' | 'levy' | 'balance' | 'findings' }>
  | Readonly<{ recomputes: 'nothing'; reason: string }>;

/**
 * One family of rules: everything the ledger does differently per norm-set kind, in one place, pure.
 * `validate` checks the parameters (D31); `recompute` reruns a recorded result from its recorded
 * inputs under a document (replay --verify, explain); `openResults` and `reassess` tell the amendment
 * reactor what an amendment reopens; `whatIf` what a scenario draft of this kind moves; and
 * `refuseWhatIfChange` names a change the what-if cannot honestly recompute (D46).
 */
export type RuleFamily<P = unknown, I = unknown> = Readonly<{
  kind: NormSetKind;
  validate: (parameters: unknown) => void;
  /** The events that record a result of this family, and how to read one back; null when none is recorded. */
  recorded: RecordedResult<I> | null;
  recompute: ((inputs: I, document: NormSetDocument<P>) => ComparableOutcome) | null;
  openResults: ((document: NormSetDocument<P>) => OpenResults) | null;
  reassess: Reassessment | null;
  whatIf: WhatIfRole;
  refuseWhatIfChange: (base: P, hypothetical: P) => string | null;
}>;

export const noWhatIfRefusal = (): null => null;
