import type { NormSetDocument, NormSetKind } from '../norm-set';

/**
 * What an amendment of a norm set reopens (issue 13): the kind of result it governs and how that
 * result is found (the read model and the key prefix of the results of this norm set), or nothing.
 */
export type OpenResults = Readonly<{ results: 'scores' | 'levies'; keyPrefix: string }>;

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
export type RuleFamily<P = unknown, I = unknown, R = unknown> = Readonly<{
  kind: NormSetKind;
  validate: (parameters: unknown) => void;
  recompute: ((inputs: I, document: NormSetDocument<P>) => R) | null;
  openResults: ((document: NormSetDocument<P>) => OpenResults) | null;
  reassess: Reassessment | null;
  whatIf: WhatIfRole;
  refuseWhatIfChange: (base: P, hypothetical: P) => string | null;
}>;

export const noWhatIfRefusal = (): null => null;
