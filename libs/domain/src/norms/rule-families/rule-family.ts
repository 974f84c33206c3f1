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
 * One part of a recorded result (a scheme's KPI, a levy's component): its rule as written and the
 * figures of the farm-year it reads (indicator keys, `landUse`, `peatSharePct`, `livestockUnits`,
 * `fpcmKg`, `priorBiodiversityPaid`). A what-if computes a part again only where its rule differs from
 * the one the result was recorded under or a figure it reads moved; the others stand as recorded (D65).
 */
export type ResultPart = Readonly<{ id: string; rule: unknown; reads: readonly string[] }>;

/**
 * A result's parts under a document, and its `frame`: what names the parts (a scheme, a levy id). The
 * total is always computed again from the parts (caps are read from the document).
 */
export type ResultParts = Readonly<{ frame: string; parts: readonly ResultPart[] }>;

/**
 * One family of rules: everything the ledger does differently per norm-set kind, in one place, pure.
 * `validate` checks the parameters (D31); `recompute` reruns a recorded result from its recorded
 * inputs under a document (replay --verify, explain); `openResults` and `reassess` tell the amendment
 * reactor what an amendment reopens; `whatIf` what a scenario draft of this kind moves, `resultParts` which parts of a result each
 * rule and figure moves; and
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
  /** A result's parts and what each reads (D65); null where results have no parts to keep. */
  resultParts: ((parameters: P) => ResultParts) | null;
  refuseWhatIfChange: (base: P, hypothetical: P) => string | null;
}>;

export const noWhatIfRefusal = (): null => null;
